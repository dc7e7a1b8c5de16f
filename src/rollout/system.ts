// A rollout as a transition system at the level of replica counts: the Deployment controller's round
// (controller.ts, the real arithmetic of src/deployment), the ReplicaSet controller creating and deleting Pods
// to match spec.replicas (unavailable Pods deleted first), Pods becoming available and, when modelled,
// terminating Pods going away; within a fault budget, available Pods crashing; and users acting once each at
// any point: kubectl scale (ROLL-07), rollout undo (ROLL-10), rollout pause/resume (ROLL-08). Small enough to
// check "can this rollout ever drop below N available Pods, and will it finish?" for real replica counts and
// surge settings; the full Pod lifecycle composition is the cluster system's job (src/system).
import type { Deployment } from '../k8s/types.ts';
import type { TransitionSystem } from '../checker/bfs.ts';
import { reconcile } from './controller.ts';
import {
  existingPodsOf, NEW, OLD, podsOf, podsTerminate, rolloutDeployment,
  type ReplicaCounts, type RolloutAction, type RolloutConstants, type RolloutState,
} from './state.ts';
import { replicasAnnotations } from '../deployment/fenceposts.ts';

export { OLD, NEW, rolloutDeployment } from './state.ts';
export type { RolloutConstants, RolloutState, RolloutAction, ReplicaCounts, RolloutStrategy, ControllerVariant } from './state.ts';

type Successor = { action: RolloutAction; next: RolloutState };

export class RolloutSystem implements TransitionSystem<RolloutState, RolloutAction> {
  readonly initial: RolloutState[];
  private readonly deployments = new Map<string, Deployment>();

  constructor(readonly constants: RolloutConstants) {
    // The template has just changed: the old ReplicaSet (revision 1, scaled by this Deployment to
    // spec.replicas) runs every replica, available; the new one is not created yet.
    const { desiredReplicas, maxReplicas } = replicasAnnotations(this.deployment(constants.replicas, false));
    const old: ReplicaCounts = { name: OLD, spec: constants.replicas, unavailable: 0, available: constants.replicas, terminating: 0, desired: desiredReplicas, max: maxReplicas, revision: 1 };
    this.initial = [{ rses: [old], faults: 0, replicas: constants.replicas, current: NEW, paused: 'never' }];
  }

  /** The Deployment for one spec.replicas / spec.paused combination, built once. */
  deployment(replicas: number, paused: boolean): Deployment {
    const k = `${replicas}${paused ? 'p' : ''}`;
    let d = this.deployments.get(k);
    if (!d) this.deployments.set(k, (d = rolloutDeployment(this.constants, replicas, paused)));
    return d;
  }

  successors(s: RolloutState): Successor[] {
    const out: Successor[] = [];
    const c = this.constants;
    const round = reconcile(s, this.deployment(s.replicas, s.paused === 'paused'), c.controller ?? 'real');
    if (round) out.push({ action: { actor: 'deployment-controller', step: 'reconcile', path: round.path, fault: false }, next: round.next });
    s.rses.forEach((rs, i) => {
      const put = (next: ReplicaCounts, faults = s.faults): RolloutState => ({ ...s, rses: s.rses.map((r, j) => (j === i ? next : r)), faults });
      const pods = podsOf(rs);
      if (pods < rs.spec) out.push({ action: { actor: 'replicaset-controller', step: 'create-pod', rs: rs.name, fault: false }, next: put({ ...rs, unavailable: rs.unavailable + 1 }) });
      if (pods > rs.spec) {
        // getPodsToDelete: not-ready Pods go before ready ones (ROLL-01 deletion order). A deleted Pod either
        // vanishes at once or, when termination is modelled, keeps running until pod-gone.
        const gone = podsTerminate(c) ? 1 : 0;
        const next = rs.unavailable > 0 ? { ...rs, unavailable: rs.unavailable - 1, terminating: rs.terminating + gone } : { ...rs, available: rs.available - 1, terminating: rs.terminating + gone };
        out.push({ action: { actor: 'replicaset-controller', step: 'delete-pod', rs: rs.name, fault: false }, next: put(next) });
      }
      // A Pod of the second template stays unavailable when its image never pulls.
      const pulls = rs.name !== NEW || c.newPodsBecomeAvailable !== false;
      if (rs.unavailable > 0 && pulls) out.push({ action: { actor: 'env', step: 'pod-available', rs: rs.name, fault: false }, next: put({ ...rs, unavailable: rs.unavailable - 1, available: rs.available + 1 }) });
      if (rs.available > 0 && s.faults < c.maxFaults) {
        out.push({ action: { actor: 'env', step: 'pod-crash', rs: rs.name, fault: true }, next: put({ ...rs, unavailable: rs.unavailable + 1, available: rs.available - 1 }, s.faults + 1) });
      }
      if (rs.terminating > 0) out.push({ action: { actor: 'env', step: 'pod-gone', rs: rs.name, fault: false }, next: put({ ...rs, terminating: rs.terminating - 1 }) });
    });
    // progressDeadlineSeconds pass without the new ReplicaSet finishing: the controller records
    // Progressing=False, ProgressDeadlineExceeded (and keeps trying; the rollout is not rolled back). A paused
    // Deployment is not timed (checkPausedConditions).
    if (c.progressDeadline && !s.timedOut && s.paused !== 'paused' && !this.finished(s) && s.rses.some((r) => r.name === s.current)) {
      out.push({ action: { actor: 'deployment-controller', step: 'progress-deadline', fault: false }, next: { ...s, timedOut: true } });
    }
    this.userSteps(s, out);
    return out;
  }

