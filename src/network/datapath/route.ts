// The kernel's routing decision in one namespace: the local table first (addresses of the namespace's own
// devices, and 127.0.0.0/8 — NET-L2-09), then the main table by longest prefix match (NET-L2-05/06,
// NET-FLANNEL-08: the node's own /24 "dev cni0" beats nothing but is beaten by no other route; the cluster-
// wide /16 of flannel0 loses to it).
import type { ClusterNetwork, Packet } from '../types.ts';
import { buildDatapath, netnsOf } from './datapath.ts';
import { cidrContains, parseCidr, parseIp } from './ip.ts';
import { formatRoute } from './render.ts';
import type { DatapathOptions, Netns, Route } from './types.ts';

export type RouteDecision =
  | { kind: 'local'; dev: string; address: string }
  | { kind: 'unicast'; route: Route; text: string; dev: string; nextHop: string; gateway: boolean }
  | { kind: 'blackhole'; route: Route; text: string }
  | { kind: 'unreachable'; reason: string };

function prefixOf(r: Route): number {
  return r.dst === 'default' ? 0 : parseCidr(r.dst).prefix;
}

function matches(r: Route, ip: number): boolean {
  return r.dst === 'default' || cidrContains(parseCidr(r.dst), ip);
}

/** The route a packet to `dst` takes in `ns`: local delivery, a unicast route with its next hop, or none. */
export function lookupRoute(ns: Netns, dst: string): RouteDecision {
  const ip = parseIp(dst);
  if (cidrContains(parseCidr('127.0.0.0/8'), ip)) return { kind: 'local', dev: 'lo', address: dst };
  for (const d of ns.devices) {
    if (d.addresses.some((a) => a.split('/')[0] === dst)) return { kind: 'local', dev: d.name, address: dst };
  }
  let best: Route | undefined;
  for (const r of ns.routes) {
    if (matches(r, ip) && (!best || prefixOf(r) > prefixOf(best))) best = r;
  }
  if (!best) return { kind: 'unreachable', reason: `no route to ${dst} in ${ns.id} (Network is unreachable)` };
  const text = formatRoute(best);
  if (best.blackhole || !best.dev) return { kind: 'blackhole', route: best, text };
  return { kind: 'unicast', route: best, text, dev: best.dev, nextHop: best.via ?? dst, gateway: best.via !== undefined };
}

/** routePacket(cluster, "node/n1" | "pod/ns/name", packet): the longest-prefix-match decision there. */
export function routePacket(cluster: ClusterNetwork, where: string, packet: Packet, options: DatapathOptions = {}): RouteDecision {
  return lookupRoute(netnsOf(buildDatapath(cluster, options), where), packet.dst);
}
