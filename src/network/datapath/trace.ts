// traceDatapath: the hops of one packet from a Pod, a node or outside the cluster to the destination Pod's
// eth0 (or wherever it is dropped, with the reason), device by device, with MAC and TTL rewrites and each
// encapsulation and decapsulation. Netfilter is not modelled here: at each hook a HookCallback (the lead's
// rule walk) may rewrite or drop the packet; without one a `netfilter:<HOOK>` marker hop stands there.
// Covers NET-L2-01..09, NET-FLANNEL-05..13, NET-CALICO-02..04, NET-CALICO-08, NET-CALICO-09.
import type { ClusterNetwork, Packet, PodNet } from '../types.ts';
import { bridgeState, forwardL2 } from './bridge.ts';
import { buildDatapath } from './datapath.ts';
import { findNode } from './host.ts';
import { nodeNetns, podKey } from './names.ts';
import { lookupRoute } from './route.ts';
import { hostFromOutside, hostOriginate, hostReceive, throughVeth } from './trace-host.ts';
import type { DatapathHop, DatapathOptions, HookCallback, Netns } from './types.ts';
import { atHook, deliver, drop, hop, newWalk, type Walk } from './walk.ts';

export type TraceFrom = { pod: string } | { node: string } | { external: { node?: string } };

export interface TraceOptions extends DatapathOptions {
  atHook?: HookCallback;
  /** Emit `netfilter:<HOOK>` marker hops when no callback is given (default true). */
  markHooks?: boolean;
}

export function findPod(cluster: ClusterNetwork, ref: string): PodNet {
  const [namespace, name] = ref.includes('/') ? ref.split('/') : ['default', ref];
  const pod = cluster.pods.find((p) => p.namespace === namespace && p.name === name);
  if (!pod) throw new Error(`Pod "${namespace}/${name}" is not in the cluster network`);
  return pod;
}

/** The Pod's own stack: routing in its namespace, ARP, eth0, then the veth into the host (NET-L2-05/06/09). */
function podSend(w: Walk, pod: PodNet, ns: Netns): void {
  const node = findNode(w.dp.cluster, pod.node);
  const d = lookupRoute(ns, w.packet.dst);
  if (d.kind === 'local') return deliver(w, ns.id, 'lo', 'stays inside the Pod network namespace, never reaching the bridge (NET-L2-09)');
  if (d.kind !== 'unicast') return drop(w, ns.id, 'route', d.kind === 'unreachable' ? d.reason : `blackhole route ${d.text}`);
  const eth0 = ns.devices.find((x) => x.name === d.dev);
  if (!eth0?.peer || !eth0.mac) return drop(w, ns.id, d.dev, `${d.dev} is not a veth`);
  const host = w.dp.nodes.get(node.name)?.host as Netns;
  let dstMac = ns.neighbours.find((n) => n.ip === d.nextHop)?.lladdr;
  let arp = '';
  if (!dstMac) {
    // On-link destination: ARP broadcast, flooded by cni0, answered by the Pod owning the IP (NET-L2-05).
    dstMac = host.neighbours.find((n) => n.ip === d.nextHop && n.dev === 'cni0')?.lladdr;
    if (!dstMac) return drop(w, ns.id, 'eth0', `ARP for ${d.nextHop} unanswered: no Pod with that IP on this bridge`);
    arp = `; ARP who-has ${d.nextHop} flooded by cni0, is-at ${dstMac}`;
  }
  const macs = { srcMac: eth0.mac, dstMac };
  hop(w, { where: ns.id, device: 'eth0', ...macs, note: `route: ${d.text}${arp}` });
  const veth = host.devices.find((x) => x.name === eth0.peer?.device);
  if (!veth) return drop(w, host.id, eth0.peer.device, 'veth peer missing');
  hop(w, { where: host.id, device: veth.name, ...macs, note: 'out of the veth peer in the host namespace (NET-L2-01)' });
  if (w.done) return;
  if (!veth.master) return hostReceive(w, node, veth.name);
  const l2 = forwardL2(bridgeState(host, veth.master), { srcMac: eth0.mac, dstMac, ingress: veth.name });
  if (l2.action === 'local') {
    hop(w, { where: host.id, device: veth.master, ...macs, note: `frame to ${veth.master}'s own MAC: handed to the host's IP stack (NET-L2-06, NET-L2-08)` });
    return hostReceive(w, node, veth.master);
  }
  const port = l2.egress.map((p) => host.devices.find((x) => x.name === p)).find((x) => x?.peer && w.dp.nodes.get(node.name)?.pods.get(x.peer.netns.replace(/^pod\//, ''))?.devices.some((e) => e.mac === dstMac));
  if (l2.action === 'filter' || !port) return drop(w, host.id, veth.master, `bridge ${l2.action}: no port leads to ${dstMac}`);
  hop(w, { where: host.id, device: veth.master, ...macs, note: `bridged at L2: FDB ${dstMac} → ${port.name} (NET-L2-04)` });
  // br_netfilter: bridged IPv4 frames also traverse iptables (net.bridge.bridge-nf-call-iptables=1).
  for (const h of ['PREROUTING', 'FORWARD', 'POSTROUTING'] as const) atHook(w, host.id, h, { in: veth.master, out: veth.master });
  if (!w.done) throughVeth(w, port, macs);
}

/** traceDatapath(cluster, packet, from): the hops from the sender to the destination, or to the drop. */
export function traceDatapath(cluster: ClusterNetwork, packet: Packet, from: TraceFrom, options: TraceOptions = {}): DatapathHop[] {
  const dp = buildDatapath(cluster, options);
  const w = newWalk(dp, packet, options.atHook, options.markHooks ?? true);
  if ('pod' in from) {
    const pod = findPod(cluster, from.pod);
    const ns = dp.nodes.get(pod.node)?.pods.get(podKey(pod.namespace, pod.name));
    if (!ns) throw new Error(`Pod "${pod.namespace}/${pod.name}" runs on "${pod.node}", which is not in the cluster network`);
    if (w.packet.src === '') w.packet = { ...w.packet, src: pod.ip };
    podSend(w, pod, ns);
  } else if ('node' in from) {
    hostOriginate(w, findNode(cluster, from.node));
  } else {
    const target = from.external.node ? findNode(cluster, from.external.node) : cluster.nodes.find((n) => n.ip === packet.dst);
    hop(w, { where: 'external', device: 'client', note: `packet from ${packet.src} outside the cluster` });
    hostFromOutside(w, target);
  }
  if (!w.done) drop(w, w.hops[w.hops.length - 1]?.where ?? nodeNetns('?'), 'trace', 'the walk ended without a verdict');
  return w.hops;
}
