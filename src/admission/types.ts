// The admission chain's request, cluster view and result (API-04, API-11), and the API server's error
// statuses: admission.NewForbidden → apierrors.NewForbidden (`pods "x" is forbidden: …`, 403),
// apierrors.NewNotFound (`namespaces "nope" not found`, 404) and apierrors.NewInvalid
// (`Pod "x" is invalid: …`, 422) in staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go.
import type { KubeObject, LimitRange, Namespace, Pod, PriorityClass, ResourceQuota, StorageClass } from '../k8s/types.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionRequest {
  operation: Operation;
  /** The object as decoded, with the API's defaults applied (applyPodDefaults for Pods); for DELETE the stored one. */
  object: KubeObject;
  /** The stored object on UPDATE. */
  oldObject?: KubeObject;
}

/** What the admission plugins read from the store (their informers' view). */
export interface ClusterState {
  namespaces: readonly Namespace[];
  limitRanges: readonly LimitRange[];
  resourceQuotas: readonly ResourceQuota[];
  priorityClasses: readonly PriorityClass[];
  pods: readonly Pod[];
  /** Read by DefaultStorageClass (PVC-07); absent means none. */
  storageClasses?: readonly StorageClass[];
}

export interface AdmissionOptions {
  /** "1.24", "v1.30.2"; the current release when absent. Selects version-dependent wording. */
  kubernetesVersion?: string;
}

export interface AdmissionStatus {
  code: 403 | 404 | 422;
  reason: 'Forbidden' | 'NotFound' | 'Invalid';
  message: string;
}

export type AdmissionResult =
  | { allowed: true; object: KubeObject; annotations?: Record<string, string> }
  | { allowed: false; status: AdmissionStatus };

/** What every plugin sees: the request plus the namespace the object lives in and the selected minor. */
export interface Attributes {
  operation: Operation;
  object: KubeObject;
  oldObject?: KubeObject;
  kind: string;
  name: string;
  /** undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  minor: number;
}

/** A mutating plugin returns the (possibly) changed copy or a rejection; a validating one only rejects. */
export type MutationStep = { object: KubeObject } | { status: AdmissionStatus };
export type Mutator = (attrs: Attributes, cluster: ClusterState) => MutationStep;
export type Validator = (attrs: Attributes, cluster: ClusterState) => AdmissionStatus | undefined;

const API_GROUPS: Readonly<Record<string, string>> = {
  PriorityClass: 'scheduling.k8s.io',
  StorageClass: 'storage.k8s.io',
  CSIDriver: 'storage.k8s.io',
  VolumeAttachment: 'storage.k8s.io',
};

/** GroupResource.String(): `pods`, `priorityclasses.scheduling.k8s.io` (core group has no suffix). */
export function groupResource(kind: string): string {
  const group = API_GROUPS[kind];
  const plural = `${kind.toLowerCase()}${kind.endsWith('s') ? 'es' : 's'}`;
  return group ? `${plural}.${group}` : plural;
}

/** GroupKind.String(): `Pod`, `PriorityClass.scheduling.k8s.io`. */
function groupKind(kind: string): string {
  const group = API_GROUPS[kind];
  return group ? `${kind}.${group}` : kind;
}

/** apierrors.NewForbidden: `pods "web" is forbidden: <detail>`. */
export function forbidden(kind: string, name: string, detail: string): AdmissionStatus {
  return { code: 403, reason: 'Forbidden', message: `${groupResource(kind)} "${name}" is forbidden: ${detail}` };
}

/** apierrors.NewNotFound: `namespaces "nope" not found`. */
export function notFound(kind: string, name: string): AdmissionStatus {
  return { code: 404, reason: 'NotFound', message: `${groupResource(kind)} "${name}" not found` };
}

/** apierrors.NewInvalid: `Pod "web" is invalid: <field errors, aggregated>`. */
export function invalid(kind: string, name: string, fieldErrors: readonly string[]): AdmissionStatus {
  return { code: 422, reason: 'Invalid', message: `${groupKind(kind)} "${name}" is invalid: ${aggregate(fieldErrors)}` };
}

/**
 * utilerrors.NewAggregate(...).Error(): one message alone; several deduplicated, joined by ", " in brackets
 * (["a", "b", "a"] → "[a, b]"; ["a", "a"] → "a").
 */
export function aggregate(messages: readonly string[]): string {
  if (messages.length === 1) return messages[0] as string;
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] as string) : `[${unique.join(', ')}]`;
}
