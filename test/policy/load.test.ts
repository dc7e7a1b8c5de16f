// Policy files: checked and compiled once; a bad one is reported at file:line:col and never stops the others.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicies, policyErrors } from '../../src/policy/load.ts';
import { loadPolicySet } from '../../src/io/policy-set.ts';
import { checkObjects } from '../../src/policy/examples.ts';
import { fill } from '../../src/policy/template.ts';

const fixtures = join(import.meta.dirname, '../fixtures/policies');
const valid = {
  id: 'x',
  title: 't',
  severity: 'info',
  category: 'c',
  kinds: ['Pod'],
  fail: true,
  message: 'm',
  remediation: 'r',
  behaviours: [],
  examples: { pass: [[{ kind: 'Pod' }]], fail: [[{ kind: 'Pod' }]] },
};

describe('policy checks', () => {
  it.each([
    [{ severity: 'fatal' }, '$.severity', '"severity" must be one of error, warning, info, got "fatal"'],
    [{ id: 'Bad_Id' }, '$.id', '"Bad_Id" is not an id: lower-case letters and digits joined by "-"'],
    [{ kinds: [] }, '$.kinds', '"kinds" must be a non-empty list of kinds (`Deployment`, `apps/v1/Deployment` or `workloads`)'],
    [{ each: 'sidecars' }, '$.each', 'unknown "each" "sidecars" (known: containers, allContainers, volumes, env, rules, ports, backends)'],
    [{ fail: { var: 'objekt.spec' } }, '$.fail', 'var "objekt.spec": unknown data "objekt" (known: object, apiVersion, kind, name, namespace, pod, item, itemPath, containerType, container, cluster, model, kubernetesVersion)'],
    [{ message: 'hi {{obj.name}}' }, '$.message', '{{obj.name}}: unknown data "obj" (known: object, apiVersion, kind, name, namespace, pod, item, itemPath, containerType, container, cluster, model, kubernetesVersion)'],
    [{ examples: { pass: [], fail: [[{}]] } }, '$.examples.pass', '"examples.pass" must list at least one case, each a non-empty list of objects'],
    [{ model: 'crystal-ball' }, '$.model', 'unknown "model" "crystal-ball"'],
  ])('rejected: %j', (change, path, message) => {
    const errors = policyErrors({ ...valid, ...change }, 'p.json');
    expect(errors.map((e) => e.jsonPath)).toContain(path);
    expect(errors.find((e) => e.jsonPath === path)?.message).toContain(message);
  });

  it('a var inside some/all reads the element, not the policy data, and is not checked against the data roots', () => {
    expect(policyErrors({ ...valid, fail: { some: [{ var: 'object.spec.containers' }, { var: 'image' }] } }, 'p.json')).toEqual([]);
  });

  it('a later policy with the same id replaces the earlier one (how --policy overrides a built-in)', () => {
    const { policies } = loadPolicies([
      { fileName: 'a.json', content: valid },
      { fileName: 'b.json', content: { ...valid, severity: 'error' } },
    ]);
    expect(policies.map((p) => [p.id, p.source, p.file.severity])).toEqual([['x', 'b.json', 'error']]);
  });
});

describe('user policies (--policy)', () => {
  it('an unknown operation is one error at file:line:col; the good YAML policy in the same directory still loads and runs', () => {
    const set = loadPolicySet({ builtin: false, paths: [fixtures] });
    expect(set.errors.map((e) => e.reported)).toEqual([`${join(fixtures, 'bad-op.json')}:9:7: unknown operation "frobnicate" at $.fail.and[0]`]);
    expect(set.policies.map((p) => p.id)).toEqual(['team-no-latest']);
    const findings = checkObjects(set.policies, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'registry:5000/app' }] } }], { kubernetesVersion: '1.37' });
    expect(findings.map((f) => [f.ruleId, f.message, f.path])).toEqual([['team-no-latest', 'container "a" uses image "registry:5000/app" without a version', 'spec.containers[0].image']]);
  });

  it('a missing --policy path and --disable of an unknown id are errors', () => {
    const set = loadPolicySet({ builtin: false, paths: ['no/such/dir'], disable: ['nope'] });
    expect(set.errors.map((e) => e.reported)).toEqual(['no/such/dir: --policy: no such file or directory', '--disable: no policy or check "nope"']);
  });
});

describe('message templates', () => {
  it.each([
    ['{{item.name}} in {{namespace}}', { item: { name: 'app' }, namespace: 'prod' }, 'app in prod'],
    ['selector {{s}}', { s: { app: 'web', tier: 'fe' } }, 'selector app=web,tier=fe'],
    ['caps {{c}}', { c: ['NET_ADMIN', 'SYS_ADMIN'] }, 'caps NET_ADMIN, SYS_ADMIN'],
    ['missing [{{a.b.c}}]', {}, 'missing []'],
    ['port {{p}}', { p: 0 }, 'port 0'],
  ])('%s', (template, data, out) => {
    expect(fill(template, data)).toBe(out);
  });
});
