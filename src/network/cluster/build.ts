// buildClusterNetwork: manifests → ClusterNetwork (NET-MODEL-01/02, NET-SVC-*). The one place the raw
// objects are read; every mechanism module (routing, kube-proxy, NetworkPolicy, DNS) reads its result.
// Defaults are the seeds' cluster: pod CIDR 192.168.128.0/18, Service CIDR 192.168.192.0/18, cluster.local,
// flannel VXLAN, kube-proxy iptables mode. What the manifests leave open is filled in as the cluster's
// components would (node-ipam, host-local IPAM, the Service allocators, the EndpointSlice controller),
// deterministically; every value the model invents outright is listed in `notes`.
import { InputError } from '../../errors.ts';
import type { Node } from '../../k8s/types.ts';
import type { ClusterNetwork, NetworkPlugin, NodeNet, ProxyMode } from '../types.ts';
import { controllerSlices } from './endpointslices.ts';
import { cidrsOverlap, formatCidr, parseCidr, type Cidr } from './ipv4.ts';
import { manualSlices } from './manual-slices.ts';
import { assignPodCIDRs, DEFAULT_NODE_CIDR_MASK, nodeIPs } from './node-ipam.ts';
import type { EndpointSlice, NetworkObject, NetworkPod, Service } from './objects.ts';
import { buildPods } from './pods.ts';
import { buildServices, DEFAULT_NODE_PORT_RANGE, type PortRange } from './services.ts';

export interface ClusterNetworkOptions {
  plugin?: NetworkPlugin;
  proxyMode?: ProxyMode;
  /** --cluster-cidr; default the seeds' 192.168.128.0/18. */
  clusterCIDR?: string;
  /** --service-cluster-ip-range; default the seeds' 192.168.192.0/18. */
  serviceCIDR?: string;
  /** --cluster-domain; default cluster.local. */
  clusterDomain?: string;
  /** --service-node-port-range, "30000-32767" by default. */
  nodePortRange?: string;
  /** --node-cidr-mask-size, 24 by default. */
  nodeCIDRMaskSize?: number;
}

export const DEFAULT_CLUSTER_CIDR = '192.168.128.0/18';
export const DEFAULT_SERVICE_CIDR = '192.168.192.0/18';
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

const flagError = (flag: string, value: string, detail: string): InputError => new InputError(`${flag}: Invalid value: "${value}": ${detail}`);

function cidrOption(flag: string, value: string): Cidr {
  const cidr = parseCidr(value);
  if (!cidr) throw flagError(flag, value, 'must be an IPv4 CIDR with no host bits set, e.g. 192.168.128.0/18');
  return cidr;
}

function portRangeOption(value: string | undefined): PortRange {
  if (value === undefined) return DEFAULT_NODE_PORT_RANGE;
  const m = /^(\d+)-(\d+)$/.exec(value);
  const [from, to] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(from >= 1 && to <= 65535 && from <= to)) throw flagError('--service-node-port-range', value, 'must be "<first>-<last>" within 1-65535');
  return { base: from, size: to - from + 1 };
}

/** Builds the network model of the cluster the objects describe; throws InputError on bad input. */
export function buildClusterNetwork(objects: readonly NetworkObject[], opts: ClusterNetworkOptions = {}): ClusterNetwork {
  const clusterCIDRText = opts.clusterCIDR ?? DEFAULT_CLUSTER_CIDR;
  const serviceCIDRText = opts.serviceCIDR ?? DEFAULT_SERVICE_CIDR;
  const clusterCIDR = cidrOption('--cluster-cidr', clusterCIDRText);
  const serviceCIDR = cidrOption('--service-cluster-ip-range', serviceCIDRText);
  if (cidrsOverlap(clusterCIDR, serviceCIDR)) {
    throw flagError('--service-cluster-ip-range', serviceCIDRText, `overlaps the cluster CIDR ${clusterCIDRText}; the Pod and Service networks must be separate (NET-MODEL-02)`);
  }
  const notes: string[] = [];

  const pods = objects.filter((o): o is NetworkPod => o.kind === 'Pod');
  const nodes = objects.filter((o): o is Node => o.kind === 'Node');
  // A Pod bound to a Node that is not among the objects implies that Node.
  for (const pod of pods) {
    const name = pod.spec.nodeName;
    if (name && !nodes.some((n) => n.metadata.name === name)) {
      nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
      notes.push(`Node "${name}" is not among the objects; Pod "${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}" implies it`);
    }
  }

  const cidrs = assignPodCIDRs(nodes, clusterCIDR, opts.nodeCIDRMaskSize ?? DEFAULT_NODE_CIDR_MASK);
  const ips = nodeIPs(nodes, [
    { name: 'cluster CIDR', cidr: clusterCIDR },
    { name: 'Service CIDR', cidr: serviceCIDR },
  ]);
  const nodeNets: NodeNet[] = nodes.map((node, i) => {
    const ip = ips[i] as { ip: string; source: 'status' | 'model' };
    const cidr = cidrs[i] as { cidr: Cidr; source: 'spec' | 'node-ipam' };
    if (ip.source === 'model') notes.push(`Node "${node.metadata.name}" reports no InternalIP; the model gives it ${ip.ip}`);
    return { name: node.metadata.name, ip: ip.ip, podCIDR: formatCidr(cidr.cidr) };
  });

  const plugin = opts.plugin ?? 'flannel-vxlan';
  const endpointPods = buildPods(pods, nodeNets, clusterCIDR, plugin);
  const serviceManifests = objects.filter((o): o is Service => o.kind === 'Service');
  const services = buildServices(serviceManifests, serviceCIDR, portRangeOption(opts.nodePortRange));

  const recomputed = new Set<string>();
  const slices = services.flatMap((svc, i) => {
    const published = controllerSlices(svc, endpointPods, serviceManifests[i]?.spec.publishNotReadyAddresses === true);
    if (svc.selector !== undefined && Object.keys(svc.selector).length > 0) recomputed.add(`${svc.namespace}/${svc.name}`);
    return published;
  });
  const given = manualSlices(objects.filter((o): o is EndpointSlice => o.kind === 'EndpointSlice'), services, recomputed);

  const network: ClusterNetwork = {
    plugin,
    proxyMode: opts.proxyMode ?? 'iptables',
    clusterCIDR: formatCidr(clusterCIDR),
    serviceCIDR: formatCidr(serviceCIDR),
    clusterDomain: opts.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
    nodes: nodeNets,
    pods: endpointPods.map((p) => p.net),
    services,
    endpointSlices: [...slices, ...given],
  };
  if (notes.length > 0) network.notes = notes;
  return network;
}
