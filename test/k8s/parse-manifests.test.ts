import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPodDefaults, imageTag, isModelled, parseManifests } from '../../src/k8s/parse-manifests.ts';
import { FieldPath, parseFieldPath, scanJsonStream } from '../../src/k8s/positions.ts';
import { SUPPORTED_KINDS } from '../../src/k8s/validate-objects.ts';
import type { Pod } from '../../src/k8s/types.ts';

const BAD = 'test/fixtures/manifests/bad';
const fixture = (name: string) => ({ file: `${BAD}/${name}`, text: readFileSync(`${BAD}/${name}`, 'utf8') });
const located = (name: string) => {
  const { errors, warnings } = parseManifests([fixture(name)]);
  return { errors: errors.map((e) => e.located), warnings: warnings.map((e) => e.located) };
};
const QUANTITY_REGEX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('parseManifests: one-line errors at file:line:col (bad fixtures)', () => {
  // [row name stating verdict and reason, fixture, every expected error after `file:`]
  const rows: [string, string, string[]][] = [
    ['API-04: rejected, unclosed flow sequence is a YAML syntax error (the next document still loads)', 'yaml-syntax.yaml',
      ['8:1: Flow sequence in block collection must be sufficiently indented and end with a ]']],
    ['API-04: rejected, a top-level list is not an object', 'not-a-mapping.yaml',
      ['1:1: document is a list, not a mapping: a Kubernetes object needs apiVersion, kind and metadata']],
    ['API-04: rejected, kind is required', 'missing-kind.yaml', ['1:1: kind: Required value']],
    ['API-04: rejected, metadata.name is required', 'missing-name.yaml',
      ['4:3: metadata.name: Required value: name or generateName is required']],
    ['RES-03, RES-04: rejected, "1.2.3Gi" and "lots" are no quantities (Pod requests, Node allocatable)', 'bad-quantity.yaml',
      [`11:17: spec.containers[0].resources.requests[memory]: Invalid value: "1.2.3Gi": ${QUANTITY_REGEX}`,
        `21:13: status.allocatable[memory]: Invalid value: "lots": ${QUANTITY_REGEX}`]],
    ['POD-01: rejected, containers must be a list', 'containers-not-list.yaml',
      ['6:15: spec.containers: Invalid value: "string": must be of type array']],
    ['POD-11: rejected, restartPolicy Sometimes is not Always/OnFailure/Never', 'bad-restart-policy.yaml',
      ['6:18: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    ['POD-01: rejected, containerPort "http" is not an integer', 'port-not-integer.yaml',
      ['10:22: spec.containers[0].ports[0].containerPort: Invalid value: "string": must be an integer']],
    ['POD-01: rejected, two containers named app', 'duplicate-container.yaml',
      ['9:11: spec.containers[1].name: Duplicate value: "app"']],
    ['API-04: rejected, trailing comma is a JSON syntax error', 'bad-json.json',
      ["5:71: error parsing JSON: invalid character ']' looking for beginning of value"]],
    ['RES-02: rejected, cpu request 2 exceeds limit 500m', 'request-over-limit.yaml',
      ['11:9: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m']],
    ['POD-14: rejected, restartPolicy on an app container (only init containers can be sidecars)', 'app-container-restart-policy.yaml',
      ['11:20: spec.containers[1].restartPolicy: Forbidden: may not be set for non-init containers']],
    ['API-04: rejected, the second Pod default/same repeats the first', 'duplicate-object.yaml',
      [`13:9: metadata.name: Duplicate value: "same": Pod already defined at ${BAD}/duplicate-object.yaml:4:9`]],
  ];
  it.each(rows)('%s', (_name, file, expected) => {
    expect(located(file).errors).toEqual(expected.map((e) => `${BAD}/${file}:${e}`));
  });

  it('API-04: an unknown kind is a warning only, and its object is kept but not modelled', () => {
    const { objects, errors, warnings } = parseManifests([fixture('unknown-kind.yaml')]);
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.located)).toEqual([
      `${BAD}/unknown-kind.yaml:2:7: kind: no matches for kind "DaemonSet" in version "apps/v1": kubemodel models v1 Pod, v1 Node, v1 Namespace, v1 LimitRange, v1 ResourceQuota, scheduling.k8s.io/v1 PriorityClass, apps/v1 ReplicaSet, apps/v1 Deployment, v1 PersistentVolume, v1 PersistentVolumeClaim, storage.k8s.io/v1 StorageClass, storage.k8s.io/v1 CSIDriver, storage.k8s.io/v1 VolumeAttachment, v1 ConfigMap, v1 Secret; this object is not simulated`,
    ]);
    expect(objects.map((o) => [o.object.kind, isModelled(o)])).toEqual([['DaemonSet', false]]);
  });

  it('API-04: a broken document does not stop the rest of its stream or other files', () => {
    const { objects } = parseManifests([fixture('yaml-syntax.yaml'), fixture('missing-kind.yaml'), fixture('bad-restart-policy.yaml')]);
    expect(objects.map((o) => `${o.object.metadata.name}#${o.documentIndex}`)).toEqual(['survivor#1']);
  });
});

