// Where policies come from: the built-in pack (rules/policies/*.json) and the user's --policy files or
// directories (*.json, *.yaml, *.yml). A user policy with a built-in's id replaces it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.ts';
import { parseJsonFile } from './rules-dir.ts';
import type { PolicySource } from '../policy/load.ts';

export const builtinPoliciesDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules', 'policies');
const EXTENSIONS = ['.json', '.yaml', '.yml'];

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesBelow(join(dir, e.name)) : EXTENSIONS.includes(extname(e.name)) ? [join(dir, e.name)] : []));
}

function parsePolicyText(text: string, file: string): unknown {
  if (extname(file) === '.json') return parseJsonFile(text, file);
  try {
    return parseYaml(text, { prettyErrors: false });
  } catch (e) {
    const pos = (e as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
    throw new InputError(`invalid YAML: ${(e as Error).message.split('\n')[0]}`, file, pos?.line, pos?.col);
  }
}

export function builtinPolicySources(): PolicySource[] {
  return filesBelow(builtinPoliciesDir).map((file) => ({
    fileName: `rules/policies/${file.slice(builtinPoliciesDir.length + 1)}`,
    content: JSON.parse(readFileSync(file, 'utf8')) as unknown,
  }));
}

/** The user's policy files: each path a file or a directory searched recursively. */
export function userPolicySources(paths: readonly string[]): { sources: PolicySource[]; errors: InputError[] } {
  const sources: PolicySource[] = [];
  const errors: InputError[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = statSync(path).isDirectory() ? filesBelow(path) : [path];
    } catch {
      errors.push(new InputError('--policy: no such file or directory', path));
      continue;
    }
    if (files.length === 0) errors.push(new InputError(`--policy: no ${EXTENSIONS.join(', ')} files in this directory`, path));
    for (const file of files) {
      try {
        const content = parsePolicyText(readFileSync(file, 'utf8'), file);
        // A file may hold one policy or a list of them.
        for (const [i, policy] of (Array.isArray(content) ? content : [content]).entries()) {
          sources.push({ fileName: Array.isArray(content) ? `${file}[${i}]` : file, content: policy });
        }
      } catch (e) {
        errors.push(e instanceof InputError ? e : new InputError((e as Error).message, file));
      }
    }
  }
  return { sources, errors };
}
