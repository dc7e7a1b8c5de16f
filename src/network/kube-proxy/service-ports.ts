// What kube-proxy knows about each Service port on one node (NET-SVC, NET-IPT-05): the ServicePortName, the
// addresses it answers on, its traffic policies, and the endpoints from the EndpointSlices, each marked local
// when it runs on this node. Headless and ExternalName Services get no rules (kube-proxy skips a Service whose
// clusterIP is unset or "None").
import type { ClusterNetwork, Protocol, ServiceNet } from '../types.ts';
import { servicePortName } from './chain-names.ts';

export interface EndpointInfo {
  ip: string;
  port: number;
  /** "ip:port", the string kube-proxy hashes and sorts by. */
  endpoint: string;
  local: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

export interface ServicePortInfo {
  namespace: string;
  service: string;
  portName: string;
  /** ServicePortName.String() of the release being modelled. */
  svcPortName: string;
  /** Lower-case, as kube-proxy writes it after -p and -m. */
  protocol: 'tcp' | 'udp' | 'sctp';
  clusterIP: string;
  port: number;
  nodePort: number;
  loadBalancerIPs: string[];
  /** Network CIDRs a load balancer admits; non-empty makes kube-proxy write a KUBE-FW chain. */
  loadBalancerSourceRanges: string[];
  externalIPs: string[];
  sessionAffinity: boolean;
  stickySeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  externallyAccessible: boolean;
  /** Every endpoint the slices list for this port, sorted by "ip:port" as the endpoint cache sorts them. */
  endpoints: EndpointInfo[];
}

/** The default ClientIP affinity timeout (core/v1 DefaultClientIPServiceAffinitySeconds = 10800, three hours). */
export const DEFAULT_STICKY_SECONDS = 10800;

const isProxied = (s: ServiceNet): boolean => s.type !== 'ExternalName' && s.clusterIP !== '' && s.clusterIP !== 'None';

const lower = (p: Protocol): 'tcp' | 'udp' | 'sctp' => p.toLowerCase() as 'tcp' | 'udp' | 'sctp';

export function servicePortsForNode(cluster: ClusterNetwork, node: string, colonAlways: boolean): ServicePortInfo[] {
  const out: ServicePortInfo[] = [];
  // Slices by Service port, so large clusters cost one pass (10,000 Services would otherwise be 10⁸ comparisons).
  const slicesOf = new Map<string, ClusterNetwork['endpointSlices'][number][]>();
  for (const s of cluster.endpointSlices) {
    const key = `${s.namespace}/${s.service}/${s.portName}/${s.protocol}`;
    const list = slicesOf.get(key);
    if (list) list.push(s);
    else slicesOf.set(key, [s]);
  }
  for (const svc of cluster.services.filter(isProxied)) {
    for (const port of svc.ports) {
      const slices = slicesOf.get(`${svc.namespace}/${svc.name}/${port.name}/${port.protocol}`) ?? [];
      const byEndpoint = new Map<string, EndpointInfo>();
      for (const slice of slices) {
        for (const ep of slice.endpoints) {
          const endpoint = `${ep.ip}:${slice.port}`;
          byEndpoint.set(endpoint, { ip: ep.ip, port: slice.port, endpoint, local: ep.node === node, ready: ep.ready, serving: ep.serving, terminating: ep.terminating });
        }
      }
      const nodePort = svc.type === 'NodePort' || svc.type === 'LoadBalancer' ? (port.nodePort ?? 0) : 0;
      const loadBalancerIPs = svc.type === 'LoadBalancer' ? [...(svc.loadBalancerIPs ?? [])] : [];
      const loadBalancerSourceRanges = svc.type === 'LoadBalancer' ? [...(svc.loadBalancerSourceRanges ?? [])] : [];
      const externalIPs = [...(svc.externalIPs ?? [])];
      // ServicePort.ExternallyAccessible: a NodePort, a load-balancer IP or an external IP.
      const externallyAccessible = nodePort !== 0 || loadBalancerIPs.length > 0 || externalIPs.length > 0;
      out.push({
        namespace: svc.namespace,
        service: svc.name,
        portName: port.name,
        svcPortName: servicePortName(svc.namespace, svc.name, port.name, colonAlways),
        protocol: lower(port.protocol),
        clusterIP: svc.clusterIP,
        port: port.port,
        nodePort,
        loadBalancerIPs,
        loadBalancerSourceRanges,
        externalIPs,
        sessionAffinity: svc.sessionAffinity === 'ClientIP',
        stickySeconds: svc.sessionAffinityTimeoutSeconds ?? DEFAULT_STICKY_SECONDS,
        externalPolicyLocal: externallyAccessible && svc.externalTrafficPolicy === 'Local',
        internalPolicyLocal: svc.internalTrafficPolicy === 'Local',
        externallyAccessible,
        endpoints: [...byEndpoint.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0)),
      });
    }
  }
  // Real kube-proxy walks a Go map, so the order of Services in its output varies from sync to sync; sorting
  // by ServicePortName and protocol makes the model's output stable.
  const key = (s: ServicePortInfo): string => `${s.svcPortName}\u0000${s.protocol}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
