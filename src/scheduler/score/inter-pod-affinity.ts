// InterPodAffinity score (SCHED-18; interpodaffinity/scoring.go). For every Pod already bound to a labelled
// node, each term adds its weight to that node's topology domain (topologyKey = value):
// - the incoming Pod's preferred podAffinity terms that select the existing Pod: +weight;
// - its preferred podAntiAffinity terms that select it: -weight;
// - the existing Pod's required podAffinity terms that select the incoming Pod: +1 (hardPodAffinityWeight);
// - the existing Pod's preferred podAffinity / podAntiAffinity terms that select the incoming Pod: ±weight.
// A feasible node's raw score is the sum over the domains it belongs to; NormalizeScore is min-max scaling
// (normalize.ts). PreScore skips when no term touched any domain. Computed here, not in json-logic, because
// it aggregates over every Pod of the cluster and every topology domain.
// Like PreScore in scoring.go, when the incoming Pod has no preferred terms only the Pods with terms of their
// own are visited (HavePodsWithAffinityList / PodsWithAffinity): the others cannot add anything. With none
// such Pods either nothing can touch a domain, and the plugin skips without visiting a node.
import type { Pod } from '../../k8s/types.ts';
import { affinityTerm, termMatches, type AffinityTerm } from './affinity-term.ts';
import { minMaxNormalize } from './normalize.ts';
import type { NodeWithPods, ScoreContext, ScorePlugin } from './plugin.ts';

const HARD_POD_AFFINITY_WEIGHT = 1;

function preferred(owner: Pod, kind: 'podAffinity' | 'podAntiAffinity', minor: number): AffinityTerm[] {
  return (owner.spec.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) =>
    affinityTerm(owner, w.podAffinityTerm, w.weight, minor),
  );
}

/** topologyKey → value → accumulated weight. */
type TopologyScore = Map<string, Map<string, number>>;

function credit(score: TopologyScore, key: string, labels: Record<string, string>, amount: number): void {
  const value = labels[key];
  if (value === undefined) return;
  const byValue = score.get(key) ?? new Map<string, number>();
  byValue.set(value, (byValue.get(value) ?? 0) + amount);
  score.set(key, byValue);
}

/** The nodes and Pods worth visiting: all of them when the incoming Pod has preferred terms, else the Pods with terms. */
function candidates(ctx: ScoreContext, incomingHasTerms: boolean): readonly NodeWithPods[] {
  if (incomingHasTerms) return ctx.allNodes;
  const withTerms = ctx.bound.withAffinityTerms;
  if (withTerms.size === 0) return [];
  const out: NodeWithPods[] = [];
  for (const node of ctx.snapshot.nodes) {
    const pods = withTerms.get(node.metadata.name);
    if (pods) out.push({ node, pods });
  }
  return out;
}

export function topologyScore(ctx: ScoreContext): TopologyScore {
  const { pod, minor } = ctx;
  const namespaces = ctx.snapshot.namespaces ?? [];
  const affinity = preferred(pod, 'podAffinity', minor);
  const anti = preferred(pod, 'podAntiAffinity', minor);
  const score: TopologyScore = new Map();
  for (const { node, pods } of candidates(ctx, affinity.length > 0 || anti.length > 0)) {
    const labels = node.metadata.labels ?? {};
    if (Object.keys(labels).length === 0) continue;
    for (const existing of pods) {
      for (const t of affinity) if (termMatches(t, existing, namespaces, true)) credit(score, t.topologyKey, labels, t.weight);
      for (const t of anti) if (termMatches(t, existing, namespaces, true)) credit(score, t.topologyKey, labels, -t.weight);
      const required = existing.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
      for (const r of required) {
        const t = affinityTerm(existing, r, HARD_POD_AFFINITY_WEIGHT, minor);
        if (termMatches(t, pod, namespaces, false)) credit(score, t.topologyKey, labels, t.weight);
      }
      for (const t of preferred(existing, 'podAffinity', minor)) if (termMatches(t, pod, namespaces, false)) credit(score, t.topologyKey, labels, t.weight);
      for (const t of preferred(existing, 'podAntiAffinity', minor)) if (termMatches(t, pod, namespaces, false)) credit(score, t.topologyKey, labels, -t.weight);
    }
  }
  return score;
}

export const interPodAffinity: ScorePlugin = {
  name: 'InterPodAffinity',
  score(ctx) {
    const score = topologyScore(ctx);
    if (score.size === 0) return undefined;
    return ctx.feasible.map((info) => {
      const labels = info.node.metadata.labels ?? {};
      let sum = 0;
      for (const [key, byValue] of score) {
        const value = labels[key];
        if (value !== undefined) sum += byValue.get(value) ?? 0;
      }
      return sum;
    });
  },
  normalize: (raw) => minMaxNormalize(raw),
};