describe('parseManifests: streams, lists and JSON', () => {
  const pod = (name: string, extra = '') =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n${extra}`;

  it('API-04: a multi-document stream yields one object per document; empty documents are skipped', () => {
    const { objects, errors } = parseManifests([{ file: 's.yaml', text: `${pod('a')}---\n# nothing\n---\n${pod('b')}` }]);
    expect(errors).toEqual([]);
    expect(objects.map((o) => [o.object.metadata.name, o.documentIndex])).toEqual([['a', 0], ['b', 2]]);
  });

  it('API-04: kind List (kubectl get -o yaml) expands into its items, each positioned inside the list', () => {
    const text = readFileSync('test/fixtures/manifests/good/list.yaml', 'utf8');
    const { objects, errors } = parseManifests([{ file: 'list.yaml', text }]);
    expect(errors).toEqual([]);
    expect(objects.map((o) => [o.object.metadata.name, o.object.metadata.namespace, o.itemIndex])).toEqual([
      ['listed-a', 'team-a', 0],
      ['listed-b', 'team-a', 1],
    ]);
    expect(objects[1]!.position('metadata.name')).toEqual({ line: 19, column: 11 });
  });

  it('API-04: an error inside a List item points at the item and names the item-relative field', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: n1\n  status:\n    capacity:\n      cpu: 1kk\n';
    expect(parseManifests([{ file: 'l.yaml', text }]).errors.map((e) => e.located)).toEqual([
      'l.yaml:10:12: status.capacity[cpu]: Invalid value: "1kk": unable to parse quantity\'s suffix',
    ]);
  });

  it('API-04: a JSON stream of two objects is read like kubectl does, with positions into the file', () => {
    const text = '{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}}\n{"apiVersion":"v1","kind":"Node",\n "metadata":{"name":"n2"}}\n';
    const { objects, errors } = parseManifests([{ file: 'nodes.txt', text }]);
    expect(errors).toEqual([]);
    expect(objects.map((o) => o.object.metadata.name)).toEqual(['n1', 'n2']);
    expect(objects[1]!.position(['metadata', 'name'])).toEqual({ line: 3, column: 21 });
  });

  it('API-04: duplicate keys are an error in JSON as in YAML', () => {
    const text = '{"apiVersion":"v1","kind":"Node","kind":"Node","metadata":{"name":"n"}}';
    expect(parseManifests([{ file: 'n.json', text }]).errors.map((e) => e.located)).toEqual(['n.json:1:34: Map keys must be unique']);
  });

  it('RES-03: numeric quantities become their source text ("0.50" stays "0.50", 110 becomes "110")', () => {
    const text = readFileSync('test/fixtures/manifests/good/pod.yaml', 'utf8');
    const [web] = parseManifests([{ file: 'pod.yaml', text }]).objects;
    expect((web!.object as Pod).spec.containers[0]!.resources!.requests).toEqual({ cpu: '0.50', memory: '64Mi' });
    const json = readFileSync('test/fixtures/manifests/good/node.json', 'utf8');
    const [node] = parseManifests([{ file: 'node.json', text: json }]).objects;
    expect(node!.object).toMatchObject({ status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } });
  });

  it('API-04: YAML 1.1 like kubectl — unquoted `n` and `yes` are booleans, rejected where a string is due', () => {
    const text = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n\n  labels:\n    ssd: yes\n';
    const why = 'must be of type string: quote it, YAML 1.1 reads unquoted y, n, yes, no, on, off as booleans';
    expect(parseManifests([{ file: 'n.yaml', text }]).errors.map((e) => e.located)).toEqual([
      `n.yaml:4:9: metadata.name: Invalid value: "boolean": ${why}`,
      `n.yaml:6:10: metadata.labels[ssd]: Invalid value: "boolean": ${why}`,
    ]);
  });

  it('API-04: like go-yaml v2 decoding into interface{}, an unquoted date and `1:20` stay strings', () => {
    const text = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  annotations:\n    since: 2024-01-01\n    ratio: 1:20\n';
    const { objects, errors } = parseManifests([{ file: 'n.yaml', text }]);
    expect(errors).toEqual([]);
    expect(objects[0]!.object.metadata.annotations).toEqual({ since: '2024-01-01', ratio: '1:20' });
  });

  it('API-04: a byte-order mark does not shift columns on line 1', () => {
    const { errors } = parseManifests([{ file: 'b.yaml', text: '\uFEFFapiVersion: 1\nkind: Pod\n' }]);
    expect(errors.map((e) => e.located)).toContain('b.yaml:1:13: apiVersion: Invalid value: "integer": must be of type string: quote it');
  });

  it('POD-14: a sidecar (init container with restartPolicy Always) may have probes; a plain init container may not', () => {
    const sidecar = '  initContainers:\n  - name: s\n    image: x:1\n    restartPolicy: Always\n    readinessProbe: {periodSeconds: 5}\n';
    const plain = '  initContainers:\n  - name: s\n    image: x:1\n    livenessProbe: {periodSeconds: 5}\n';
    expect(parseManifests([{ file: 'a.yaml', text: pod('a', sidecar) }]).errors).toEqual([]);
    expect(parseManifests([{ file: 'b.yaml', text: pod('b', plain) }]).errors.map((e) => e.located)).toEqual([
      'b.yaml:12:20: spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  it('POD-01: an init container may not reuse an app container name; the clash is reported on the init container', () => {
    const clash = '  initContainers:\n  - name: app\n    image: x:1\n';
    expect(parseManifests([{ file: 'c.yaml', text: pod('c', clash) }]).errors.map((e) => e.located)).toEqual([
      'c.yaml:10:11: spec.initContainers[0].name: Duplicate value: "app"',
    ]);
  });

  it('API-04: positions fall back to the nearest existing ancestor and accept both path notations', () => {
    const [loaded] = parseManifests([{ file: 'p.yaml', text: pod('p') }]).objects;
    expect(loaded!.position('spec.containers[0].image')).toEqual({ line: 8, column: 12 });
    expect(loaded!.position(['spec', 'containers', 0, 'image'])).toEqual({ line: 8, column: 12 });
    expect(loaded!.position('spec.containers[0].resources.requests[cpu]')).toEqual({ line: 7, column: 5 });
    expect(loaded!.position('status')).toEqual({ line: 1, column: 1 });
  });

  it('API-04: the examples/cluster manifests load without errors or warnings', () => {
    const sources = ['nodes.yaml', 'pods.yaml'].map((f) => ({ file: f, text: readFileSync(`examples/cluster/${f}`, 'utf8') }));
    const { objects, errors, warnings } = parseManifests(sources);
    expect([...errors, ...warnings].map((e) => e.located)).toEqual([]);
    expect(objects.map((o) => o.object.metadata.name)).toEqual([
      'node-1', 'node-2', 'node-3', 'web', 'init-demo', 'sidecar-demo', 'batch-ok', 'crashy', 'bad-image', 'needs-config',
      'unscheduled', 'oom',
    ]);
  });
});

