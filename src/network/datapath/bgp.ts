// Calico's BGP control plane between nodes (NET-CALICO-05..07): which BIRD sessions each node has, and from
// which peer it learns every other node's block.
// - Mesh (the default): every node peers with every other, N(N−1)/2 sessions, type "node-to-node mesh".
// - Route reflectors: the reflectors peer with every node (each other included), clients only with the
//   reflectors; k reflectors among N nodes make k(k−1)/2 + k(N−k) sessions. confd turns the BGPPeer
//   (nodeSelector all(), peerSelector the reflectors) plus its reverse peerings into node-specific sessions
//   "Node_<ip>", and skips a node's own IP. A reflector's session to a node without its cluster ID is marked
//   "rr client" (confd bgp_processor.go, client.go updatePeersV1).
// A reflector passes a route on with the originator's next hop (iBGP, RFC 4456), so the kernel routes come
// out the same in both topologies; only the peer they were learned from differs. Between several reflectors
// BIRD's bgp_rte_better keeps the route with the same originator and cluster-list length from the peer with
// the lowest address. Follows Calico v3.x confd and BIRD 1.6/2.x. Leaves out: global peers to routers
// (NET-CALICO-11), several reflector cluster IDs, session failures (every session is up, Established).
import type { ClusterNetwork, NodeNet } from '../types.ts';
import { findNode } from './host.ts';
import { parseIp } from './ip.ts';
import type { BgpPeer, BgpTopology, DatapathOptions, Route } from './types.ts';

export function bgpTopologyOf(cluster: ClusterNetwork, opts: DatapathOptions): BgpTopology {
  const topology = opts.bgp ?? { mode: 'mesh' };
  if (topology.mode === 'route-reflector') {
    for (const name of topology.reflectors) {
      if (!cluster.nodes.some((n) => n.name === name)) {
        throw new Error(`bgp.reflectors: "${name}" is not a node of the cluster network (known: ${cluster.nodes.map((n) => n.name).join(', ')})`);
      }
    }
  }
  return topology;
}

/** BIRD's protocol name for a session: prefix, then the peer IP with "_" for "." (Mesh_192_168_231_16). */
export function birdProtocolName(prefix: 'Mesh' | 'Node' | 'Global', address: string): string {
  return `${prefix}_${address.replaceAll('.', '_')}`;
}

const isReflector = (topology: BgpTopology, node: string): boolean => topology.mode === 'route-reflector' && topology.reflectors.includes(node);

function peerOf(node: NodeNet, topology: BgpTopology): BgpPeer {
  const common = { node: node.name, address: node.ip, state: 'up', info: 'Established' } as const;
  if (topology.mode === 'mesh') return { ...common, type: 'node-to-node mesh', protocol: birdProtocolName('Mesh', node.ip), role: 'mesh' };
  const role = isReflector(topology, node.name) ? 'route reflector' : 'rr client';
  return { ...common, type: 'node specific', protocol: birdProtocolName('Node', node.ip), role };
}

/** Whether `a` and `b` (distinct nodes) hold a BGP session in this topology. */
export function bgpPeered(topology: BgpTopology, a: string, b: string): boolean {
  if (a === b) return false;
  return topology.mode === 'mesh' || isReflector(topology, a) || isReflector(topology, b);
}

/** The node's BGP sessions in BIRD's order (confd sorts peers by protocol name). */
export function bgpPeers(cluster: ClusterNetwork, nodeName: string, topology: BgpTopology): BgpPeer[] {
  const self = findNode(cluster, nodeName);
  return cluster.nodes
    .filter((n) => n.ip !== self.ip && bgpPeered(topology, self.name, n.name))
    .map((n) => peerOf(n, topology))
    .sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}

/** Every session once, as [node, node] sorted by name: N(N−1)/2 for the mesh (NET-CALICO-06), O(N) with reflectors (NET-CALICO-07). */
export function bgpSessions(cluster: ClusterNetwork, topology: BgpTopology): [string, string][] {
  const names = cluster.nodes.map((n) => n.name).sort();
  const sessions: [string, string][] = [];
  names.forEach((a, i) => {
    for (const b of names.slice(i + 1)) if (bgpPeered(topology, a, b)) sessions.push([a, b]);
  });
  return sessions;
}

/**
 * The peer `receiver` installs `originator`'s block from: the originator itself when they peer (an empty
 * cluster list beats a reflected copy), else the reflector with the lowest address among those peering with
 * both. Undefined when no session path exists (route reflector mode without reflectors).
 */
export function learnedFrom(cluster: ClusterNetwork, topology: BgpTopology, receiver: string, originator: string): BgpPeer | undefined {
  const peers = bgpPeers(cluster, receiver, topology);
  const direct = peers.find((p) => p.node === originator);
  if (direct) return direct;
  const reflectors = peers.filter((p) => p.role === 'route reflector' && bgpPeered(topology, p.node, originator));
  return reflectors.sort((a, b) => parseIp(a.address) - parseIp(b.address))[0];
}

/** How a trace hop names a BIRD route's origin: "route learned by BGP from <peer>" (NET-CALICO-05, NET-CALICO-07). */
export function describeLearned(route: Route): string {
  const l = route.learnedFrom;
  if (!l) return '';
  const how = l.peer === l.originator ? l.type : `route reflector, reflecting ${l.originator}'s block with its next hop`;
  return `; route learned by BGP from ${l.peer} (${l.address}, ${how})`;
}
