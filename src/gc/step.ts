// The garbage collector's next steps (GC-02, GC-03, GC-04), from pkg/controller/garbagecollector:
// - attemptToDeleteItem for every object (rule attempt-to-delete): a dependent whose owners are all gone
//   (dangling) is deleted with the policy its finalizers choose (rule delete-policy); one whose owner waits
//   in foreground is deleted too, in Foreground when it has dependents of its own, so a
//   Deployment → ReplicaSet → Pod chain empties from the Pods up; one that also has a solid owner is kept
//   and only loses the dangling and waiting references (the collector's patch).
// - processDeletingDependentsItem for a foreground-deleted owner: the foregroundDeletion finalizer comes off
//   once no dependent with blockOwnerDeletion: true is left (rule may-remove-foreground-finalizer).
// - attemptToOrphanWorker for an orphan-deleted owner: each dependent loses its reference to it, then the
//   orphan finalizer comes off (rule may-remove-orphan-finalizer).
// The real collector reaches these through watch events and work queues; here every enabled step is listed,
// and any of them may be taken next: the order of workers is not fixed in Kubernetes either.
import type { OwnerReference } from '../k8s/types.ts';
import { blockingDependents, classifyReferences, dependentsOf, hasDeletingDependentsDependent } from './graph.ts';
import { gcDecide } from './rules.ts';
import {
  FOREGROUND_FINALIZER, ORPHAN_FINALIZER, isBeingDeleted, isDeletingDependents, isOrphaning,
  type GcAction, type GcObject, type PropagationPolicy,
} from './types.ts';

type AttemptOutcome = 'ignore' | 'process-deleting-dependents' | 'no-owner' | 'keep' | 'remove-references' | 'delete-foreground' | 'delete';

const uids = (refs: readonly OwnerReference[]): string[] => refs.map((r) => r.uid);

function attemptToDelete(objects: readonly GcObject[], item: GcObject): GcAction[] {
  const refs = classifyReferences(objects, item);
  const dependents = dependentsOf(objects, item);
  const outcome = gcDecide<AttemptOutcome>('attempt-to-delete', {
    beingDeleted: isBeingDeleted(item),
    deletingDependents: isDeletingDependents(item),
    ownerReferences: (item.ownerReferences ?? []).length,
    solid: refs.solid.length,
    dangling: refs.dangling.length,
    waiting: refs.waiting.length,
    dependents: dependents.length,
  });
  switch (outcome) {
    case 'process-deleting-dependents': {
      const blocking = blockingDependents(objects, item).length;
      if (!gcDecide<boolean>('may-remove-foreground-finalizer', { blockingDependents: blocking })) return [];
      return [{ type: 'removeFinalizer', key: item.key, finalizer: FOREGROUND_FINALIZER, reason: 'no dependent blocks its foreground deletion any more' }];
    }
    case 'remove-references':
      return [{
        type: 'removeOwnerReferences',
        key: item.key,
        ownerUids: [...uids(refs.dangling), ...uids(refs.waiting)],
        reason: 'it has a live owner; references to owners that are gone or deleting in foreground are removed',
      }];
    case 'delete-foreground':
      return [{
        type: 'delete',
        key: item.key,
        propagationPolicy: 'Foreground',
        unblockOwnerReferences: hasDeletingDependentsDependent(objects, item),
        reason: 'an owner waits for it in foreground and it has dependents of its own',
      }];
    case 'delete':
      return [{
        type: 'delete',
        key: item.key,
        propagationPolicy: gcDecide<PropagationPolicy>('delete-policy', { finalizers: [...(item.finalizers ?? [])] }),
        unblockOwnerReferences: false,
        reason: refs.waiting.length > 0 ? 'its owner waits for it in foreground' : 'all its owners are gone',
      }];
    default:
      return [];
  }
}

function attemptToOrphan(objects: readonly GcObject[], owner: GcObject): GcAction[] {
  const dependents = dependentsOf(objects, owner);
  if (gcDecide<boolean>('may-remove-orphan-finalizer', { dependents: dependents.length })) {
    return [{ type: 'removeFinalizer', key: owner.key, finalizer: ORPHAN_FINALIZER, reason: 'every dependent is orphaned' }];
  }
  return dependents.map((d) => ({
    type: 'removeOwnerReferences' as const,
    key: d.key,
    ownerUids: [owner.uid],
    reason: `its owner ${owner.key} is deleted with propagation Orphan`,
  }));
}

/**
 * Every step the garbage collector may take next, in object order. Empty when it has nothing left to do.
 * Deployment web deleted in foreground, ReplicaSet web-1 with Pod web-1-a: first only
 * `delete ReplicaSet (Foreground)`; then `delete Pod (Background)`; then the ReplicaSet's finalizer comes off,
 * then the Deployment's.
 */
export function gcStep(objects: readonly GcObject[]): GcAction[] {
  return objects.flatMap((o) => [...(isOrphaning(o) ? attemptToOrphan(objects, o) : []), ...attemptToDelete(objects, o)]);
}
