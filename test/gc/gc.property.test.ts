// For random ownership graphs, random user DELETEs with random policies and random collector orders
// (GC-02..GC-04): the collector settles; it never deletes an object while one of its owners exists and is
// not waiting for it in foreground (an orphaning or background-deleting owner protects its dependents); it
// only drops references to owners that are gone, waiting in foreground, or orphaning; it never lifts
// foregroundDeletion while a dependent with blockOwnerDeletion: true exists; and no object is ever stored
// with a deletionTimestamp and no finalizer. Two deliberately broken collectors must be caught.
// fast-check prints the seed and path of any failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FOREGROUND_FINALIZER, applyGcAction, blockingDependents, deleteRequest, gcStep, isBeingDeleted, isDeletingDependents, isOrphaning, ownerOf,
  type GcAction, type GcObject,
} from '../../src/gc/index.ts';
import { scenario, type Scenario } from './arbitraries.ts';

type Step = (objects: readonly GcObject[]) => GcAction[];

/** Why `action` is unsafe in `objects`, or undefined. */
function violation(objects: readonly GcObject[], action: GcAction): string | undefined {
  const target = objects.find((o) => o.key === action.key);
  if (!target) return undefined;
  const owners = (target.ownerReferences ?? []).map((r) => ({ r, owner: ownerOf(objects, target, r) }));
  if (action.type === 'delete') {
    const protector = owners.find(({ owner }) => owner !== undefined && !isDeletingDependents(owner));
    if (protector) return `deleted ${target.key} although its owner ${protector.owner?.key} exists and does not wait for it`;
  }
  if (action.type === 'removeOwnerReferences') {
    const solid = owners.find(({ r, owner }) => action.ownerUids.includes(r.uid) && owner !== undefined && !isDeletingDependents(owner) && !isOrphaning(owner));
    if (solid) return `dropped ${target.key}'s reference to its live owner ${solid.owner?.key}`;
  }
  if (action.type === 'removeFinalizer' && action.finalizer === FOREGROUND_FINALIZER) {
    const blocking = blockingDependents(objects, target);
    if (blocking.length > 0) return `lifted foregroundDeletion from ${target.key} while ${blocking.map((b) => b.key).join(', ')} block it`;
  }
  return undefined;
}

const finalizerless = (objects: readonly GcObject[]): GcObject | undefined => objects.find((o) => isBeingDeleted(o) && (o.finalizers ?? []).length === 0);

/** Plays the scenario against `step`; returns the first violation found, or undefined. */
function play(s: Scenario, step: Step = gcStep): string | undefined {
  let objects = [...s.objects];
  const gcOnce = (pick: number): string | 'idle' | undefined => {
    const enabled = step(objects);
    if (enabled.length === 0) return 'idle';
    const action = enabled[pick % enabled.length] as GcAction;
    const bad = violation(objects, action);
    if (bad) return bad;
    objects = applyGcAction(objects, action);
    const stored = finalizerless(objects);
    return stored ? `${stored.key} is stored being deleted with no finalizer` : undefined;
  };
  for (const op of s.ops) {
    if (op.type === 'delete') {
      const target = s.objects[op.target % s.objects.length] as GcObject;
      const current = objects.find((o) => o.key === target.key);
      if (!current) continue;
      const outcome = deleteRequest(current, op.policy, { viaKubectl: op.viaKubectl });
      objects = objects.flatMap((o) => (o.key !== current.key ? [o] : outcome.result === 'deleted' ? [] : [outcome.object]));
    } else {
      const r = gcOnce(op.pick);
      if (r !== undefined && r !== 'idle') return r;
    }
  }
  // Every step removes an object, a reference or a finalizer, or starts a deletion: a few per object suffice.
  const bound = 8 * s.objects.length + 8;
  for (let i = 0; i < bound; i++) {
    const r = gcOnce(s.drain[i % s.drain.length] as number);
    if (r === 'idle') return undefined;
    if (r !== undefined) return r;
  }
  return `did not settle within ${bound} steps`;
}

/** Ignores blockOwnerDeletion: lifts foregroundDeletion from every owner at once. */
const ignoresBlocking: Step = (objects) => [
  ...objects.filter(isDeletingDependents).map((o): GcAction => ({ type: 'removeFinalizer', key: o.key, finalizer: FOREGROUND_FINALIZER, reason: 'broken' })),
  ...gcStep(objects),
];

/** Treats an owner that is being deleted in background (held by another finalizer) as gone. */
const collectsUnderHeldOwners: Step = (objects) => [
  ...objects.flatMap((o): GcAction[] => {
    const refs = o.ownerReferences ?? [];
    const allDeleting = refs.length > 0 && refs.every((r) => { const owner = ownerOf(objects, o, r); return owner === undefined || isBeingDeleted(owner); });
    return allDeleting && !isBeingDeleted(o) ? [{ type: 'delete', key: o.key, propagationPolicy: 'Background', unblockOwnerReferences: false, reason: 'broken' }] : [];
  }),
  ...gcStep(objects),
];

describe('the garbage collector under random graphs, deletes and worker orders', () => {
  it('GC-02, GC-03, GC-04: settles, never deletes or unlinks a dependent of a live owner, never lifts foregroundDeletion over a blocking dependent', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(play(s)).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('GC-03: the property catches a collector that ignores blockOwnerDeletion', () => {
    const result = fc.check(fc.property(scenario, (s) => { expect(play(s, ignoresBlocking)).toBeUndefined(); }), { numRuns: 2000 });
    expect(result.failed).toBe(true);
  });

  it('GC-03: the property catches a collector that deletes dependents of an owner still held by another finalizer', () => {
    const result = fc.check(fc.property(scenario, (s) => { expect(play(s, collectsUnderHeldOwners)).toBeUndefined(); }), { numRuns: 2000 });
    expect(result.failed).toBe(true);
  });
});
