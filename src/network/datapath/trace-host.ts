// A node's host namespace in a trace: receive (PREROUTING → routing → INPUT or FORWARD), originate (OUTPUT),
// and transmit (POSTROUTING → the route's device): cni0 to a local Pod (NET-L2-06), cali* to a local Pod
// (NET-CALICO-03), flannel.1 with VXLAN (NET-FLANNEL-09/11), flannel0 through flanneld (NET-FLANNEL-05/06),
// tunl0 with IPIP (NET-CALICO-09), or eth0 to an L2 neighbour or the router (NET-FLANNEL-13, NET-CALICO-08).
// Encapsulated outer packets skip netfilter here; only the Pod packet meets the hooks.
// A BIRD route's hop names the BGP peer it was learned from (NET-CALICO-05..07).
import type { NodeNet } from '../types.ts';
import { describeLearned } from './bgp.ts';
import { netnsOf } from './datapath.ts';
import { vxlanAccepts } from './decide.ts';
import { describeEncap, ipipEncap, udpEncap, vxlanEncap } from './encap.ts';
import { nodeForPodIp } from './host.ts';
import { inCidr } from './ip.ts';
import { nodeNetns } from './names.ts';
import { formatRoute } from './render.ts';
import { lookupRoute, type RouteDecision } from './route.ts';
import { enterFromOutside, transmitEth0, type Arrive } from './trace-wire.ts';
import type { Device, Encapsulation, Netns } from './types.ts';
import { atHook, decrementTtl, deliver, drop, hop, type Walk } from './walk.ts';

const hostOf = (w: Walk, node: NodeNet): Netns => netnsOf(w.dp, nodeNetns(node.name));
const deviceOf = (ns: Netns, name: string): Device | undefined => ns.devices.find((d) => d.name === name);

/** Out of a host-side veth into its Pod's eth0: delivered when the Pod owns the destination IP. */
export function throughVeth(w: Walk, veth: Device, macs: { srcMac?: string; dstMac?: string }): void {
  if (!veth.peer) return drop(w, 'veth', veth.name, `${veth.name} has no peer`);
  const pod = netnsOf(w.dp, veth.peer.netns);
  const owns = pod.devices.some((d) => d.name === veth.peer?.device && d.addresses.some((a) => a.split('/')[0] === w.packet.dst));
  if (!owns) return drop(w, pod.id, veth.peer.device, `${w.packet.dst} is not this Pod's address`);
  deliver(w, pod.id, veth.peer.device, `delivered to the Pod through the veth pair ${veth.name} ↔ eth0 (NET-L2-01)`, macs);
}

function toLocalPod(w: Walk, ns: Netns, d: Extract<RouteDecision, { kind: 'unicast' }>, out: Device): void {
  const neighbour = ns.neighbours.find((n) => n.ip === d.nextHop && n.dev === out.name);
  if (!neighbour) return drop(w, ns.id, out.name, `ARP for ${d.nextHop} on ${out.name} unanswered: no Pod with that IP on this node`);
  const veth = out.kind === 'bridge'
    ? ns.devices.find((x) => x.master === out.name && x.peer && netnsOf(w.dp, x.peer.netns).devices.some((p) => p.mac === neighbour.lladdr))
    : out;
  if (!veth) return drop(w, ns.id, out.name, `no bridge port leads to ${neighbour.lladdr}`);
  const macs = { srcMac: out.mac as string, dstMac: neighbour.lladdr };
  const how = out.kind === 'bridge' ? `; cni0 FDB: ${neighbour.lladdr} → ${veth.name} (NET-L2-04)` : ' (NET-CALICO-03)';
  hop(w, { where: ns.id, device: out.name, ...macs, rewrite: `MAC ${macs.srcMac} → ${macs.dstMac}`, note: `route: ${d.text}${how}` });
  if (!w.done) throughVeth(w, veth, macs);
}

function outerRoute(w: Walk, node: NodeNet, outerDst: string, enc: Encapsulation, arrive: Arrive): void {
  const d = lookupRoute(hostOf(w, node), outerDst);
  if (d.kind !== 'unicast') return drop(w, nodeNetns(node.name), 'eth0', `no route for the outer packet to ${outerDst}`);
  transmitEth0(w, node, d.nextHop, outerDst, enc, arrive, `outer route: ${d.text}`);
}

