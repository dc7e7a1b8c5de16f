// The collector's decisions one situation at a time (GC-01..GC-03): blockOwnerDeletion, a Pod with two
// owners, an owner recreated under the same name, owners held by other finalizers, the cycle guard.
import { describe, expect, it } from 'vitest';
import { FOREGROUND_FINALIZER, gcKey, gcStep, type GcObject } from '../../src/gc/index.ts';
import { D, POD_A, POD_B, RS, allRuns, chain, drive, goneAt, obj, ref, userDelete } from './support.ts';

const keysOf = (objects: readonly GcObject[]): string[] => objects.map((o) => o.key).sort();

describe('blockOwnerDeletion decides whether a foreground-deleted owner may go first', () => {
  const rows: { name: string; block: boolean | null; deploymentMayGoFirst: boolean }[] = [
    { name: 'GC-03: blockOwnerDeletion true (what controllers write) → no order removes the Deployment before its ReplicaSet', block: true, deploymentMayGoFirst: false },
    { name: 'GC-03: blockOwnerDeletion false → some order removes the Deployment while its ReplicaSet remains', block: false, deploymentMayGoFirst: true },
    { name: 'GC-03: blockOwnerDeletion unset → does not block either', block: null, deploymentMayGoFirst: true },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const runs = allRuns(userDelete(chain(row.block), D, 'Foreground'));
      expect(runs.some((run) => goneAt(run, D) < goneAt(run, RS))).toBe(row.deploymentMayGoFirst);
      for (const run of runs) expect(run.at(-1)?.present).toEqual([]);
    });
  }

  it('GC-03: with blocking Pods the first steps offer no finalizer removal, only deleting the ReplicaSet', () => {
    const steps = gcStep(userDelete(chain(true), D, 'Foreground'));
    expect(steps.map((s) => `${s.type} ${s.key}`)).toEqual([`delete ${RS}`]);
  });

  it('GC-03: non-blocking dependents are still deleted in foreground, the owner just does not wait for them', () => {
    const { objects } = drive(userDelete(chain(false), D, 'Foreground'));
    expect(objects).toEqual([]);
  });
});

describe('a Pod with two owners', () => {
  const holder = obj('ConfigMap', 'holder');
  const twoOwners = (): GcObject[] => {
    const [d, rs, podA, podB] = chain() as [GcObject, GcObject, GcObject, GcObject];
    const shared = { ...podA, ownerReferences: [...(podA.ownerReferences ?? []), ref(holder, { controller: false, blockOwnerDeletion: false })] };
    return [d, rs, shared, podB, holder];
  };

  it('GC-03: background delete of the Deployment → the shared Pod is kept, with only its reference to the live owner', () => {
    const { objects } = drive(userDelete(twoOwners(), D, undefined));
    expect(keysOf(objects)).toEqual([gcKey('ConfigMap', 'holder', 'default'), POD_A].sort());
    expect(objects.find((o) => o.key === POD_A)?.ownerReferences?.map((r) => r.name)).toEqual(['holder']);
  });

  it('GC-03: foreground delete of the ReplicaSet → the shared Pod loses the waiting reference and the ReplicaSet may go', () => {
    const { objects, trace } = drive(userDelete(twoOwners(), RS, 'Foreground'));
    expect(trace).toContainEqual(expect.objectContaining({ type: 'removeOwnerReferences', key: POD_A, ownerUids: ['uid-web-1'] }));
    expect(keysOf(objects)).toEqual([D, POD_A, gcKey('ConfigMap', 'holder', 'default')].sort());
  });

  it('GC-04: orphan delete of the ReplicaSet → both Pods kept, neither references it any more', () => {
    const { objects } = drive(userDelete(twoOwners(), RS, 'Orphan'));
    expect(keysOf(objects)).toEqual([D, POD_A, POD_B, gcKey('ConfigMap', 'holder', 'default')].sort());
    for (const o of objects) expect((o.ownerReferences ?? []).map((r) => r.name)).not.toContain('web-1');
  });
});

describe('which owners count as gone', () => {
  it('GC-02: an owner recreated under the same name with a new uid → the old Pods dangle and are deleted', () => {
    const [d, rs, podA, podB] = chain() as [GcObject, GcObject, GcObject, GcObject];
    const recreated = { ...rs, uid: 'uid-web-1-again' };
    const { objects } = drive([d, recreated, podA, podB]);
    expect(keysOf(objects)).toEqual([D, RS].sort());
  });

  it('GC-03: an owner deleted in background but held by another finalizer is still solid → its Pods are kept', () => {
    const [d, rs, podA, podB] = chain() as [GcObject, GcObject, GcObject, GcObject];
    const held = { ...rs, finalizers: ['example.com/hold'] };
    const start = userDelete([d, held, podA, podB], RS, 'Background');
    expect(start.find((o) => o.key === RS)?.deletionTimestamp).toBeDefined();
    expect(gcStep(start)).toEqual([]);
  });

  it('GC-03: a Pod held by another finalizer keeps blocking its foreground-deleted ReplicaSet', () => {
    const [d, rs, podA, podB] = chain() as [GcObject, GcObject, GcObject, GcObject];
    const { objects } = drive(userDelete([d, rs, { ...podA, finalizers: ['example.com/hold'] }, podB], RS, 'Foreground'));
    expect(keysOf(objects)).toEqual([D, RS, POD_A].sort());
    expect(objects.find((o) => o.key === RS)?.finalizers).toEqual([FOREGROUND_FINALIZER]);
    expect(objects.find((o) => o.key === POD_A)?.deletionTimestamp).toBeDefined();
  });

  it('GC-03: a second kubectl delete with --cascade=background releases a stuck foreground deletion at once', () => {
    const [d, rs, podA, podB] = chain() as [GcObject, GcObject, GcObject, GcObject];
    const stuck = drive(userDelete([d, rs, { ...podA, finalizers: ['example.com/hold'] }, podB], RS, 'Foreground')).objects;
    const released = userDelete(stuck, RS, 'Background');
    expect(released.map((o) => o.key)).not.toContain(RS);
  });

  it('GC-01: a StatefulSet owns its Pods and ControllerRevisions directly → background deletion removes both', () => {
    const sts = obj('StatefulSet', 'db');
    const start = [sts, obj('Pod', 'db-0', { ownerReferences: [ref(sts)] }), obj('ControllerRevision', 'db-7d9f', { ownerReferences: [ref(sts)] })];
    expect(drive(userDelete(start, sts.key, undefined)).objects).toEqual([]);
  });
});

describe('the cycle guard', () => {
  it('GC-03: an object whose owner and whose dependent both wait in foreground first turns its references non-blocking', () => {
    const a = obj('ConfigMap', 'a', { deletionTimestamp: 't', finalizers: [FOREGROUND_FINALIZER] });
    const c = obj('ConfigMap', 'c', { deletionTimestamp: 't', finalizers: [FOREGROUND_FINALIZER] });
    const b = obj('ConfigMap', 'b', { ownerReferences: [ref(a)] });
    const cOwnedByB = { ...c, ownerReferences: [ref(b)] };
    const steps = gcStep([a, b, cOwnedByB]);
    expect(steps).toContainEqual(expect.objectContaining({ type: 'delete', key: b.key, propagationPolicy: 'Foreground', unblockOwnerReferences: true }));
  });
});
