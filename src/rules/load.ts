// Loads rule files: check each (src/rules/check.ts), then compile it once (src/rules/compile.ts). One bad
// file never stops the others; every problem comes back as a RuleError naming the file and JSON path.
import { RuleError } from '../errors.ts';
import { ruleErrors } from './check.ts';
import { compileLogic } from './compile.ts';
import type { CustomOperation } from './ops/index.ts';
import type { CompiledRule, RuleFile } from './types.ts';

export interface RuleSource {
  /** The file's path relative to the rules root (`kubelet/pod-phase.json`) or containing a `rules/` directory. */
  fileName: string;
  /** The parsed JSON, not yet known to be a RuleFile. */
  content: RuleFile | unknown;
}

export interface LoadResult {
  rules: Map<string, CompiledRule>;
  errors: RuleError[];
}

export function loadRules(files: readonly RuleSource[], operations: Readonly<Record<string, CustomOperation>>): LoadResult {
  const rules = new Map<string, CompiledRule>();
  const origin = new Map<string, string>();
  const errors: RuleError[] = [];
  for (const { fileName, content } of files) {
    const problems = ruleErrors(content, { fileName, operations });
    if (problems.length > 0) {
      errors.push(...problems);
      continue;
    }
    const file = content as RuleFile;
    const other = origin.get(file.id);
    if (other !== undefined) {
      errors.push(new RuleError(file.id, '$.id', `duplicate rule id "${file.id}", also in ${other}`, fileName));
      continue;
    }
    try {
      const evaluate = compileLogic(file.logic, { operations, ruleId: file.id, path: '$.logic' });
      rules.set(file.id, { id: file.id, file, evaluate });
      origin.set(file.id, fileName);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      errors.push(new RuleError(e.ruleId, e.jsonPath, e.message, fileName));
    }
  }
  return { rules, errors };
}
