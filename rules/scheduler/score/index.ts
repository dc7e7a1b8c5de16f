// Registry of the score rules under rules/scheduler/score/ (one JSON file each), spread into rules/scheduler/index.ts.
import type { RuleFile } from '../../../src/rules/types.ts';
import balancedAllocation from './balanced-allocation.json' with { type: 'json' };
import imageLocality from './image-locality.json' with { type: 'json' };
import leastAllocated from './least-allocated.json' with { type: 'json' };
import nodeAffinity from './node-affinity.json' with { type: 'json' };
import taintToleration from './taint-toleration.json' with { type: 'json' };

export const scoreRuleFiles: readonly RuleFile[] = [
  leastAllocated,
  balancedAllocation,
  taintToleration,
  nodeAffinity,
  imageLocality,
] as RuleFile[];
