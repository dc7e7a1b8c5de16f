// The state of one traced packet while it walks the data path, and the hop bookkeeping every step shares:
// hop records, drops with their reason, TTL, and the netfilter hook points where the lead's walk through
// the generated rules is spliced in (HookCallback); without a callback a marker hop `netfilter:<HOOK>`
// stands there so the splice points stay visible.
import type { Packet } from '../types.ts';
import type { Datapath } from './datapath.ts';
import { DEFAULT_TTL } from './names.ts';
import type { DatapathHop, HookCallback, NetfilterHook } from './types.ts';

export interface Walk {
  dp: Datapath;
  packet: Packet;
  ttl: number;
  hops: DatapathHop[];
  done: boolean;
  atHook?: HookCallback;
  markHooks: boolean;
}

/** Loops are impossible in a consistent model; this bound turns an inconsistent one into a drop. */
const MAX_HOPS = 200;

export function newWalk(dp: Datapath, packet: Packet, atHook: HookCallback | undefined, markHooks: boolean): Walk {
  return { dp, packet, ttl: DEFAULT_TTL, hops: [], done: false, ...(atHook ? { atHook } : {}), markHooks };
}

export function hop(w: Walk, h: Omit<DatapathHop, 'packet' | 'ttl'> & { packet?: Packet }): void {
  if (w.done) return;
  w.hops.push({ ttl: w.ttl, ...h, packet: h.packet ?? { ...w.packet } });
  if (w.hops.length > MAX_HOPS) drop(w, w.hops[w.hops.length - 1]?.where ?? '?', 'loop', `more than ${MAX_HOPS} hops: routing loop`);
}

export function drop(w: Walk, where: string, device: string, reason: string): void {
  if (w.done) return;
  w.hops.push({ where, device, packet: { ...w.packet }, ttl: w.ttl, verdict: 'DROP', note: reason });
  w.done = true;
}

export function deliver(w: Walk, where: string, device: string, note: string, macs: { srcMac?: string; dstMac?: string } = {}): void {
  hop(w, { where, device, verdict: 'DELIVERED', note, ...macs });
  w.done = true;
}

/** A router or host forwarding: TTL − 1; at 0 the packet is dropped (ICMP time exceeded). */
export function decrementTtl(w: Walk, where: string): void {
  w.ttl -= 1;
  if (w.ttl <= 0) drop(w, where, 'ttl', 'TTL reached 0: dropped with ICMP time exceeded');
}

export function atHook(w: Walk, where: string, hook: NetfilterHook, devices: { in?: string; out?: string }): void {
  if (w.done) return;
  if (w.atHook) {
    const result = w.atHook(where, hook, { ...w.packet }, devices);
    w.hops.push(...result.hops);
    w.packet = result.packet;
    if (result.verdict !== 'ACCEPT') {
      const last = w.hops[w.hops.length - 1];
      if (!last || last.verdict !== result.verdict) w.hops.push({ where, device: `netfilter:${hook}`, packet: { ...w.packet }, verdict: result.verdict });
      w.done = true;
    }
    return;
  }
  if (w.markHooks) {
    const on = [devices.in ? `in ${devices.in}` : '', devices.out ? `out ${devices.out}` : ''].filter(Boolean).join(', ');
    hop(w, { where, device: `netfilter:${hook}`, verdict: 'ACCEPT', note: `hook point (${on}): no rules spliced in` });
  }
}
