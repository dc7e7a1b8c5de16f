// Registry of the rules under rules/volume/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';

export const volumeRuleFiles: readonly RuleFile[] = [] as RuleFile[];
