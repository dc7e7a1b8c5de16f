// The GraphBuilder's owner/dependent graph (GC-02), computed from a list of objects instead of watches:
// dependents are found by the uid in their ownerReferences (uidToNode), owners are looked up the way
// isDangling does — by kind and name in the dependent's namespace (or cluster-wide), then the uid compared,
// so an owner deleted and recreated under the same name leaves its old dependents dangling.
import type { OwnerReference } from '../k8s/types.ts';
import { gcDecide } from './rules.ts';
import { isBeingDeleted, isDeletingDependents, FOREGROUND_FINALIZER, hasFinalizer, type GcObject } from './types.ts';

export type ReferenceClass = 'solid' | 'dangling' | 'waitingForDependentsDeletion';

export interface ClassifiedReferences {
  solid: OwnerReference[];
  dangling: OwnerReference[];
  waiting: OwnerReference[];
}

/** The object an ownerReference of `dependent` names, if one with that kind and name exists (uid not yet compared). */
function ownerCandidate(objects: readonly GcObject[], dependent: GcObject, ref: OwnerReference): GcObject | undefined {
  return objects.find(
    (o) => o.kind === ref.kind && o.name === ref.name && (o.namespace === undefined || o.namespace === dependent.namespace),
  );
}

/** The live owner behind `ref`, or undefined when the reference dangles (absent, or another uid). */
export function ownerOf(objects: readonly GcObject[], dependent: GcObject, ref: OwnerReference): GcObject | undefined {
  const candidate = ownerCandidate(objects, dependent, ref);
  return candidate?.uid === ref.uid ? candidate : undefined;
}

/** classifyReferences: each ownerReference of `item` sorted into solid, dangling or waiting. */
export function classifyReferences(objects: readonly GcObject[], item: GcObject): ClassifiedReferences {
  const out: ClassifiedReferences = { solid: [], dangling: [], waiting: [] };
  for (const ref of item.ownerReferences ?? []) {
    const owner = ownerOf(objects, item, ref);
    const cls = gcDecide<ReferenceClass>('classify-reference', {
      found: owner !== undefined,
      deleting: owner !== undefined && isBeingDeleted(owner),
      foregroundFinalizer: owner !== undefined && hasFinalizer(owner, FOREGROUND_FINALIZER),
    });
    (cls === 'solid' ? out.solid : cls === 'dangling' ? out.dangling : out.waiting).push(ref);
  }
  return out;
}

/** Objects with an ownerReference to `owner`'s uid. */
export function dependentsOf(objects: readonly GcObject[], owner: GcObject): GcObject[] {
  return objects.filter((o) => o !== owner && (o.ownerReferences ?? []).some((r) => r.uid === owner.uid));
}

/** Whether `dependent` blocks `owner`'s foreground deletion: a reference to it with blockOwnerDeletion true. */
export function blocks(dependent: GcObject, owner: GcObject): boolean {
  return (dependent.ownerReferences ?? []).some(
    (r) => r.uid === owner.uid && gcDecide<boolean>('blocks-owner', { blockOwnerDeletion: r.blockOwnerDeletion ?? null }),
  );
}

/** node.blockingDependents: the dependents that keep a foreground-deleted owner around. */
export function blockingDependents(objects: readonly GcObject[], owner: GcObject): GcObject[] {
  return dependentsOf(objects, owner).filter((d) => blocks(d, owner));
}

/** Whether any dependent of `item` is itself waiting for its dependents (the collector's cycle guard). */
export function hasDeletingDependentsDependent(objects: readonly GcObject[], item: GcObject): boolean {
  return dependentsOf(objects, item).some(isDeletingDependents);
}
