// The status and conditions the Deployment controller writes (CTRL-01, ROLL-05): calculateStatus,
// syncRolloutStatus, checkPausedConditions, getNewReplicaSet's conditions.
import { describe, expect, it } from 'vitest';
import { availableCondition, newReplicaSetCondition, pausedCondition, progressingCondition, setCondition } from '../../src/deployment/conditions.ts';
import { calculateStatus, syncRolloutStatus } from '../../src/deployment/status.ts';
import type { DeploymentCondition } from '../../src/k8s/types.ts';
import { deployment, rs } from './support.ts';

const T0 = '2024-01-01T00:00:00Z';
const progressing = (reason: string, at: string, status: 'True' | 'False' = 'True'): DeploymentCondition => ({
  type: 'Progressing', status, reason, message: '', lastUpdateTime: at, lastTransitionTime: at,
});

describe('calculateStatus', () => {
  it('CTRL-01: counts sum the ReplicaSets; unavailable never drops below 0 while scaling down', () => {
    const d = deployment({ replicas: 4, generation: 3 });
    const oldRS = { ...rs('web-old', 0, 2), statusReplicas: 3, availableReplicas: 3, readyReplicas: 3 };
    const newRS = rs('web-new', 5, 2, 1);
    const st = calculateStatus(d, [oldRS, newRS], newRS, T0);
    expect(st).toMatchObject({ observedGeneration: 3, replicas: 5, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 0 });
    expect(st.conditions).toEqual([
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.', lastUpdateTime: T0, lastTransitionTime: T0 },
    ]);
  });

  it('ROLL-05: 7 of 10 available with maxUnavailable 2 → Available False, MinimumReplicasUnavailable', () => {
    expect(availableCondition(deployment({ replicas: 10 }), 7)).toEqual({
      type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.',
    });
  });
});

describe('setCondition', () => {
  it('CTRL-01: same status and reason → unchanged, times included; same status, other reason → keeps lastTransitionTime', () => {
    const c = [progressing('ReplicaSetUpdated', T0)];
    expect(setCondition(c, { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'x' }, '2024-01-01T01:00:00Z')).toEqual(c);
    const next = setCondition(c, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'y' }, '2024-01-01T01:00:00Z');
    expect(next[0]).toMatchObject({ reason: 'NewReplicaSetAvailable', lastTransitionTime: T0, lastUpdateTime: '2024-01-01T01:00:00Z' });
  });
});

describe('progressingCondition', () => {
  const newRS = 'web-5d9c8b7f6';
  it('ROLL-05: the rollout completed → True NewReplicaSetAvailable, "ReplicaSet … has successfully progressed."', () => {
    const d = deployment({ replicas: 3, status: { replicas: 4, updatedReplicas: 3, readyReplicas: 4, availableReplicas: 3, observedGeneration: 1, conditions: [progressing('ReplicaSetUpdated', T0)] } });
    const got = progressingCondition(d, { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 }, newRS, '2024-01-01T00:01:00Z');
    expect(got).toEqual({ action: 'set', refresh: false, condition: { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRS}" has successfully progressed.` } });
  });

  it('ROLL-05: without a new ReplicaSet the message names the Deployment: `Deployment "web" has successfully progressed.`', () => {
    const d = deployment({ replicas: 0, status: { conditions: [progressing('ReplicaSetUpdated', T0)] } });
    const got = progressingCondition(d, { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 }, null, T0);
    expect(got).toMatchObject({ condition: { message: 'Deployment "web" has successfully progressed.' } });
  });

  it('ROLL-05: one more Pod updated → True ReplicaSetUpdated, re-stamped', () => {
    const d = deployment({ replicas: 3, status: { replicas: 3, updatedReplicas: 0, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1, conditions: [progressing('NewReplicaSetCreated', T0)] } });
    const got = progressingCondition(d, { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 }, newRS, T0);
    expect(got).toMatchObject({ action: 'set', refresh: true, condition: { reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRS}" is progressing.` } });
  });

  it('ROLL-05: no progress for 601 s with the default 600 s deadline → False ProgressDeadlineExceeded, `ReplicaSet "web-5d9c8b7f6" has timed out progressing.`', () => {
    const counts = { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 };
    const d = deployment({ replicas: 3, status: { ...counts, conditions: [progressing('ReplicaSetUpdated', T0)] } });
    const got = progressingCondition(d, counts, newRS, '2024-01-01T00:10:01Z');
    expect(got).toEqual({ action: 'set', refresh: false, condition: { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-5d9c8b7f6" has timed out progressing.' } });
  });

  it('ROLL-05: no progress, still within the deadline → keep', () => {
    const counts = { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 };
    const d = deployment({ replicas: 3, status: { ...counts, conditions: [progressing('ReplicaSetUpdated', T0)] } });
    expect(progressingCondition(d, counts, newRS, '2024-01-01T00:05:00Z')).toEqual({ action: 'keep' });
  });

  it('CTRL-01: progressDeadlineSeconds at math.MaxInt32 → no Progressing condition at all', () => {
    const d = deployment({ progressDeadlineSeconds: 2147483647 });
    expect(progressingCondition(d, {}, null, T0)).toEqual({ action: 'remove' });
  });
});

describe('syncRolloutStatus', () => {
  it('ROLL-05: the round after the last old Pod goes: Available True and Progressing NewReplicaSetAvailable', () => {
    const d = deployment({ replicas: 3, status: { replicas: 4, updatedReplicas: 3, readyReplicas: 4, availableReplicas: 4, observedGeneration: 1, conditions: [progressing('ReplicaSetUpdated', T0)] } });
    const newRS = rs('web-new', 5, 3);
    const st = syncRolloutStatus(d, [rs('web-old', 0, 0, 0, { statusReplicas: 0 }), newRS], newRS, '2024-01-01T00:02:00Z');
    expect(st.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
  });
});

describe('other Progressing conditions', () => {
  it('ROLL-03: creating the new ReplicaSet → NewReplicaSetCreated `Created new replica set "web-5d9c8b7f6"`; adopting one → FoundNewReplicaSet', () => {
    expect(newReplicaSetCondition('web-5d9c8b7f6', true)).toEqual({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: 'Created new replica set "web-5d9c8b7f6"' });
    expect(newReplicaSetCondition('web-5d9c8b7f6', false).message).toBe('Found new replica set "web-5d9c8b7f6"');
  });
  it('ROLL-08: pausing → Unknown DeploymentPaused; resuming → Unknown DeploymentResumed; a timed-out condition is never overwritten', () => {
    expect(pausedCondition(deployment({ paused: true }))).toEqual({ type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    expect(pausedCondition(deployment({ status: { conditions: [progressing('DeploymentPaused', T0)] } }))?.reason).toBe('DeploymentResumed');
    expect(pausedCondition(deployment({ paused: true, status: { conditions: [progressing('ProgressDeadlineExceeded', T0, 'False')] } }))).toBeNull();
  });
});
