// Cascading deletion of a Deployment → ReplicaSet → Pod chain under each propagation policy, checked in
// every order the collector's workers may take (GC-01..GC-04, ROLL-02).
import { describe, expect, it } from 'vitest';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, runGc, type GcObject, type PropagationPolicy } from '../../src/gc/index.ts';
import { D, POD_A, POD_B, RS, allRuns, chain, drive, goneAt, userDelete, vanishOrder } from './support.ts';

interface Row {
  name: string;
  policy: PropagationPolicy | undefined;
  /** What the DELETE leaves of the Deployment: gone, or its finalizers. */
  afterDelete: 'gone' | string[];
  /** Pairs [first, then]: in every worker order `first` is gone before `then` (or `then` survives). */
  before: [string, string][];
  survivors: string[];
}

const rows: Row[] = [
  {
    name: 'GC-03, ROLL-02: kubectl delete (background by default) → the Deployment goes at once, then the ReplicaSet, then its Pods',
    policy: undefined,
    afterDelete: 'gone',
    before: [[D, RS], [RS, POD_A], [RS, POD_B]],
    survivors: [],
  },
  {
    name: 'GC-03: --cascade=foreground → the Pods go first, then the ReplicaSet, then the Deployment',
    policy: 'Foreground',
    afterDelete: [FOREGROUND_FINALIZER],
    before: [[POD_A, RS], [POD_B, RS], [RS, D]],
    survivors: [],
  },
  {
    name: 'GC-04: --cascade=orphan → only the Deployment goes; the ReplicaSet and Pods stay',
    policy: 'Orphan',
    afterDelete: [ORPHAN_FINALIZER],
    before: [],
    survivors: [RS, POD_A, POD_B],
  },
];

describe('cascading deletion of a Deployment → ReplicaSet → Pod chain, in every worker order', () => {
  for (const row of rows) {
    it(row.name, () => {
      const start = userDelete(chain(), D, row.policy);
      const deployment = start.find((o) => o.key === D);
      if (row.afterDelete === 'gone') expect(deployment).toBeUndefined();
      else expect(deployment?.finalizers).toEqual(row.afterDelete);
      const runs = allRuns(start);
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) {
        for (const [first, then] of row.before) expect(goneAt(run, first)).toBeLessThan(goneAt(run, then));
        expect((run.at(-1)?.present ?? []).sort()).toEqual([...row.survivors].sort());
      }
    });
  }

  it('GC-03: background in the default order → vanish order [Deployment], [ReplicaSet], [Pod a], [Pod b]', () => {
    const start = userDelete(chain(), D, undefined);
    const { snapshots } = drive(start);
    expect(vanishOrder(chain(), snapshots)).toEqual([[D], [RS], [POD_A], [POD_B]]);
  });

  it('GC-03: foreground → the Deployment (and then the ReplicaSet) stay visible with a deletionTimestamp while a Pod exists', () => {
    for (const run of allRuns(userDelete(chain(), D, 'Foreground'))) {
      for (const s of run) {
        if (s.present.includes(D)) expect(s.deleting).toContain(D);
        if (s.present.includes(POD_A) || s.present.includes(POD_B)) expect(s.present).toEqual(expect.arrayContaining([D, RS]));
      }
    }
  });

  it('GC-03: foreground → the ReplicaSet, having Pods, is itself deleted in Foreground', () => {
    const { trace } = drive(userDelete(chain(), D, 'Foreground'));
    expect(trace[0]).toMatchObject({ type: 'delete', key: RS, propagationPolicy: 'Foreground' });
    expect(trace.filter((a) => a.type === 'delete' && a.key !== RS).map((a) => a.type === 'delete' && a.propagationPolicy)).toEqual(['Background', 'Background']);
  });

  it('GC-04: orphan → the ReplicaSet loses its ownerReference, its Pods keep theirs to the ReplicaSet', () => {
    const { objects } = drive(userDelete(chain(), D, 'Orphan'));
    const byKey = (k: string): GcObject | undefined => objects.find((o) => o.key === k);
    expect(byKey(RS)?.ownerReferences).toEqual([]);
    expect(byKey(POD_A)?.ownerReferences?.map((r) => r.name)).toEqual(['web-1']);
    expect(byKey(POD_B)?.ownerReferences?.map((r) => r.name)).toEqual(['web-1']);
  });

  it('GC-04: orphan → the orphan finalizer comes off only after the ReplicaSet is patched', () => {
    const { trace } = drive(userDelete(chain(), D, 'Orphan'));
    expect(trace.map((a) => `${a.type} ${a.key}`)).toEqual([`removeOwnerReferences ${RS}`, `removeFinalizer ${D}`]);
  });

  it('GC-03: runGc on a foreground deletion settles in 5 steps: ReplicaSet deleted in Foreground, 2 Pods, 2 finalizers lifted', () => {
    const run = runGc(userDelete(chain(), D, 'Foreground'));
    expect(run.settled).toBe(true);
    expect(run.objects).toEqual([]);
    expect(run.trace.map((a) => `${a.type} ${a.key}`)).toEqual([
      `delete ${RS}`, `delete ${POD_A}`, `delete ${POD_B}`, `removeFinalizer ${RS}`, `removeFinalizer ${D}`,
    ]);
  });

  it('GC-03: runGc stopped by maxSteps reports that it has not settled', () => {
    expect(runGc(userDelete(chain(), D, 'Foreground'), { maxSteps: 1 }).settled).toBe(false);
  });
});
