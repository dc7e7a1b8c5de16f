// Whether a rule's matches all hold for a packet (NET-IPT-01). Matches run left to right and stop at the
// first failure, as in the kernel: a `-m statistic` draw only happens when everything before it matched,
// and `-m recent --set` only records when the rest of the rule so far matched.
import type { Packet } from '../types.ts';
import { parseCidr, parseIPv4, type Cidr } from './ipv4.ts';
import type { CtState, Match, PortMatch, RecentLists, Rule } from './types.ts';

/** What the matches read besides the packet; `recent` is replaced when `--set`/`--update`/`--remove` run. */
export interface MatchEnv {
  localAddresses: ReadonlySet<string>;
  ctstates: ReadonlySet<CtState>;
  inInterface?: string;
  outInterface?: string;
  choose: (p: number) => boolean;
  recent: RecentLists;
  now: number;
}

export function ruleMatches(rule: Rule, packet: Packet, env: MatchEnv): boolean {
  for (const m of rule.matches) if (!matchHolds(m, packet, env)) return false;
  return true;
}

// Walks re-test the same few thousand CIDRs and addresses: parse each once (10k Services: 13 ms → under 1 ms a walk).
const cidrs = new Map<string, Cidr>();
const addresses = new Map<string, number>();

function inCidr(cidr: string, ip: string): boolean {
  let c = cidrs.get(cidr);
  if (c === undefined) cidrs.set(cidr, (c = parseCidr(cidr)));
  let a = addresses.get(ip);
  if (a === undefined) {
    if (addresses.size > 65536) addresses.clear();
    addresses.set(ip, (a = parseIPv4(ip)));
  }
  const size = 2 ** (32 - c.prefix);
  return a - (a % size) === c.base;
}

function portIn(ports: PortMatch, port: number): boolean {
  return ports.ranges.some((r) => port >= r.from && port <= r.to) !== ports.negate;
}

/** `-o flannel+` matches flannel.1; a trailing + is a prefix wildcard. An unknown interface never matches. */
function interfaceIs(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

function matchHolds(m: Match, p: Packet, env: MatchEnv): boolean {
  switch (m.kind) {
    case 'source':
      return inCidr(m.address.cidr, p.src) !== m.address.negate;
    case 'destination':
      return inCidr(m.address.cidr, p.dst) !== m.address.negate;
    case 'protocol':
      return (m.protocol === 'all' || m.protocol === p.protocol.toLowerCase()) !== m.negate;
    case 'in-interface':
      return interfaceIs(m.name, env.inInterface) !== m.negate;
    case 'out-interface':
      return interfaceIs(m.name, env.outInterface) !== m.negate;
    case 'source-port':
      return portIn(m.ports, p.srcPort);
    case 'destination-port':
      return portIn(m.ports, p.dstPort);
    case 'comment':
      return true;
    case 'addrtype': {
      // Only LOCAL is modelled: an address of this host. Other types (UNICAST, BROADCAST ...) never match.
      const address = m.side === 'src' ? p.src : p.dst;
      const types = env.localAddresses.has(address) ? ['LOCAL'] : [];
      return m.types.some((t) => types.includes(t)) !== m.negate;
    }
    case 'mark':
      return ((((p.mark ?? 0) & m.mask) >>> 0) === ((m.value & m.mask) >>> 0)) !== m.negate;
    case 'statistic':
      return env.choose(m.probability);
    case 'ctstate':
      return m.states.some((s) => env.ctstates.has(s)) !== m.negate;
    case 'recent':
      return recentHolds(m, p, env);
  }
}

function recentHolds(m: Extract<Match, { kind: 'recent' }>, p: Packet, env: MatchEnv): boolean {
  const address = m.side === 'source' ? p.src : p.dst;
  const list = env.recent.get(m.name) ?? new Map<string, number>();
  const seen = list.get(address);
  const fresh = seen !== undefined && (m.seconds === undefined || env.now - seen <= m.seconds);
  const write = (next: Map<string, number>): void => {
    const lists = new Map(env.recent);
    lists.set(m.name, next);
    env.recent = lists;
  };
  switch (m.mode) {
    case 'set':
      write(new Map(list).set(address, env.now));
      return !m.negate;
    case 'rcheck':
      return fresh !== m.negate;
    case 'update':
      if (fresh) write(new Map(list).set(address, env.now));
      return fresh !== m.negate;
    case 'remove': {
      if (seen === undefined) return m.negate;
      const next = new Map(list);
      next.delete(address);
      write(next);
      return !m.negate;
    }
  }
}
