// The policies a run uses: the built-in pack unless switched off, then the user's --policy files (a user
// policy with a built-in's id replaces it), minus --disable. A bad policy file is reported at its
// file:line:column and the good ones still run.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { InputError, RuleError } from '../errors.ts';
import { sourceMapFor, type PathSegment } from '../k8s/positions.ts';
import { loadPolicies, type CompiledPolicy } from '../policy/load.ts';
import { DISABLEABLE_CHECKS } from '../validate/validate.ts';
import { builtinPolicySources, userPolicySources } from './policy-files.ts';

export interface PolicySetOptions {
  builtin: boolean;
  paths: readonly string[];
  disable?: readonly string[];
}

export interface PolicySet {
  policies: CompiledPolicy[];
  errors: InputError[];
}

export function loadPolicySet(options: PolicySetOptions): PolicySet {
  const user = userPolicySources(options.paths);
  const { policies, errors } = loadPolicies([...(options.builtin ? builtinPolicySources() : []), ...user.sources]);
  const disabled = new Set(options.disable ?? []);
  const unknown = [...disabled].filter((id) => !policies.some((p) => p.id === id) && !DISABLEABLE_CHECKS.includes(id));
  return {
    policies: policies.filter((p) => !disabled.has(p.id)),
    errors: [
      ...user.errors,
      ...errors.map(locateRuleError),
      ...unknown.map((id) => new InputError(`--disable: no policy or check "${id}"`)),
    ],
  };
}

/** `$.fail.and[0]` → segments, for finding the line a policy problem is on. */
function jsonPathSegments(jsonPath: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const m of jsonPath.replace(/^\$/, '').matchAll(/\.([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

/** A RuleError about a policy file as an InputError at file:line:column, so it prints like any bad input. */
export function locateRuleError(e: RuleError): InputError {
  const file = e.file?.replace(/\[\d+\]$/, '');
  const message = e.message.includes(e.jsonPath) ? e.message : `${e.jsonPath}: ${e.message}`;
  if (file === undefined) return new InputError(`policy ${e.ruleId}: ${message}`);
  try {
    const path = file.startsWith('rules/policies/') ? new URL(`../../${file}`, import.meta.url) : file;
    const text = readFileSync(path, 'utf8');
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    const listIndex = /\[(\d+)\]$/.exec(e.file ?? '')?.[1];
    const base: PathSegment[] = listIndex !== undefined ? [Number(listIndex)] : [];
    const pos = sourceMapFor(doc.contents, lines, base).position(jsonPathSegments(e.jsonPath));
    return new InputError(message, file, pos?.line, pos?.column);
  } catch {
    return new InputError(message, file);
  }
}
