// PodTopologySpread score (SCHED-18; podtopologyspread/scoring.go) for the Pod's ScheduleAnyway constraints.
// - Feasible nodes lacking any constraint's topologyKey are ignored (normalised to 0).
// - Each non-hostname domain seen among the other feasible nodes counts the matching Pods (same namespace,
//   not terminating) on every node of the cluster in that domain that passes the node inclusion policies
//   (nodeAffinityPolicy Honor by default: the Pod's nodeSelector/required affinity; nodeTaintsPolicy Ignore by
//   default; before 1.26 the required node affinity always applies). Hostname counts only the node itself.
// - Raw score: Go math.Round(Σ count × ln(domains + 2) + (maxSkew - 1)); NormalizeScore: fewer is better.
// E.g. maxSkew 1 on hostname, nodes with 0, 1, 2 matching Pods (3 domains, weight ln 5 ≈ 1.609): raw 0, 2, 3
// → 100 * (3 + 0 - s) / 3 = 100, 33, 0.
// Not modelled: system default constraints (hostname maxSkew 3, zone maxSkew 5) — they select the Pod's
// Services/ReplicaSets/StatefulSets, which the snapshot does not hold, so a Pod without constraints is skipped.
import { matchesSelector, selectorFromLabelSelector, type Selector } from '../../k8s/selector.ts';
import { FILTERED_EFFECTS, findUntoleratedTaint } from '../../k8s/taint.ts';
import type { LabelSelector, Node, Pod, TopologySpreadConstraint } from '../../k8s/types.ts';
import { requiredNodeAffinityMatches } from './node-selector.ts';
import { goRound, spreadNormalize } from './normalize.ts';
import { namespaceOf, type ScoreContext, type ScorePlugin } from './plugin.ts';

const HOSTNAME = 'kubernetes.io/hostname';

interface Constraint {
  readonly c: TopologySpreadConstraint;
  readonly selector: Selector;
}

function constraints(pod: Pod, minor: number): Constraint[] {
  return (pod.spec.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway')
    .map((c) => {
      let ls: LabelSelector | undefined = c.labelSelector;
      const labels = pod.metadata.labels ?? {};
      const keys = minor >= 27 ? (c.matchLabelKeys ?? []).filter((k) => labels[k] !== undefined) : [];
      if (ls !== undefined && keys.length > 0) {
        ls = { ...ls, matchExpressions: [...(ls.matchExpressions ?? []), ...keys.map((key) => ({ key, operator: 'In' as const, values: [labels[key] as string] }))] };
      }
      return { c, selector: selectorFromLabelSelector(ls) };
    });
}

const hasAllKeys = (node: Node, cs: readonly Constraint[]): boolean =>
  cs.every(({ c }) => (node.metadata.labels ?? {})[c.topologyKey] !== undefined);

/** countPodsMatchSelector: an empty selector counts nothing; terminating Pods and other namespaces never count. */
function countMatching(pods: readonly Pod[], selector: Selector, ns: string): number {
  if (selector.kind === 'requirements' && selector.requirements.length === 0) return 0;
  return pods.filter((p) => p.metadata.deletionTimestamp === undefined && namespaceOf(p) === ns && matchesSelector(selector, p.metadata.labels ?? {})).length;
}

function included(ctx: ScoreContext, c: TopologySpreadConstraint, node: Node): boolean {
  if (ctx.minor < 26) return requiredNodeAffinityMatches(ctx.pod, node);
  if ((c.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !requiredNodeAffinityMatches(ctx.pod, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.spec?.taints, ctx.pod.spec.tolerations, FILTERED_EFFECTS) !== undefined) return false;
  return true;
}

interface SpreadState {
  readonly cs: Constraint[];
  readonly ignored: boolean[];
  readonly counts: Map<string, number>[];
  readonly weights: number[];
}

function preScore(ctx: ScoreContext): SpreadState | undefined {
  const cs = constraints(ctx.pod, ctx.minor);
  if (cs.length === 0 || ctx.snapshot.nodes.length === 0) return undefined;
  const ignored = ctx.feasible.map((info) => !hasAllKeys(info.node, cs));
  const counts = cs.map(() => new Map<string, number>());
  ctx.feasible.forEach((info, i) => {
    if (ignored[i]) return;
    cs.forEach(({ c }, k) => {
      if (c.topologyKey !== HOSTNAME) counts[k]?.set((info.node.metadata.labels ?? {})[c.topologyKey] as string, 0);
    });
  });
  const considered = ignored.filter((x) => !x).length;
  const weights = cs.map(({ c }, k) => Math.log((c.topologyKey === HOSTNAME ? considered : (counts[k]?.size ?? 0)) + 2));
  const ns = namespaceOf(ctx.pod);
  for (const { node, pods } of ctx.allNodes) {
    if (!hasAllKeys(node, cs)) continue;
    cs.forEach(({ c, selector }, k) => {
      if (!included(ctx, c, node)) return;
      const byValue = counts[k];
      const value = (node.metadata.labels ?? {})[c.topologyKey] as string;
      const have = byValue?.get(value);
      if (byValue === undefined || have === undefined) return;
      byValue.set(value, have + countMatching(pods, selector, ns));
    });
  }
  return { cs, ignored, counts, weights };
}

export const podTopologySpread: ScorePlugin = {
  name: 'PodTopologySpread',
  score(ctx) {
    const s = preScore(ctx);
    if (s === undefined) return undefined;
    const ns = namespaceOf(ctx.pod);
    return ctx.feasible.map((info, i) => {
      if (s.ignored[i]) return 0;
      const labels = info.node.metadata.labels ?? {};
      let score = 0;
      s.cs.forEach(({ c, selector }, k) => {
        const value = labels[c.topologyKey];
        if (value === undefined) return;
        const cnt = c.topologyKey === HOSTNAME ? countMatching(info.pods, selector, ns) : (s.counts[k]?.get(value) ?? 0);
        score += cnt * (s.weights[k] as number) + (c.maxSkew - 1);
      });
      return goRound(score);
    });
  },
  normalize(raw, ctx) {
    const cs = constraints(ctx.pod, ctx.minor);
    return spreadNormalize(raw, ctx.feasible.map((info) => !hasAllKeys(info.node, cs)));
  },
};
