// Policy test suites (`kubemodel test-policies <dir>`), in the spirit of `kyverno test`: a kubemodel-test.yaml
// names policies, manifests and the verdict each policy must give each object:
//
//   name: image rules
//   policies: [policies/]          # optional: files or directories, relative to this file
//   builtin: false                 # include the built-in pack (default: only when no policies are named)
//   resources: [resources.yaml]
//   cluster: cluster.yaml          # optional; default the bundled example cluster
//   results:
//   - policy: image-tag-latest
//     resources: [Deployment/web, staging/Pod/debug]   # Kind/name or namespace/Kind/name
//     result: fail                 # or pass
//
// A test passes when the policy reports at least one finding on the object (fail) or none (pass);
// exceptions are not applied, so a suite pins the policy itself.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../errors.ts';
import { readManifestSources } from './manifests.ts';
import { sourceMapFor } from '../k8s/positions.ts';
import { readCluster } from './cluster-file.ts';
import { validateManifests } from '../validate/validate.ts';
import { modelContext } from '../validate/cluster.ts';
import { checkObjects } from '../policy/examples.ts';
import { loadPolicySet } from './policy-set.ts';
import type { PolicyTestResult } from '../policy/types.ts';

export type { PolicyTestResult };

export const SUITE_FILE_NAMES = ['kubemodel-test.yaml', 'kubemodel-test.yml', 'kubemodel-test.json'];

export interface SuiteRun {
  results: PolicyTestResult[];
  /** Bad suites: unreadable, malformed, naming unknown policies or files. */
  errors: InputError[];
}

export function findSuites(dir: string): string[] {
  if (!existsSync(dir)) throw new InputError('no such file or directory', dir);
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? findSuites(join(dir, e.name)) : SUITE_FILE_NAMES.includes(e.name) ? [join(dir, e.name)] : []));
}

interface Suite {
  name: string;
  policies: string[];
  builtin: boolean;
  resources: string[];
  cluster?: string;
  results: { policy: string; resources: string[]; result: 'pass' | 'fail'; line: number }[];
}

function parseSuite(file: string): Suite {
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [syntax] = doc.errors;
  if (syntax) {
    const { line, col } = lines.linePos(syntax.pos[0]);
    throw new InputError(syntax.message.split('\n')[0] ?? 'invalid YAML', file, line, col);
  }
  const map = sourceMapFor(doc.contents, lines);
  const bad = (path: (string | number)[], message: string): never => {
    const pos = map.position(path);
    throw new InputError(message, file, pos?.line, pos?.column);
  };
  const s = doc.toJS() as Record<string, unknown> | null;
  if (s === null || typeof s !== 'object' || Array.isArray(s)) return bad([], 'a test suite is a mapping with resources and results');
  const strings = (key: string, required: boolean): string[] => {
    const v = s[key];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string')) return bad([key], `${key}: expected a list of paths`);
    return v as string[];
  };
  const here = dirname(file);
  const policies = strings('policies', false).map((p) => resolve(here, p));
  const results = s['results'];
  if (!Array.isArray(results) || results.length === 0) return bad(['results'], 'results: expected a list of {policy, resources, result}');
  return {
    name: typeof s['name'] === 'string' ? s['name'] : file,
    policies,
    builtin: typeof s['builtin'] === 'boolean' ? s['builtin'] : policies.length === 0,
    resources: strings('resources', true).map((p) => resolve(here, p)),
    ...(typeof s['cluster'] === 'string' ? { cluster: resolve(here, s['cluster']) } : {}),
    results: results.map((r, i) => {
      const e = r as Record<string, unknown>;
      if (typeof e?.['policy'] !== 'string') return bad(['results', i], `results[${i}].policy: expected a policy id`);
      const res = typeof e['resource'] === 'string' ? [e['resource']] : e['resources'];
      if (!Array.isArray(res) || res.length === 0 || !res.every((x) => typeof x === 'string')) return bad(['results', i], `results[${i}].resources: expected Kind/name or namespace/Kind/name entries`);
      if (e['result'] !== 'pass' && e['result'] !== 'fail') return bad(['results', i, 'result'], `results[${i}].result: expected pass or fail, got ${JSON.stringify(e['result'])}`);
      return { policy: e['policy'], resources: res as string[], result: e['result'], line: map.position(['results', i])?.line ?? 1 };
    }),
  };
}

export async function runSuite(file: string, kubernetesVersion: string, today: Date): Promise<SuiteRun> {
  let suite: Suite;
  try {
    suite = parseSuite(file);
  } catch (e) {
    if (e instanceof InputError) return { results: [], errors: [e] };
    throw e;
  }
  const set = loadPolicySet({ builtin: suite.builtin, paths: suite.policies });
  const read = await readManifestSources(suite.resources);
  const errors = [...set.errors, ...read.errors];
  let cluster: ReturnType<typeof readCluster>;
  try {
    cluster = readCluster(suite.cluster);
  } catch (e) {
    if (e instanceof InputError) return { results: [], errors: [...errors, e] };
    throw e;
  }
  const report = await validateManifests({ sources: read.sources, policies: set.policies, cluster, kubernetesVersion, today, schema: false });
  const results: PolicyTestResult[] = [];
  // A policy's own examples are tests too: every suite runs those of the policies it names.
  const named = new Set(suite.policies);
  for (const policy of set.policies.filter((p) => [...named].some((dir) => p.source.startsWith(dir)))) {
    for (const verdict of ['pass', 'fail'] as const) {
      policy.file.examples[verdict].forEach((objects, i) => {
        const findings = checkObjects([policy], objects, { kubernetesVersion, model: (index) => modelContext(index, cluster, kubernetesVersion) });
        const actual = findings.length > 0 ? 'fail' : 'pass';
        results.push({ suite: suite.name, policy: policy.id, resource: `examples.${verdict}[${i}]`, expected: verdict, actual, ok: actual === verdict, detail: findings.map((f) => f.message) });
      });
    }
  }
  for (const expectation of suite.results) {
    if (!set.policies.some((p) => p.id === expectation.policy)) {
      errors.push(new InputError(`no policy "${expectation.policy}" in this suite's policies`, file, expectation.line, 1));
      continue;
    }
    for (const name of expectation.resources) {
      const parts = name.split('/');
      const [namespace, kind, objectName] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
      const found = report.resources.filter((r) => r.kind === kind && r.name === objectName && (namespace === undefined || (r.namespace ?? 'default') === namespace));
      const base = { suite: suite.name, policy: expectation.policy, resource: name, expected: expectation.result };
      if (found.length === 0 || parts.length < 2 || parts.length > 3) {
        results.push({ ...base, actual: 'error', ok: false, detail: [`no object ${name} in the suite's resources`] });
        continue;
      }
      const findings = report.findings.filter(
        (f) => f.ruleId === expectation.policy && f.resource?.kind === kind && f.resource?.name === objectName && (namespace === undefined || (f.resource?.namespace ?? 'default') === namespace),
      );
      const actual = findings.length > 0 ? 'fail' : 'pass';
      results.push({ ...base, actual, ok: actual === expectation.result, detail: findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`) });
    }
  }
  return { results, errors };
}
