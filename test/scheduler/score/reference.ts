// The score phase as it was before the per-cycle indexes and caches (kubemodel 5d721b3): every cycle groups
// snapshot.pods by node, re-parses every bound Pod's requests for every feasible node and walks every Pod of
// the cluster for InterPodAffinity. Slow but plainly correct; fast-path.test.ts checks that scoreNodes gives
// exactly its scores (SCHED-02, SCHED-15, SCHED-18..SCHED-21). Keep it frozen: it is the oracle, not a second
// implementation to maintain.
import { matchesSelector, selectorFromLabelSelector, type Selector } from '../../../src/k8s/selector.ts';
import { FILTERED_EFFECTS, findUntoleratedTaint } from '../../../src/k8s/taint.ts';
import type { LabelSelector, Node, Pod, TopologySpreadConstraint } from '../../../src/k8s/types.ts';
import { CURRENT_KUBERNETES_VERSION, parseKubernetesMinor } from '../../../src/k8s/version.ts';
import { getRule } from '../../../src/rules/registry.ts';
import { affinityTerm, termMatches, type AffinityTerm } from '../../../src/scheduler/score/affinity-term.ts';
import { normalizedImageName } from '../../../src/scheduler/score/image-locality.ts';
import { nodeSelectorTermMatches, requiredNodeAffinityMatches } from '../../../src/scheduler/score/node-selector.ts';
import { defaultNormalize, goRound, minMaxNormalize, spreadNormalize } from '../../../src/scheduler/score/normalize.ts';
import { namespaceOf, safeNumber } from '../../../src/scheduler/score/plugin.ts';
import { podRequests, scalarOf } from '../../../src/scheduler/score/requests.ts';
import { balanceStd } from '../../../src/scheduler/score/resources.ts';
import { defaultScoreWeights, type ScorePluginName } from '../../../src/scheduler/score/weights.ts';
import type { ClusterSnapshot, NodeInfo, PluginScore } from '../../../src/scheduler/types.ts';

interface Ctx {
  pod: Pod;
  feasible: readonly NodeInfo[];
  snapshot: ClusterSnapshot;
  minor: number;
  allNodes: { node: Node; pods: Pod[] }[];
}

interface Plugin {
  score(ctx: Ctx): number[] | undefined;
  normalize?(raw: readonly number[], ctx: Ctx): number[];
}

const RESOURCES = ['cpu', 'memory'] as const;

function usage(ctx: Ctx, info: NodeInfo, nonMissing: boolean) {
  const pod = podRequests(ctx.pod, { nonMissing });
  const node = new Map<string, bigint>();
  for (const p of info.pods) for (const [name, v] of podRequests(p, { nonMissing })) node.set(name, (node.get(name) ?? 0n) + v);
  return RESOURCES.map((name) => {
    const allocated = node.get(name) ?? 0n;
    return {
      name,
      allocatable: safeNumber(scalarOf(name, info.allocatable.get(name)), `allocatable ${name}`),
      allocated: safeNumber(allocated, `requested ${name}`),
      requested: safeNumber(allocated + (pod.get(name) ?? 0n), `requested ${name}`),
    };
  });
}

const fit: Plugin = {
  score: (ctx) =>
    ctx.feasible.map((info) => {
      const resources = usage(ctx, info, true).map((u) => ({ name: u.name, requested: u.requested, allocatable: u.allocatable, weight: 1 }));
      return getRule('scheduler/score/least-allocated').evaluate({ resources }) as number;
    }),
};

const balanced: Plugin = {
  score(ctx) {
    const own = podRequests(ctx.pod);
    if (ctx.minor >= 33 && RESOURCES.every((name) => (own.get(name) ?? 0n) === 0n)) return undefined;
    return ctx.feasible.map((info) => {
      const u = usage(ctx, info, ctx.minor < 22);
      return getRule('scheduler/score/balanced-allocation').evaluate({
        stdWithPod: balanceStd(u.map((x) => ({ requested: x.requested, allocatable: x.allocatable }))),
        stdWithoutPod: balanceStd(u.map((x) => ({ requested: x.allocated, allocatable: x.allocatable }))),
        scoresBalanceChange: ctx.minor >= 36,
      }) as number;
    });
  },
};

const taints: Plugin = {
  score: (ctx) => ctx.feasible.map((info) => getRule('scheduler/score/taint-toleration').evaluate({ taints: info.node.spec?.taints ?? [], tolerations: ctx.pod.spec.tolerations ?? [] }) as number),
  normalize: (raw) => defaultNormalize(raw, true),
};

