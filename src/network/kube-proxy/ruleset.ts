// The rules kube-proxy leaves on a node as plain JSON data, for the netfilter walker (src/network/netfilter/)
// to evaluate hop by hop (NET-IPT-01 … NET-IPT-13): the generated rules themselves, not a shortcut.
//
// Shape (agreed with the walker):
//   { kubernetesVersion, node,
//     tables: { nat | filter | mangle: { chains: { [name]: { policy?: 'ACCEPT', rules: Rule[] } } } } }
//   Rule = { text, match, target, targetArgs? }
//     text   the line as iptables-save prints it ("-A KUBE-SVC-… -m statistic … -j KUBE-SEP-…")
//     match  every condition of the rule; absent fields match anything; all present ones must hold:
//       src / notSrc, dst / notDst   CIDRs with a prefix ("192.168.128.0/18", "192.168.199.234/32")
//       protocol                    'tcp' | 'udp' | 'sctp'
//       dport                       destination port
//       srcTypeLocal / notSrcTypeLocal / dstTypeLocal   -m addrtype (LOCAL = an address of this node)
//       mark                        { value, mask, invert }: (packet.mark & mask) === value, negated if invert
//       comment                     informative only, never a condition
//       statisticProbability        the probability as written (0.16667 or 0.1666666667); the kernel uses
//                                   kernelProbability(p), within 2^-31 of it
//       recent                      { name, set? , rcheck?, seconds?, reap? } (ClientIP affinity: rcheck tests,
//                                   set records the source address in list `name`)
//       ctstate / notCtstate        conntrack states, e.g. ['NEW'] or ['RELATED','ESTABLISHED']
//     target  ACCEPT | DROP | REJECT | RETURN | DNAT | MASQUERADE | MARK | a chain name
//     targetArgs  { toDestination: "ip:port" } for DNAT; { setXmark: { value, mask } } for MARK (the new mark is
//                 (mark & ~mask) ^ value); { rejectWith } for REJECT; { randomFully } for MASQUERADE
// Built-in chains carry policy 'ACCEPT' and only kube-proxy's own jump rules (other components' rules, such as
// flannel's, are not part of this model).
import { option, parseRuleLine, type ParsedRule } from './parse.ts';
import { ctStates, markTarget, parseMarkMask } from './render-save.ts';
import { saveLine } from './render-save.ts';
import type { GeneratedRules, TableName } from './output.ts';

export interface RuleMatch {
  src?: string;
  notSrc?: string;
  dst?: string;
  notDst?: string;
  protocol?: string;
  dport?: number;
  srcTypeLocal?: boolean;
  notSrcTypeLocal?: boolean;
  dstTypeLocal?: boolean;
  notDstTypeLocal?: boolean;
  mark?: { value: number; mask: number; invert: boolean };
  comment?: string;
  statisticProbability?: number;
  recent?: { name: string; set?: boolean; rcheck?: boolean; seconds?: number; reap?: boolean };
  ctstate?: string[];
  notCtstate?: string[];
}

export interface TargetArgs {
  toDestination?: string;
  setXmark?: { value: number; mask: number };
  rejectWith?: string;
  randomFully?: boolean;
}

export interface Rule {
  text: string;
  match: RuleMatch;
  target: string;
  targetArgs?: TargetArgs;
}

export interface ChainRules {
  policy?: string;
  rules: Rule[];
}

export interface TableRules {
  chains: Record<string, ChainRules>;
}

export interface KubeProxyRuleset {
  kubernetesVersion: string;
  node: string;
  tables: { nat: TableRules; filter: TableRules; mangle?: TableRules };
}

export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
};

const withPrefix = (a: string): string => (a.includes('/') ? a : `${a}/32`);

