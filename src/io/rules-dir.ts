// Reads a directory tree of *.json rule files (the CLI's --rules option) and loads them. A file that is
// not valid JSON becomes an InputError at file:line:column; everything else goes through loadRules.
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { InputError, RuleError } from '../errors.ts';
import { loadRules, type RuleSource } from '../rules/load.ts';
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

/** JSON.parse, with a syntax error turned into an InputError located at line:column. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8 on Node 20 gives no position for some errors ("Unexpected token '}', ... is not valid JSON").
    const reason = (e instanceof Error ? e.message : String(e)).replace(/, ".*" is not valid JSON$/s, '').replace(/( in JSON)? at position \d+.*$/s, '');
    const { line, column } = lineColumn(text, syntaxErrorOffset(text));
    throw new InputError(`invalid JSON: ${reason}`, file, line, column);
  }
}

/** Offset of the first character where `text` stops being JSON (RFC 8259), text.length if it ends early. */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const eat = (c: string) => (text[i] === c ? i++ : fail());
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (close === '}') {
          ws();
          string();
          ws();
          eat(':');
        }
        value();
        ws();
        if (text[i] === close) return void i++;
        eat(',');
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += (literal as RegExpExecArray)[0].length;
  };
  const string = (): void => {
    eat('"');
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    eat('"');
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (at) {
    return Math.min(at as number, text.length);
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
