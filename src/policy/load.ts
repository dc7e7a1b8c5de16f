// Checks policy files and compiles each `fail` once (src/rules/compile.ts), so validating 10,000 objects
// never re-reads JSON. One bad policy file never stops the others: every problem is a RuleError naming the
// file and the JSON path.
import { RuleError } from '../errors.ts';
import { compileLogic, isLogic, specialForms, varPath, type Evaluator } from '../rules/compile.ts';
import { customOperations, type CustomOperation } from '../rules/ops/index.ts';
import { ITERATORS } from './iterators.ts';
import { POLICY_MODELS } from './models/index.ts';
import { objectIndexOperations } from './object-index.ts';
import { textOperations } from './ops/text.ts';
import { securityOperations } from './ops/security.ts';
import { workloadOperations } from './ops/workload.ts';
import { apiOperations } from './ops/api.ts';
import { WORKLOAD_KINDS } from './pod-template.ts';
import { placeholders } from './template.ts';
import { SEVERITIES, type PolicyFile } from './types.ts';

export interface CompiledPolicy {
  readonly id: string;
  readonly file: PolicyFile;
  /** Where it was read from (`rules/policies/run-as-non-root.json`, a user's file). */
  readonly source: string;
  readonly fail: Evaluator;
  readonly details: readonly (readonly [string, Evaluator])[];
  appliesTo(apiVersion: string, kind: string): boolean;
}

export const policyOperations: Readonly<Record<string, CustomOperation>> = {
  ...customOperations,
  ...objectIndexOperations,
  ...textOperations,
  ...securityOperations,
  ...workloadOperations,
  ...apiOperations,
};

/** What a policy's json-logic and templates may read. */
export const DATA_ROOTS: readonly string[] = [
  'object',
  'apiVersion',
  'kind',
  'name',
  'namespace',
  'pod',
  'item',
  'itemPath',
  'containerType',
  'container',
  'cluster',
  'model',
  'kubernetesVersion',
];

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const REQUIRED_TEXT = ['id', 'title', 'category', 'message', 'remediation'] as const;

export interface PolicySource {
  fileName: string;
  content: unknown;
}

export function policyErrors(content: unknown, fileName: string): RuleError[] {
  const id = typeof (content as { id?: unknown })?.id === 'string' ? (content as { id: string }).id : fileName;
  const err = (path: string, message: string) => new RuleError(id, path, message, fileName);
  if (content === null || typeof content !== 'object' || Array.isArray(content)) return [err('$', 'a policy is a JSON object')];
  const p = content as Record<string, unknown>;
  const errors: RuleError[] = [];
  for (const field of REQUIRED_TEXT) {
    if (typeof p[field] !== 'string' || p[field] === '') errors.push(err(`$.${field}`, `"${field}" must be a non-empty string`));
  }
  if (typeof p['id'] === 'string' && !ID.test(p['id'])) errors.push(err('$.id', `"${p['id']}" is not an id: lower-case letters and digits joined by "-"`));
  if (!SEVERITIES.includes(p['severity'] as never)) errors.push(err('$.severity', `"severity" must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(p['severity'])}`));
  if (!Array.isArray(p['kinds']) || p['kinds'].length === 0 || !p['kinds'].every((k) => typeof k === 'string' && k !== '')) {
    errors.push(err('$.kinds', '"kinds" must be a non-empty list of kinds (`Deployment`, `apps/v1/Deployment` or `workloads`)'));
  }
  if (!Array.isArray(p['behaviours']) || !p['behaviours'].every((b) => typeof b === 'string')) errors.push(err('$.behaviours', '"behaviours" must be a list of behaviour IDs (may be empty)'));
  if (p['each'] !== undefined && !(typeof p['each'] === 'string' && p['each'] in ITERATORS)) {
    errors.push(err('$.each', `unknown "each" ${JSON.stringify(p['each'])} (known: ${Object.keys(ITERATORS).join(', ')})`));
  }
  if (p['model'] !== undefined && !(typeof p['model'] === 'string' && POLICY_MODELS.has(p['model']))) {
    errors.push(err('$.model', `unknown "model" ${JSON.stringify(p['model'])} (known: ${[...POLICY_MODELS.keys()].join(', ') || 'none'})`));
  }
  if (p['path'] !== undefined && typeof p['path'] !== 'string') errors.push(err('$.path', '"path" must be a field path template'));
  if (p['description'] !== undefined && typeof p['description'] !== 'string') errors.push(err('$.description', '"description" must be a string'));
  const details = p['details'];
  if (details !== undefined) {
    if (details === null || typeof details !== 'object' || Array.isArray(details)) errors.push(err('$.details', '"details" must map names to json-logic values'));
    // Entries are computed in order, each seeing the ones before it as `details`.
    else for (const [name, logic] of Object.entries(details)) errors.push(...varErrors(logic, `$.details.${name}`, err, [...DATA_ROOTS, 'details']));
  }
  if (!('fail' in p)) errors.push(err('$.fail', '"fail" (the json-logic that is truthy for a violation) is missing'));
  else errors.push(...varErrors(p['fail'], '$.fail', err));
  for (const field of ['message', 'path'] as const) {
    if (typeof p[field] !== 'string') continue;
    for (const name of placeholders(p[field] as string)) {
      const [root = '', detail] = name.split('.');
      if (root === 'details') {
        const known = details !== null && typeof details === 'object' ? Object.keys(details) : [];
        if (detail === undefined || !known.includes(detail)) errors.push(err(`$.${field}`, `{{${name}}}: no such entry in "details" (known: ${known.join(', ') || 'none'})`));
        continue;
      }
      if (!DATA_ROOTS.includes(root)) errors.push(err(`$.${field}`, `{{${name}}}: unknown data "${root}" (known: ${DATA_ROOTS.join(', ')})`));
    }
  }
  const examples = p['examples'] as Record<string, unknown> | undefined;
  if (examples === null || typeof examples !== 'object' || Array.isArray(examples)) {
    errors.push(err('$.examples', '"examples" must be {"pass": [[objects…]…], "fail": [[objects…]…]}'));
  } else {
    for (const verdict of ['pass', 'fail'] as const) {
      const cases = examples[verdict];
      const ok = Array.isArray(cases) && cases.length > 0 && cases.every((c) => Array.isArray(c) && c.length > 0 && c.every((o) => o !== null && typeof o === 'object' && !Array.isArray(o)));
      if (!ok) errors.push(err(`$.examples.${verdict}`, `"examples.${verdict}" must list at least one case, each a non-empty list of objects`));
    }
  }
  return errors;
}

