// The conntrack table (NET-NAT-01): one entry per connection, keyed by its original tuple and found from
// either direction. The entry is made from the first packet as it arrived and as it left, so the NAT the
// nat chains chose is in the reply tuple: the seeds' NodePort entry reads
// "src=<client> dst=<node> dport=32681 | src=192.168.132.73 dst=192.168.128.0 sport=8080" (NET-NAT-04):
// the reply comes from the endpoint to the masqueraded address.
import type { Packet } from '../types.ts';
import { nextEntryState } from './decisions.ts';
import type { ConntrackEntry, ConntrackMatch, ConntrackTable, NatAddress, Tuple } from './types.ts';

export const emptyConntrack: ConntrackTable = { entries: new Map(), byReply: new Map() };

export function tupleOf(p: Packet): Tuple {
  return { protocol: p.protocol, src: p.src, srcPort: p.srcPort, dst: p.dst, dstPort: p.dstPort };
}

export function tupleKey(t: Tuple): string {
  return `${t.protocol} ${t.src}:${t.srcPort} > ${t.dst}:${t.dstPort}`;
}

function swap(t: Tuple): Tuple {
  return { protocol: t.protocol, src: t.dst, srcPort: t.dstPort, dst: t.src, dstPort: t.srcPort };
}

/** The packet's connection: its tuple equals an entry's original tuple, or that entry's reply tuple. */
export function conntrackLookup(table: ConntrackTable, packet: Packet): ConntrackMatch | null {
  const key = tupleKey(tupleOf(packet));
  const original = table.entries.get(key);
  if (original) return { entry: original, direction: 'original' };
  const owner = table.byReply.get(key);
  const entry = owner === undefined ? undefined : table.entries.get(owner);
  return entry ? { entry, direction: 'reply' } : null;
}

/**
 * Confirms a new connection (the kernel does so when its first packet leaves the last hook accepted):
 * original tuple from the packet as it arrived, reply tuple from the packet as it left, swapped.
 */
export function conntrackRecord(table: ConntrackTable, arrived: Packet, left: Packet): ConntrackTable {
  const original = tupleOf(arrived);
  const entry: ConntrackEntry = { original, reply: swap(tupleOf(left)), state: 'NEW' };
  return withEntry(table, entry);
}

/** The entry after a packet of it passed in `direction` (a reply makes it ESTABLISHED). */
export function conntrackSeen(table: ConntrackTable, match: ConntrackMatch): ConntrackTable {
  const state = nextEntryState(match.entry.state, match.direction);
  return state === match.entry.state ? table : withEntry(table, { ...match.entry, state });
}

/** Forgets a connection, as `conntrack -D` or kube-proxy's UDP stale-entry cleanup does. */
export function conntrackDelete(table: ConntrackTable, entry: ConntrackEntry): ConntrackTable {
  const entries = new Map(table.entries);
  const byReply = new Map(table.byReply);
  entries.delete(tupleKey(entry.original));
  byReply.delete(tupleKey(entry.reply));
  return { entries, byReply };
}

function withEntry(table: ConntrackTable, entry: ConntrackEntry): ConntrackTable {
  const entries = new Map(table.entries);
  const byReply = new Map(table.byReply);
  const key = tupleKey(entry.original);
  entries.set(key, entry);
  byReply.set(tupleKey(entry.reply), key);
  return { entries, byReply };
}

/**
 * The translation conntrack applies at a NAT slot to a packet of a known connection. Destination slot
 * (PREROUTING, OUTPUT): original packets go to where the first one was DNATed (reply.src), replies to the
 * original client (original.src, undoing SNAT/MASQUERADE). Source slot (POSTROUTING, INPUT): original
 * packets take the SNATed source (reply.dst), replies take the Service address they were sent to
 * (original.dst, undoing DNAT: the client sees the ClusterIP answer).
 */
export function conntrackTranslation(match: ConntrackMatch, slot: 'dst' | 'src'): NatAddress {
  const { entry, direction } = match;
  if (slot === 'dst') {
    return direction === 'original' ? { ip: entry.reply.src, port: entry.reply.srcPort } : { ip: entry.original.src, port: entry.original.srcPort };
  }
  return direction === 'original' ? { ip: entry.reply.dst, port: entry.reply.dstPort } : { ip: entry.original.dst, port: entry.original.dstPort };
}

/** `--ctstate DNAT` / `SNAT` of a known connection: its reply tuple differs from the swapped original. */
export function connectionNat(entry: ConntrackEntry): { dnat: boolean; snat: boolean } {
  return {
    dnat: entry.original.dst !== entry.reply.src || entry.original.dstPort !== entry.reply.srcPort,
    snat: entry.original.src !== entry.reply.dst || entry.original.srcPort !== entry.reply.dstPort,
  };
}
