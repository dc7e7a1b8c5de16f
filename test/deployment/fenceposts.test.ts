// maxSurge and maxUnavailable in Pods (ROLL-05): deployment/util ResolveFenceposts, MaxSurge, MaxUnavailable,
// with the examples of their doc comments.
import { describe, expect, it } from 'vitest';
import { maxSurgeOf, maxUnavailableOf, resolveFenceposts } from '../../src/deployment/fenceposts.ts';
import { InputError } from '../../src/errors.ts';
import { deployment } from './support.ts';

describe('resolveFenceposts', () => {
  const rows: [string, number | string, number | string, number, { surge: number; unavailable: number }][] = [
    ['ROLL-05: 10 replicas, 25%/25% → surge 3 (2.5 up), unavailable 2 (2.5 down)', '25%', '25%', 10, { surge: 3, unavailable: 2 }],
    ['ROLL-05: 2 desired, max unavailable 1%, surge 0% → both round to 0, so unavailable 1 (old −1, then new +1)', '0%', '1%', 2, { surge: 0, unavailable: 1 }],
    ['ROLL-05: 1 desired, max unavailable 1%, surge 0% → unavailable 1', '0%', '1%', 1, { surge: 0, unavailable: 1 }],
    ['ROLL-05: 2 desired, max unavailable 25%, surge 1% → surge 1, unavailable 0 (new +1, then old −1)', '1%', '25%', 2, { surge: 1, unavailable: 0 }],
    ['ROLL-05: 1 desired, max unavailable 25%, surge 1% → surge 1, unavailable 0', '1%', '25%', 1, { surge: 1, unavailable: 0 }],
    ['ROLL-05: 2 desired, max unavailable 0%, surge 1% → surge 1, unavailable 0', '1%', '0%', 2, { surge: 1, unavailable: 0 }],
    ['ROLL-05: 1 replica, 0/0 → unavailable 1', 0, 0, 1, { surge: 0, unavailable: 1 }],
    ['ROLL-05: 3 replicas, maxSurge 1, maxUnavailable 0 → taken as written', 1, 0, 3, { surge: 1, unavailable: 0 }],
    ['ROLL-05: 4 replicas, 25%/25% → exactly 1 and 1', '25%', '25%', 4, { surge: 1, unavailable: 1 }],
    ['ROLL-05: 3 replicas, 25%/25% → surge 1 (0.75 up), unavailable 0 (0.75 down)', '25%', '25%', 3, { surge: 1, unavailable: 0 }],
  ];
  for (const [name, surge, unavailable, replicas, want] of rows) {
    it(name, () => expect(resolveFenceposts(surge, unavailable, replicas)).toEqual(want));
  }

  it('ROLL-05: rejected: "5" is a string but not a percentage, as intstr says', () => {
    expect(() => resolveFenceposts('5', 1, 3)).toThrow(InputError);
    expect(() => resolveFenceposts('5', 1, 3)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
  });
});

describe('MaxSurge and MaxUnavailable of a Deployment', () => {
  it('ROLL-05: defaults are 25%/25%: 10 replicas → surge 3, unavailable 2', () => {
    const d = deployment({ replicas: 10 });
    expect([maxSurgeOf(d), maxUnavailableOf(d)]).toEqual([3, 2]);
  });
  it('ROLL-05: maxUnavailable 5 on 3 replicas is capped at 3', () => {
    expect(maxUnavailableOf(deployment({ replicas: 3, maxUnavailable: 5, maxSurge: 0 }))).toBe(3);
  });
  it('ROLL-05: 0 replicas → maxUnavailable 0, even though the fencepost fallback gave 1', () => {
    expect(maxUnavailableOf(deployment({ replicas: 0 }))).toBe(0);
  });
  it('ROLL-06: Recreate → no surge, no unavailability budget', () => {
    const d = deployment({ replicas: 3, strategy: 'Recreate' });
    expect([maxSurgeOf(d), maxUnavailableOf(d)]).toEqual([0, 0]);
  });
});
