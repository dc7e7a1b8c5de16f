// N leader-election candidates (machines/leader-election.ts, compiled) and one Lease in the API store, as a
// transition system for the checker (src/checker/bfs.ts). Each step is one of:
// - a candidate reads the Lease (its retry), or sends the write it decided on: create, or update with the
//   resourceVersion it read, which the store rejects with 409 Conflict if anyone wrote since (API-03);
// - a leader acts (a self-loop: acting changes nothing the model tracks, the invariants ask who may act);
// - the clock advances one tick on every candidate; it waits while a running candidate has a write in flight
//   or a reachable leader owes its renewal, so only faults make a leader miss a renewal;
// - the environment crashes, pauses or partitions a process (faults, bounded by maxFaults) and restarts,
//   resumes or reconnects it.
// Finite: clocks are ages capped at `cap`, instants are shifted below a horizon and resourceVersions are
// canonical (src/leader/lease.ts); leaseTransitions grows only when a fault lets the Lease expire, so at
// most maxFaults + 1 times.
import { leaderElectionModule, type CandidateContext, type CandidateEvent } from '../../machines/leader-election.ts';
import { getRule } from '../rules/registry.ts';
import { toCompiled, truthy } from '../system/bind.ts';
import type { CompiledStatechart, EventLike, MState } from '../system/statechart.ts';
import { canonicalStore, readLease, writeLease, type LeaseSpec } from './lease.ts';
import type { CandidateInstance, LeaderAction, LeaderElectionConstants, LeaderState } from './types.ts';
import { acts, candidateView, type CandidateView } from './view.ts';
import { emptyStore } from '../system/store.ts';

type Successor = { action: LeaderAction; next: LeaderState };

const when = (id: string): ((v: CandidateView) => boolean) => {
  const rule = getRule(`leader-election/${id}`);
  return (v) => truthy(rule.evaluate(v));
};

export class LeaderElectionSystem {
  /** Ages stop here: every threshold (leaseDuration, retryPeriod + renewDeadline) is at or below it. */
  readonly cap: number;
  /** Instants further back than this are never compared. */
  readonly horizon: number;
  private readonly rules = {
    mayTry: when('may-try'),
    mayWrite: when('may-write'),
    blocksTick: when('blocks-tick'),
    running: when('process-running'),
    mayCrash: when('may-crash'),
    mayRestart: when('may-restart'),
    mayPause: when('may-pause'),
    mayResume: when('may-resume'),
    mayPartition: when('may-partition'),
    mayHeal: when('may-heal'),
  };
  private readonly nextRecord = getRule('leader-election/next-record');

  constructor(
    readonly constants: LeaderElectionConstants,
    readonly machine: CompiledStatechart<CandidateContext> = toCompiled<CandidateContext>(leaderElectionModule.definition),
  ) {
    this.cap = Math.max(constants.leaseDuration, constants.retryPeriod + constants.renewDeadline);
    this.horizon = this.cap + constants.tick;
  }

  /**
   * No Lease yet; every candidate a standby whose first retry is due (JitterUntil runs immediately). The clock
   * starts at the horizon, so `now` never varies: every instant is read relative to it.
   */
  initial(): LeaderState {
    const { candidates, leaseDuration, renewDeadline, retryPeriod } = this.constants;
    return {
      now: this.horizon,
      faults: 0,
      store: emptyStore,
      candidates: Array.from({ length: candidates }, (_, i) => ({
        machine: this.machine.initial({
          identity: `c${i + 1}`,
          leaseDuration,
          renewDeadline,
          retryPeriod,
          observedHolder: '',
          observedTransitions: 0,
          observedRv: null,
          observedAge: 0,
          renewAge: 0,
          leaseExists: false,
        }),
        process: 'running' as const,
        partitioned: false,
        due: true,
      })),
    };
  }

