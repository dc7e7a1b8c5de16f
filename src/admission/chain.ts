// The admission chain in front of the API store (API-04, API-11, API-16). Like kube-apiserver, it runs the
// enabled plugins in the server's fixed order (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins), not
// in the order they were enabled: first every mutating plugin, then schema validation (a 422 `Pod "x" is
// invalid: …`, e.g. a LimitRange defaultRequest above the user's limit), then every validating plugin, with
// ResourceQuota last so it charges the final object. The first rejection ends the request.
//   mutating:   NamespaceLifecycle → LimitRanger (defaults) → Priority → DefaultTolerationSeconds →
//               DefaultStorageClass → StorageObjectInUseProtection
//   validating: LimitRanger (min/max/ratio) → Priority (PriorityClasses) → ResourceQuota
// admit is pure: the caller's object is never changed; an allowed request returns a changed copy.
// Left out: authentication/authorization, ServiceAccount, webhooks and the other default-on plugins.
import { parseKubernetesMinor, CURRENT_KUBERNETES_VERSION } from '../k8s/version.ts';
import type { KubeObject } from '../k8s/types.ts';
import { supportFor, validateMetadata } from '../k8s/validate-objects.ts';
import { defaultStorageClassMutate } from './default-storage-class.ts';
import { defaultTolerationSeconds } from './default-toleration-seconds.ts';
import { LIMIT_RANGER_ANNOTATION, limitRangerMutate } from './limit-ranger-defaults.ts';
import { limitRangerValidate } from './limit-ranger.ts';
import { namespaceLifecycle } from './namespace-lifecycle.ts';
import { priorityMutate, priorityValidate } from './priority.ts';
import { resourceQuotaValidate } from './resource-quota.ts';
import { storageObjectInUseProtection } from './storage-protection.ts';
import {
  invalid,
  type AdmissionOptions,
  type AdmissionRequest,
  type AdmissionResult,
  type AdmissionStatus,
  type Attributes,
  type ClusterState,
  type Mutator,
  type Validator,
} from './types.ts';

export const MUTATING_PLUGINS: readonly (readonly [name: string, plugin: Mutator])[] = [
  ['NamespaceLifecycle', namespaceLifecycle],
  ['LimitRanger', limitRangerMutate],
  ['Priority', priorityMutate],
  ['DefaultTolerationSeconds', defaultTolerationSeconds],
  ['DefaultStorageClass', defaultStorageClassMutate],
  ['StorageObjectInUseProtection', storageObjectInUseProtection],
];

export const VALIDATING_PLUGINS: readonly (readonly [name: string, plugin: Validator])[] = [
  ['LimitRanger', limitRangerValidate],
  ['Priority', priorityValidate],
  ['ResourceQuota', resourceQuotaValidate],
];

/** The object's own validation (API-04), as kubectl apply would report it after admission mutated it. */
function validationStatus(object: KubeObject): AdmissionStatus | undefined {
  const support = supportFor(object.apiVersion, object.kind);
  if (!support) return undefined;
  const record = object as unknown as Record<string, unknown>;
  const errors = [...validateMetadata(record, support.namespaced), ...support.validate(record)];
  if (errors.length === 0) return undefined;
  return invalid(object.kind, object.metadata.name, errors.map((e) => `${e.path}: ${e.message}`));
}

function attributesOf(request: AdmissionRequest, object: KubeObject, minor: number): Attributes {
  const namespaced = supportFor(object.apiVersion, object.kind)?.namespaced ?? object.metadata.namespace !== undefined;
  return {
    operation: request.operation,
    object,
    ...(request.oldObject ? { oldObject: request.oldObject } : {}),
    kind: object.kind,
    name: object.metadata.name,
    namespace: namespaced ? (object.metadata.namespace ?? 'default') : undefined,
    minor,
  };
}

/** What the chain added to metadata.annotations (today only kubernetes.io/limit-ranger, RES-12). */
function addedAnnotations(before: KubeObject, after: KubeObject): Record<string, string> | undefined {
  const value = after.metadata.annotations?.[LIMIT_RANGER_ANNOTATION];
  if (value === undefined || before.metadata.annotations?.[LIMIT_RANGER_ANNOTATION] === value) return undefined;
  return { [LIMIT_RANGER_ANNOTATION]: value };
}

/**
 * Runs `request` through the admission chain against the cluster's current objects. Throws InputError for
 * an unsupported kubernetesVersion; every Kubernetes rejection is a result, never an exception.
 */
export function admit(request: AdmissionRequest, cluster: ClusterState, opts: AdmissionOptions = {}): AdmissionResult {
  const minor = parseKubernetesMinor(opts.kubernetesVersion ?? CURRENT_KUBERNETES_VERSION);
  let object = structuredClone(request.object);
  for (const [, plugin] of MUTATING_PLUGINS) {
    const step = plugin(attributesOf(request, object, minor), cluster);
    if ('status' in step) return { allowed: false, status: step.status };
    object = step.object;
  }
  if (request.operation !== 'DELETE') {
    const status = validationStatus(object);
    if (status) return { allowed: false, status };
  }
  for (const [, plugin] of VALIDATING_PLUGINS) {
    const status = plugin(attributesOf(request, object, minor), cluster);
    if (status) return { allowed: false, status };
  }
  const annotations = addedAnnotations(request.object, object);
  return annotations ? { allowed: true, object, annotations } : { allowed: true, object };
}
