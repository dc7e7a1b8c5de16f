// What one sync of kube-proxy produces, before rendering (NET-IPT-01, NET-IPT-04): per table the chains it
// declares and the rule lines it writes, in the order it writes them, each line exactly as kube-proxy joins
// its arguments for iptables-restore; plus the jump rules from the built-in chains, which kube-proxy installs
// one by one with `iptables -I` (EnsureRule Prepend) because it must not rewrite the whole built-in chain.

export type TableName = 'filter' | 'nat' | 'mangle';

export interface GeneratedTable {
  /** Chains declared by ":NAME - [0:0]" lines, in write order. */
  chains: string[];
  /** "-A CHAIN …" lines, in write order. */
  rules: string[];
}

export interface JumpRule {
  table: TableName;
  /** The built-in chain: PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING. */
  chain: string;
  /** "-A INPUT -m conntrack --ctstate NEW -m comment --comment "…" -j KUBE-SERVICES". */
  line: string;
}

export interface GeneratedRules {
  tables: Record<'filter' | 'nat', GeneratedTable>;
  /** Jump rules in their final order within each built-in chain. */
  jumps: JumpRule[];
  /** Chains created with `iptables -N` outside the restore input (the empty KUBE-PROXY-CANARY of each table). */
  ensuredChains: { table: TableName; chain: string }[];
}

export interface JumpSpec {
  table: TableName;
  from: string;
  to: string;
  comment: string;
  extra: string[];
}

const quote = (s: string): string => `"${s}"`;

/**
 * Applies EnsureRule(Prepend) in list order on an empty chain: each insert goes to position 1, so within one
 * built-in chain the last listed jump ends up first (v1.15 INPUT: KUBE-SERVICES before KUBE-EXTERNAL-SERVICES).
 */
export function prependJumps(specs: readonly JumpSpec[]): JumpRule[] {
  const out: JumpRule[] = [];
  for (const s of specs) {
    const words = ['-A', s.from, ...s.extra];
    if (s.comment !== '') words.push('-m', 'comment', '--comment', quote(s.comment));
    words.push('-j', s.to);
    const firstOfChain = out.findIndex((j) => j.table === s.table && j.chain === s.from);
    const rule: JumpRule = { table: s.table, chain: s.from, line: words.join(' ') };
    if (firstOfChain === -1) out.push(rule);
    else out.splice(firstOfChain, 0, rule);
  }
  return out;
}

export const emptyTable = (): GeneratedTable => ({ chains: [], rules: [] });

/** Adds a chain declaration once (kube-proxy v1.15 writes a KUBE-FW line per load-balancer IP; iptables keeps one). */
const declared = new WeakMap<GeneratedTable, Set<string>>();

export function declare(t: GeneratedTable, chain: string): void {
  let seen = declared.get(t);
  if (!seen) declared.set(t, (seen = new Set(t.chains)));
  if (seen.has(chain)) return;
  seen.add(chain);
  t.chains.push(chain);
}

export const line = (...words: string[]): string => words.filter((w) => w !== '').join(' ');

/** utiliptables.Monitor keeps an empty KUBE-PROXY-CANARY in mangle, nat and filter; when it vanishes, the tables
 * were flushed by someone else and kube-proxy resyncs everything. */
export const canaryChains = (): { table: TableName; chain: string }[] =>
  (['mangle', 'nat', 'filter'] as const).map((table) => ({ table, chain: 'KUBE-PROXY-CANARY' }));
