// Invariants of leader election (N candidates of machines/leader-election.ts and one Lease in the API store),
// over the view src/leader/view.ts builds. The key property is LEAD-01: never two candidates that believe they
// lead AND act at once. It holds because a leader stops acting retryPeriod + renewDeadline (12 s) after its
// last renewal while a standby can take over only leaseDuration (15 s) after it last saw the record change;
// the broken variants in properties/models/leader-election/ break that margin and must fail.
import type { StateProperty, StepProperty } from './types.ts';

export interface CandidateFacts {
  identity: string;
  /** Machine state path: "Standby", "Acquiring", "Leader.Holding", "Leader.Renewing", "Stopped". */
  state: string;
  process: 'running' | 'paused';
  partitioned: boolean;
  /** Running, in Leader, and its own clock lets it act (the machine accepts ACT). */
  acts: boolean;
  observedAge: number;
  renewAge: number;
}

export interface LeaseFacts {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: number;
  renewTime: number;
  leaseTransitions: number;
}

export interface LeaderElectionView {
  now: number;
  faults: number;
  leaseDuration: number;
  /** Ages stop here (src/leader/system.ts). */
  cap: number;
  lease: LeaseFacts | null;
  candidates: CandidateFacts[];
}

const STATES = ['Standby', 'Acquiring', 'Leader.Holding', 'Leader.Renewing', 'Stopped'];
const inRange = (n: number, max: number): boolean => Number.isInteger(n) && n >= 0 && n <= max;

export const leaderElectionInvariants: StateProperty<LeaderElectionView>[] = [
  {
    id: 'leader-election-type',
    description: 'type correctness: every candidate is in a state of the machine with clocks in [0, cap]; the Lease, once created, names a leaseDuration of the configuration, renewTime ≥ acquireTime and leaseTransitions ≥ 0',
    behaviours: ['LEAD-02'],
    holds: (v) =>
      v.candidates.every((c) => STATES.includes(c.state) && inRange(c.observedAge, v.cap) && inRange(c.renewAge, v.cap)) &&
      (v.lease === null ||
        (v.lease.leaseDurationSeconds === v.leaseDuration && v.lease.renewTime >= v.lease.acquireTime && v.lease.renewTime <= v.now && v.lease.leaseTransitions >= 0)),
  },
  {
    id: 'one-acting-leader',
    description: 'at most one candidate believes it leads and acts at once',
    behaviours: ['LEAD-01', 'LEAD-04'],
    logic: {
      '<=': [{ reduce: [{ var: 'candidates' }, { '+': [{ var: 'accumulator' }, { if: [{ var: 'current.acts' }, 1, 0] }] }, 0] }, 1],
    },
  },
  {
    id: 'acting-leader-holds-lease',
    description: 'a candidate that acts is the Lease holder, and the Lease has not expired by the record (now < renewTime + leaseDurationSeconds)',
    behaviours: ['LEAD-03', 'LEAD-04'],
    holds: (v) =>
      v.candidates.every(
        (c) => !c.acts || (v.lease !== null && v.lease.holderIdentity === c.identity && v.now < v.lease.renewTime + v.lease.leaseDurationSeconds),
      ),
  },
];

export const leaderElectionStepInvariants: StepProperty<LeaderElectionView>[] = [
  {
    id: 'lease-transitions-count-holder-changes',
    description: 'leaseTransitions starts at 0, grows by exactly 1 whenever the holder changes and never on a renewal',
    behaviours: ['LEAD-03'],
    holds: (before, after) => {
      if (after.lease === null) return before.lease === null;
      if (before.lease === null) return after.lease.leaseTransitions === 0;
      const changed = after.lease.holderIdentity !== before.lease.holderIdentity;
      return after.lease.leaseTransitions === before.lease.leaseTransitions + (changed ? 1 : 0);
    },
  },
  {
    id: 'takeover-only-after-expiry',
    description: 'a candidate takes the Lease from another holder only once the record expired (now ≥ renewTime + leaseDurationSeconds)',
    behaviours: ['LEAD-03'],
    holds: (before, after) =>
      before.lease === null ||
      after.lease === null ||
      before.lease.holderIdentity === '' ||
      after.lease.holderIdentity === before.lease.holderIdentity ||
      before.now >= before.lease.renewTime + before.lease.leaseDurationSeconds,
  },
];
