// Registry of the rules under rules/eviction/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import evictionAdmit from './admit.json' with { type: 'json' };
import evictionConditionTaint from './condition-taint.json' with { type: 'json' };
import evictionExceedsLimit from './exceeds-limit.json' with { type: 'json' };
import evictionNodeConditions from './node-conditions.json' with { type: 'json' };
import evictionRankCompare from './rank-compare.json' with { type: 'json' };
import evictionThresholdMet from './threshold-met.json' with { type: 'json' };

export const evictionRuleFiles: readonly RuleFile[] = [
  evictionAdmit,
  evictionConditionTaint,
  evictionExceedsLimit,
  evictionNodeConditions,
  evictionRankCompare,
  evictionThresholdMet,
] as RuleFile[];
