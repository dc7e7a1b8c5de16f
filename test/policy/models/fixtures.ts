// Manifest builders and a one-call way to ask a policy model about an object, for the model tests. Each
// builder takes only what rows vary; the cluster is the bundled one unless a row gives its own objects.
import { indexedObject } from '../../../src/policy/examples.ts';
import { POLICY_MODELS } from '../../../src/policy/models/index.ts';
import { ObjectIndex } from '../../../src/policy/object-index.ts';
import type { ExampleObject } from '../../../src/policy/types.ts';
import { bundledModelContext } from '../../../src/io/cluster-file.ts';
import { modelContext } from '../../../src/validate/cluster.ts';

export type Obj = ExampleObject;

/**
 * The answer of model `name` for the first object of `kind` (and `name`, when given) among `objects`,
 * loaded together; against `cluster` objects when given, else the bundled cluster.
 */
export function ask(
  model: string,
  objects: readonly Obj[],
  opts: { kind?: string; name?: string; cluster?: readonly Obj[]; kubernetesVersion?: string } = {},
): Record<string, unknown> | undefined {
  const version = opts.kubernetesVersion ?? '1.37';
  const targets = objects.map(indexedObject);
  const index = new ObjectIndex(targets);
  const ctx = opts.cluster
    ? modelContext(index, { objects: opts.cluster.map(indexedObject), source: { file: 'test-cluster.yaml', bundled: false } }, version)
    : bundledModelContext(version)(index);
  const question = POLICY_MODELS.get(model);
  if (!question) throw new Error(`no model ${model}`);
  const target = targets.find((t) => question.kinds.includes(t.kind) && (opts.kind === undefined || t.kind === opts.kind) && (opts.name === undefined || t.name === opts.name));
  if (!target) throw new Error(`no ${opts.kind ?? 'object'} for model ${model}`);
  return question.answer(target, ctx);
}

export interface ContainerOpts {
  cpu?: string;
  memory?: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
}

export const container = (o: ContainerOpts = {}, name = 'app'): Obj => ({
  name,
  image: 'nginx:1.27',
  ...(o.cpu || o.memory ? { resources: { requests: { ...(o.cpu ? { cpu: o.cpu } : {}), ...(o.memory ? { memory: o.memory } : {}) } } } : {}),
  ...(o.ports ? { ports: o.ports } : {}),
});

export interface WorkloadOpts extends ContainerOpts {
  replicas?: number;
  namespace?: string;
  labels?: Record<string, string>;
  strategy?: Obj;
  podSpec?: Obj;
  annotations?: Record<string, string>;
}

function meta(name: string, o: WorkloadOpts): Obj {
  return { name, ...(o.namespace ? { namespace: o.namespace } : {}), ...(o.annotations ? { annotations: o.annotations } : {}) };
}

export function deployment(name: string, o: WorkloadOpts = {}): Obj {
  const labels = o.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, o),
    spec: {
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      ...(o.strategy ? { strategy: o.strategy } : {}),
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { ...o.podSpec, containers: [container(o)] } },
    },
  };
}

export const rolling = (maxSurge: number | string, maxUnavailable: number | string): Obj => ({ type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } });

export function daemonSet(name: string, o: WorkloadOpts = {}): Obj {
  const d = deployment(name, o);
  const spec = { ...(d['spec'] as Obj) };
  delete spec['replicas'];
  delete spec['strategy'];
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: d['metadata'], spec };
}

export function statefulSet(name: string, replicas: number, storageClassName: string, size = '10Gi'): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container()] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: size } } } }],
    },
  };
}

export function pod(name: string, spec: Obj, namespace?: string): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(namespace ? { namespace } : {}) }, spec };
}

export function claim(name: string, o: { cls?: string; size?: string; modes?: string[]; volumeName?: string; namespace?: string } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: o.size ?? '10Gi' } },
      ...(o.cls !== undefined ? { storageClassName: o.cls } : {}),
      ...(o.volumeName ? { volumeName: o.volumeName } : {}),
    },
  };
}

export function volume(name: string, o: { cls?: string; size?: string; modes?: string[]; node?: string; labels?: Record<string, string> } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      capacity: { storage: o.size ?? '10Gi' },
      accessModes: o.modes ?? ['ReadWriteOnce'],
      storageClassName: o.cls ?? '',
      ...(o.node
        ? { local: { path: '/mnt/disks/1' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.node] }] }] } } }
        : { nfs: { server: 'nfs.example.com', path: `/exports/${name}` } }),
    },
  };
}

export function storageClass(name: string, provisioner: string, o: { wffc?: boolean; isDefault?: boolean; zones?: string[] } = {}): Obj {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, ...(o.isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    provisioner,
    ...(o.wffc ? { volumeBindingMode: 'WaitForFirstConsumer' } : {}),
    ...(o.zones ? { allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: o.zones }] }] } : {}),
  };
}

export function node(name: string, cpu: string, memory = '8Gi', o: { labels?: Record<string, string>; taints?: Obj[] } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    ...(o.taints ? { spec: { taints: o.taints } } : {}),
    status: { allocatable: { cpu, memory, pods: '110' } },
  };
}

export function service(name: string, ports: Obj[], o: { selector?: Record<string, string>; namespace?: string } = {}): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...(o.namespace ? { namespace: o.namespace } : {}) }, spec: { selector: o.selector ?? { app: name }, ports } };
}

export function networkPolicy(name: string, spec: Obj, namespace?: string): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, ...(namespace ? { namespace } : {}) }, spec };
}

export function budget(name: string, selector: Record<string, string>, spec: Obj): Obj {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { ...spec, selector: { matchLabels: selector } } };
}
