// The leader-election machine and system step by step: the compiled statechart equals XState's, two
// contenders for an expired Lease race and exactly one wins, renewals keep leaseTransitions, and a random
// walk through the composed system never breaks an invariant.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { leaderElectionModule } from '../../machines/leader-election.ts';
import { toCompiled, toXStateMachine } from '../../src/system/bind.ts';
import type { EventLike, MState } from '../../src/system/statechart.ts';
import { LeaderElectionSystem } from '../../src/leader/system.ts';
import { defaultLeaderElectionConstants, type LeaderAction, type LeaderState } from '../../src/leader/types.ts';
import { readLease } from '../../src/leader/lease.ts';
import { loadLeaderModel } from '../../src/leader/check.ts';


const events = leaderElectionModule.events as EventLike[];

describe('the candidate machine', () => {
  it('LEAD-04: the compiled statechart agrees with XState transition() on random event runs', () => {
    const machine = toXStateMachine(leaderElectionModule.definition);
    const compiled = toCompiled(leaderElectionModule.definition);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 40 }), (run) => {
        let [snap] = initialTransition(machine, leaderElectionModule.sampleInput) as [AnyMachineSnapshot, unknown];
        let mine: MState = compiled.initial(leaderElectionModule.sampleInput);
        for (const event of run) {
          snap = (transition(machine, snap, event as never) as [AnyMachineSnapshot, unknown])[0];
          mine = compiled.transition(mine, event) ?? mine;
          expect({ value: mine.value, context: mine.context }).toEqual({ value: snap.value, context: snap.context });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('LEAD-02: the config is pure data that survives JSON', () => {
    const config = leaderElectionModule.definition.config;
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});

const system = new LeaderElectionSystem(defaultLeaderElectionConstants);
const by = (s: LeaderState, step: LeaderAction['step'], candidate: string | null): LeaderState => {
  const hit = system.successors(s).find((x) => x.action.step === step && x.action.candidate === candidate);
  if (!hit) throw new Error(`no ${step} for ${candidate}`);
  return hit.next;
};
const stateOf = (s: LeaderState, i: number): string => system.machine.leafPath(s.candidates[i]!.machine);
const ticks = (s: LeaderState, n: number): LeaderState => Array.from({ length: n }).reduce<LeaderState>((x) => by(x, 'tick', null), s);

describe('the composed system', () => {
  it('LEAD-03, API-03: both candidates see no Lease, both decide to create it, exactly one wins', () => {
    let s = by(by(system.initial(), 'read', 'c1'), 'read', 'c2');
    expect([stateOf(s, 0), stateOf(s, 1)]).toEqual(['Acquiring', 'Acquiring']);
    s = by(s, 'write', 'c2');
    const lost = system.successors(s).find((x) => x.action.step === 'write' && x.action.candidate === 'c1')!;
    expect(lost.action.outcome).toBe('409 AlreadyExists: leases "kube-scheduler" already exists');
    expect([stateOf(lost.next, 0), stateOf(lost.next, 1)]).toEqual(['Standby', 'Leader.Holding']);
    expect(readLease(lost.next.store)?.spec).toMatchObject({ holderIdentity: 'c2', leaseTransitions: 0, leaseDurationSeconds: 15 });
  });

  it('LEAD-03, API-03: after expiry two standbys race for the Lease; the stale update gets 409 Conflict', () => {
    const three = new LeaderElectionSystem({ ...defaultLeaderElectionConstants, candidates: 3 });
    const go = (s: LeaderState, step: LeaderAction['step'], c: string | null) => three.successors(s).find((x) => x.action.step === step && x.action.candidate === c)!;
    let s = go(go(three.initial(), 'read', 'c1').next, 'write', 'c1').next;
    s = go(go(go(s, 'partition', 'c1').next, 'read', 'c2').next, 'read', 'c3').next;
    for (let i = 0; i < 8; i++) s = go(s, 'tick', null).next;
    s = go(go(s, 'read', 'c2').next, 'read', 'c3').next;
    expect(three.machine.leafPath(s.candidates[0]!.machine)).toBe('Stopped');
    s = go(s, 'write', 'c3').next;
    const conflict = go(s, 'write', 'c2');
    expect(conflict.action.outcome).toMatch(/^409 Conflict: Operation cannot be fulfilled on leases "kube-scheduler": the object has been modified/);
    expect(readLease(conflict.next.store)?.spec).toMatchObject({ holderIdentity: 'c3', leaseTransitions: 1 });
  });

  it('LEAD-04: a leader renews every retryPeriod; renewals keep acquireTime and leaseTransitions', () => {
    let s = by(by(system.initial(), 'read', 'c1'), 'write', 'c1');
    const first = readLease(s.store)!.spec;
    s = by(by(by(s, 'tick', null), 'read', 'c1'), 'write', 'c1');
    const renewed = readLease(s.store)!.spec;
    // Instants are relative to `now`, which stays put: one tick later the acquisition lies 2 s further back.
    expect(renewed).toMatchObject({ holderIdentity: 'c1', leaseTransitions: 0, acquireTime: first.acquireTime - 2 });
    expect(renewed.renewTime).toBe(s.now);
  });

  it('LEAD-04: time waits for a reachable leader that owes its renewal', () => {
    const s = by(by(by(system.initial(), 'read', 'c1'), 'write', 'c1'), 'tick', null);
    expect(system.successors(s).some((x) => x.action.step === 'tick')).toBe(false);
  });

  it('LEAD-04: a partitioned leader steps down 12 s after its last renewal, 3 s before a standby may take over', () => {
    let s = by(by(by(system.initial(), 'read', 'c1'), 'write', 'c1'), 'partition', 'c1');
    s = ticks(s, 5);
    expect(stateOf(s, 0)).toBe('Leader.Holding');
    s = ticks(s, 1);
    expect(stateOf(s, 0)).toBe('Stopped');
  });

  it('LEAD-01: a random walk through the composed system never breaks an invariant (seed 7)', () => {
    const model = loadLeaderModel({ id: 'walk', description: '', constants: { maxFaults: 3 }, expect: {} });
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 80 }), (choices) => {
        let s = model.ts.initial[0]!;
        for (const pick of choices) {
          const succ = model.ts.successors(s);
          const edge = succ[pick % succ.length]!;
          for (const inv of model.stepInvariants) expect(inv.holds(s, edge.action, edge.next), inv.id).toBe(true);
          s = edge.next;
          for (const inv of model.invariants) expect(inv.holds(s), inv.id).toBe(true);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
