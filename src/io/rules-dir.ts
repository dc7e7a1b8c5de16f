// Reads a directory tree of *.json rule files (the CLI's --rules option) and loads them. A file that is
// not valid JSON becomes an InputError at file:line:column; everything else goes through loadRules.
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { InputError, RuleError } from '../errors.ts';
import { loadRules, type RuleSource } from '../rules/load.ts';
import { scanJsonStream } from '../k8s/positions.ts';
import { customOperations, type CustomOperation } from '../rules/ops/index.ts';
import type { CompiledRule } from '../rules/types.ts';

export interface RulesDirResult {
  rules: Map<string, CompiledRule>;
  errors: (RuleError | InputError)[];
}

/** Every *.json file below `dir`, sorted, as paths relative to `dir`. */
function jsonFiles(dir: string, below = ''): string[] {
  const entries = readdirSync(join(dir, below), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((e) => {
    const rel = below ? join(below, e.name) : e.name;
    if (e.isDirectory()) return jsonFiles(dir, rel);
    return e.isFile() && e.name.endsWith('.json') ? [rel] : [];
  });
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/**
 * JSON.parse, with a syntax error turned into an InputError located at line:column. Node 20 often gives no
 * position, so the manifest reader's JSON scanner (src/k8s/positions.ts) finds it, worded as Go's
 * encoding/json words it, which is what kubectl users see.
 */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const scanned = scanJsonStream(text);
    const offset = 'error' in scanned ? scanned.error.offset : text.length;
    const reason = 'error' in scanned ? scanned.error.message : e instanceof Error ? e.message : String(e);
    const { line, column } = lineColumn(text, offset);
    throw new InputError(`invalid JSON: ${reason}`, file, line, column);
  }
}

export function loadRulesDir(dir: string, operations: Readonly<Record<string, CustomOperation>> = customOperations): RulesDirResult {
  const errors: (RuleError | InputError)[] = [];
  const sources: RuleSource[] = [];
  let names: string[];
  try {
    names = jsonFiles(dir);
  } catch (e) {
    return { rules: new Map(), errors: [new InputError(`cannot read rules directory: ${(e as Error).message}`, dir)] };
  }
  for (const rel of names) {
    const full = join(dir, rel);
    try {
      sources.push({ fileName: rel.split(sep).join('/'), content: parseJsonFile(readFileSync(full, 'utf8'), full) });
    } catch (e) {
      errors.push(e instanceof InputError ? e : new InputError(`cannot read rule file: ${(e as Error).message}`, full));
    }
  }
  const loaded = loadRules(sources, operations);
  // Checked against the path relative to `dir` (the id), reported with the path the user can open.
  for (const e of loaded.errors) errors.push(new RuleError(e.ruleId, e.jsonPath, e.message, e.file === undefined ? undefined : join(dir, e.file)));
  return { rules: loaded.rules, errors };
}