function tunnelReceive(w: Walk, target: NodeNet, enc: Encapsulation): void {
  const ns = hostOf(w, target);
  if (enc.kind === 'vxlan') {
    const vtep = deviceOf(ns, 'flannel.1');
    const accepted = vxlanAccepts({ udpDstPort: enc.udpDstPort, vni: enc.vni, device: vtep?.vxlan ? { dstport: vtep.vxlan.dstport, id: vtep.vxlan.id } : null });
    if (!accepted || !vtep) return drop(w, ns.id, 'eth0', `UDP ${enc.udpDstPort} VNI ${enc.vni}: no matching VXLAN device on ${target.name}`);
    if (vtep.mac !== enc.innerDstMac) return drop(w, ns.id, 'flannel.1', `inner frame is addressed to ${enc.innerDstMac}, not this VTEP`);
    hop(w, { where: ns.id, device: 'flannel.1', srcMac: enc.innerSrcMac, dstMac: enc.innerDstMac, rewrite: `VXLAN decapsulation: VNI ${enc.vni} matches flannel.1 (NET-FLANNEL-11)` });
    return hostReceive(w, target, 'flannel.1');
  }
  if (enc.kind === 'udp') {
    if (!deviceOf(ns, 'flannel0')) return drop(w, ns.id, 'eth0', `nothing listens on UDP ${enc.udpDstPort} on ${target.name}`);
    hop(w, { where: ns.id, device: 'flanneld', rewrite: 'UDP decapsulation in user space', note: `flanneld reads UDP ${enc.udpDstPort} (kernel → user) and writes the inner packet into flannel0 (user → kernel) (NET-FLANNEL-06)` });
    hop(w, { where: ns.id, device: 'flannel0', note: 'the TUN device hands the packet back to the kernel' });
    return hostReceive(w, target, 'flannel0');
  }
  if (!deviceOf(ns, 'tunl0')) return drop(w, ns.id, 'eth0', `IPIP packet but ${target.name} has no tunl0`);
  hop(w, { where: ns.id, device: 'tunl0', rewrite: 'IPIP decapsulation: outer IP header removed (NET-CALICO-09)' });
  hostReceive(w, target, 'tunl0');
}

function encapsulateAndSend(w: Walk, node: NodeNet, ns: Netns, d: Extract<RouteDecision, { kind: 'unicast' }>, out: Device): void {
  let enc: Encapsulation;
  let note = `route: ${d.text}${describeLearned(d.route)}`;
  let macs = {};
  if (out.kind === 'vxlan') {
    const arp = ns.neighbours.find((n) => n.ip === d.nextHop && n.dev === out.name);
    if (!arp) return drop(w, ns.id, out.name, `no neighbour entry for ${d.nextHop} on ${out.name}: flanneld has not written it (L3 miss, NET-FLANNEL-10)`);
    const fdb = ns.fdb.find((e) => e.mac === arp.lladdr && e.dev === out.name && e.dst);
    if (!fdb?.dst) return drop(w, ns.id, out.name, `no FDB entry for ${arp.lladdr} on ${out.name}: flanneld has not written it (L2 miss, NET-FLANNEL-10)`);
    enc = vxlanEncap(w.packet, node.ip, fdb.dst, out.mac as string, arp.lladdr);
    macs = { srcMac: out.mac, dstMac: arp.lladdr };
    note += `; neighbour ${d.nextHop} → ${arp.lladdr} PERMANENT, FDB ${arp.lladdr} → dst ${fdb.dst} (NET-FLANNEL-09)`;
  } else if (out.kind === 'tun') {
    hop(w, { where: ns.id, device: out.name, note: `${note}; the TUN device hands the packet to flanneld (kernel → user)` });
    const owner = nodeForPodIp(w.dp.cluster, w.packet.dst);
    if (!owner || owner.name === node.name) return drop(w, ns.id, 'flanneld', `flanneld: no other node's subnet lease covers ${w.packet.dst}`);
    enc = udpEncap(node.ip, owner.ip);
    note = `flanneld maps ${owner.podCIDR} to ${owner.ip} and sends the packet in UDP (user → kernel) (NET-FLANNEL-05)`;
  } else {
    enc = ipipEncap(node.ip, d.nextHop, w.ttl);
  }
  hop(w, { where: ns.id, device: out.kind === 'tun' ? 'flanneld' : out.name, ...macs, rewrite: describeEncap(enc), encapsulation: enc, note });
  if (!w.done) outerRoute(w, node, enc.outerDst, enc, (target) => tunnelReceive(w, target, enc));
}

