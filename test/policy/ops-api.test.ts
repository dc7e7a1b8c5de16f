// The api policies' operations (src/policy/ops/api.ts), compiled as policies compile them, in
// [name, logic, data, expected] rows; then the API lifecycle table itself against the migration guide's shape.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexedObject } from '../../src/policy/examples.ts';
import { policyOperations } from '../../src/policy/load.ts';
import { ObjectIndex } from '../../src/policy/object-index.ts';
import { API_LIFECYCLE, API_LIFECYCLE_KINDS } from '../../src/policy/ops/api.ts';
import { builtinPoliciesDir } from '../../src/io/policy-files.ts';
import { compileLogic } from '../../src/rules/compile.ts';

const run = (logic: unknown, data: unknown): unknown => compileLogic(logic, { operations: policyOperations })(data);

type Row = [name: string, logic: unknown, data: unknown, expected: unknown];

const lifecycle = (op: string) => ({ [op]: [{ var: 'apiVersion' }, { var: 'kind' }, { var: 'v' }] });
const removedIn = (op: string) => ({ map: [[lifecycle(op)], { var: 'removedIn' }] });

const lifecycleRows: Row[] = [
  ['extensions/v1beta1 Ingress is removed in 1.22', removedIn('api_removed'), { apiVersion: 'extensions/v1beta1', kind: 'Ingress', v: '1.22' }, ['1.22']],
  ['extensions/v1beta1 Ingress is still served in 1.21', lifecycle('api_removed'), { apiVersion: 'extensions/v1beta1', kind: 'Ingress', v: '1.21' }, null],
  ['extensions/v1beta1 Ingress is deprecated in 1.21', removedIn('api_deprecated'), { apiVersion: 'extensions/v1beta1', kind: 'Ingress', v: '1.21' }, ['1.22']],
  ['extensions/v1beta1 Ingress is not yet deprecated in 1.13', lifecycle('api_deprecated'), { apiVersion: 'extensions/v1beta1', kind: 'Ingress', v: '1.13' }, null],
  ['extensions/v1beta1 Ingress is no longer "deprecated" once removed', lifecycle('api_deprecated'), { apiVersion: 'extensions/v1beta1', kind: 'Ingress', v: '1.37' }, null],
  ['apps/v1beta2 Deployment: "1.9" counts as before "1.16" (numbers, not text)', lifecycle('api_removed'), { apiVersion: 'apps/v1beta2', kind: 'Deployment', v: '1.9' }, null],
  ['apps/v1beta2 Deployment is removed in 1.16', removedIn('api_removed'), { apiVersion: 'apps/v1beta2', kind: 'Deployment', v: '1.16' }, ['1.16']],
  ['batch/v1beta1 CronJob is removed in v1.25.3 (patch and "v" ignored)', removedIn('api_removed'), { apiVersion: 'batch/v1beta1', kind: 'CronJob', v: 'v1.25.3' }, ['1.25']],
  ['flowcontrol v1beta3 FlowSchema is removed in 1.32', removedIn('api_removed'), { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', v: '1.32' }, ['1.32']],
  ['v1 Endpoints is deprecated in 1.37 and never removed', removedIn('api_deprecated'), { apiVersion: 'v1', kind: 'Endpoints', v: '1.37' }, [null]],
  ['v1 Endpoints is not deprecated before 1.33', lifecycle('api_deprecated'), { apiVersion: 'v1', kind: 'Endpoints', v: '1.32' }, null],
  ['networking.k8s.io/v1 Ingress is in no row', lifecycle('api_deprecated'), { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', v: '1.21' }, null],
  ['apps/v1beta1 never had DaemonSet, so no row', lifecycle('api_removed'), { apiVersion: 'apps/v1beta1', kind: 'DaemonSet', v: '1.37' }, null],
];

const cluster = new ObjectIndex(
  [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'admin', port: 9000 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { ports: [{ port: 8080 }] } },
  ].map(indexedObject),
);
const exposes = (namespace: string, name: string, port: Record<string, unknown>): [unknown, unknown] => [
  { service_exposes: [{ var: 'cluster' }, namespace, name, { var: 'port' }] },
  { cluster, port },
];

const serviceRows: Row[] = [
  ['ING-01: port number 80 is the Service port', ...exposes('shop', 'web', { number: 80 }), true],
  ['NET-SVC-09: port number 8080 is the targetPort, not a Service port', ...exposes('shop', 'web', { number: 8080 }), false],
  ['ING-01: port name "admin" is a Service port name', ...exposes('shop', 'web', { name: 'admin' }), true],
  ['ING-01: port name "https" is no Service port name', ...exposes('shop', 'web', { name: 'https' }), false],
  ['ING-01: a Service in another namespace is not found (null)', ...exposes('default', 'web', { number: 80 }), null],
  ['ING-01: an unnamespaced Service counts as "default"', ...exposes('default', 'api', { number: 8080 }), true],
];

const template = (spec: Record<string, unknown>) => ({ kind: 'Deployment', name: 'web', labels: {}, spec });
const declares = (spec: Record<string, unknown>, name: string, protocol?: string): [unknown, unknown] => [
  { declares_named_port: [{ var: 'templates' }, name, { var: 'protocol' }] },
  { templates: [template(spec)], protocol: protocol ?? null },
];
const http = { name: 'http', containerPort: 8080 };

const portRows: Row[] = [
  ['NET-SVC-09: an app container port named "http" resolves', ...declares({ containers: [{ name: 'app', ports: [http] }] }, 'http'), true],
  ['NET-SVC-09: a sidecar (restartPolicy Always) port resolves', ...declares({ initContainers: [{ name: 'proxy', restartPolicy: 'Always', ports: [http] }], containers: [{ name: 'app' }] }, 'http'), true],
  ['NET-SVC-09: a plain init container port does not resolve', ...declares({ initContainers: [{ name: 'migrate', ports: [http] }], containers: [{ name: 'app' }] }, 'http'), false],
  ['NET-SVC-09: a TCP port does not serve a UDP Service port', ...declares({ containers: [{ name: 'dns', ports: [{ name: 'dns', containerPort: 53 }] }] }, 'dns', 'UDP'), false],
  ['NET-SVC-09: protocols default to TCP on both sides', ...declares({ containers: [{ name: 'app', ports: [{ ...http, protocol: 'TCP' }] }] }, 'http'), true],
  ['NET-SVC-09: no templates declare nothing', { declares_named_port: [[], 'http', 'TCP'] }, {}, false],
];

const selectorRows: Row[] = [
  ['NETPOL-01: podSelector {} selects every Pod', { selector_is_empty: [{ var: 's' }] }, { s: {} }, true],
  ['NETPOL-01: empty matchLabels and matchExpressions select every Pod', { selector_is_empty: [{ var: 's' }] }, { s: { matchLabels: {}, matchExpressions: [] } }, true],
  ['NETPOL-02: matchLabels app=db is a real selector', { selector_is_empty: [{ var: 's' }] }, { s: { matchLabels: { app: 'db' } } }, false],
  ['NETPOL-02: a DoesNotExist expression is a real selector', { selector_is_empty: [{ var: 's' }] }, { s: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } }, false],
];

describe('api policy operations', () => {
  for (const [name, logic, data, expected] of [...lifecycleRows, ...serviceRows, ...portRows, ...selectorRows]) {
    it(name, () => expect(run(logic, data)).toEqual(expected));
  }

  it('a kubernetesVersion that is no release is an error naming the operation', () => {
    expect(() => run(lifecycle('api_removed'), { apiVersion: 'batch/v1beta1', kind: 'CronJob', v: 'latest' })).toThrow(/api_removed: "latest"/);
  });

  it('service_exposes without the cluster index says what to pass', () => {
    expect(() => run({ service_exposes: [{}, 'shop', 'web', { var: 'p' }] }, { p: { number: 80 } })).toThrow(/\{"var": "cluster"\}/);
  });
});

describe('API lifecycle table', () => {
  const release = (v: string) => v.split('.').map(Number) as [number, number];
  const before = (a: string, b: string) => release(a)[0] < release(b)[0] || (release(a)[0] === release(b)[0] && release(a)[1] < release(b)[1]);

  it('every version is deprecated before it is removed', () => {
    for (const r of API_LIFECYCLE) if (r.removedIn !== null) expect(before(r.deprecatedIn, r.removedIn), `${r.apiVersion} ${r.kinds.join(',')}`).toBe(true);
  });

  it("removals fall in the migration guide's releases", () => {
    const releases = new Set(API_LIFECYCLE.flatMap((r) => (r.removedIn === null ? [] : [r.removedIn])));
    expect([...releases].sort((a, b) => (before(a, b) ? -1 : 1))).toEqual(['1.16', '1.22', '1.25', '1.26', '1.27', '1.29', '1.32']);
  });

  it('no apiVersion and kind appears twice', () => {
    const keys = API_LIFECYCLE.flatMap((r) => r.kinds.map((k) => `${r.apiVersion} ${k}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  for (const id of ['removed-api-version', 'deprecated-api-version']) {
    it(`${id} targets exactly the kinds the table names`, () => {
      const policy = JSON.parse(readFileSync(`${builtinPoliciesDir}/${id}.json`, 'utf8')) as { kinds: string[] };
      expect([...policy.kinds].sort()).toEqual([...API_LIFECYCLE_KINDS]);
    });
  }
});
