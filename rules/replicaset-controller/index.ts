// Registry of the rules under rules/replicaset-controller/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';

export const replicasetControllerRuleFiles: readonly RuleFile[] = [] as RuleFile[];
