// Recreate (ROLL-06): pkg/controller/deployment/recreate.go, round by round.
import { describe, expect, it } from 'vitest';
import { reconcileRecreate } from '../../src/deployment/recreate.ts';
import { deployment, rs } from './support.ts';

const d = deployment({ replicas: 3, strategy: 'Recreate' });
const ann = { desiredReplicas: 3, maxReplicas: 3 };

describe('reconcileRecreate', () => {
  it('ROLL-06: round 1: every active old ReplicaSet goes to 0 at once; no new ReplicaSet yet', () => {
    expect(reconcileRecreate(d, null, [rs('web-a', 0, 2), rs('web-b', 1, 1), rs('web-c', 2, 0)], 3)).toEqual({
      oldRSScaleDowns: [
        { name: 'web-a', to: 0, ...ann },
        { name: 'web-b', to: 0, ...ann },
      ],
      waitingForOldPods: false,
      createdNewRS: false,
    });
  });

  it('ROLL-06: round 2: old status still reports 3 replicas → wait, create nothing', () => {
    const old = [{ ...rs('web-a', 0, 0), statusReplicas: 3, availableReplicas: 3 }];
    expect(reconcileRecreate(d, null, old, 3)).toEqual({ oldRSScaleDowns: [], waitingForOldPods: true, createdNewRS: false });
  });

  it('ROLL-06: status says 0 but one old Pod is still terminating → wait', () => {
    expect(reconcileRecreate(d, null, [rs('web-a', 0, 0)], 1).waitingForOldPods).toBe(true);
  });

  it('ROLL-06: round 3: old Pods gone → the new ReplicaSet is created at full size', () => {
    expect(reconcileRecreate(d, null, [rs('web-a', 0, 0)], 0)).toEqual({ oldRSScaleDowns: [], waitingForOldPods: false, createdNewRS: true, newRSReplicas: 3 });
  });

  it('ROLL-06: an existing new ReplicaSet (rollback to it) is scaled to spec.replicas once the old Pods are gone', () => {
    expect(reconcileRecreate(d, rs('web-new', 5, 0), [rs('web-a', 0, 0)], 0).newRSReplicas).toBe(3);
  });

  it('ROLL-06: everything in place → nothing to do', () => {
    expect(reconcileRecreate(d, rs('web-new', 5, 3), [rs('web-a', 0, 0)], 0)).toEqual({ oldRSScaleDowns: [], waitingForOldPods: false, createdNewRS: false });
  });
});
