// `npm run bench` (validate part): the default policy pack over a generated set of 10,000 resources
// (Deployments, Services, ConfigMaps, PDBs, Ingresses, Roles in 100 namespaces), measured in stages — YAML
// parsing with positions, OpenAPI schema checks, policies — and the time for one resource cold (policy
// files read and compiled, schema validators imported). Prints a table; asserts nothing.
import { stringify } from 'yaml';
import { loadPolicySet } from '../src/policy/policy-set.ts';
import { evaluatePolicies, type EvaluationContext } from '../src/policy/evaluate.ts';
import { ObjectIndex } from '../src/policy/object-index.ts';
import { readCluster, modelContext } from '../src/validate/cluster.ts';
import { loadResources, positionOf } from '../src/validate/resources.ts';
import { prepareSchemas, schemaFindingsSync } from '../src/validate/schema.ts';
import { validateManifests } from '../src/validate/validate.ts';

function generate(count: number): string {
  const docs: unknown[] = [];
  for (let i = 0; docs.length < count; i++) {
    const ns = `team-${i % 100}`;
    const app = `app-${i}`;
    const labels = { app, tier: i % 2 ? 'backend' : 'frontend' };
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: ns, labels },
      spec: {
        replicas: 1 + (i % 4),
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            securityContext: i % 3 ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } : undefined,
            containers: [
              {
                name: 'app',
                image: i % 5 ? `registry.example.com/${app}:1.${i % 10}.0` : 'nginx',
                ports: [{ containerPort: 8080, name: 'http' }],
                resources: i % 2 ? { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } : undefined,
                readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
                livenessProbe: i % 4 ? { httpGet: { path: '/healthz', port: 'http' } } : undefined,
                env: [{ name: 'LOG_LEVEL', value: 'info' }, ...(i % 7 ? [] : [{ name: 'DB_PASSWORD', value: 'hunter2' }])],
              },
            ],
          },
        },
      },
    });
    docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns }, spec: { selector: { app: i % 9 ? app : `${app}-x` }, ports: [{ port: 80, targetPort: 'http' }] } });
    docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${app}-config`, namespace: ns }, data: { 'app.properties': 'a=b\n' } });
    if (i % 2 === 0) docs.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: app, namespace: ns }, spec: { minAvailable: 1, selector: { matchLabels: { app } } } });
    if (i % 5 === 0) docs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: app, namespace: ns }, spec: { rules: [{ host: `${app}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { number: 80 } } } }] } }] } });
    if (i % 10 === 0) docs.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: app, namespace: ns }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }] });
  }
  return docs
    .slice(0, count)
    .map((d) => stringify(d))
    .join('---\n');
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const today = new Date();

// Cold: everything a one-file run pays before its first finding.
let t = performance.now();
const set = loadPolicySet({ builtin: true, paths: [] });
const cluster = readCluster();
await validateManifests({ sources: [{ file: 'one.yaml', text: generate(1) }], policies: set.policies, cluster, kubernetesVersion: '1.37', today });
const cold = performance.now() - t;

const count = Number(process.env.BENCH_COUNT ?? 10_000);
const text = generate(count);
const stages: [string, number][] = [];
t = performance.now();
const { resources } = loadResources([{ file: 'many.yaml', text }]);
stages.push(['parse YAML with positions', performance.now() - t]);
await prepareSchemas(resources);
t = performance.now();
let schemaFindings = 0;
for (const r of resources) schemaFindings += schemaFindingsSync(r).length;
stages.push(['OpenAPI schema checks', performance.now() - t]);
const targets = resources.map((r) => ({ kind: r.kind, apiVersion: r.apiVersion, name: r.name, namespace: r.namespace ?? 'default', object: r.object, file: r.file, position: (p: string | readonly (string | number)[]) => positionOf(r, p) }));
const index = new ObjectIndex([...targets, ...cluster.objects]);
const ctx: EvaluationContext = { index, kubernetesVersion: '1.37', model: modelContext(index, cluster, '1.37') };
const staticPolicies = set.policies.filter((p) => p.file.model === undefined);
t = performance.now();
let policyFindings = 0;
for (const target of targets) policyFindings += evaluatePolicies(staticPolicies, target, ctx).length;
stages.push([`${staticPolicies.length} static policies`, performance.now() - t]);
const modelPolicies = set.policies.filter((p) => p.file.model !== undefined);
t = performance.now();
let modelFindings = 0;
for (const target of targets) modelFindings += evaluatePolicies(modelPolicies, target, ctx).length;
stages.push([`${modelPolicies.length} simulation-backed policies`, performance.now() - t]);
global.gc?.();
const heap = process.memoryUsage().heapUsed;
t = performance.now();
const report = await validateManifests({ sources: [{ file: 'many.yaml', text }], policies: set.policies, cluster, kubernetesVersion: '1.37', today });
const total = performance.now() - t;

console.log(`\nvalidate: ${count.toLocaleString('en-US')} generated resources, ${set.policies.length} policies (one core)\n`);
const row = (cells: (string | number)[]) => cells.map((c, i) => (i === 0 ? String(c).padEnd(36) : String(c).padStart(14))).join('  ');
console.log(row(['stage', 'ms', 'resources/s']));
for (const [name, ms] of stages) console.log(row([name, ms.toFixed(0), Math.round(count / (ms / 1000)).toLocaleString('en-US')]));
console.log(row(['whole run (validateManifests)', total.toFixed(0), Math.round(count / (total / 1000)).toLocaleString('en-US')]));
console.log(`\nfindings: ${report.findings.length.toLocaleString('en-US')} (schema ${schemaFindings}, static ${policyFindings}, simulation ${modelFindings}); heap after parse ${mb(heap)}`);
console.log(`one resource cold (load + compile ${set.policies.length} policies, import schemas, validate): ${cold.toFixed(0)} ms\n`);
