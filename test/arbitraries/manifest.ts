// Random manifest files for the validator: realistic objects of common kinds with fields of the right and
// the wrong type, unknown fields, missing apiVersion/kind, custom kinds, and texts that are cut short or
// garbled, written as YAML streams, JSON or kind: List.
import fc from 'fast-check';
import { stringify } from 'yaml';

const name = fc.constantFrom('web', 'api', 'db', 'x', 'a-b');
const scalar = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -5, max: 100000 }), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }));
const anyValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'image', 'name'), scalar, { maxKeys: 3 }));

const container = fc.record(
  {
    name: fc.oneof(name, anyValue),
    image: fc.oneof(fc.constantFrom('nginx', 'nginx:latest', 'nginx:1.27', 'registry:5000/app', 'app@sha256:abc'), anyValue),
    imagePullPolicy: fc.constantFrom('Always', 'IfNotPresent', 'Never', 'Sometimes'),
    securityContext: fc.record({ privileged: fc.boolean(), runAsUser: fc.oneof(fc.integer({ min: 0, max: 2000 }), anyValue), runAsNonRoot: fc.boolean(), capabilities: fc.record({ add: fc.array(fc.constantFrom('NET_ADMIN', 'SYS_ADMIN', 'CHOWN'), { maxLength: 2 }), drop: fc.array(fc.constantFrom('ALL', 'NET_RAW'), { maxLength: 2 }) }, { requiredKeys: [] }) }, { requiredKeys: [] }),
    resources: fc.record({ requests: fc.dictionary(fc.constantFrom('cpu', 'memory'), fc.oneof(fc.constantFrom('100m', '1', '64Mi', 'lots'), anyValue)), limits: fc.dictionary(fc.constantFrom('cpu', 'memory'), fc.constantFrom('1', '128Mi', '1.5')) }, { requiredKeys: [] }),
    ports: fc.array(fc.record({ containerPort: fc.oneof(fc.integer({ min: 1, max: 70000 }), anyValue), hostPort: fc.integer({ min: 1, max: 65535 }), name: name }, { requiredKeys: [] }), { maxLength: 2 }),
    livenessProbe: fc.constant({ httpGet: { path: '/', port: 8080 } }),
    env: fc.array(fc.record({ name: fc.constantFrom('PASSWORD', 'LOG', 'TOKEN'), value: fc.oneof(fc.string({ maxLength: 5 }), anyValue) }), { maxLength: 2 }),
    bogus: anyValue,
  },
  { requiredKeys: [] },
);

const podSpec = fc.record(
  {
    containers: fc.oneof(fc.array(container, { maxLength: 2 }), anyValue),
    initContainers: fc.array(container, { maxLength: 1 }),
    hostNetwork: fc.boolean(),
    volumes: fc.array(fc.record({ name: name, hostPath: fc.record({ path: fc.constantFrom('/var/run/docker.sock', '/data') }) }), { maxLength: 1 }),
    securityContext: fc.record({ runAsNonRoot: fc.boolean(), sysctls: fc.array(fc.record({ name: fc.constantFrom('kernel.shm_rmid_forced', 'net.core.somaxconn'), value: fc.constant('1') }), { maxLength: 1 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const labels = fc.dictionary(fc.constantFrom('app', 'tier'), name, { maxKeys: 2 });
const metadata = fc.record({ name: fc.oneof(name, anyValue), namespace: fc.constantFrom('default', 'prod'), labels, annotations: fc.constantFrom({}, { 'kubemodel.io/ignore': 'privileged, host-network: test' }) }, { requiredKeys: ['name'] });

const object = fc.oneof(
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata, spec: podSpec }),
  fc.record({
    apiVersion: fc.constantFrom('apps/v1', 'extensions/v1beta1', 'apps/v1beta2'),
    kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet'),
    metadata,
    spec: fc.record({ replicas: fc.oneof(fc.integer({ min: 0, max: 5 }), anyValue), selector: fc.record({ matchLabels: labels }), template: fc.record({ metadata: fc.record({ labels }), spec: podSpec }) }, { requiredKeys: [] }),
  }),
  fc.record({ apiVersion: fc.constantFrom('batch/v1', 'batch/v1beta1'), kind: fc.constantFrom('Job', 'CronJob'), metadata, spec: fc.record({ schedule: fc.constant('*/5 * * * *'), template: fc.record({ spec: podSpec }), jobTemplate: fc.record({ spec: fc.record({ template: fc.record({ spec: podSpec }) }) }) }, { requiredKeys: [] }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Service'), metadata, spec: fc.record({ type: fc.constantFrom('ClusterIP', 'NodePort', 'Bogus'), selector: labels, ports: fc.array(fc.record({ port: fc.oneof(fc.integer({ min: 1, max: 65535 }), anyValue), targetPort: fc.oneof(name, fc.integer({ min: 1, max: 65535 })) }), { maxLength: 2 }) }, { requiredKeys: [] }) }),
  fc.record({ apiVersion: fc.constant('networking.k8s.io/v1'), kind: fc.constantFrom('Ingress', 'NetworkPolicy'), metadata, spec: fc.record({ podSelector: fc.record({ matchLabels: labels }), rules: fc.constant([{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }]) }, { requiredKeys: [] }) }),
  fc.record({ apiVersion: fc.constant('rbac.authorization.k8s.io/v1'), kind: fc.constantFrom('Role', 'ClusterRole'), metadata, rules: fc.array(fc.record({ apiGroups: fc.constantFrom([''], ['*']), resources: fc.constantFrom(['pods'], ['*'], ['secrets']), verbs: fc.constantFrom(['get'], ['*']) }), { maxLength: 2 }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('PersistentVolumeClaim'), metadata, spec: fc.record({ accessModes: fc.constantFrom(['ReadWriteOnce'], ['ReadWriteMany']), storageClassName: fc.constantFrom('standard', 'local-storage', 'missing', ''), resources: fc.record({ requests: fc.record({ storage: fc.constantFrom('1Gi', '500Gi', 'huge') }) }) }, { requiredKeys: [] }) }),
  fc.record({ apiVersion: fc.constant('example.com/v1'), kind: fc.constant('Widget'), metadata }),
  fc.dictionary(fc.constantFrom('apiVersion', 'kind', 'metadata', 'spec'), anyValue),
  anyValue,
);

/** How a file's text goes wrong, if it does. */
const damage = fc.oneof(
  { weight: 4, arbitrary: fc.constant((t: string) => t) },
  fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
  fc.tuple(fc.nat(), fc.constantFrom('{', ']', ':', '\t', '"', '- ', '\u0000', '\n  ')).map(([n, s]) => (t: string) => t.slice(0, n % (t.length + 1)) + s + t.slice(n % (t.length + 1))),
);

export const arbManifestFile: fc.Arbitrary<{ file: string; text: string }> = fc
  .record({ objects: fc.array(object, { minLength: 0, maxLength: 4 }), form: fc.constantFrom('yaml', 'json', 'list'), damage })
  .map(({ objects, form, damage: hurt }) => {
    const text =
      form === 'json'
        ? objects.map((o) => JSON.stringify(o)).join('\n')
        : form === 'list'
          ? stringify({ apiVersion: 'v1', kind: 'List', items: objects })
          : objects.map((o) => stringify(o)).join('---\n');
    return { file: form === 'json' ? 'm.json' : 'm.yaml', text: hurt(text) };
  });
