// Leader election: one candidate (a kube-scheduler or kube-controller-manager process) competing for a Lease.
// Follows client-go tools/leaderelection (leaderelection.go: acquire, renew, tryAcquireOrRenew;
// resourcelock/leaselock.go) as of Kubernetes 1.3x, with the defaults of the core components: leaseDuration 15 s,
// renewDeadline 10 s, retryPeriod 2 s.
// - A candidate reads the Lease; it writes only if the Lease is absent, names no holder, names itself, or has
//   not changed for a whole leaseDuration by the candidate's own clock (observedTime, never the record's
//   renewTime). The write carries the resourceVersion it read, so of two contenders exactly one wins (LEAD-03).
// - A leader renews every retryPeriod; a renew round that has not succeeded renewDeadline after it began gives
//   up leadership (the core components then exit). Rounds start retryPeriod after the last success (wait.Until
//   is sliding), so a leader stops at the latest retryPeriod + renewDeadline after its last renewal (LEAD-04).
// Leaves out: the optimistic fast path of a renewing leader (same outcome: an update with the cached
//   resourceVersion), jitter (the system lets standbys skip retries instead), ReleaseOnCancel, coordinated
//   leader election, API latency (a read or write takes effect at one instant).
// Covers LEAD-01, LEAD-02, LEAD-03, LEAD-04, API-03.
// The config is pure data: guards and actions are names that the interpreter binds to rules (see `bindings`).
import type { MachineModule } from './index.ts';

export interface CandidateContext {
  /** Lock identity (holderIdentity when this candidate leads), e.g. "master2_<uuid>" (LEAD-02). */
  identity: string;
  leaseDuration: number;
  renewDeadline: number;
  retryPeriod: number;
  /** observedRecord.holderIdentity: "" when no holder was seen. */
  observedHolder: string;
  observedTransitions: number;
  /** resourceVersion of the Lease last read or written (leaselock.go keeps the object); null before the first read. */
  observedRv: string | null;
  /** Seconds since observedTime (the candidate's clock when the record last changed), capped by the system. */
  observedAge: number;
  /** Seconds since the last successful acquire or renew, by the candidate's clock. */
  renewAge: number;
  /** Whether the last read found the Lease: a candidate creates it when absent, else updates it. */
  leaseExists: boolean;
}

export type CandidateInput = Pick<CandidateContext, 'identity' | 'leaseDuration' | 'renewDeadline' | 'retryPeriod'>;

export type CandidateEvent =
  | { type: 'LEASE_READ'; exists: boolean; holderIdentity: string; leaseTransitions: number; resourceVersion: string }
  | { type: 'WRITE_SUCCEEDED'; holderIdentity: string; leaseTransitions: number; resourceVersion: string }
  | { type: 'WRITE_REJECTED' }
  | { type: 'TICK'; seconds: number; cap: number }
  | { type: 'ACT' }
  | { type: 'CRASH' }
  | { type: 'RESTART' };

/** Guard and action names → rule ids under rules/. */
export const bindings = {
  guards: {
    mayTakeLease: 'leader-election/may-take-lease',
    renewDeadlinePassed: 'leader-election/renew-deadline-passed',
    mayAct: 'leader-election/may-act',
  },
  actions: {
    observe: 'leader-election/observe',
    recordWrite: 'leader-election/record-write',
    advanceClock: 'leader-election/advance-clock',
    forget: 'leader-election/forget',
  },
} as const;

const read = (decided: string, undecided: string) => [
  { target: decided, guard: 'mayTakeLease', actions: 'observe' },
  { target: undecided, actions: 'observe' },
];

export const leaderElectionMachineConfig = {
  id: 'leader-election',
  initial: 'Standby',
  states: {
    // Waiting for the next retry; the Lease is held by someone else, or was never read.
    Standby: {
      on: {
        LEASE_READ: read('Acquiring', 'Standby'),
        TICK: { actions: 'advanceClock' },
      },
    },
    // Decided to create or take over the Lease; the write with the resourceVersion read is in flight.
    Acquiring: {
      on: {
        WRITE_SUCCEEDED: { target: 'Leader', actions: 'recordWrite' },
        WRITE_REJECTED: { target: 'Standby' },
        TICK: { actions: 'advanceClock' },
      },
    },
    Leader: {
      initial: 'Holding',
      states: {
        Holding: { on: { LEASE_READ: read('Renewing', 'Holding') } },
        Renewing: {
          on: {
            WRITE_SUCCEEDED: { target: 'Holding', actions: 'recordWrite' },
            WRITE_REJECTED: { target: 'Holding' },
          },
        },
      },
      on: {
        // The renew round's context times out: OnStoppedLeading runs and the component exits (LEAD-04).
        TICK: [
          { target: '#leader-election.Stopped', guard: 'renewDeadlinePassed', actions: 'advanceClock' },
          { actions: 'advanceClock' },
        ],
        // The component's own work (scheduling, reconciling) runs only within the renew deadline (LEAD-01).
        ACT: { guard: 'mayAct' },
      },
    },
    // The process exited: it lost the Lease, or crashed. A restarted process starts with nothing observed.
    Stopped: { on: { RESTART: { target: 'Standby', actions: 'forget' } } },
  },
  on: { CRASH: { target: '.Stopped' } },
} as const;

