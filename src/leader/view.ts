// What rules and invariants see of a leader-election state: each candidate's view for the offer rules, and
// the model view for properties/leader-election.ts. The only place TypeScript decides what they read.
import type { CandidateContext } from '../../machines/leader-election.ts';
import type { CandidateFacts, LeaderElectionView } from '../../properties/leader-election.ts';
import type { CompiledStatechart } from '../system/statechart.ts';
import { readLease } from './lease.ts';
import type { CandidateInstance, LeaderState } from './types.ts';

export interface CandidateView {
  state: string;
  process: 'running' | 'paused';
  partitioned: boolean;
  due: boolean;
  renewAge: number;
  retryPeriod: number;
}

export function candidateView(machine: CompiledStatechart<CandidateContext>, c: CandidateInstance): CandidateView {
  return {
    state: machine.leafPath(c.machine),
    process: c.process,
    partitioned: c.partitioned,
    due: c.due,
    renewAge: c.machine.context.renewAge,
    retryPeriod: c.machine.context.retryPeriod,
  };
}

/** Acting needs a running process whose machine accepts ACT: in Leader and within its renew deadline. */
export function acts(machine: CompiledStatechart<CandidateContext>, c: CandidateInstance): boolean {
  return c.process === 'running' && machine.transition(c.machine, { type: 'ACT' }) !== undefined;
}

export function leaderElectionView(machine: CompiledStatechart<CandidateContext>, s: LeaderState, cap: number, leaseDuration: number): LeaderElectionView {
  const lease = readLease(s.store);
  const candidates: CandidateFacts[] = s.candidates.map((c) => ({
    identity: c.machine.context.identity,
    state: machine.leafPath(c.machine),
    process: c.process,
    partitioned: c.partitioned,
    acts: acts(machine, c),
    observedAge: c.machine.context.observedAge,
    renewAge: c.machine.context.renewAge,
  }));
  return { now: s.now, faults: s.faults, leaseDuration, cap, lease: lease ? { ...lease.spec } : null, candidates };
}
