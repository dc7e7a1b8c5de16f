// OpenAPI schema checks (API-04): wrong types, enums, required fields and unknown fields, each reported at
// the line and column of the offending field, worded like the API server's field errors.
import { describe, expect, it } from 'vitest';
import { loadResources } from '../../src/validate/resources.ts';
import { prepareSchemas, schemaFindingsSync } from '../../src/validate/schema.ts';

async function check(text: string) {
  const { resources, problems } = loadResources([{ file: 'm.yaml', text }]);
  await prepareSchemas(resources);
  return { findings: resources.flatMap(schemaFindingsSync), problems };
}

const pod = (containerLines: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx:1.27
${containerLines}`;

describe('schema validation against kubernetes-models (API-04)', () => {
  const rows: [name: string, text: string, rule: string, message: string, line: number, column: number][] = [
    ['API-04: a string where an integer belongs', pod('    ports:\n    - containerPort: "80"\n'), 'schema', 'spec.containers[0].ports[0].containerPort: Invalid type: got string, expected integer', 10, 22],
    ['API-04: a value outside the enum', pod('    imagePullPolicy: Sometimes\n'), 'schema', 'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"', 9, 22],
    ['API-04: a misspelt field is unknown, shown at its key', pod('    resource:\n      limits: {cpu: 1}\n'), 'unknown-field', 'unknown field "spec.containers[0].resource"', 9, 5],
    ['API-04: a required field is missing', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - image: nginx\n', 'schema', 'spec.containers[0].name: Required value', 6, 5],
    ['API-04: an unknown top-level field', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndatas: {a: b}\n', 'unknown-field', 'unknown field "datas"', 4, 1],
  ];
  it.each(rows)('%s', async (_name, text, rule, message, line, column) => {
    const { findings } = await check(text);
    expect(findings.map((f) => ({ ruleId: f.ruleId, message: f.message, line: f.line, column: f.column }))).toContainEqual({ ruleId: rule, message, line, column });
  });

  it('API-04: maps (labels, annotations, data) and free-form values have no unknown fields', async () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels: {app.kubernetes.io/name: x, anything: goes}
  annotations: {example.com/note: "yes"}
data: {key: value, other: value}
`;
    expect((await check(text)).findings).toEqual([]);
  });

  it('a clean Deployment has no schema findings; quantities may be numbers or strings', async () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources: {requests: {cpu: 0.5, memory: 64Mi}, limits: {memory: 128Mi}}
        ports: [{containerPort: 80, name: http}]
        readinessProbe: {httpGet: {path: /, port: http}}
`;
    expect((await check(text)).findings).toEqual([]);
  });

  it('API-04: description and x-kubernetes-* fields are known (PriorityClass, a CRD schema)', async () => {
    const text = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: p}
value: 10
description: batch jobs
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: A widget
        properties:
          spec: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {size: {type: integer, description: size}}}
`;
    expect((await check(text)).findings).toEqual([]);
  });

  it('a custom resource is reported as unknown-kind (a warning), not an error', async () => {
    const { findings } = await check('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n');
    expect(findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['unknown-kind', 'warning', 2]]);
  });

  it('an apiVersion that is not a group/version is never used as a module path', async () => {
    const { findings } = await check('apiVersion: ../../etc/v1\nkind: Pod\nmetadata: {name: p}\n');
    expect(findings.map((f) => f.ruleId)).toEqual(['unknown-kind']);
  });
});