const nodeAffinity: Plugin = {
  score(ctx) {
    const preferred = ctx.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (preferred === undefined) return undefined;
    return ctx.feasible.map((info) => getRule('scheduler/score/node-affinity').evaluate({ terms: preferred.map((t) => ({ weight: t.weight, matches: nodeSelectorTermMatches(t.preference, info.node) })) }) as number);
  },
  normalize: (raw) => defaultNormalize(raw, false),
};

const imageSizes = (node: Node): Map<string, number> => new Map((node.status?.images ?? []).flatMap((i) => i.names.map((n) => [n, i.sizeBytes] as const)));

const images: Plugin = {
  score(ctx) {
    const totalNodes = ctx.snapshot.nodes.length;
    const numNodes = new Map<string, number>();
    for (const node of ctx.snapshot.nodes) for (const n of imageSizes(node).keys()) numNodes.set(n, (numNodes.get(n) ?? 0) + 1);
    const containers = [...(ctx.pod.spec.initContainers ?? []), ...ctx.pod.spec.containers];
    return ctx.feasible.map((info) => {
      const sizes = imageSizes(info.node);
      const found = containers.flatMap((c) => {
        const name = normalizedImageName(c.image ?? '');
        const sizeBytes = sizes.get(name);
        return sizeBytes === undefined ? [] : [{ sizeBytes, numNodes: numNodes.get(name) ?? 1, totalNodes }];
      });
      return getRule('scheduler/score/image-locality').evaluate({ images: found, containers: containers.length }) as number;
    });
  },
};

const preferredTerms = (owner: Pod, kind: 'podAffinity' | 'podAntiAffinity', minor: number): AffinityTerm[] =>
  (owner.spec.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => affinityTerm(owner, w.podAffinityTerm, w.weight, minor));

const interPod: Plugin = {
  score(ctx) {
    const { pod, minor } = ctx;
    const namespaces = ctx.snapshot.namespaces ?? [];
    const score = new Map<string, Map<string, number>>();
    const credit = (key: string, labels: Record<string, string>, amount: number) => {
      const value = labels[key];
      if (value === undefined) return;
      const byValue = score.get(key) ?? new Map<string, number>();
      byValue.set(value, (byValue.get(value) ?? 0) + amount);
      score.set(key, byValue);
    };
    for (const { node, pods } of ctx.allNodes) {
      const labels = node.metadata.labels ?? {};
      if (Object.keys(labels).length === 0) continue;
      for (const existing of pods) {
        for (const t of preferredTerms(pod, 'podAffinity', minor)) if (termMatches(t, existing, namespaces, true)) credit(t.topologyKey, labels, t.weight);
        for (const t of preferredTerms(pod, 'podAntiAffinity', minor)) if (termMatches(t, existing, namespaces, true)) credit(t.topologyKey, labels, -t.weight);
        for (const r of existing.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
          const t = affinityTerm(existing, r, 1, minor);
          if (termMatches(t, pod, namespaces, false)) credit(t.topologyKey, labels, t.weight);
        }
        for (const t of preferredTerms(existing, 'podAffinity', minor)) if (termMatches(t, pod, namespaces, false)) credit(t.topologyKey, labels, t.weight);
        for (const t of preferredTerms(existing, 'podAntiAffinity', minor)) if (termMatches(t, pod, namespaces, false)) credit(t.topologyKey, labels, -t.weight);
      }
    }
    if (score.size === 0) return undefined;
    return ctx.feasible.map((info) => {
      const labels = info.node.metadata.labels ?? {};
      let sum = 0;
      for (const [key, byValue] of score) if (labels[key] !== undefined) sum += byValue.get(labels[key]) ?? 0;
      return sum;
    });
  },
  normalize: (raw) => minMaxNormalize(raw),
};

const HOSTNAME = 'kubernetes.io/hostname';

