// Resizing a Deployment mid-rollout or while paused (ROLL-07, ROLL-08): DeploymentController.scale, sync.go.
import { describe, expect, it } from 'vitest';
import { findActiveOrLatest, isScalingEvent, proportionalScale } from '../../src/deployment/proportional.ts';
import { deployment, rs } from './support.ts';

const max13 = { maxReplicas: 13, desiredReplicas: 10 };

describe('proportionalScale', () => {
  it('ROLL-07: the documentation case: stuck at old 8 / new 5 (max 13), scaled to 15 → old 11, new 7 (3 and 2 of the 5 added)', () => {
    const d = deployment({ replicas: 15, maxSurge: 3, maxUnavailable: 2 });
    const ops = proportionalScale(d, rs('web-new', 5, 5, 0, max13), [rs('web-old', 0, 8, 8, max13)]);
    expect(ops).toEqual([
      { name: 'web-old', to: 11, desiredReplicas: 15, maxReplicas: 18 },
      { name: 'web-new', to: 7, desiredReplicas: 15, maxReplicas: 18 },
    ]);
  });

  it('ROLL-08: paused at old 5 / new 5 (max 13), scaled to 15 → equal sizes: the newer first gets +2 and the leftover 4: new 11, old 7', () => {
    const d = deployment({ replicas: 15, maxSurge: 3, maxUnavailable: 2, paused: true });
    const ops = proportionalScale(d, rs('web-new', 5, 5, 5, max13), [rs('web-old', 0, 5, 5, max13)]);
    expect(ops).toEqual([
      { name: 'web-new', to: 11, desiredReplicas: 15, maxReplicas: 18 },
      { name: 'web-old', to: 7, desiredReplicas: 15, maxReplicas: 18 },
    ]);
  });

  it('ROLL-07: the same 5 / 5 scaled down to 5 (allowed 8) → the older first loses both: old 3, new 5 (annotations rewritten)', () => {
    const d = deployment({ replicas: 5, maxSurge: 3, maxUnavailable: 2 });
    const ops = proportionalScale(d, rs('web-new', 5, 5, 5, max13), [rs('web-old', 0, 5, 5, max13)]);
    expect(ops).toEqual([
      { name: 'web-old', to: 3, desiredReplicas: 5, maxReplicas: 8 },
      { name: 'web-new', to: 5, desiredReplicas: 5, maxReplicas: 8 },
    ]);
  });

  it('ROLL-07: a lone active ReplicaSet simply takes spec.replicas', () => {
    const d = deployment({ replicas: 5 });
    expect(proportionalScale(d, rs('web-new', 5, 3), [rs('web-old', 0, 0)])).toEqual([{ name: 'web-new', to: 5, desiredReplicas: 5, maxReplicas: 7 }]);
  });

  it('ROLL-07: a saturated new ReplicaSet (3 of 3, all available) drops the old ones to 0', () => {
    const d = deployment({ replicas: 3 });
    const ops = proportionalScale(d, rs('web-new', 5, 3, 3, { desiredReplicas: 3, maxReplicas: 4 }), [rs('web-old', 0, 1)]);
    expect(ops).toEqual([{ name: 'web-old', to: 0, desiredReplicas: 3, maxReplicas: 4 }]);
  });

  it('ROLL-07: scaling to 0 removes everything (each takes its whole size)', () => {
    const d = deployment({ replicas: 0 });
    const ops = proportionalScale(d, rs('web-new', 5, 2, 2, max13), [rs('web-old', 0, 4, 4, max13)]).map((o) => [o.name, o.to]);
    expect(ops).toEqual([
      ['web-old', 0],
      ['web-new', 0],
    ]);
  });
});

describe('findActiveOrLatest and isScalingEvent', () => {
  it('ROLL-07: no active ReplicaSet → the new one; none new → the newest old one', () => {
    expect(findActiveOrLatest(rs('web-new', 5, 0), [rs('web-old', 0, 0)])?.name).toBe('web-new');
    expect(findActiveOrLatest(null, [rs('web-a', 0, 0), rs('web-b', 3, 0)])?.name).toBe('web-b');
  });
  it('ROLL-07: two active ReplicaSets → none (scale proportionally)', () => {
    expect(findActiveOrLatest(rs('web-new', 5, 1), [rs('web-old', 0, 2)])).toBeNull();
  });
  it('ROLL-04: a ReplicaSet annotated with another desired-replicas means spec.replicas changed: a scaling event, not a rollout', () => {
    const d = deployment({ replicas: 5 });
    expect(isScalingEvent(d, rs('web-new', 5, 3, 3, { desiredReplicas: 3 }), [])).toBe(true);
    expect(isScalingEvent(d, rs('web-new', 5, 3, 3, { desiredReplicas: 5 }), [])).toBe(false);
  });
});