export function candidateContext(input: CandidateInput): CandidateContext {
  return { ...input, observedHolder: '', observedTransitions: 0, observedRv: null, observedAge: 0, renewAge: 0, leaseExists: false };
}

/** Every event with the payload variants that matter: the Lease absent, free, held by another, held by self. */
export const leaderElectionEvents: CandidateEvent[] = [
  { type: 'LEASE_READ', exists: false, holderIdentity: '', leaseTransitions: 0, resourceVersion: '' },
  { type: 'LEASE_READ', exists: true, holderIdentity: '', leaseTransitions: 1, resourceVersion: '7' },
  { type: 'LEASE_READ', exists: true, holderIdentity: 'other', leaseTransitions: 0, resourceVersion: '8' },
  { type: 'LEASE_READ', exists: true, holderIdentity: 'c1', leaseTransitions: 2, resourceVersion: '9' },
  { type: 'WRITE_SUCCEEDED', holderIdentity: 'c1', leaseTransitions: 1, resourceVersion: '10' },
  { type: 'WRITE_REJECTED' },
  { type: 'TICK', seconds: 2, cap: 16 },
  { type: 'TICK', seconds: 8, cap: 16 },
  { type: 'ACT' },
  { type: 'CRASH' },
  { type: 'RESTART' },
];

/**
 * Who sends each event and when it may happen: `when` names a rule over the candidate's view in the running
 * system (src/leader/view.ts). The system turns a read into LEASE_READ with the stored Lease, and a write into
 * WRITE_SUCCEEDED or, on 409 Conflict / AlreadyExists or a partition, WRITE_REJECTED.
 */
export const leaderElectionOffers = [
  { event: { type: 'LEASE_READ' }, actor: 'candidate', when: 'leader-election/may-try' },
  { event: { type: 'WRITE_SUCCEEDED' }, actor: 'apiserver', when: 'leader-election/may-write' },
  { event: { type: 'WRITE_REJECTED' }, actor: 'apiserver', when: 'leader-election/may-write' },
  { event: { type: 'TICK' }, actor: 'timer', unless: 'leader-election/blocks-tick' },
  { event: { type: 'ACT' }, actor: 'leader', when: 'leader-election/process-running' },
  { event: { type: 'CRASH' }, actor: 'env', fault: true, when: 'leader-election/may-crash' },
  { event: { type: 'RESTART' }, actor: 'env', when: 'leader-election/may-restart' },
] as const;

/** Environment changes outside the machine: the process freezes (GC pause, SIGSTOP) or loses the API server. */
export const leaderElectionEnvironment = [
  { change: 'pause', actor: 'env', fault: true, when: 'leader-election/may-pause' },
  { change: 'resume', actor: 'env', when: 'leader-election/may-resume' },
  { change: 'partition', actor: 'env', fault: true, when: 'leader-election/may-partition' },
  { change: 'heal', actor: 'env', when: 'leader-election/may-heal' },
] as const;

/** For the registry in machines/index.ts. */
export const leaderElectionModule: MachineModule = {
  id: 'leader-election',
  title: 'Leader election: standby, acquiring, leading and renewing a Lease, stepping down at the renew deadline',
  behaviours: ['LEAD-01', 'LEAD-02', 'LEAD-03', 'LEAD-04', 'API-03'],
  definition: { config: leaderElectionMachineConfig as never, bindings },
  events: leaderElectionEvents,
  sampleInput: candidateContext({ identity: 'c1', leaseDuration: 15, renewDeadline: 10, retryPeriod: 2 }),
  // The clocks decide the deadline and expiry guards; the observed holder decides renewal versus takeover.
  pathContext: (c: CandidateContext): unknown => ({ expired: c.observedAge >= c.leaseDuration, late: c.renewAge >= c.retryPeriod + c.renewDeadline, self: c.observedHolder === c.identity }),
};
