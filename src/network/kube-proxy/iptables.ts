// The library entry for kube-proxy's iptables mode (NET-IPT-*): generate one node's rules for a release and
// render them as what kube-proxy feeds iptables-restore ('restore'), what iptables-save prints back ('save',
// the default), or what `iptables -t <table> -nL` lists ('list', the form of the seeds' 2019 dump).
import { InputError } from '../../errors.ts';
import type { ClusterNetwork } from '../types.ts';
import { currentRules } from './iptables-current.ts';
import { legacyRules } from './iptables-legacy.ts';
import type { GeneratedRules, TableName } from './output.ts';
import { LIST_HEADER, listLine } from './render-list.ts';
import { saveLine } from './render-save.ts';
import { assembleTables, toRuleset, type KubeProxyRuleset } from './ruleset.ts';
import { CURRENT_KUBERNETES_VERSION, proxyFeatures, type ProxyFeatures } from './version.ts';

export interface KubeProxyOptions {
  node: string;
  /** "1.15", "v1.15.3" …; default: the current release. */
  kubernetesVersion?: string;
  /** Current releases only: --iptables-localhost-nodeports (default true). */
  localhostNodePorts?: boolean;
  /** Current releases only: nf_conntrack_tcp_be_liberal set (default false). */
  conntrackTCPLiberal?: boolean;
  /** Current releases only: the node's iptables knows --random-fully (default true). */
  randomFully?: boolean;
}

export interface IptablesRulesOptions extends KubeProxyOptions {
  format?: 'save' | 'list' | 'restore';
  /** For 'list' and 'save': only this table. */
  table?: TableName;
}

export function generateKubeProxyRules(cluster: ClusterNetwork, opts: KubeProxyOptions): GeneratedRules {
  if (!cluster.nodes.some((n) => n.name === opts.node)) {
    const known = cluster.nodes.map((n) => n.name).join(', ');
    throw new InputError(`node "${opts.node}" is not in the cluster (nodes: ${known})`, undefined, undefined, undefined, `Node "${opts.node}"`);
  }
  let features: ProxyFeatures;
  try {
    features = proxyFeatures(opts.kubernetesVersion ?? CURRENT_KUBERNETES_VERSION);
  } catch (e) {
    throw new InputError((e as Error).message, undefined, undefined, undefined, '--kubernetes-version');
  }
  if (!features.current) return legacyRules(cluster, { node: opts.node, features });
  return currentRules(cluster, {
    node: opts.node,
    features,
    localhostNodePorts: opts.localhostNodePorts ?? true,
    conntrackTCPLiberal: opts.conntrackTCPLiberal ?? false,
    randomFully: opts.randomFully ?? true,
  });
}

/** kube-proxy's iptables-restore input: filter then nat, each "*table", chain lines, rules, COMMIT; the jump
 * rules it adds with `iptables -I` first, as comments, since they are not part of the restore. */
function renderRestore(g: GeneratedRules): string {
  const out = g.jumps.map((j) => `# iptables -t ${j.table} -I ${j.line.slice(3)}`);
  for (const table of ['filter', 'nat'] as const) {
    out.push(`*${table}`, ...g.tables[table].chains.map((c) => `:${c} - [0:0]`), ...g.tables[table].rules, 'COMMIT');
  }
  return `${out.join('\n')}\n`;
}

function renderSave(g: GeneratedRules, only?: TableName): string {
  const out: string[] = [];
  for (const [table, chains] of assembleTables(g)) {
    if (only !== undefined && table !== only) continue;
    out.push(`*${table}`);
    for (const [name, c] of chains) out.push(c.builtin ? `:${name} ACCEPT [0:0]` : `:${name} - [0:0]`);
    for (const c of chains.values()) out.push(...c.rules.map(saveLine));
    out.push('COMMIT');
  }
  return `${out.join('\n')}\n`;
}

function renderList(g: GeneratedRules, only?: TableName): string {
  const blocks: string[] = [];
  for (const [table, chains] of assembleTables(g)) {
    if (only !== undefined && table !== only) continue;
    const references = new Map<string, number>();
    for (const c of chains.values()) for (const r of c.rules) references.set(r.target, (references.get(r.target) ?? 0) + 1);
    const listed = [...chains].map(([name, c]) => {
      const head = c.builtin ? `Chain ${name} (policy ACCEPT)` : `Chain ${name} (${references.get(name) ?? 0} references)`;
      return [head, LIST_HEADER, ...c.rules.map(listLine)].join('\n');
    });
    blocks.push(`${only === undefined ? `# iptables -t ${table} -nL\n` : ''}${listed.join('\n\n')}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

/** The iptables rules kube-proxy maintains on `opts.node`, as text. */
export function iptablesRules(cluster: ClusterNetwork, opts: IptablesRulesOptions): string {
  const g = generateKubeProxyRules(cluster, opts);
  const format = opts.format ?? 'save';
  if (format === 'restore') return renderRestore(g);
  return format === 'list' ? renderList(g, opts.table) : renderSave(g, opts.table);
}

/** The same rules as data (see ruleset.ts for the shape). */
export function kubeProxyRuleset(cluster: ClusterNetwork, opts: KubeProxyOptions): KubeProxyRuleset {
  return toRuleset(generateKubeProxyRules(cluster, opts), opts.kubernetesVersion ?? CURRENT_KUBERNETES_VERSION, opts.node);
}
