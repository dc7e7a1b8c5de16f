// `npm run bench` (validate part): the default policy pack over a generated set of 10,000 resources
// (Deployments, Services, ConfigMaps, PDBs, Ingresses, Roles in 100 namespaces), measured in stages — YAML
// parsing with positions, OpenAPI schema checks, policies — and the time for one resource cold (policy
// files read and compiled, schema validators imported). Prints a table; asserts nothing.
import { generateManifests as generate } from './generate-manifests.ts';
import { loadPolicySet } from '../src/io/policy-set.ts';
import { evaluatePolicies, type EvaluationContext } from '../src/policy/evaluate.ts';
import { ObjectIndex } from '../src/policy/object-index.ts';
import { readCluster } from '../src/io/cluster-file.ts';
import { modelContext } from '../src/validate/cluster.ts';
import { loadResources, positionOf } from '../src/validate/resources.ts';
import { prepareSchemas, schemaFindingsSync } from '../src/validate/schema.ts';
import { validateManifests } from '../src/validate/validate.ts';

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
