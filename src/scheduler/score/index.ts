// kube-scheduler's score phase (SCHED-02, SCHED-15, SCHED-18..SCHED-21): every default score plugin of the
// selected release scores each feasible node, plugins with a NormalizeScore rescale to 0..100 across the
// nodes, and a node's total is Σ normalized × weight. Plugins whose PreScore says Skip are left out of the
// breakdown and the sum, as in the framework's RunScorePlugins. selectHost then picks among the best totals.
// Note for callers: with a single feasible node Kubernetes does not score at all (schedulePod returns early).
import { CURRENT_KUBERNETES_VERSION, parseKubernetesMinor } from '../../k8s/version.ts';
import type { Pod } from '../../k8s/types.ts';
import type { ClusterSnapshot, NodeInfo, PluginScore } from '../types.ts';
import { imageLocality } from './image-locality.ts';
import { interPodAffinity } from './inter-pod-affinity.ts';
import { nodeAffinity } from './node-affinity.ts';
import { MAX_NODE_SCORE } from './normalize.ts';
import { boundPods, type BoundPods } from './bound-pods.ts';
import type { NodeWithPods, ScoreContext, ScorePlugin } from './plugin.ts';
import { balancedAllocation, nodeResourcesFit } from './resources.ts';
import { selectHost } from './select-host.ts';
import { taintToleration } from './taint-toleration.ts';
import { podTopologySpread } from './topology-spread.ts';
import { defaultScoreWeights, type ScorePluginName } from './weights.ts';

export { selectHost, mulberry32 } from './select-host.ts';
export { defaultScoreWeights, type PluginWeight, type ScorePluginName } from './weights.ts';
export { MAX_NODE_SCORE } from './normalize.ts';

export interface NodeScore {
  node: string;
  total: number;
  plugins: PluginScore[];
}

const PLUGINS: Record<ScorePluginName, ScorePlugin> = {
  TaintToleration: taintToleration,
  NodeAffinity: nodeAffinity,
  NodeResourcesFit: nodeResourcesFit('NodeResourcesFit'),
  NodeResourcesLeastAllocated: nodeResourcesFit('NodeResourcesLeastAllocated'),
  PodTopologySpread: podTopologySpread,
  InterPodAffinity: interPodAffinity,
  NodeResourcesBalancedAllocation: balancedAllocation,
  ImageLocality: imageLocality,
};

const NO_PODS: readonly Pod[] = Object.freeze([]);

/**
 * The cluster-wide views are built only when a plugin asks: most Pods carry no inter-pod affinity or spread
 * constraint, and then no plugin looks past the feasible nodes (the cycle costs feasible nodes × plugins).
 */
function context(pod: Pod, feasible: readonly NodeInfo[], snapshot: ClusterSnapshot, minor: number): ScoreContext {
  let bound: BoundPods | undefined;
  let allNodes: NodeWithPods[] | undefined;
  return {
    pod,
    feasible,
    snapshot,
    minor,
    get bound() {
      bound ??= boundPods(snapshot.pods);
      return bound;
    },
    get allNodes() {
      const byNode = this.bound.byNode;
      allNodes ??= snapshot.nodes.map((node) => ({ node, pods: byNode.get(node.metadata.name) ?? NO_PODS }));
      return allNodes;
    },
  };
}

/** Scores every feasible node, in `feasible` order; each normalized score is in 0..100. */
export function scoreNodes(pod: Pod, feasible: readonly NodeInfo[], snapshot: ClusterSnapshot, opts: { kubernetesVersion?: string } = {}): NodeScore[] {
  const minor = parseKubernetesMinor(opts.kubernetesVersion ?? CURRENT_KUBERNETES_VERSION);
  const ctx = context(pod, feasible, snapshot, minor);
  const results: NodeScore[] = feasible.map((info) => ({ node: info.node.metadata.name, total: 0, plugins: [] }));
  if (feasible.length === 0) return results;
  for (const { name, weight } of defaultScoreWeights(minor)) {
    const plugin = PLUGINS[name];
    const raw = plugin.score(ctx);
    if (raw === undefined) continue;
    const normalized = plugin.normalize ? plugin.normalize(raw, ctx) : raw;
    results.forEach((r, i) => {
      const n = normalized[i] ?? 0;
      if (!(n >= 0 && n <= MAX_NODE_SCORE)) throw new RangeError(`plugin ${name} scored node ${r.node} ${n}, outside 0..${MAX_NODE_SCORE}`);
      r.plugins.push({ plugin: name, raw: raw[i] ?? 0, normalized: n, weight });
      r.total += n * weight;
    });
  }
  return results;
}

/**
 * The shape schedule() consumes (ScorePluginsFn in ../types.ts): each feasible node's plugin breakdown, in
 * `nodeInfos` order. The seed is not used here; it only matters to selectHost.
 */
export function scorePlugins(
  pod: Pod,
  nodeInfos: readonly NodeInfo[],
  snapshot: ClusterSnapshot,
  opts: { seed?: number; kubernetesVersion?: string } = {},
): PluginScore[][] {
  return scoreNodes(pod, nodeInfos, snapshot, opts.kubernetesVersion === undefined ? {} : { kubernetesVersion: opts.kubernetesVersion }).map((r) => r.plugins);
}

/** scoreNodes then selectHost: the node kube-scheduler would bind, for a seed. */
export function pickNode(pod: Pod, feasible: readonly NodeInfo[], snapshot: ClusterSnapshot, seed: number, opts: { kubernetesVersion?: string } = {}): string {
  return selectHost(scoreNodes(pod, feasible, snapshot, opts), seed);
}
