// `kubectl apply` of a set of objects against an empty cluster: cluster-scoped and policy objects first
// (Namespaces, PriorityClasses, LimitRanges, ResourceQuotas, Nodes), then Pods one by one through the
// admission chain, each admitted Pod counting against the quotas of the next. A rejected object is reported
// the way kubectl reports the API server's answer, and the others still go in.
import type { Deployment, KubeObject, LimitRange, Namespace, Node, Pod, PriorityClass, ReplicaSet, ResourceQuota } from '../k8s/types.ts';
import { admit } from './chain.ts';
import type { AdmissionStatus, ClusterState } from './types.ts';

const STORAGE_KINDS = ['StorageClass', 'CSIDriver', 'ConfigMap', 'Secret', 'PersistentVolume', 'PersistentVolumeClaim'] as const;
const NAMESPACED_STORAGE: ReadonlySet<string> = new Set(['ConfigMap', 'Secret', 'PersistentVolumeClaim']);

/** Namespaces every cluster has; kubeadm and the API server create them. */
const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface Applied {
  nodes: Node[];
  pods: Pod[];
  replicaSets: ReplicaSet[];
  deployments: Deployment[];
  cluster: ClusterState;
  /** StorageClasses, CSIDrivers, ConfigMaps, Secrets, PersistentVolumes and PersistentVolumeClaims, as admitted. */
  storage: KubeObject[];
  rejected: { object: KubeObject; status: AdmissionStatus; file?: string }[];
}

function namespace(name: string): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } };
}

/**
 * kubectl's wording for a rejected create: `Error from server (Forbidden): error when creating "pod.yaml":
 * pods "x" is forbidden: …`; a 422 is printed as `The Pod "x" is invalid: …`.
 */
export function kubectlError(status: AdmissionStatus, file: string | undefined): string {
  if (status.code === 422) return `The ${status.message}`;
  return `Error from server (${status.reason}): error when creating "${file ?? '-'}": ${status.message}`;
}

export function applyObjects(objects: readonly { object: KubeObject; file?: string }[], opts: { kubernetesVersion?: string } = {}): Applied {
  const of = <K extends KubeObject['kind']>(kind: K) => objects.filter((o) => o.object.kind === kind) as { object: Extract<KubeObject, { kind: K }>; file?: string }[];
  const given = of('Namespace').map((o) => o.object);
  const names = new Set(given.map((n) => n.metadata.name));
  const cluster: ClusterState = {
    namespaces: [...BUILT_IN_NAMESPACES.filter((n) => !names.has(n)).map(namespace), ...given],
    priorityClasses: of('PriorityClass').map((o) => o.object as PriorityClass),
    limitRanges: of('LimitRange').map((o) => o.object as LimitRange),
    resourceQuotas: of('ResourceQuota').map((o) => o.object as ResourceQuota),
    pods: [],
  };
  const pods: Pod[] = [];
  const rejected: Applied['rejected'] = [];
  for (const { object, file } of of('Pod')) {
    const result = admit({ operation: 'CREATE', object }, { ...cluster, pods }, opts);
    if (result.allowed) {
      const annotations = { ...(result.object as Pod).metadata.annotations, ...result.annotations };
      const pod = result.object as Pod;
      pods.push(Object.keys(annotations).length > 0 ? { ...pod, metadata: { ...pod.metadata, annotations } } : pod);
    } else rejected.push({ object, status: result.status, ...(file !== undefined ? { file } : {}) });
  }
  // Workloads only need their namespace to exist (NamespaceLifecycle); their Pods are admitted when created.
  const workloads = <T extends ReplicaSet | Deployment>(kind: T['kind']): T[] => {
    const out: T[] = [];
    for (const { object, file } of objects.filter((o) => o.object.kind === kind) as { object: T; file?: string }[]) {
      const ns = object.metadata.namespace ?? 'default';
      if (cluster.namespaces.some((n) => n.metadata.name === ns)) out.push({ ...object, metadata: { ...object.metadata, namespace: ns } });
      else rejected.push({ object, status: { code: 404, reason: 'NotFound', message: `namespaces "${ns}" not found` }, ...(file !== undefined ? { file } : {}) });
    }
    return out;
  };
  const replicaSets = workloads<ReplicaSet>('ReplicaSet');
  const deployments = workloads<Deployment>('Deployment');
  // Storage objects: classes and drivers first, so that DefaultStorageClass sees the classes when claims come.
  const storage: KubeObject[] = [];
  const storageClasses = of('StorageClass').map((o) => o.object);
  for (const kind of STORAGE_KINDS) {
    for (const { object, file } of of(kind)) {
      // kubectl fills in the namespace of namespaced objects that name none.
      const namespaced = NAMESPACED_STORAGE.has(kind) && object.metadata.namespace === undefined ? { ...object, metadata: { ...object.metadata, namespace: 'default' } } : object;
      const result = admit({ operation: 'CREATE', object: namespaced as KubeObject }, { ...cluster, pods, storageClasses }, opts);
      if (result.allowed) storage.push(result.object);
      else rejected.push({ object, status: result.status, ...(file !== undefined ? { file } : {}) });
    }
  }
  return { nodes: of('Node').map((o) => o.object as Node), pods, replicaSets, deployments, storage, cluster: { ...cluster, pods }, rejected };
}
