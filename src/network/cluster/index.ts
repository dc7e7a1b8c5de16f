// The cluster network model's public surface (NET-MODEL, NET-SVC, DNS): build the ClusterNetwork from
// manifests, and ask it DNS questions. Other modules import from here, not from the files behind it.
export { buildClusterNetwork, DEFAULT_CLUSTER_CIDR, DEFAULT_CLUSTER_DOMAIN, DEFAULT_SERVICE_CIDR, type ClusterNetworkOptions } from './build.ts';
export { controllerSlices, resolveTargetPort, selectorMatches, type EndpointPod } from './endpointslices.ts';
export { lookup, zoneRecords, RECORD_TTL, type DnsRecord, type LookupResult, type PodRecordMode, type QueryType } from './dns-records.ts';
export {
  candidateNames,
  clusterDNS,
  formatResolvConf,
  resolve,
  resolvConf,
  type Query,
  type Resolution,
  type ResolveOptions,
  type ResolvConf,
} from './dns-resolve.ts';
export { cidrContains, formatCidr, formatIPv4, parseCidr, parseIPv4, type Cidr } from './ipv4.ts';
export type { EndpointSlice, NetworkObject, NetworkPod, Service, ServicePortSpec } from './objects.ts';
