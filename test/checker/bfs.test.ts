// The checker on small hand-made systems whose answers are known: shortest counterexamples, deadlocks,
// convergence and graceful bounds.
import { describe, expect, it } from 'vitest';
import { check, type TransitionSystem } from '../../src/checker/bfs.ts';

type S = { x: number; y: number };
type A = { name: string; fault: boolean };

/** Two counters 0..3; `inc-x` and `inc-y` are work, `drop` is a fault that zeroes x; (3,3) is the goal. */
function counters(opts: { dropAllowed?: boolean; stuckAt?: S } = {}): TransitionSystem<S, A> {
  return {
    initial: [{ x: 0, y: 0 }],
    successors: (s) => {
      if (opts.stuckAt && s.x === opts.stuckAt.x && s.y === opts.stuckAt.y) return [];
      const out: { action: A; next: S }[] = [];
      if (s.x < 3) out.push({ action: { name: 'inc-x', fault: false }, next: { x: s.x + 1, y: s.y } });
      if (s.y < 3) out.push({ action: { name: 'inc-y', fault: false }, next: { x: s.x, y: s.y + 1 } });
      if (opts.dropAllowed && s.x > 0) out.push({ action: { name: 'drop', fault: true }, next: { x: 0, y: s.y } });
      return out;
    },
    key: (s) => `${s.x},${s.y}`,
    isFault: (a) => a.fault,
    isStable: (_s, succ) => !succ.some((x) => !x.action.fault),
    isTerminal: (s) => s.x === 3 && s.y === 3,
  };
}

describe('breadth-first model checking', () => {
  it('API-03: explores every reachable state exactly once (4×4 grid = 16 states, depth 6)', () => {
    const r = check(counters(), { invariants: [] });
    expect(r).toMatchObject({ states: 16, depth: 6, complete: true, violations: [] });
    expect(r.edges).toBe(24);
  });

  it('POD-05: reports the shortest counterexample to an invariant (x + y < 3 fails after 3 steps)', () => {
    const r = check(counters(), { invariants: [{ id: 'small', description: 'x + y < 3', holds: (s) => s.x + s.y < 3 }] });
    expect(r.violations).toHaveLength(1);
    const v = r.violations[0]!;
    expect(v.id).toBe('small');
    expect(v.trace.steps).toHaveLength(3);
    const last = v.trace.steps[2]!.state;
    expect(last.x + last.y).toBe(3);
  });

  it('POD-05: checks step invariants on every edge and shows the offending step last', () => {
    const r = check(counters({ dropAllowed: true }), {
      invariants: [],
      stepInvariants: [{ id: 'x-never-decreases', description: 'x never goes down', holds: (a, _act, b) => b.x >= a.x }],
    });
    expect(r.violations[0]?.id).toBe('x-never-decreases');
    expect(r.violations[0]?.trace.steps.map((s) => s.action.name)).toEqual(['inc-x', 'drop']);
  });

  it('POD-15: finds a deadlock (no action in a state that is not a legitimate end)', () => {
    const r = check(counters({ stuckAt: { x: 1, y: 0 } }), { invariants: [] });
    expect(r.violations[0]).toMatchObject({ kind: 'deadlock' });
    expect(r.violations[0]?.trace.steps).toHaveLength(1);
  });

  it('CTRL-01: convergence holds when fault-free work always reaches the goal', () => {
    const r = check(counters({ dropAllowed: true }), { invariants: [] });
    expect(r.complete).toBe(true);
    expect(r.violations).toEqual([]);
    expect(r.stableStates).toBe(1);
  });

  it('CTRL-01: convergence fails where only a fault leads on', () => {
    const sys = counters();
    const broken: TransitionSystem<S, A> = {
      ...sys,
      // From (2,2) on, the only way forward is a "fault": no fault-free path reaches the stable goal.
      isFault: (a) => a.fault || a.name === 'inc-x',
      isTerminal: () => true,
    };
    const r = check(broken, { invariants: [] });
    expect(r.violations[0]).toMatchObject({ kind: 'no-convergence' });
  });

  it('POD-05: stops gracefully at a state bound with partial results', () => {
    const r = check(counters(), { invariants: [], bounds: { maxStates: 5 } });
    expect(r).toMatchObject({ states: 5, complete: false, stoppedBy: 'maxStates' });
  });

  it('POD-05: stops gracefully at a depth bound', () => {
    const r = check(counters(), { invariants: [], bounds: { maxDepth: 2 } });
    expect(r.complete).toBe(false);
    expect(r.stoppedBy).toBe('maxDepth');
    expect(r.depth).toBe(2);
  });
});
