// Input shapes of the score rules under rules/scheduler/score/ (kube-scheduler score plugins), registered with
// defineShape. TypeScript gathers these views (src/scheduler/score/); the rules only do the arithmetic.
import { defineShape, type Shape } from './shapes.ts';

const optional = (object: Record<string, Shape>): Shape => ({ object, optional: true });

/** NodeResourcesFit with the LeastAllocated strategy: one row per configured resource (cpu in millicores). */
export const ScoreLeastAllocatedShape = defineShape('ScoreLeastAllocated', {
  object: { resources: { array: { object: { name: 'string', requested: 'number', allocatable: 'number', weight: 'number' } } } },
});

/** NodeResourcesBalancedAllocation: the standard deviations of the requested fractions, with and without the Pod. */
export const ScoreBalancedAllocationShape = defineShape('ScoreBalancedAllocation', {
  object: { stdWithPod: 'number', stdWithoutPod: 'number', scoresBalanceChange: 'boolean' },
});

/** TaintToleration: the node's taints and the Pod's tolerations, as core/v1 has them. */
export const ScoreTaintTolerationShape = defineShape('ScoreTaintToleration', {
  object: {
    taints: { array: optional({ key: 'string', value: 'string', effect: 'string', timeAdded: 'string' }) },
    tolerations: { array: optional({ key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'number' }) },
  },
});

/** NodeAffinity: each preferred term's weight and whether the node matches it. */
export const ScoreNodeAffinityShape = defineShape('ScoreNodeAffinity', {
  object: { terms: { array: { object: { weight: 'number', matches: 'boolean' } } } },
});

/** ImageLocality: the Pod's images present on the node (size, how many nodes hold it, cluster size) and its container count. */
export const ScoreImageLocalityShape = defineShape('ScoreImageLocality', {
  object: {
    images: { array: { object: { sizeBytes: 'number', numNodes: 'number', totalNodes: 'number' } } },
    containers: 'number',
  },
});
