// State, actions and constants of the leader-election transition system (src/leader/system.ts).
import type { CandidateContext } from '../../machines/leader-election.ts';
import type { MState } from '../system/statechart.ts';
import type { Store } from '../system/store.ts';

export interface LeaderElectionConstants {
  /** Candidates c1..cN, all for the same Lease. */
  candidates: number;
  leaseDuration: number;
  renewDeadline: number;
  retryPeriod: number;
  /** Seconds per clock step; the models use retryPeriod, so every retry falls on a tick. */
  tick: number;
  /** Crashes, pauses and partitions in one run. */
  maxFaults: number;
}

/** client-go's defaults for the core components (leaseDuration 15 s, renewDeadline 10 s, retryPeriod 2 s). */
export const defaultLeaderElectionConstants: LeaderElectionConstants = {
  candidates: 2,
  leaseDuration: 15,
  renewDeadline: 10,
  retryPeriod: 2,
  tick: 2,
  maxFaults: 2,
};

export interface CandidateInstance {
  machine: MState<CandidateContext>;
  /** A paused process runs no code while its clock goes on. */
  process: 'running' | 'paused';
  /** Cut off from the API server: reads and writes fail. */
  partitioned: boolean;
  /** A retry is due this retry period (set by every tick, cleared by a read). */
  due: boolean;
}

export interface LeaderState {
  /** Model seconds, shifted down past the horizon (src/leader/lease.ts). */
  now: number;
  faults: number;
  store: Store;
  candidates: readonly CandidateInstance[];
}

export type LeaderStep = 'read' | 'write' | 'act' | 'tick' | 'crash' | 'restart' | 'pause' | 'resume' | 'partition' | 'heal';

export interface LeaderAction {
  step: LeaderStep;
  /** The candidate's identity; null for a tick. */
  candidate: string | null;
  actor: 'candidate' | 'apiserver' | 'leader' | 'timer' | 'env';
  fault: boolean;
  /** What happened, for traces: "absent", "held by c1", "created", "409 Conflict", … */
  outcome?: string;
}
