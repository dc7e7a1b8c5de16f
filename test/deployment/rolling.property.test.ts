// For random replicas, maxSurge, maxUnavailable, old ReplicaSets and random timing of Pods becoming
// available (none ever fails), a RollingUpdate driven round by round keeps total Pods ≤ replicas + surge and
// available Pods ≥ replicas − maxUnavailable, and converges to the new ReplicaSet alone (ROLL-05). A broken
// controller that skips the surge limit must be caught. fast-check prints the seed on failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxUnavailableOf, resolveFenceposts } from '../../src/deployment/fenceposts.ts';
import { reconcileRolling } from '../../src/deployment/rolling.ts';
import type { IntOrString } from '../../src/k8s/types.ts';
import { deployment, driveRollout, rs } from './support.ts';

const intOrPercent: fc.Arbitrary<IntOrString> = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`));
const zero = (v: IntOrString) => v === 0 || v === '0%';

/** A valid rollout: replicas, fenceposts (not both written as 0: validation forbids it), 1–3 old ReplicaSets sharing the replicas. */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    replicas: fc.integer({ min: 0, max: 15 }),
    maxSurge: intOrPercent,
    maxUnavailable: intOrPercent,
    cuts: fc.array(fc.nat(), { maxLength: 2 }),
    timing: fc.array(fc.nat(), { maxLength: 80 }),
  })
  .filter((s) => !(zero(s.maxSurge) && zero(s.maxUnavailable)));

function oldReplicaSets(replicas: number, cuts: number[]) {
  const points = [...new Set(cuts.map((c) => (replicas === 0 ? 0 : c % (replicas + 1))))].sort((a, b) => a - b);
  const bounds = [0, ...points, replicas];
  return bounds.slice(1).map((end, i) => rs(`web-old${i}`, i, end - (bounds[i] as number)));
}

interface Scenario {
  replicas: number;
  maxSurge: IntOrString;
  maxUnavailable: IntOrString;
  cuts: number[];
  timing: number[];
}

function run(s: Scenario, reconcile = reconcileRolling) {
  const d = deployment({ replicas: s.replicas, maxSurge: s.maxSurge, maxUnavailable: s.maxUnavailable });
  const { surge } = resolveFenceposts(s.maxSurge, s.maxUnavailable, s.replicas);
  const minAvailable = s.replicas - maxUnavailableOf(d);
  const timing = (pending: number, round: number) => (round < s.timing.length ? (s.timing[round] as number) % (pending + 1) : pending);
  const result = driveRollout(d, oldReplicaSets(s.replicas, s.cuts), timing, 1000, reconcile);
  return { ...result, maxPods: s.replicas + surge, minAvailable };
}

describe('RollingUpdate under random timing', () => {
  it('ROLL-05: total Pods ≤ replicas + maxSurge and available ≥ replicas − maxUnavailable in every round, and the rollout converges', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { steps, converged, rses, maxPods, minAvailable } = run(s);
        for (const step of steps) {
          expect(step.totalPods).toBeLessThanOrEqual(maxPods);
          expect(step.available).toBeGreaterThanOrEqual(minAvailable);
        }
        expect(converged).toBe(true);
        expect(rses.filter((r) => r.replicas > 0).map((r) => r.name)).toEqual(s.replicas > 0 ? ['web-new'] : []);
      }),
      { numRuns: 300 },
    );
  });

  it('ROLL-05: a controller that scales the new ReplicaSet straight to spec.replicas is caught exceeding replicas + maxSurge', () => {
    const broken: typeof reconcileRolling = (d, newRS, old) => {
      const round = reconcileRolling(d, newRS, old);
      return round.newRSReplicas !== undefined ? { ...round, newRSReplicas: d.spec.replicas ?? 1 } : round;
    };
    const found = fc.check(
      fc.property(scenario, (s) => {
        const { steps, maxPods } = run(s, broken);
        return steps.every((step) => step.totalPods <= maxPods);
      }),
      { numRuns: 300 },
    );
    expect(found.failed).toBe(true);
  });
});
