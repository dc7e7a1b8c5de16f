// Registry of the rules under rules/eviction/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';

export const evictionRuleFiles: readonly RuleFile[] = [] as RuleFile[];
