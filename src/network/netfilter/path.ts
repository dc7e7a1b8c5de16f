// The hooks one packet passes on one host (NET-IPT-02) with conntrack around them (NET-NAT-01): the
// connection is looked up as the packet arrives; a first packet walks the nat chains and, if accepted,
// is confirmed as an entry; later packets and replies are translated from that entry. The routing
// decision between the first hook and the rest is the caller's (the routing model owns routes) and sees
// the destination as DNAT left it: a ClusterIP packet is routed to the chosen endpoint, not the VIP.
import type { Hop, Packet } from '../types.ts';
import { conntrackLookup, conntrackRecord, conntrackSeen } from './conntrack.ts';
import { hookSequence } from './decisions.ts';
import type { ConntrackTable, CtState, Hook, RecentLists, Ruleset, WalkContext } from './types.ts';
import { walkHook } from './walk.ts';

export interface RouteDecision {
  /** Addressed to this host: delivered through INPUT. */
  local: boolean;
  /** The interface the packet leaves by (`-o` matches), e.g. flannel.1, cni0, eth0. */
  outInterface?: string;
  /** That interface's address: what MASQUERADE writes as the source. */
  egressAddress?: string;
}

export interface PathOptions {
  /** Sent by a process of this host (OUTPUT first) rather than arriving on an interface (PREROUTING first). */
  locallyGenerated: boolean;
  /** The routing decision for the packet as it is after the first hook. */
  route: (packet: Packet) => RouteDecision;
  localAddresses: string[];
  conntrack: ConntrackTable;
  choose?: (p: number) => boolean;
  inInterface?: string;
  recent?: RecentLists;
  now?: number;
  where?: string;
}

export type PathVerdict = 'DELIVERED' | 'FORWARD' | 'DROP' | 'REJECT';

export interface PathResult {
  hooks: Hook[];
  /** The packet as it was delivered or left the host (or when it was dropped). */
  packet: Packet;
  /** FORWARD: it leaves the host through `route.outInterface` (routed or locally generated). */
  verdict: PathVerdict;
  hops: Hop[];
  ctstate: CtState;
  conntrack: ConntrackTable;
  recent: RecentLists;
  route?: RouteDecision;
}

export function packetPath(ruleset: Ruleset, packet: Packet, opts: PathOptions): PathResult {
  const where = opts.where ?? 'host';
  const connection = conntrackLookup(opts.conntrack, packet);
  const hops: Hop[] = [];
  const hooks: Hook[] = [];
  let recent: RecentLists = opts.recent ?? new Map();
  let current = packet;
  // Locally generated packets are routed before OUTPUT (to know the interface) and again if nat changed them.
  let decision = opts.locallyGenerated ? opts.route(packet) : undefined;
  let sequence = hookSequence(opts.locallyGenerated, false).slice(0, 1);
  let ctstate: CtState = 'NEW';
  let conntrack = opts.conntrack;
  for (let i = 0; i < sequence.length; i++) {
    const hook = sequence[i] as Hook;
    const ctx: WalkContext = {
      localAddresses: opts.localAddresses,
      conntrack: opts.conntrack,
      connection,
      origin: packet,
      recent,
      where,
      ...(opts.choose === undefined ? {} : { choose: opts.choose }),
      ...(opts.now === undefined ? {} : { now: opts.now }),
      ...(opts.inInterface === undefined || hook === 'OUTPUT' ? {} : { inInterface: opts.inInterface }),
      ...(decision?.outInterface === undefined || hook === 'PREROUTING' || hook === 'INPUT' ? {} : { outInterface: decision.outInterface }),
      ...(decision?.egressAddress === undefined ? {} : { egressAddress: decision.egressAddress }),
    };
    const walked = walkHook(ruleset, hook, current, ctx);
    hooks.push(hook);
    hops.push(...walked.hops);
    recent = walked.recent;
    ctstate = walked.ctstate;
    const moved = walked.packet.dst !== current.dst;
    current = walked.packet;
    // Conntrack saw the packet as it entered, before any filter verdict: a reply establishes the entry even if dropped later.
    if (connection !== null && i === 0) conntrack = conntrackSeen(conntrack, connection);
    if (walked.verdict !== 'ACCEPT') return { hooks, packet: current, verdict: walked.verdict, hops, ctstate, conntrack, recent, ...(decision ? { route: decision } : {}) };
    if (i === 0) {
      if (decision === undefined || moved) decision = opts.route(current);
      hops.push({ where, device: 'routing', packet: { ...current }, note: decision.local ? 'routing decision: local delivery' : `routing decision: out via ${decision.outInterface ?? '(unknown interface)'}` });
      sequence = hookSequence(opts.locallyGenerated, decision.local);
    }
  }
  // A first packet accepted all the way is confirmed; an INVALID one never gets an entry (NET-NAT-03).
  if (connection === null && ctstate !== 'INVALID') conntrack = conntrackRecord(conntrack, packet, current);
  const verdict: PathVerdict = decision?.local === true ? 'DELIVERED' : 'FORWARD';
  return { hooks, packet: current, verdict, hops, ctstate, conntrack, recent, ...(decision ? { route: decision } : {}) };
}
