// Registry of the rules under rules/storage/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';

export const storageRuleFiles: readonly RuleFile[] = [] as RuleFile[];
