// Leader election model-checked (properties/models/*.json): the pinned state counts of the
// safe configuration, and the shortest counterexample each deliberately broken variant must produce.
import { describe, expect, it } from 'vitest';
import safe from '../../properties/models/leader-election.json' with { type: 'json' };
import broken from '../../properties/models/leader-election-broken.json' with { type: 'json' };
import ignoresDeadline from '../../properties/models/leader-election-ignores-deadline.json' with { type: 'json' };
import unsafeConfig from '../../properties/models/leader-election-unsafe-config.json' with { type: 'json' };
import { checkLeaderElection, type LeaderModelFile } from '../../src/leader/check.ts';

// Hoisted above the imports: the registry sees the leader-election rules on its first load.

describe('leader election, model-checked', () => {
  it('LEAD-01, LEAD-03, LEAD-04: with the defaults (15/10/2 s) never two acting leaders, transitions count holder changes; pinned states and depth', () => {
    const file = safe as LeaderModelFile;
    const report = checkLeaderElection(file);
    expect(report.violations).toEqual([]);
    expect({ states: report.states, depth: report.depth, complete: report.complete }).toEqual({
      states: file.expect.states,
      depth: file.expect.depth,
      complete: true,
    });
    expect(report.invariants).toEqual([
      'leader-election-type',
      'one-acting-leader',
      'acting-leader-holds-lease',
      'lease-transitions-count-holder-changes',
      'takeover-only-after-expiry',
    ]);
    expect(report.stableStates).toBeGreaterThan(0);
  }, 60_000);

  const variants: [string, LeaderModelFile][] = [
    ['LEAD-04: rejected — renewDeadline 15 s ≥ leaseDuration 15 s lets a partitioned leader act past the takeover', broken as LeaderModelFile],
    ['LEAD-04: rejected — a leader that ignores renew failures acts on after the takeover', ignoresDeadline as LeaderModelFile],
    ['LEAD-04: rejected — leaseDuration 11 s passes validation (> renewDeadline 10 s) but is below retryPeriod + renewDeadline 12 s', unsafeConfig as LeaderModelFile],
  ];
  for (const [name, file] of variants) {
    it(`${name}: the shortest trace`, () => {
      const report = checkLeaderElection(file);
      const v = report.violations[0];
      expect(v?.id).toBe(file.expect.violation?.id);
      expect(v?.steps).toEqual(file.expect.violation?.steps);
      expect({ states: report.states, depth: report.depth }).toEqual({ states: file.expect.states, depth: file.expect.depth });
    }, 60_000);
  }
});