/** `var` paths outside `some`/`all`/`map`… bodies must start at a data root; inside them they read the item. */
function varErrors(logic: unknown, path: string, err: (path: string, message: string) => RuleError, roots: readonly string[] = DATA_ROOTS): RuleError[] {
  if (Array.isArray(logic)) return logic.flatMap((item, i) => varErrors(item, `${path}[${i}]`, err, roots));
  if (!isLogic(logic)) return [];
  const op = Object.keys(logic)[0] as string;
  const raw = logic[op];
  const args = Array.isArray(raw) ? raw : [raw];
  if (op === 'var') {
    const keys = varPath(args[0]);
    const root = keys?.[0];
    if (root !== undefined && root !== '' && !roots.includes(root)) return [err(path, `var "${keys?.join('.')}": unknown data "${root}" (known: ${roots.join(', ')})`)];
    return [];
  }
  // The body of a scoped operation reads its own item; only the list it walks reads the policy's data.
  if (specialForms.includes(op) && !['if', '?:', 'and', 'or'].includes(op)) return varErrors(args[0], `${path}.${op}[0]`, err, roots);
  return args.flatMap((a, i) => varErrors(a, `${path}.${op}[${i}]`, err, roots));
}

function kindMatcher(kinds: readonly string[]): (apiVersion: string, kind: string) => boolean {
  const plain = new Set<string>();
  const qualified = new Set<string>();
  for (const k of kinds) {
    if (k === 'workloads') for (const w of WORKLOAD_KINDS) plain.add(w);
    else if (k.includes('/')) qualified.add(k);
    else plain.add(k);
  }
  return (apiVersion, kind) => plain.has(kind) || qualified.has(`${apiVersion}/${kind}`);
}

export function loadPolicies(sources: readonly PolicySource[]): { policies: CompiledPolicy[]; errors: RuleError[] } {
  const byId = new Map<string, CompiledPolicy>();
  const errors: RuleError[] = [];
  for (const { fileName, content } of sources) {
    const problems = policyErrors(content, fileName);
    if (problems.length > 0) {
      errors.push(...problems);
      continue;
    }
    const file = content as PolicyFile;
    try {
      const fail = compileLogic(file.fail, { operations: policyOperations, ruleId: file.id, path: '$.fail' });
      const details = Object.entries(file.details ?? {}).map(
        ([name, logic]) => [name, compileLogic(logic, { operations: policyOperations, ruleId: file.id, path: `$.details.${name}` })] as const,
      );
      // A later source with the same id replaces the earlier one: that is how --policy overrides a built-in.
      byId.set(file.id, { id: file.id, file, source: fileName, fail, details, appliesTo: kindMatcher(file.kinds) });
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      errors.push(new RuleError(e.ruleId, e.jsonPath, e.message, fileName));
    }
  }
  return { policies: [...byId.values()], errors };
}
