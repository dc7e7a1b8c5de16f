// Registry of the rules under rules/garbage-collector/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';

export const garbageCollectorRuleFiles: readonly RuleFile[] = [] as RuleFile[];