/** The data form of one parsed rule. */
export function toRule(p: ParsedRule): Rule {
  const match: RuleMatch = {};
  if (p.src) match[p.src.invert ? 'notSrc' : 'src'] = withPrefix(p.src.addr);
  if (p.dst) match[p.dst.invert ? 'notDst' : 'dst'] = withPrefix(p.dst.addr);
  if (p.protocol) match.protocol = p.protocol.name;
  for (const m of p.matches) {
    const o = (name: string): ReturnType<typeof option> => option(m.options, name);
    if (['tcp', 'udp', 'sctp'].includes(m.module) && o('--dport')) match.dport = Number(o('--dport')?.value);
    if (m.module === 'comment') match.comment = o('--comment')?.value ?? '';
    if (m.module === 'addrtype') {
      const src = o('--src-type');
      const dst = o('--dst-type');
      if (src?.value === 'LOCAL') match[src.invert ? 'notSrcTypeLocal' : 'srcTypeLocal'] = true;
      if (dst?.value === 'LOCAL') match[dst.invert ? 'notDstTypeLocal' : 'dstTypeLocal'] = true;
    }
    if (m.module === 'mark') {
      const [value, mask] = parseMarkMask(o('--mark')?.value ?? '0');
      match.mark = { value, mask, invert: o('--mark')?.invert ?? false };
    }
    if (m.module === 'statistic') match.statisticProbability = Number(o('--probability')?.value);
    if (m.module === 'conntrack') match[o('--ctstate')?.invert ? 'notCtstate' : 'ctstate'] = ctStates(o('--ctstate')?.value ?? '');
    if (m.module === 'recent') {
      match.recent = { name: o('--name')?.value ?? 'DEFAULT' };
      if (o('--set')) match.recent.set = true;
      if (o('--rcheck')) match.recent.rcheck = true;
      if (o('--seconds')) match.recent.seconds = Number(o('--seconds')?.value);
      if (o('--reap')) match.recent.reap = true;
    }
  }
  const rule: Rule = { text: saveLine(p), match, target: p.target };
  const t = (name: string): ReturnType<typeof option> => option(p.targetOptions, name);
  if (p.target === 'DNAT') rule.targetArgs = { toDestination: t('--to-destination')?.value ?? '' };
  if (p.target === 'MARK') {
    const [value, mask] = markTarget(p.targetOptions);
    rule.targetArgs = { setXmark: { value, mask } };
  }
  if (p.target === 'REJECT') rule.targetArgs = { rejectWith: t('--reject-with')?.value ?? 'icmp-port-unreachable' };
  if (p.target === 'MASQUERADE' && t('--random-fully')) rule.targetArgs = { randomFully: true };
  return rule;
}

/** Every chain of every table, built-in ones first in kernel order, then user chains sorted by name as libiptc
 * lists them; each with its parsed rules in order. */
export function assembleTables(g: GeneratedRules): Map<TableName, Map<string, { builtin: boolean; rules: ParsedRule[] }>> {
  const out = new Map<TableName, Map<string, { builtin: boolean; rules: ParsedRule[] }>>();
  const tableNames: TableName[] = g.ensuredChains.some((c) => c.table === 'mangle') ? ['nat', 'filter', 'mangle'] : ['nat', 'filter'];
  for (const table of tableNames) {
    const user = new Set<string>();
    if (table !== 'mangle') for (const c of g.tables[table].chains) user.add(c);
    for (const c of g.ensuredChains) if (c.table === table) user.add(c.chain);
    const chains = new Map<string, { builtin: boolean; rules: ParsedRule[] }>();
    for (const b of BUILTIN_CHAINS[table]) chains.set(b, { builtin: true, rules: [] });
    for (const c of [...user].sort()) chains.set(c, { builtin: false, rules: [] });
    const lines = [...g.jumps.filter((j) => j.table === table).map((j) => j.line), ...(table === 'mangle' ? [] : g.tables[table].rules)];
    for (const l of lines) {
      const p = parseRuleLine(l);
      const chain = chains.get(p.chain);
      if (chain === undefined) throw new Error(`kube-proxy model wrote a rule into undeclared chain ${table}/${p.chain}: ${l}`);
      chain.rules.push(p);
    }
    out.set(table, chains);
  }
  return out;
}

export function toRuleset(g: GeneratedRules, kubernetesVersion: string, node: string): KubeProxyRuleset {
  const tables = assembleTables(g);
  const data = (table: TableName): TableRules => {
    const chains: Record<string, ChainRules> = {};
    for (const [name, c] of tables.get(table) ?? []) chains[name] = c.builtin ? { policy: 'ACCEPT', rules: c.rules.map(toRule) } : { rules: c.rules.map(toRule) };
    return { chains };
  };
  const ruleset: KubeProxyRuleset = { kubernetesVersion, node, tables: { nat: data('nat'), filter: data('filter') } };
  if (tables.has('mangle')) ruleset.tables.mangle = data('mangle');
  return ruleset;
}