  private userSteps(s: RolloutState, out: Successor[]): void {
    const c = this.constants;
    if (c.scaleTo !== undefined && s.replicas === c.replicas && c.scaleTo !== c.replicas) {
      out.push({ action: { actor: 'user', step: 'scale', fault: false }, next: { ...s, replicas: c.scaleTo } });
    }
    // kubectl rollout undo: refused while paused; needs a previous revision, i.e. the second ReplicaSet must
    // exist ("no rollout history found" otherwise); copies that ReplicaSet's template into the Deployment.
    if (c.undo && s.current === NEW && s.paused !== 'paused' && s.rses.length > 1) {
      out.push({ action: { actor: 'user', step: 'undo', fault: false }, next: { ...s, current: OLD } });
    }
    if (c.pause && s.paused === 'never') out.push({ action: { actor: 'user', step: 'pause', fault: false }, next: { ...s, paused: 'paused' } });
    if (c.pause && s.paused === 'paused') out.push({ action: { actor: 'user', step: 'resume', fault: false }, next: { ...s, paused: 'resumed' } });
  }

  /** The ReplicaSet of the current template runs spec.replicas available Pods and no other Pod exists. */
  finished(s: RolloutState): boolean {
    return s.rses.some((r) => r.name === s.current) && s.rses.every((r) =>
      r.name === s.current ? r.spec === s.replicas && r.available === s.replicas && r.unavailable === 0 && r.terminating === 0 : r.spec === 0 && existingPodsOf(r) === 0);
  }

  key(s: RolloutState): string {
    const rses = s.rses.map((r) => `${r.spec}/${r.unavailable}/${r.available}/${r.terminating}/${r.desired}/${r.max}/${r.revision}`).join('|');
    return `${s.faults}${s.timedOut ? 't' : ''}|${s.replicas}|${s.current === OLD ? 'u' : ''}${s.paused[0]}|${rses}`;
  }

  /** Crashes are faults; so are user commands: convergence must not depend on a user acting. */
  isFault(a: RolloutAction): boolean {
    return a.fault || a.actor === 'user';
  }

  /** Settled: the controllers and Pods are idle; only a fault or a user could change anything. */
  isStable(_s: RolloutState, succ: { action: RolloutAction }[]): boolean {
    return succ.every((x) => this.isFault(x.action));
  }

  isTerminal(): boolean {
    return true;
  }
}

const PATHS: Record<NonNullable<RolloutAction['path']>, string> = {
  rolling: '',
  recreate: '',
  'sync-paused': ' (paused: scaling only)',
  'sync-scaling': ' (scaling event: proportional scaling)',
};

export function describeRolloutStep(a: RolloutAction, s: RolloutState): string {
  const counts = s.rses
    .map((r) => `${r.name} spec ${r.spec}, ${r.available} available, ${r.unavailable} not${r.terminating > 0 ? `, ${r.terminating} terminating` : ''}`)
    .join('; ');
  const what: Record<RolloutAction['step'], string> = {
    reconcile: `deployment-controller scales the ReplicaSets${a.path ? PATHS[a.path] : ''}`,
    'create-pod': `replicaset-controller creates a Pod of ${a.rs}`,
    'delete-pod': `replicaset-controller deletes a Pod of ${a.rs}`,
    'pod-available': `a Pod of ${a.rs} becomes available`,
    'pod-crash': `a Pod of ${a.rs} crashes [fault]`,
    'pod-gone': `a terminating Pod of ${a.rs} is gone`,
    'progress-deadline': `progressDeadlineSeconds pass: Progressing=False, reason ProgressDeadlineExceeded: ReplicaSet "${s.current}" has timed out progressing.`,
    scale: `user: kubectl scale deployment/web --replicas=${s.replicas}`,
    undo: `user: kubectl rollout undo deployment/web (template back to ${OLD}'s)`,
    pause: 'user: kubectl rollout pause deployment/web',
    resume: 'user: kubectl rollout resume deployment/web',
  };
  return `${what[a.step]} → ${counts}`;
}