describe('validation of the fields kubemodel reads (inline Pods and Nodes)', () => {
  const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;
  const app = (fields = '') => `  containers:\n  - name: app\n    image: nginx:1.27\n${fields}`;
  const node = (rest: string) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n${rest}`;
  // [row name stating verdict and reason, manifest, expected errors (without the file name)]
  const rows: [string, string, string[]][] = [
    ['POD-01: accepted, a minimal Pod', pod(app()), []],
    ['POD-01: rejected, an empty containers list', pod('  containers: []\n'), ['6:15: spec.containers: Required value']],
    ['POD-01: rejected, no spec at all means no containers', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n',
      ['1:1: spec.containers: Required value']],
    ['POD-01: rejected, a container without image', pod('  containers:\n  - name: app\n'), ['7:5: spec.containers[0].image: Required value']],
    ['POD-01: rejected, container name App is no DNS-1123 label', pod('  containers:\n  - name: App\n    image: x:1\n'),
      ["7:11: spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]],
    ['POD-15: rejected, a negative grace period', pod(`  terminationGracePeriodSeconds: -1\n${app()}`),
      ['6:34: spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0']],
    ['POD-16: rejected, imagePullPolicy Sometimes', pod(app('    imagePullPolicy: Sometimes\n')),
      ['9:22: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"']],
    ['SCHED-05: rejected, containerPort 70000 is out of range', pod(app('    ports:\n    - containerPort: 70000\n')),
      ['10:22: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['SCHED-05: rejected, a port without containerPort', pod(app('    ports:\n    - hostPort: 8080\n')),
      ['10:7: spec.containers[0].ports[0].containerPort: Required value']],
    ['SCHED-05: rejected, protocol HTTP', pod(app('    ports:\n    - containerPort: 80\n      protocol: HTTP\n')),
      ['11:17: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
    ['RES-03: rejected, a negative cpu limit', pod(app('    resources:\n      limits:\n        cpu: -1\n')),
      ['11:14: spec.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0']],
    ['RES-02: accepted, request equal to limit ("1" = "1000m")', pod(app('    resources:\n      requests: {cpu: "1"}\n      limits: {cpu: 1000m}\n')), []],
    ['SCHED-12: rejected, toleration operator Matches', pod(`  tolerations:\n  - key: k\n    operator: Matches\n${app()}`),
      ['8:15: spec.tolerations[0].operator: Unsupported value: "Matches": supported values: "Equal", "Exists"']],
    ['CFG-02: rejected, envFrom configMapRef without name', pod(app('    envFrom:\n    - configMapRef: {optional: true}\n')),
      ['10:21: spec.containers[0].envFrom[0].configMapRef.name: Required value']],
    ['POD-14: rejected, init container restartPolicy Never (only Always makes a sidecar)',
      pod(`  initContainers:\n  - name: i\n    image: x:1\n    restartPolicy: Never\n${app()}`),
      ['9:20: spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    ['SCHED-10: rejected, taint without effect', node('spec:\n  taints:\n  - key: dedicated\n'),
      ['7:5: spec.taints[0].effect: Required value']],
    ['SCHED-11: rejected, taint effect NoRun', node('spec:\n  taints:\n  - key: k\n    effect: NoRun\n'),
      ['8:13: spec.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    ['NODE-03: rejected, condition status Yes', node('status:\n  conditions:\n  - type: Ready\n    status: "Yes"\n'),
      ['8:13: status.conditions[0].status: Unsupported value: "Yes": supported values: "True", "False", "Unknown"']],
    ['API-19: accepted, a Node (cluster-scoped) with a namespace that is no DNS label is not checked', node('  namespace: Not_A_Label\n'), []],
    ['API-19: rejected, a Pod namespace that is no DNS label', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: Team_A\n' + 'spec:\n' + app(),
      ["5:14: metadata.namespace: Invalid value: \"Team_A\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]],
  ];
  it.each(rows)('%s', (_name, text, expected) => {
    expect(parseManifests([{ file: 'x.yaml', text }]).errors.map((e) => e.located)).toEqual(expected.map((e) => `x.yaml:${e}`));
  });

  it('API-04: the supported kinds are a table; adding a row is all a new kind needs', () => {
    expect(SUPPORTED_KINDS.map((k) => `${k.apiVersion}/${k.kind}`)).toEqual(['v1/Pod', 'v1/Node', 'v1/Namespace', 'v1/LimitRange', 'v1/ResourceQuota', 'scheduling.k8s.io/v1/PriorityClass', 'apps/v1/ReplicaSet', 'apps/v1/Deployment', 'v1/PersistentVolume', 'v1/PersistentVolumeClaim', 'storage.k8s.io/v1/StorageClass', 'storage.k8s.io/v1/CSIDriver', 'storage.k8s.io/v1/VolumeAttachment', 'v1/ConfigMap', 'v1/Secret']);
  });
});

describe('positions: field paths and JSON syntax errors', () => {
  it('API-04: field paths print like apimachinery field.Path and parse back from either notation', () => {
    const path = FieldPath.root('spec').child('containers').index(0).child('resources', 'requests').key('cpu');
    expect(String(path)).toBe('spec.containers[0].resources.requests[cpu]');
    expect(path.segments).toEqual(['spec', 'containers', 0, 'resources', 'requests', 'cpu']);
    expect(parseFieldPath('spec.containers[0].resources.requests.cpu')).toEqual(path.segments);
    expect(parseFieldPath('metadata.annotations[kubemodel.io/scenario]')).toEqual(['metadata', 'annotations', 'kubemodel.io/scenario']);
  });

  // [row name stating verdict and reason, text, expected offset and Go encoding/json message]
  const rows: [string, string, [number, string] | 'ok'][] = [
    ['API-04: valid, one object', '{"a": [1, -2.5e3, true, null, "x\\u00e9"]}', 'ok'],
    ['API-04: valid, a stream of two objects', '{}\n{"b": {}}', 'ok'],
    ['API-04: invalid, trailing comma in an array', '[1,]', [3, "invalid character ']' looking for beginning of value"]],
    ['API-04: invalid, missing comma between members', '{"a": 1 "b": 2}', [8, "invalid character '\"' after object key:value pair"]],
    ['API-04: invalid, single-quoted key', "{'a': 1}", [1, "invalid character '\\'' looking for beginning of object key string"]],
    ['API-04: invalid, misspelt literal', '{"a": tru}', [9, "invalid character '}' in literal true (expecting 'e')"]],
    ['API-04: invalid, leading zero followed by digits', '[01]', [2, "invalid character '1' after array element"]],
    ['API-04: invalid, exponent without digits', '[1e]', [3, "invalid character ']' in exponent of numeric literal"]],
    ['API-04: invalid, unterminated object', '{"a": 1', [7, 'unexpected end of JSON input']],
  ];
  it.each(rows)('%s', (_name, text, expected) => {
    const result = scanJsonStream(text);
    if (expected === 'ok') expect(result).not.toHaveProperty('error');
    else expect(result).toEqual({ error: { offset: expected[0], message: expected[1] } });
  });
});

describe('applyPodDefaults', () => {
  const bare = (): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      initContainers: [{ name: 'init', image: 'busybox' }],
      containers: [
        {
          name: 'app',
          image: 'registry:5000/team/app',
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } },
          livenessProbe: { httpGet: { port: 80 }, periodSeconds: 5 },
        },
      ],
    },
  });

  it('POD-11, POD-15, SCHED-01: restartPolicy Always, grace period 30 s, default-scheduler, namespace default', () => {
    const pod = applyPodDefaults(bare());
    expect(pod.spec).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
    expect(pod.metadata.namespace).toBe('default');
  });

  it('POD-11, POD-15: values the user set are kept', () => {
    const user = bare();
    user.spec.restartPolicy = 'Never';
    user.spec.terminationGracePeriodSeconds = 0;
    expect(applyPodDefaults(user).spec).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0 });
  });

  it('RES-02, PROBE-05: requests default to limits per resource; probe timing gets its defaults', () => {
    const [app] = applyPodDefaults(bare()).spec.containers;
    expect(app!.resources!.requests).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(app!.livenessProbe).toMatchObject({ periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(app!.ports![0]!.protocol).toBe('TCP');
  });

  it('POD-11, POD-15: the input is never mutated (deeply frozen input still works)', () => {
    const input = bare();
    const snapshot = structuredClone(input);
    applyPodDefaults(deepFreeze(input));
    expect(input).toEqual(snapshot);
  });

  // [row name, image, expected imagePullPolicy]
  const pullRows: [string, string, 'Always' | 'IfNotPresent'][] = [
    ['POD-16: Always, no tag means latest', 'nginx', 'Always'],
    ['POD-16: Always, explicit :latest', 'nginx:latest', 'Always'],
    ['POD-16: IfNotPresent, pinned tag', 'nginx:1.27', 'IfNotPresent'],
    ['POD-16: Always, a registry port is not a tag', 'registry:5000/team/app', 'Always'],
    ['POD-16: IfNotPresent, a digest without tag', 'nginx@sha256:0123abcd', 'IfNotPresent'],
  ];
  it.each(pullRows)('%s (%s)', (_name, image, expected) => {
    const pod = bare();
    pod.spec.containers[0]!.image = image;
    expect(applyPodDefaults(pod).spec.containers[0]!.imagePullPolicy).toBe(expected);
    expect(imageTag(image) === 'latest').toBe(expected === 'Always');
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
