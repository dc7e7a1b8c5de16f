// The cluster's network as the packet-level model sees it (NET-MODEL, NET-L2, NET-SVC): only what routing,
// kube-proxy and NetworkPolicy read. Built from the manifests (Nodes, Pods, Services, EndpointSlices,
// NetworkPolicies) by src/network/cluster.ts; each mechanism module reads this, never the raw manifests.

export type NetworkPlugin = 'flannel-vxlan' | 'flannel-host-gw' | 'flannel-udp' | 'calico-bgp' | 'calico-ipip';
export type ProxyMode = 'iptables' | 'ipvs';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface NodeNet {
  name: string;
  /** The node's InternalIP. */
  ip: string;
  /** spec.podCIDR: one /24 of the cluster CIDR (flannel) or the node's IPAM blocks (Calico). */
  podCIDR: string;
  /** Which L2 segment the node sits on; nodes on different segments reach each other only through routers. */
  segment?: string;
}

export interface PodNet {
  namespace: string;
  name: string;
  node: string;
  ip: string;
  labels: Record<string, string>;
  /** Ready condition (endpoints publish only ready Pods, NET-SVC). */
  ready: boolean;
  terminating: boolean;
  /** Named container ports: name → { port, protocol } (for Services' targetPort names and NetworkPolicy ports). */
  ports: Record<string, { port: number; protocol: Protocol }>;
  hostname?: string;
  subdomain?: string;
}

export interface ServicePortNet {
  name: string;
  protocol: Protocol;
  port: number;
  targetPort: number | string;
  nodePort?: number;
}

export interface ServiceNet {
  namespace: string;
  name: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /** "None" for a headless Service. */
  clusterIP: string;
  ports: ServicePortNet[];
  selector?: Record<string, string>;
  externalName?: string;
  loadBalancerIPs?: string[];
  /** spec.loadBalancerSourceRanges as network CIDRs ("10.0.0.0/8"); LoadBalancer only (NET-SVC-04). */
  loadBalancerSourceRanges?: string[];
  /** spec.externalIPs: addresses kube-proxy also answers on, for any Service type with a ClusterIP. */
  externalIPs?: string[];
  sessionAffinity?: 'None' | 'ClientIP';
  sessionAffinityTimeoutSeconds?: number;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
}

export interface EndpointNet {
  ip: string;
  node: string;
  pod?: { namespace: string; name: string };
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** Set when the Pod's spec.hostname is set and its spec.subdomain names this Service (DNS-05, DNS-07). */
  hostname?: string;
}

/** One EndpointSlice's worth, per Service port: the endpoints and the port number they listen on. */
export interface EndpointSliceNet {
  namespace: string;
  service: string;
  /** The Service port's name ("" when unnamed). */
  portName: string;
  protocol: Protocol;
  port: number;
  endpoints: EndpointNet[];
}

export interface ClusterNetwork {
  plugin: NetworkPlugin;
  proxyMode: ProxyMode;
  /** --cluster-cidr, e.g. the seeds' 192.168.128.0/18. */
  clusterCIDR: string;
  /** --service-cluster-ip-range, e.g. 192.168.192.0/18. */
  serviceCIDR: string;
  clusterDomain: string;
  nodes: NodeNet[];
  pods: PodNet[];
  services: ServiceNet[];
  endpointSlices: EndpointSliceNet[];
  /** What the model made up because the manifests did not say (a node IP, an implied Node), one line each. */
  notes?: string[];
}

/** A packet as it travels: the 5-tuple and what has been done to it. */
export interface Packet {
  src: string;
  dst: string;
  protocol: Protocol;
  srcPort: number;
  dstPort: number;
  /** Netfilter mark (kube-proxy's 0x4000 masquerade mark, 0x8000 drop mark). */
  mark?: number;
  /** Conntrack cannot place the packet in a connection (e.g. a TCP segment outside the window): ctstate INVALID (NET-NAT-03). */
  invalid?: boolean;
}

/** One step of a trace: where the packet is, what looked at it, what it did. */
export interface Hop {
  /** Node or pod netns the hop happens in: `node/node01`, `pod/default/kubia-abc`. */
  where: string;
  /** eth0, veth…, cni0, flannel.1, tunl0, cali…, or a netfilter hook `PREROUTING` … */
  device: string;
  /** For netfilter hops: table and chain, and the matched rule as iptables-save prints it. */
  table?: string;
  chain?: string;
  rule?: string;
  /** What changed: DNAT, SNAT/MASQUERADE, encapsulation, decapsulation, MAC rewrite. */
  rewrite?: string;
  packet: Packet;
  verdict?: 'ACCEPT' | 'DROP' | 'REJECT' | 'DELIVERED' | 'FORWARD';
  note?: string;
}
