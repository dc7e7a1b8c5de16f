// Between nodes: a frame leaves eth0 for an L2 neighbour (another node on the same segment, NET-L2-07) or
// for the segment's router. Routers know every node network but no Pod CIDR: a packet still addressed to a
// Pod IP (host-gw or plain BGP across a routed boundary) is dropped there (NET-FLANNEL-13, NET-CALICO-08),
// while tunnel packets, addressed node to node, pass (NET-CALICO-09).
import type { NodeNet } from '../types.ts';
import { gatewayOf, hostNetwork, routerMac, segmentOf } from './host.ts';
import { inCidr } from './ip.ts';
import { hostMac, nodeNetns } from './names.ts';
import type { Encapsulation } from './types.ts';
import { decrementTtl, drop, hop, type Walk } from './walk.ts';

export type Arrive = (node: NodeNet) => void;

function arriveAt(w: Walk, target: NodeNet, srcMac: string, encapsulation: Encapsulation | undefined, arrive: Arrive): void {
  hop(w, { where: nodeNetns(target.name), device: 'eth0', srcMac, dstMac: hostMac(target.name, 'eth0'), note: 'received on eth0', ...(encapsulation ? { encapsulation } : {}) });
  if (!w.done) arrive(target);
}

function routerForward(w: Walk, segment: string, target: string, encapsulation: Encapsulation | undefined, arrive: Arrive): void {
  const { cluster, options } = w.dp;
  const where = `router/${segment}`;
  const gw = gatewayOf(cluster, segment, options);
  // Tunnel packets carry their own outer TTL; only a bare Pod packet's TTL is the one the trace shows.
  if (!encapsulation) decrementTtl(w, where);
  const node = cluster.nodes.find((n) => n.ip === target);
  if (node) {
    const next = segmentOf(node, options);
    const net = hostNetwork(node, options);
    const via = next === segment ? `on segment ${segment}` : `through segment ${next}${next === net ? "" : ` (${net})`}`;
    hop(w, { where, device: gw, srcMac: routerMac(next), dstMac: hostMac(node.name, 'eth0'), note: `router forwards to node ${node.name} ${via}`, ...(encapsulation ? { encapsulation } : {}) });
    if (!w.done) arriveAt(w, node, routerMac(next), encapsulation, arrive);
    return;
  }
  if (inCidr(cluster.clusterCIDR, target) || cluster.nodes.some((n) => inCidr(n.podCIDR, target))) {
    drop(w, where, gw, `router ${gw} has no route to Pod IP ${target}: it knows the node networks only, Pod CIDRs are not advertised to it (NET-FLANNEL-13, NET-CALICO-08)`);
    return;
  }
  if (inCidr(cluster.serviceCIDR, target)) {
    drop(w, where, gw, `router ${gw} has no route to Service IP ${target}: Service IPs exist only in the nodes' kube-proxy rules`);
    return;
  }
  hop(w, { where, device: gw, verdict: 'FORWARD', note: `leaves the cluster towards ${target} (outside the model)` });
  w.done = true;
}

/**
 * The (outer) packet leaves `from` on eth0 towards `nextHop`, the route's gateway or the destination itself;
 * `target` is the IP the routers route on (the outer destination for tunnels).
 */
export function transmitEth0(w: Walk, from: NodeNet, nextHop: string, target: string, encapsulation: Encapsulation | undefined, arrive: Arrive, routeText = ''): void {
  const { cluster, options } = w.dp;
  const prefix = routeText ? `${routeText}; ` : '';
  const segment = segmentOf(from, options);
  const where = nodeNetns(from.name);
  const srcMac = hostMac(from.name, 'eth0');
  const extra = encapsulation ? { encapsulation } : {};
  if (nextHop === gatewayOf(cluster, segment, options)) {
    hop(w, { where, device: 'eth0', srcMac, dstMac: routerMac(segment), note: `${prefix}to the router ${nextHop} of segment ${segment}`, ...extra });
    if (!w.done) routerForward(w, segment, target, encapsulation, arrive);
    return;
  }
  const neighbour = cluster.nodes.find((n) => n.ip === nextHop && n.name !== from.name);
  if (neighbour && segmentOf(neighbour, options) === segment) {
    hop(w, { where, device: 'eth0', srcMac, dstMac: hostMac(neighbour.name, 'eth0'), note: `${prefix}to ${neighbour.name}, an L2 neighbour on segment ${segment}`, ...extra });
    if (!w.done) arriveAt(w, neighbour, srcMac, encapsulation, arrive);
    return;
  }
  drop(w, where, 'eth0', `ARP for ${nextHop} on eth0 unanswered: no host with that address on segment ${segment} (NET-L2-07)`);
}

/** A packet from outside the cluster reaches `target`'s eth0 through its segment's router, or, with no node to enter, stays at the edge. */
export function enterFromOutside(w: Walk, target: NodeNet | undefined, arrive: Arrive): void {
  const { cluster, options } = w.dp;
  if (!target) {
    const dst = w.packet.dst;
    const what = inCidr(cluster.serviceCIDR, dst) ? 'Service IP' : cluster.nodes.some((n) => inCidr(n.podCIDR, dst)) || inCidr(cluster.clusterCIDR, dst) ? 'Pod IP' : 'address';
    drop(w, 'external', 'router', `the network outside the cluster has no route to ${what} ${dst}: only node IPs are reachable from outside`);
    return;
  }
  const segment = segmentOf(target, options);
  const gw = gatewayOf(cluster, segment, options);
  hop(w, { where: `router/${segment}`, device: gw, srcMac: routerMac(segment), dstMac: hostMac(target.name, 'eth0'), note: `router delivers the packet to node ${target.name}` });
  if (!w.done) arriveAt(w, target, routerMac(segment), undefined, arrive);
}
