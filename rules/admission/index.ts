// Registry of the rules under rules/admission/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';

export const admissionRuleFiles: readonly RuleFile[] = [] as RuleFile[];
