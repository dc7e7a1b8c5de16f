// Registry of the score rules under rules/scheduler/score/ (one JSON file each), spread into rules/scheduler/index.ts.
import type { RuleFile } from '../../../src/rules/types.ts';

export const scoreRuleFiles: readonly RuleFile[] = [] as RuleFile[];