function constraints(pod: Pod, minor: number): { c: TopologySpreadConstraint; selector: Selector }[] {
  return (pod.spec.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway')
    .map((c) => {
      let ls: LabelSelector | undefined = c.labelSelector;
      const labels = pod.metadata.labels ?? {};
      const keys = minor >= 27 ? (c.matchLabelKeys ?? []).filter((k) => labels[k] !== undefined) : [];
      if (ls !== undefined && keys.length > 0) ls = { ...ls, matchExpressions: [...(ls.matchExpressions ?? []), ...keys.map((key) => ({ key, operator: 'In' as const, values: [labels[key] as string] }))] };
      return { c, selector: selectorFromLabelSelector(ls) };
    });
}

const hasAllKeys = (node: Node, cs: readonly { c: TopologySpreadConstraint }[]): boolean => cs.every(({ c }) => (node.metadata.labels ?? {})[c.topologyKey] !== undefined);

function countMatching(pods: readonly Pod[], selector: Selector, ns: string): number {
  if (selector.kind === 'requirements' && selector.requirements.length === 0) return 0;
  return pods.filter((p) => p.metadata.deletionTimestamp === undefined && namespaceOf(p) === ns && matchesSelector(selector, p.metadata.labels ?? {})).length;
}

function included(ctx: Ctx, c: TopologySpreadConstraint, node: Node): boolean {
  if (ctx.minor < 26) return requiredNodeAffinityMatches(ctx.pod, node);
  if ((c.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !requiredNodeAffinityMatches(ctx.pod, node)) return false;
  return !(c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.spec?.taints, ctx.pod.spec.tolerations, FILTERED_EFFECTS) !== undefined);
}

const spread: Plugin = {
  score(ctx) {
    const cs = constraints(ctx.pod, ctx.minor);
    if (cs.length === 0 || ctx.snapshot.nodes.length === 0) return undefined;
    const ignored = ctx.feasible.map((info) => !hasAllKeys(info.node, cs));
    const counts = cs.map(() => new Map<string, number>());
    ctx.feasible.forEach((info, i) => {
      if (!ignored[i]) cs.forEach(({ c }, k) => c.topologyKey !== HOSTNAME && counts[k]?.set((info.node.metadata.labels ?? {})[c.topologyKey] as string, 0));
    });
    const considered = ignored.filter((x) => !x).length;
    const weights = cs.map(({ c }, k) => Math.log((c.topologyKey === HOSTNAME ? considered : (counts[k]?.size ?? 0)) + 2));
    const ns = namespaceOf(ctx.pod);
    for (const { node, pods } of ctx.allNodes) {
      if (!hasAllKeys(node, cs)) continue;
      cs.forEach(({ c, selector }, k) => {
        const have = counts[k]?.get((node.metadata.labels ?? {})[c.topologyKey] as string);
        if (!included(ctx, c, node) || have === undefined) return;
        counts[k]?.set((node.metadata.labels ?? {})[c.topologyKey] as string, have + countMatching(pods, selector, ns));
      });
    }
    return ctx.feasible.map((info, i) => {
      if (ignored[i]) return 0;
      const labels = info.node.metadata.labels ?? {};
      let score = 0;
      cs.forEach(({ c, selector }, k) => {
        const value = labels[c.topologyKey];
        if (value === undefined) return;
        const cnt = c.topologyKey === HOSTNAME ? countMatching(info.pods, selector, ns) : (counts[k]?.get(value) ?? 0);
        score += cnt * (weights[k] as number) + (c.maxSkew - 1);
      });
      return goRound(score);
    });
  },
  normalize: (raw, ctx) => spreadNormalize(raw, ctx.feasible.map((info) => !hasAllKeys(info.node, constraints(ctx.pod, ctx.minor)))),
};

const PLUGINS: Record<ScorePluginName, Plugin> = {
  TaintToleration: taints,
  NodeAffinity: nodeAffinity,
  NodeResourcesFit: fit,
  NodeResourcesLeastAllocated: fit,
  PodTopologySpread: spread,
  InterPodAffinity: interPod,
  NodeResourcesBalancedAllocation: balanced,
  ImageLocality: images,
};

/** The old scoreNodes: one PluginScore list per feasible node, in `feasible` order. */
export function referenceScores(pod: Pod, feasible: readonly NodeInfo[], snapshot: ClusterSnapshot, kubernetesVersion?: string): PluginScore[][] {
  const minor = parseKubernetesMinor(kubernetesVersion ?? CURRENT_KUBERNETES_VERSION);
  const byNode = new Map<string, Pod[]>(snapshot.nodes.map((n) => [n.metadata.name, []]));
  for (const p of snapshot.pods) if (p.spec.nodeName !== undefined) byNode.get(p.spec.nodeName)?.push(p);
  const ctx: Ctx = { pod, feasible, snapshot, minor, allNodes: snapshot.nodes.map((node) => ({ node, pods: byNode.get(node.metadata.name) ?? [] })) };
  const out: PluginScore[][] = feasible.map(() => []);
  if (feasible.length === 0) return out;
  for (const { name, weight } of defaultScoreWeights(minor)) {
    const plugin = PLUGINS[name];
    const raw = plugin.score(ctx);
    if (raw === undefined) continue;
    const normalized = plugin.normalize ? plugin.normalize(raw, ctx) : raw;
    out.forEach((list, i) => list.push({ plugin: name, raw: raw[i] ?? 0, normalized: normalized[i] ?? 0, weight }));
  }
  return out;
}
