// Registry of the rules under rules/scheduler/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';

export const schedulerRuleFiles: readonly RuleFile[] = [] as RuleFile[];
