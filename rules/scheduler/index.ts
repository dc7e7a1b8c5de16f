// Registry of the filter rules under rules/scheduler/ (one JSON file each), spread into rules/index.ts;
// the score rules have their own registry in rules/scheduler/score/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import { scoreRuleFiles } from './score/index.ts';

export const schedulerRuleFiles: readonly RuleFile[] = [...scoreRuleFiles] as RuleFile[];
