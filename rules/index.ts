// Explicit registry of the built-in rules (one JSON file each). test/rules/registry.test.ts fails when a
// JSON file under rules/ is missing here.
import type { RuleFile } from '../src/rules/types.ts';

export const builtinRuleFiles: readonly RuleFile[] = [];
