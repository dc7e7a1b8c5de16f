// What the API server does at once with a DELETE (GC-03, GC-04): Store.Delete in
// staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go. deletionFinalizersForGarbageCollection
// first drops orphan and foregroundDeletion from the object's finalizers, then adds back orphan when
// shouldOrphanDependents says so and foregroundDeletion when shouldDeleteDependents does (both rules).
// Finalizers left → the object stays with a deletionTimestamp (markAsDeleting keeps an earlier one); none →
// it is removed now. Background therefore removes a Deployment at once and leaves its ReplicaSets to the
// garbage collector; Foreground and Orphan keep it until the collector removes the finalizer.
//
// Left out: graceful deletion (a Pod keeps its deletionTimestamp for terminationGracePeriodSeconds until the
// kubelet confirms; here a DELETE removes a finalizer-free object at once) and preconditions.
import { defaultGarbageCollectionPolicy } from './default-policy.ts';
import { gcDecide } from './rules.ts';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type GcObject, type PropagationPolicy } from './types.ts';

export interface DeleteRequestOptions {
  /** kubectl always sends a policy: Background unless --cascade chose another (see parseCascadeFlag). */
  viaKubectl?: boolean;
  /** The resource's kind for its default policy; the object's kind when absent. */
  kind?: string;
  /** The group/version the request used, e.g. batch/v1; the kind's preferred version when absent. */
  apiVersion?: string;
  /** The deprecated DeleteOptions.orphanDependents; it outranks propagationPolicy. */
  orphanDependents?: boolean;
  /** deletionTimestamp to set when the object is not being deleted yet. */
  now?: string;
}

export type DeleteOutcome =
  | { result: 'deleted'; propagationPolicy: PropagationPolicy | undefined }
  | { result: 'deleting'; propagationPolicy: PropagationPolicy | undefined; object: GcObject };

const EPOCH = '1970-01-01T00:00:00Z';

/** The finalizers the object carries after the DELETE, in the API server's order. */
export function finalizersAfterDelete(object: GcObject, propagationPolicy: PropagationPolicy | undefined, opts: DeleteRequestOptions = {}): string[] {
  const finalizers = [...(object.finalizers ?? [])];
  const data = {
    propagationPolicy: propagationPolicy ?? null,
    orphanDependents: opts.orphanDependents ?? null,
    finalizers,
    defaultPolicy: defaultGarbageCollectionPolicy(opts.kind ?? object.kind, opts.apiVersion),
  };
  const kept = finalizers.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  if (gcDecide<boolean>('should-orphan', data)) kept.push(ORPHAN_FINALIZER);
  if (gcDecide<boolean>('should-delete-dependents', data)) kept.push(FOREGROUND_FINALIZER);
  return kept;
}

/**
 * A DELETE of `object`: `kubectl delete deployment web` (viaKubectl, no policy → Background) removes the
 * Deployment at once; `--cascade=foreground` leaves it with a deletionTimestamp and [foregroundDeletion];
 * `--cascade=orphan` with [orphan]. A second DELETE of an object being deleted recomputes the finalizers:
 * Background then drops a pending foregroundDeletion and, with no other finalizer, removes the object.
 */
export function deleteRequest(object: GcObject, propagationPolicy: PropagationPolicy | undefined, opts: DeleteRequestOptions = {}): DeleteOutcome {
  const sent = propagationPolicy ?? (opts.viaKubectl === true ? 'Background' : undefined);
  const finalizers = finalizersAfterDelete(object, sent, opts);
  if (finalizers.length === 0) return { result: 'deleted', propagationPolicy: sent };
  return {
    result: 'deleting',
    propagationPolicy: sent,
    object: { ...object, finalizers, deletionTimestamp: object.deletionTimestamp ?? opts.now ?? EPOCH },
  };
}
