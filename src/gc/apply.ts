// Carrying out a garbage-collector step against the object list, as the API server would: the collector's
// DELETE goes through deleteRequest (so Foreground adds the finalizer and Background removes the object),
// its patches drop ownerReferences or set blockOwnerDeletion=false, and removing the last finalizer of an
// object with a deletionTimestamp removes the object (GC-03, GC-04).
import { deleteRequest } from './delete-request.ts';
import { gcStep } from './step.ts';
import { isBeingDeleted, type GcAction, type GcObject } from './types.ts';

function replace(objects: readonly GcObject[], key: string, next: GcObject | undefined): GcObject[] {
  return objects.flatMap((o) => (o.key !== key ? [o] : next === undefined ? [] : [next]));
}

/** unblockOwnerReferencesStrategicMergePatch: every blocking reference of the object turns non-blocking. */
function unblocked(o: GcObject): GcObject {
  return { ...o, ownerReferences: (o.ownerReferences ?? []).map((r) => (r.blockOwnerDeletion === true ? { ...r, blockOwnerDeletion: false } : r)) };
}

/** The object list after `action`; an action naming an object that no longer exists changes nothing. */
export function applyGcAction(objects: readonly GcObject[], action: GcAction, now?: string): GcObject[] {
  const target = objects.find((o) => o.key === action.key);
  if (target === undefined) return [...objects];
  switch (action.type) {
    case 'delete': {
      const subject = action.unblockOwnerReferences ? unblocked(target) : target;
      const outcome = deleteRequest(subject, action.propagationPolicy, now === undefined ? {} : { now });
      return replace(objects, target.key, outcome.result === 'deleted' ? undefined : outcome.object);
    }
    case 'removeOwnerReferences': {
      const ownerReferences = (target.ownerReferences ?? []).filter((r) => !action.ownerUids.includes(r.uid));
      return replace(objects, target.key, { ...target, ownerReferences });
    }
    case 'removeFinalizer': {
      const finalizers = (target.finalizers ?? []).filter((f) => f !== action.finalizer);
      const gone = finalizers.length === 0 && isBeingDeleted(target);
      return replace(objects, target.key, gone ? undefined : { ...target, finalizers });
    }
  }
}

export interface GcRun {
  objects: GcObject[];
  trace: GcAction[];
  /** False when maxSteps ran out with steps still enabled. */
  settled: boolean;
}

/**
 * Applies gcStep's steps until none is left: `choose` picks one of the enabled steps (the first by default),
 * so a test can explore other worker orders. Stops after `maxSteps` (default 10,000).
 */
export function runGc(
  objects: readonly GcObject[],
  opts: { choose?: (enabled: readonly GcAction[]) => GcAction; maxSteps?: number } = {},
): GcRun {
  const choose = opts.choose ?? ((enabled: readonly GcAction[]) => enabled[0] as GcAction);
  const maxSteps = opts.maxSteps ?? 10_000;
  let current = [...objects];
  const trace: GcAction[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const enabled = gcStep(current);
    if (enabled.length === 0) return { objects: current, trace, settled: true };
    const action = choose(enabled);
    trace.push(action);
    current = applyGcAction(current, action);
  }
  return { objects: current, trace, settled: gcStep(current).length === 0 };
}
