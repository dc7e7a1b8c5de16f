// Netfilter rules as data (NET-IPT-01, NET-IPT-03): what parseIptablesSave produces and the walker reads.
// The shapes follow iptables-save's own vocabulary (tables, chains with policies, `-A` rules made of
// match options and one target), so any dump (kube-proxy's, flannel's, a hand-written one) walks alike.
import type { Hop, Packet } from '../types.ts';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
export type TableName = 'raw' | 'mangle' | 'nat' | 'filter' | 'security';
/** Conntrack states a `-m conntrack --ctstate` / `-m state --state` option may name (NET-NAT-03). */
export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' | 'SNAT' | 'DNAT';

/** `-s 10.0.0.0/8`, with `!` negation; the address is kept as written (a bare IP means /32). */
export interface AddressMatch {
  cidr: string;
  negate: boolean;
}

export interface PortMatch {
  /** Inclusive range; a single port has from === to. */
  ranges: { from: number; to: number }[];
  negate: boolean;
}

export type Match =
  | { kind: 'source'; address: AddressMatch }
  | { kind: 'destination'; address: AddressMatch }
  | { kind: 'protocol'; protocol: string; negate: boolean }
  | { kind: 'in-interface'; name: string; negate: boolean }
  | { kind: 'out-interface'; name: string; negate: boolean }
  | { kind: 'source-port'; ports: PortMatch }
  | { kind: 'destination-port'; ports: PortMatch }
  | { kind: 'comment'; text: string }
  | { kind: 'addrtype'; side: 'src' | 'dst'; types: string[]; negate: boolean }
  | { kind: 'mark'; value: number; mask: number; negate: boolean }
  | { kind: 'statistic'; probability: number }
  | { kind: 'recent'; name: string; mode: 'set' | 'rcheck' | 'update' | 'remove'; side: 'source' | 'dest'; seconds?: number; negate: boolean }
  | { kind: 'ctstate'; states: CtState[]; negate: boolean };

/** MARK's kernel form: new mark = (old & ~mask) ^ value; --or-mark, --xor-mark, --set-mark all reduce to it. */
export interface MarkTarget {
  kind: 'MARK';
  value: number;
  mask: number;
}

export interface NatAddress {
  ip: string;
  port?: number;
}

export type Target =
  | { kind: 'ACCEPT' }
  | { kind: 'DROP' }
  | { kind: 'RETURN' }
  | { kind: 'REJECT'; rejectWith?: string }
  | MarkTarget
  | { kind: 'DNAT'; to: NatAddress }
  | { kind: 'SNAT'; to: NatAddress; randomFully: boolean }
  | { kind: 'MASQUERADE'; randomFully: boolean }
  | { kind: 'REDIRECT'; toPort?: number }
  | { kind: 'jump'; chain: string; goto: boolean }
  /** A target the walker does not model (LOG, CONNMARK, ...): noted in the trace, never terminating. */
  | { kind: 'extension'; name: string };

export interface Rule {
  /** The line as iptables-save prints it (`-A KUBE-SERVICES ...`), shown in trace hops. */
  text: string;
  /** 1-based line of the dump, for errors. */
  line: number;
  matches: Match[];
  /** Absent: the rule only counts packets. */
  target?: Target;
}

export interface Chain {
  name: string;
  /** Built-in chains have a policy; user chains (`:KUBE-SVC-... - [0:0]`) have none and return at their end. */
  policy?: 'ACCEPT' | 'DROP';
  rules: Rule[];
}

export interface Table {
  name: string;
  chains: Map<string, Chain>;
}

export interface Ruleset {
  tables: Map<string, Table>;
}

/** A connection's tuple in one direction. */
export interface Tuple {
  protocol: Packet['protocol'];
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
}

/**
 * One conntrack entry (NET-NAT-01): the original tuple as the first packet arrived and the reply tuple the
 * other side will send, both with NAT folded in; `state` says whether a reply has been seen.
 */
export interface ConntrackEntry {
  original: Tuple;
  reply: Tuple;
  state: 'NEW' | 'ESTABLISHED';
}

/** Immutable: conntrackRecord returns a new table. Entries keyed by original tuple, replies indexed too. */
export interface ConntrackTable {
  readonly entries: ReadonlyMap<string, ConntrackEntry>;
  readonly byReply: ReadonlyMap<string, string>;
}

/** The connection a packet belongs to and in which direction it travels (the kernel's skb->_nfct). */
export interface ConntrackMatch {
  entry: ConntrackEntry;
  direction: 'original' | 'reply';
}

/** `-m recent` lists: list name → address → last time seen (seconds). */
export type RecentLists = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface WalkContext {
  /** Addresses of this host (`-m addrtype --dst-type LOCAL`), e.g. the node IP, cni0's, flannel.1's. */
  localAddresses: string[];
  conntrack: ConntrackTable;
  /** Decides `-m statistic --mode random --probability p`: true takes the rule. Default: always true. */
  choose?: (p: number) => boolean;
  /** The packet's connection, looked up when it entered the host; looked up from the packet when undefined, null for "none". */
  connection?: ConntrackMatch | null;
  /** The packet as it entered this host, for `--ctstate DNAT/SNAT` of a NEW connection; default: the walked packet. */
  origin?: Packet;
  /** MASQUERADE's source: the address of the interface the packet leaves by (from the routing decision). */
  egressAddress?: string;
  inInterface?: string;
  outInterface?: string;
  recent?: RecentLists;
  /** Seconds, for `-m recent --seconds`. */
  now?: number;
  /** Where the hops happen, e.g. `node/node01`. */
  where?: string;
}

export type WalkVerdict = 'ACCEPT' | 'DROP' | 'REJECT';

/** NAT decided for a NEW connection while walking (later packets take it from conntrack). */
export interface NatDecisions {
  dnat?: NatAddress;
  snat?: NatAddress;
}

export interface WalkResult {
  packet: Packet;
  verdict: WalkVerdict;
  hops: Hop[];
  ctstate: CtState;
  nat: NatDecisions;
  recent: RecentLists;
}
