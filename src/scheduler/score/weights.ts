// Default score plugins and their weights per Kubernetes release (SCHED-02: the total is Σ weight × score).
//
// Sources (kubernetes/kubernetes):
// - since 1.23: pkg/scheduler/apis/config/v1beta3/default_plugins.go (kubernetes#104251, "increase the weight
//   of user specifiable priorities"), kept by v1 (1.25+) in pkg/scheduler/apis/config/v1/default_plugins.go:
//   TaintToleration 3, NodeAffinity 2, NodeResourcesFit 1, PodTopologySpread 2, InterPodAffinity 2,
//   NodeResourcesBalancedAllocation 1, ImageLocality 1. Unchanged through 1.37; master (1.38 development) also
//   gives DynamicResources weight 2, which only scores Pods with resource claims (not modelled here).
// - 1.19–1.22: every score plugin weight 1 except PodTopologySpread 2 ("Weight is doubled because ... it
//   makes its signal comparable to NodeResourcesFit.LeastAllocated", v1beta1/v1beta2 default_plugins.go,
//   kubernetes#88174). Until 1.21 the resource plugin was NodeResourcesLeastAllocated; v1beta2 (1.22) folded
//   it into NodeResourcesFit with the LeastAllocated strategy.
// - 1.16–1.18: every weight 1; PodTopologySpread (EvenPodsSpread) scores from 1.18, when it went beta.
// Left out: NodePreferAvoidPods (weight 10000 until 1.22) gives every node without the
// scheduler.alpha.kubernetes.io/preferAvoidPods annotation the same 100, so it never changes the choice;
// SelectorSpread (weight 1 until 1.22) needs Services and ReplicaSets, which kubemodel does not hold.

export type ScorePluginName =
  | 'TaintToleration'
  | 'NodeAffinity'
  | 'NodeResourcesFit'
  | 'NodeResourcesLeastAllocated'
  | 'PodTopologySpread'
  | 'InterPodAffinity'
  | 'NodeResourcesBalancedAllocation'
  | 'ImageLocality';

export interface PluginWeight {
  readonly name: ScorePluginName;
  readonly weight: number;
}

/** The default profile's score plugins for a minor version, in the order the default configuration lists them. */
export function defaultScoreWeights(minor: number): PluginWeight[] {
  const modern = minor >= 23;
  const spread: PluginWeight[] = minor >= 19 ? [{ name: 'PodTopologySpread', weight: 2 }] : minor >= 18 ? [{ name: 'PodTopologySpread', weight: 1 }] : [];
  return [
    { name: 'TaintToleration', weight: modern ? 3 : 1 },
    { name: 'NodeAffinity', weight: modern ? 2 : 1 },
    { name: minor >= 22 ? 'NodeResourcesFit' : 'NodeResourcesLeastAllocated', weight: 1 },
    ...spread,
    { name: 'InterPodAffinity', weight: modern ? 2 : 1 },
    { name: 'NodeResourcesBalancedAllocation', weight: 1 },
    { name: 'ImageLocality', weight: 1 },
  ];
}