  successors(s: LeaderState): Successor[] {
    const out: Successor[] = [];
    const views = s.candidates.map((c) => candidateView(this.machine, c));
    const faultLeft = s.faults < this.constants.maxFaults;
    s.candidates.forEach((c, i) => {
      const v = views[i]!;
      const id = c.machine.context.identity;
      const put = (action: LeaderAction, changed: Partial<CandidateInstance>, over: Partial<LeaderState> = {}): void => {
        const candidates = s.candidates.map((x, j) => (j === i ? { ...x, ...changed } : x));
        out.push({ action, next: this.canonical({ ...s, ...over, candidates, faults: s.faults + (action.fault ? 1 : 0) }) });
      };
      const send = (event: CandidateEvent): MState<CandidateContext> => this.machine.transition(c.machine, event as EventLike) ?? c.machine;
      if (this.rules.mayTry(v)) {
        const lease = readLease(s.store);
        const event: CandidateEvent = {
          type: 'LEASE_READ',
          exists: lease !== undefined,
          holderIdentity: lease?.spec.holderIdentity ?? '',
          leaseTransitions: lease?.spec.leaseTransitions ?? 0,
          resourceVersion: lease?.metadata.resourceVersion ?? '',
        };
        const outcome = lease === undefined ? 'absent' : lease.spec.holderIdentity === '' ? 'free' : `held by ${lease.spec.holderIdentity}`;
        put({ step: 'read', candidate: id, actor: 'candidate', fault: false, outcome }, { machine: send(event), due: false });
      }
      if (this.rules.mayWrite(v)) {
        const w = this.write(s, c.machine.context);
        const action: LeaderAction = { step: 'write', candidate: id, actor: 'apiserver', fault: false, outcome: w.outcome };
        put(action, { machine: send(w.event) }, w.store ? { store: w.store } : {});
      }
      if (acts(this.machine, c)) out.push({ action: { step: 'act', candidate: id, actor: 'leader', fault: false }, next: s });
      if (faultLeft && this.rules.mayCrash(v)) put({ step: 'crash', candidate: id, actor: 'env', fault: true }, { machine: send({ type: 'CRASH' }), due: false });
      if (this.rules.mayRestart(v)) put({ step: 'restart', candidate: id, actor: 'env', fault: false }, { machine: send({ type: 'RESTART' }), process: 'running', due: true });
      if (faultLeft && this.rules.mayPause(v)) put({ step: 'pause', candidate: id, actor: 'env', fault: true }, { process: 'paused' });
      if (this.rules.mayResume(v)) put({ step: 'resume', candidate: id, actor: 'env', fault: false }, { process: 'running' });
      if (faultLeft && this.rules.mayPartition(v)) put({ step: 'partition', candidate: id, actor: 'env', fault: true }, { partitioned: true });
      if (this.rules.mayHeal(v)) put({ step: 'heal', candidate: id, actor: 'env', fault: false }, { partitioned: false });
    });
    if (!views.some((v) => this.rules.blocksTick(v))) {
      const tick: CandidateEvent = { type: 'TICK', seconds: this.constants.tick, cap: this.cap };
      const candidates = s.candidates.map((c) => ({ ...c, machine: this.machine.transition(c.machine, tick as EventLike) ?? c.machine, due: true }));
      out.push({ action: { step: 'tick', candidate: null, actor: 'timer', fault: false }, next: this.canonical({ ...s, now: s.now + this.constants.tick, candidates }) });
    }
    return out;
  }

  /** The write a candidate decided on, as the API server answers it. */
  private write(s: LeaderState, ctx: CandidateContext): { event: CandidateEvent; store?: LeaderState['store']; outcome: string } {
    const c = s.candidates.find((x) => x.machine.context.identity === ctx.identity)!;
    if (c.partitioned) return { event: { type: 'WRITE_REJECTED' }, outcome: 'API server unreachable' };
    const current = readLease(s.store);
    const pairs = this.nextRecord.evaluate({ context: ctx, current: current ? current.spec : null, now: s.now }) as [string, unknown][];
    const spec = Object.fromEntries(pairs) as unknown as LeaseSpec;
    const readVersion = ctx.leaseExists ? ctx.observedRv : null;
    const result = writeLease(s.store, spec, readVersion);
    if (!result.ok) {
      const reason = result.code === 404 ? 'NotFound' : readVersion === null ? 'AlreadyExists' : 'Conflict';
      return { event: { type: 'WRITE_REJECTED' }, outcome: `${result.code} ${reason}: ${result.message}` };
    }
    const verb = !ctx.leaseExists ? 'created' : spec.holderIdentity === current?.spec.holderIdentity ? 'renewed' : 'taken over';
    return {
      event: { type: 'WRITE_SUCCEEDED', holderIdentity: spec.holderIdentity, leaseTransitions: spec.leaseTransitions, resourceVersion: result.object.metadata.resourceVersion ?? '' },
      store: result.store,
      outcome: `${verb} (leaseTransitions ${spec.leaseTransitions})`,
    };
  }

  /** resourceVersions and instants in canonical form (src/leader/lease.ts). */
  private canonical(s: LeaderState): LeaderState {
    const shift = Math.max(s.now - this.horizon, 0);
    const { store, version } = canonicalStore(s.store, shift);
    const candidates = s.candidates.map((c) => {
      const rv = version(c.machine.context.observedRv);
      return rv === c.machine.context.observedRv ? c : { ...c, machine: { ...c.machine, context: { ...c.machine.context, observedRv: rv } } };
    });
    return { ...s, now: s.now - shift, store, candidates };
  }

  key(s: LeaderState): string {
    const lease = readLease(s.store);
    // acquireTime is only ever copied forward, never read by a decision or an invariant across states.
    const parts: unknown[] = [s.now, s.faults, lease ? [lease.spec.holderIdentity, lease.spec.renewTime, lease.spec.leaseTransitions] : null];
    for (const c of s.candidates) {
      const x = c.machine.context;
      parts.push(c.machine.config, x.observedHolder, x.observedTransitions, x.observedRv, x.observedAge, x.renewAge, x.leaseExists, c.process, c.partitioned, c.due);
    }
    return JSON.stringify(parts);
  }

  /** One running, reachable leader recorded as holder; every other candidate a running, reachable standby. */
  isStable(s: LeaderState): boolean {
    const lease = readLease(s.store);
    let leaders = 0;
    for (const c of s.candidates) {
      if (c.process !== 'running' || c.partitioned) return false;
      const path = this.machine.leafPath(c.machine);
      if (path.startsWith('Leader')) {
        if (lease?.spec.holderIdentity !== c.machine.context.identity) return false;
        leaders++;
      } else if (path !== 'Standby') return false;
    }
    return leaders === 1;
  }
}
