// What a CNI plugin and its daemon leave behind in each network namespace (NET-L2, NET-CNI, NET-FLANNEL,
// NET-CALICO): devices with their addresses, routes, neighbour (ARP) entries and bridge/VXLAN FDB entries,
// as `ip addr`, `ip route`, `ip neigh` and `bridge fdb` would list them (src/network/datapath/render.ts).
import type { Hop, Packet } from '../types.ts';

export type DeviceKind = 'loopback' | 'ether' | 'bridge' | 'veth' | 'vxlan' | 'tun' | 'ipip';

export interface Device {
  /** Interface index within its namespace (`ip addr` numbers devices by it; veths print `@if<peer index>`). */
  index: number;
  name: string;
  kind: DeviceKind;
  mtu: number;
  /** Absent for devices without a link-layer address (tun, ipip). */
  mac?: string;
  /** Addresses in CIDR notation, e.g. "10.244.1.1/24". */
  addresses: string[];
  /** The bridge a veth end is enslaved to (NET-L2-03). */
  master?: string;
  /** For a veth: the other end, in the other namespace (NET-L2-01). */
  peer?: { netns: string; device: string; index: number };
  /** For flannel.1: `vxlan id 1 local <node-ip> dev eth0 dstport 8472 nolearning` (NET-FLANNEL-07). */
  vxlan?: { id: number; local: string; dev: string; dstport: number; learning: boolean };
  /** Calico sets proxy_arp on cali* so the host answers ARP for 169.254.1.1 (NET-CALICO-02). */
  proxyArp?: boolean;
}

export interface Route {
  /** "default" or a CIDR; a bare IP is a /32. */
  dst: string;
  via?: string;
  /** Absent only for blackhole routes. */
  dev?: string;
  proto?: 'kernel' | 'bird' | 'static';
  scope?: 'link' | 'host';
  src?: string;
  onlink?: boolean;
  blackhole?: boolean;
  /** Who installed it: the kernel for a connected subnet, bridge/calico CNI, flanneld, BIRD, … */
  owner: string;
  /** For a BIRD route: the BGP peer it was learned from and the node that originated it (NET-CALICO-05..07). */
  learnedFrom?: { peer: string; address: string; type: BgpPeerType; originator: string };
}

export interface Neighbour {
  ip: string;
  dev: string;
  lladdr: string;
  state: 'PERMANENT' | 'REACHABLE' | 'STALE';
  /** Who wrote it: "flanneld" for the VTEP entries (NET-FLANNEL-09), "arp" when learned, "proxy-arp". */
  owner: string;
}

export interface FdbEntry {
  mac: string;
  dev: string;
  /** VXLAN FDB: the remote node IP frames for `mac` are tunnelled to (NET-FLANNEL-09). */
  dst?: string;
  /** Bridge FDB: the bridge the port belongs to. */
  master?: string;
  self?: boolean;
  permanent: boolean;
  owner: string;
}

export interface Netns {
  /** "node/<name>" or "pod/<namespace>/<name>", the same strings Hop.where uses. */
  id: string;
  devices: Device[];
  routes: Route[];
  neighbours: Neighbour[];
  fdb: FdbEntry[];
}

export interface NodeDatapath {
  node: string;
  host: Netns;
  /** One namespace per Pod on the node, keyed "namespace/name". */
  pods: Map<string, Netns>;
  /** The L2 segment the node's eth0 sits on (NodeNet.segment, else its host network). */
  segment: string;
  /** Routes flanneld/BIRD wanted but the kernel refused (host-gw next hop not on-link, NET-FLANNEL-13). */
  refused: { route: Route; error: string }[];
  /** Calico only: BIRD's BGP sessions on this node, in BIRD's protocol order (NET-CALICO-06, NET-CALICO-07). */
  bgpPeers?: BgpPeer[];
}

/**
 * Calico's BGP topology (NET-CALICO-06, NET-CALICO-07): the default node-to-node mesh, or route reflectors —
 * nodes with spec.bgp.routeReflectorClusterID set, peered by a BGPPeer "nodeSelector: all(), peerSelector:
 * <the reflectors>" with the mesh disabled (BGPConfiguration nodeToNodeMeshEnabled: false).
 */
export type BgpTopology = { mode: 'mesh' } | { mode: 'route-reflector'; reflectors: string[] };

/** calicoctl's names for BIRD's protocol prefixes Mesh_, Node_ and Global_. */
export type BgpPeerType = 'node-to-node mesh' | 'node specific' | 'global';

export interface BgpPeer {
  /** The peer's node name. */
  node: string;
  address: string;
  type: BgpPeerType;
  /** The BIRD protocol name confd gives the session, e.g. "Mesh_192_168_231_16". */
  protocol: string;
  /** What the peer is to this node: a mesh peer, its route reflector, or a client this node reflects to. */
  role: 'mesh' | 'route reflector' | 'rr client';
  /** The model has no failing sessions: BIRD's state column and BGP state. */
  state: 'up';
  info: 'Established';
}

export type IpipMode = 'Always' | 'CrossSubnet' | 'Never';

export interface DatapathOptions {
  /** Prefix length of the nodes' host network (default 24). */
  hostPrefix?: number;
  /** The router of each segment (default: .1 of the first node's host network, .254 if a node has .1). */
  gateways?: Record<string, string>;
  /** Calico IPPool ipipMode; defaults to Always for calico-ipip and Never for calico-bgp (NET-CALICO-10). */
  ipipMode?: IpipMode;
  /** Host interface MTU (default 1500); flannel derives its own from it (NET-FLANNEL-07). */
  mtu?: number;
  /** Calico's BGP topology (default the node-to-node mesh, NET-CALICO-06). */
  bgp?: BgpTopology;
}

export type NetfilterHook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** Outer headers of an encapsulated packet (NET-FLANNEL-05, NET-FLANNEL-11, NET-CALICO-09). */
export type Encapsulation =
  | { kind: 'vxlan'; outerSrc: string; outerDst: string; udpSrcPort: number; udpDstPort: number; vni: number; innerSrcMac: string; innerDstMac: string }
  | { kind: 'ipip'; outerSrc: string; outerDst: string; ttl: number }
  | { kind: 'udp'; outerSrc: string; outerDst: string; udpSrcPort: number; udpDstPort: number };

/** A trace hop with the link-layer and tunnel detail the shared Hop type does not carry. */
export interface DatapathHop extends Hop {
  srcMac?: string;
  dstMac?: string;
  ttl?: number;
  encapsulation?: Encapsulation;
}

/** The lead's netfilter walk, spliced in at each hook; without it a marker hop stands at the hook. */
export type HookCallback = (
  where: string,
  hook: NetfilterHook,
  packet: Packet,
  devices: { in?: string; out?: string },
) => { packet: Packet; hops: Hop[]; verdict: 'ACCEPT' | 'DROP' | 'REJECT' };
