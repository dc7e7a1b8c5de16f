// Random rollouts on the count-level system: random replicas (1–12), maxSurge/maxUnavailable (integers or
// percentages, not both written as 0), strategy, an optional scale-up and pause/resume, and a random
// interleaving of every controller, Pod and user step. No fault is injected, so the no-fault invariants must
// hold on every state, and once the users are done, letting the controllers run must finish the rollout at the
// replica count then in force. Undo walks check the rollback outcome. The broken controller must be caught.
// fast-check prints the seed and path of a failing run; replay with { seed, path }.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rolloutInvariants, rolloutStableInvariants } from '../../properties/rollout.ts';
import { defaultRolloutInvariants, rolloutBounds } from '../../src/rollout/check.ts';
import { RolloutSystem, type RolloutConstants, type RolloutState } from '../../src/rollout/system.ts';
import type { IntOrString } from '../../src/k8s/types.ts';

const intOrPercent: fc.Arbitrary<IntOrString> = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`));
const zero = (v: IntOrString) => v === 0 || v === '0%';

const constants = (undo: boolean): fc.Arbitrary<RolloutConstants> =>
  fc
    .record({
      replicas: fc.integer({ min: 1, max: 12 }),
      maxSurge: intOrPercent,
      maxUnavailable: intOrPercent,
      strategy: fc.constantFrom('RollingUpdate' as const, 'Recreate' as const),
      extra: fc.integer({ min: 0, max: 3 }),
      pause: fc.boolean(),
    })
    .filter((c) => !(zero(c.maxSurge) && zero(c.maxUnavailable)))
    .map(({ extra, pause, ...c }) => ({
      ...c,
      maxFaults: 0,
      // Scaling up only: a scale-down is not bound by maxUnavailable (test/rollout/models.test.ts, ROLL-07).
      ...(extra > 0 ? { scaleTo: c.replicas + extra } : {}),
      // Recreate + undo + pause mixes templates (rollout-recreate-pause-after-undo): not a no-fault guarantee.
      pause: pause && !(undo && c.strategy === 'Recreate'),
      undo,
    }));

interface Walk {
  violated?: string;
  settled: RolloutState;
}

/** Random steps (users included) for `choices`, then users leave (resuming a pause) and the rest runs to a settled state. */
function walk(c: RolloutConstants, choices: number[], invariantIds: string[]): Walk {
  const system = new RolloutSystem(c);
  const bounds = rolloutBounds(c);
  const invariants = rolloutInvariants.filter((p) => invariantIds.includes(p.id));
  const broken = (s: RolloutState) => invariants.find((p) => !p.holds(s, bounds))?.id;
  let s = system.initial[0]!;
  for (const choice of choices) {
    const succ = system.successors(s);
    if (succ.length === 0) break;
    s = succ[choice % succ.length]!.next;
    const id = broken(s);
    if (id) return { violated: id, settled: s };
  }
  if (s.paused === 'paused') s = { ...s, paused: 'resumed' };
  for (let i = 0; i < 10_000; i++) {
    const succ = system.successors(s).filter((x) => !system.isFault(x.action));
    if (succ.length === 0) return { settled: s };
    s = succ[(choices[i % Math.max(choices.length, 1)] ?? i) % succ.length]!.next;
    const id = broken(s);
    if (id) return { violated: id, settled: s };
  }
  throw new Error('no settled state after 10000 controller steps');
}

const stable = (id: string, s: RolloutState, c: RolloutConstants) => rolloutStableInvariants.find((p) => p.id === id)!.holds(s, rolloutBounds(c));
const choices = fc.array(fc.nat(), { maxLength: 60 });

describe('random rollouts on the count-level system', () => {
  it('ROLL-05, ROLL-06, ROLL-07, ROLL-08: no-fault invariants hold in every state and the rollout finishes at the replica count then in force', () => {
    fc.assert(
      fc.property(constants(false), choices, (c, steps) => {
        const { violated, settled } = walk(c, steps, [...defaultRolloutInvariants(c), 'max-surge']);
        expect(violated).toBeUndefined();
        expect(stable('rollout-complete', settled, c)).toBe(true);
        expect([c.replicas, c.scaleTo ?? c.replicas]).toContain(settled.replicas);
      }),
      { numRuns: 150, seed: 5051 },
    );
  });

  it('ROLL-09, ROLL-10: with an undo at a random point, spec.replicas stay within bounds and a settled undone rollout runs only the first template', () => {
    fc.assert(
      fc.property(constants(true), choices, (c, steps) => {
        const ids = c.strategy === 'Recreate' ? ['max-surge', 'recreate-never-mixes'] : ['max-surge'];
        const { violated, settled } = walk(c, steps, ids);
        expect(violated).toBeUndefined();
        expect(stable('rollout-complete', settled, c)).toBe(true);
        expect(stable('rollback-restores-previous-hash', settled, c)).toBe(true);
      }),
      { numRuns: 100, seed: 5052 },
    );
  });

  it('ROLL-05: the broken controller (ignores maxUnavailable) is caught dropping below replicas − maxUnavailable', () => {
    const rolling = constants(false).map((c) => ({ ...c, strategy: 'RollingUpdate' as const, controller: 'broken-ignores-max-unavailable' as const }));
    const found = fc.check(
      fc.property(rolling, choices, (c, steps) => {
        return walk(c, steps, ['min-available']).violated === undefined;
      }),
      { numRuns: 150, seed: 5053 },
    );
    expect(found.failed).toBe(true);
  });
});