/** Routed out of the host namespace after POSTROUTING, by the kind of the route's device. */
export function hostTransmit(w: Walk, node: NodeNet, d: RouteDecision): void {
  const ns = hostOf(w, node);
  if (d.kind === 'unreachable') return drop(w, ns.id, 'route', d.reason);
  if (d.kind === 'blackhole') return drop(w, ns.id, 'route', `blackhole route "${d.text}": no Pod with ${w.packet.dst} on this node (NET-CALICO-04)`);
  if (d.kind === 'local') return deliver(w, ns.id, d.dev, `local address ${d.address}`);
  const out = deviceOf(ns, d.dev);
  if (!out) return drop(w, ns.id, d.dev, `route "${d.text}" names a missing device`);
  atHook(w, ns.id, 'POSTROUTING', { out: out.name });
  if (w.done) return;
  if (out.kind === 'bridge' || out.kind === 'veth') return toLocalPod(w, ns, d, out);
  if (out.kind === 'vxlan' || out.kind === 'tun' || out.kind === 'ipip') return encapsulateAndSend(w, node, ns, d, out);
  // host-gw across a routed boundary: flanneld's route was refused, so the default route takes the packet (NET-FLANNEL-13).
  const refused = w.dp.nodes.get(node.name)?.refused.find((r) => inCidr(r.route.dst, w.packet.dst));
  const why = refused ? `; flanneld's route "${formatRoute(refused.route)}" is missing: the kernel refused it (${refused.error})` : '';
  transmitEth0(w, node, d.nextHop, w.packet.dst, undefined, (target) => hostReceive(w, target, 'eth0'), `route: ${d.text}${describeLearned(d.route)}${why}`);
}

/** A packet entering the host stack on `inDev`: PREROUTING, routing, then INPUT (local) or FORWARD. */
export function hostReceive(w: Walk, node: NodeNet, inDev: string): void {
  const ns = hostOf(w, node);
  atHook(w, ns.id, 'PREROUTING', { in: inDev });
  if (w.done) return;
  const d = lookupRoute(ns, w.packet.dst);
  if (d.kind === 'local') {
    atHook(w, ns.id, 'INPUT', { in: inDev });
    if (!w.done) deliver(w, ns.id, d.dev, `local address ${d.address} of ${node.name}`);
    return;
  }
  atHook(w, ns.id, 'FORWARD', { in: inDev, ...(d.kind === 'unicast' ? { out: d.dev } : {}) });
  if (w.done) return;
  decrementTtl(w, ns.id);
  if (!w.done) hostTransmit(w, node, d);
}

/** A packet the node itself sends: OUTPUT, then routing (re-done when OUTPUT rewrote the destination). */
export function hostOriginate(w: Walk, node: NodeNet): void {
  const ns = hostOf(w, node);
  let d = lookupRoute(ns, w.packet.dst);
  if (w.packet.src === '' && d.kind !== 'unreachable') {
    const dev = d.kind === 'blackhole' ? undefined : deviceOf(ns, d.dev);
    const routeSrc = d.kind === 'unicast' ? d.route.src : undefined;
    w.packet = { ...w.packet, src: routeSrc ?? dev?.addresses[0]?.split('/')[0] ?? node.ip };
  }
  const before = w.packet.dst;
  atHook(w, ns.id, 'OUTPUT', d.kind === 'unicast' ? { out: d.dev } : {});
  if (w.done) return;
  if (w.packet.dst !== before) d = lookupRoute(ns, w.packet.dst);
  if (d.kind === 'local') {
    atHook(w, ns.id, 'INPUT', { in: 'lo' });
    if (!w.done) deliver(w, ns.id, 'lo', `local address ${d.address} of ${node.name}`);
    return;
  }
  hostTransmit(w, node, d);
}

export function hostFromOutside(w: Walk, target: NodeNet | undefined): void {
  enterFromOutside(w, target, (n) => hostReceive(w, n, 'eth0'));
}
