// The garbage collector's view of the cluster (GC-01, GC-02): every object reduced to what
// pkg/controller/garbagecollector reads from metadata — identity, ownerReferences, finalizers and
// deletionTimestamp. Field names follow metav1.ObjectMeta.
import type { OwnerReference } from '../k8s/types.ts';

/** metav1.DeletionPropagation. */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** rest.GarbageCollectionPolicy: a resource's default when a DELETE names no policy. */
export type GarbageCollectionPolicy = 'DeleteDependents' | 'OrphanDependents' | 'Unsupported';

/** metav1.FinalizerDeleteDependents: the owner waits for its dependents (GC-03 foreground). */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** metav1.FinalizerOrphanDependents: the owner waits until its dependents drop their references (GC-04). */
export const ORPHAN_FINALIZER = 'orphan';

export type GcFinalizer = typeof FOREGROUND_FINALIZER | typeof ORPHAN_FINALIZER;

export interface GcObject {
  /** Unique in one graph; `Kind/namespace/name` by convention (gcKey). */
  key: string;
  kind: string;
  name: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  uid: string;
  ownerReferences?: readonly OwnerReference[];
  finalizers?: readonly string[];
  /** Set once a DELETE left finalizers behind; the object is gone when the last one is removed. */
  deletionTimestamp?: string;
}

/** One step the garbage collector may take; `reason` says why, for traces. */
export type GcAction =
  | {
      type: 'delete';
      key: string;
      propagationPolicy: PropagationPolicy;
      /** Cycle guard: first set blockOwnerDeletion=false on this object's blocking references. */
      unblockOwnerReferences: boolean;
      reason: string;
    }
  | { type: 'removeOwnerReferences'; key: string; ownerUids: readonly string[]; reason: string }
  | { type: 'removeFinalizer'; key: string; finalizer: GcFinalizer; reason: string };

/** `Deployment/default/web`, or `Namespace/dev` for a cluster-scoped object. */
export function gcKey(kind: string, name: string, namespace?: string): string {
  return namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

export const isBeingDeleted = (o: GcObject): boolean => o.deletionTimestamp !== undefined;

export const hasFinalizer = (o: GcObject, finalizer: string): boolean => (o.finalizers ?? []).includes(finalizer);

/** The graph's deletingDependents flag: being deleted and still holding foregroundDeletion. */
export const isDeletingDependents = (o: GcObject): boolean => isBeingDeleted(o) && hasFinalizer(o, FOREGROUND_FINALIZER);

/** Being deleted and holding the orphan finalizer: the attemptToOrphan worker's items. */
export const isOrphaning = (o: GcObject): boolean => isBeingDeleted(o) && hasFinalizer(o, ORPHAN_FINALIZER);
