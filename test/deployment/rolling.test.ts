// RollingUpdate, one reconcile round at a time and whole rollouts (ROLL-05): pkg/controller/deployment/rolling.go.
import { describe, expect, it } from 'vitest';
import { reconcileRolling } from '../../src/deployment/rolling.ts';
import { deployment, driveRollout, rs } from './support.ts';

const surge1 = deployment({ replicas: 3, maxSurge: 1, maxUnavailable: 0 });
const quarter = deployment({ replicas: 10, maxSurge: '25%', maxUnavailable: '25%' });
const absolute = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2 });
const ann = (replicas: number, surge: number) => ({ desiredReplicas: replicas, maxReplicas: replicas + surge });

describe('reconcileRolling: one round', () => {
  const rows = [
    {
      name: 'ROLL-05: 3 replicas, surge 1, unavailable 0, no new RS → created with 1; no old Pod may go yet (3 available is the minimum)',
      d: surge1, newRS: null, old: [rs('web-old', 0, 3)],
      want: { createdNewRS: true, newRSReplicas: 1, oldRSScaleDowns: [] },
    },
    {
      name: 'ROLL-05: same, the new Pod is available → 4 Pods already, so the old RS goes to 2',
      d: surge1, newRS: rs('web-new', 5, 1), old: [rs('web-old', 0, 3)],
      want: { createdNewRS: false, oldRSScaleDowns: [{ name: 'web-old', to: 2, ...ann(3, 1) }] },
    },
    {
      name: 'ROLL-05: same, the new Pod is not available → nothing (4 − 3 − 1 = 0 may go)',
      d: surge1, newRS: rs('web-new', 5, 1, 0), old: [rs('web-old', 0, 3)],
      want: { createdNewRS: false, oldRSScaleDowns: [] },
    },
    {
      name: 'ROLL-05: 10 replicas, 25%/25%, no new RS → created with 3 (surge), and in the same round the old RS goes to 8 (unavailable 2)',
      d: quarter, newRS: null, old: [rs('web-old', 0, 10)],
      want: { createdNewRS: true, newRSReplicas: 3, oldRSScaleDowns: [{ name: 'web-old', to: 8, ...ann(10, 3) }] },
    },
    {
      name: 'ROLL-05: rolling.go case 1: new RS 5 crash-looping, a node failure makes an old Pod unavailable → 13 − 8 − 5 = 0, nothing goes',
      d: absolute, newRS: rs('web-new', 5, 5, 0), old: [rs('web-old', 0, 8, 7)],
      want: { createdNewRS: false, oldRSScaleDowns: [] },
    },
    {
      name: 'ROLL-05: rolling.go case 1 after `rollout undo`: the good RS is new again (1 of 5 unavailable) → 13 − 8 − 1 = 4 crash-looping Pods are cleaned up',
      d: absolute, newRS: rs('web-good', 0, 8, 7), old: [rs('web-bad', 5, 5, 0)],
      want: { createdNewRS: false, oldRSScaleDowns: [{ name: 'web-bad', to: 1, ...ann(10, 3) }] },
    },
    {
      name: 'ROLL-05: rolling.go case 2 (roll-over): 13 Pods already, a fresh new RS starts at 0; the two old RSes lose 5 in the same round, all from the oldest',
      d: absolute, newRS: null, old: [rs('web-a', 0, 8), rs('web-b', 5, 5)],
      want: { createdNewRS: true, newRSReplicas: 0, oldRSScaleDowns: [{ name: 'web-a', to: 3, ...ann(10, 3) }] },
    },
    {
      name: 'ROLL-05: the new RS holds more than spec.replicas (scaled down meanwhile) → it is scaled down first, nothing else this round',
      d: surge1, newRS: rs('web-new', 5, 5), old: [rs('web-old', 0, 1)],
      want: { createdNewRS: false, newRSReplicas: 3, oldRSScaleDowns: [] },
    },
    {
      name: 'ROLL-05: the 2 unhealthy Pods of the oldest RS go first (bound 13 − 8 − 0 = 5), then 11 available − 8 lets 3 more go from it',
      d: absolute, newRS: rs('web-new', 9, 3, 3), old: [rs('web-a', 0, 6, 4), rs('web-b', 5, 4, 4)],
      want: {
        createdNewRS: false,
        oldRSScaleDowns: [
          { name: 'web-a', to: 4, ...ann(10, 3) },
          { name: 'web-a', to: 1, ...ann(10, 3) },
        ],
      },
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(reconcileRolling(row.d, row.newRS, row.old)).toEqual(row.want);
    });
  }
});

describe('reconcileRolling: whole rollouts, Pods available between rounds', () => {
  it('ROLL-05: 3 replicas, maxSurge 1, maxUnavailable 0: +1 new, −1 old, three times; never more than 4 Pods, never fewer than 3 available', () => {
    const { steps, converged } = driveRollout(surge1, [rs('web-old', 0, 3)]);
    expect(converged).toBe(true);
    expect(steps.map((s) => [s.old[0], s.new])).toEqual([
      [3, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 3],
      [0, 3],
    ]);
    for (const s of steps) {
      expect(s.totalPods).toBeLessThanOrEqual(4);
      expect(s.available).toBeGreaterThanOrEqual(3);
    }
  });

  it('ROLL-05: 10 replicas, 25%/25% (surge 3, unavailable 2): at most 13 Pods, at least 8 available', () => {
    const { steps, converged } = driveRollout(quarter, [rs('web-old', 0, 10)]);
    expect(converged).toBe(true);
    expect(steps.map((s) => [s.old[0], s.new])).toEqual([
      [8, 3],
      [8, 5],
      [3, 5],
      [3, 10],
      [0, 10],
    ]);
    for (const s of steps) {
      expect(s.totalPods).toBeLessThanOrEqual(13);
      expect(s.available).toBeGreaterThanOrEqual(8);
    }
  });

  it('ROLL-05: 10 replicas, 25%/25%, one new Pod becomes available per round: slower, same bounds, same end', () => {
    const { steps, converged, rses } = driveRollout(quarter, [rs('web-old', 0, 10)], () => 1);
    expect(converged).toBe(true);
    expect(rses.map((r) => [r.name, r.replicas])).toEqual([
      ['web-old', 0],
      ['web-new', 10],
    ]);
    for (const s of steps) {
      expect(s.totalPods).toBeLessThanOrEqual(13);
      expect(s.available).toBeGreaterThanOrEqual(8);
    }
  });

  it('ROLL-05: new Pods that never become available stop the rollout after the first surge (old Pods keep serving)', () => {
    const { steps, converged, rses } = driveRollout(quarter, [rs('web-old', 0, 10)], () => 0, 20);
    expect(converged).toBe(false);
    expect(steps.map((s) => [s.old[0], s.new])).toEqual([[8, 3], [8, 5]]);
    expect(rses.find((r) => r.name === 'web-old')?.availableReplicas).toBe(8);
  });
});
