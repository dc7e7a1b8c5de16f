// A RollingUpdate as a transition system at the level of replica counts: the Deployment controller's
// reconcile (src/deployment, the real arithmetic), the ReplicaSet controller creating and deleting Pods to
// match spec.replicas (unavailable Pods deleted first), Pods becoming available, and, within a fault budget,
// available Pods crashing. Small enough to check "can this rollout ever drop below N available Pods, and
// will it finish?" for real replica counts and surge settings; the full Pod lifecycle composition is the
// cluster system's job (src/system).
import type { Deployment, IntOrString } from '../k8s/types.ts';
import { reconcileRolling } from '../deployment/rolling.ts';
import type { ReplicaSetState } from '../deployment/replica-sets.ts';
import type { TransitionSystem } from '../checker/bfs.ts';

export interface RolloutConstants {
  replicas: number;
  maxSurge: IntOrString;
  maxUnavailable: IntOrString;
  /** Available Pods that may crash (become unavailable) during the rollout. */
  maxFaults: number;
  /** false: the new template's image never pulls, so its Pods never become available. */
  newPodsBecomeAvailable?: boolean;
  /** Model spec.progressDeadlineSeconds passing while the rollout has not finished. */
  progressDeadline?: boolean;
}

/** One ReplicaSet: its spec.replicas and its Pods, not yet available or available. */
export interface ReplicaCounts {
  name: string;
  spec: number;
  unavailable: number;
  available: number;
}

export interface RolloutState {
  /** The old ReplicaSet first, the new one (once created) last. */
  rses: readonly ReplicaCounts[];
  faults: number;
  /** Progressing=False with reason ProgressDeadlineExceeded has been recorded. */
  timedOut?: boolean;
}

export interface RolloutAction {
  actor: 'deployment-controller' | 'replicaset-controller' | 'env';
  step: 'reconcile' | 'create-pod' | 'delete-pod' | 'pod-available' | 'pod-crash' | 'progress-deadline';
  rs?: string;
  fault: boolean;
}

export const OLD = 'web-old';
export const NEW = 'web-new';

export function rolloutDeployment(c: RolloutConstants): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: c.replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:v2' }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: c.maxSurge, maxUnavailable: c.maxUnavailable } },
    },
  } as Deployment;
}

function view(rs: ReplicaCounts, index: number): ReplicaSetState {
  const pods = rs.unavailable + rs.available;
  return {
    name: rs.name,
    creationTimestamp: `2026-01-01T00:00:0${index}Z`,
    replicas: rs.spec,
    statusReplicas: pods,
    readyReplicas: rs.available,
    availableReplicas: rs.available,
    revision: index + 1,
  };
}

export class RolloutSystem implements TransitionSystem<RolloutState, RolloutAction> {
  readonly deployment: Deployment;
  readonly initial: RolloutState[];

  constructor(readonly constants: RolloutConstants) {
    this.deployment = rolloutDeployment(constants);
    // The template just changed: the old ReplicaSet runs every replica, available.
    this.initial = [{ rses: [{ name: OLD, spec: constants.replicas, unavailable: 0, available: constants.replicas }], faults: 0 }];
  }

  successors(s: RolloutState): { action: RolloutAction; next: RolloutState }[] {
    const out: { action: RolloutAction; next: RolloutState }[] = [];
    const reconciled = this.reconcile(s);
    if (reconciled) out.push({ action: { actor: 'deployment-controller', step: 'reconcile', fault: false }, next: reconciled });
    s.rses.forEach((rs, i) => {
      const pods = rs.unavailable + rs.available;
      const put = (next: ReplicaCounts, faults = s.faults) => ({ rses: s.rses.map((r, j) => (j === i ? next : r)), faults });
      if (pods < rs.spec) out.push({ action: { actor: 'replicaset-controller', step: 'create-pod', rs: rs.name, fault: false }, next: put({ ...rs, unavailable: rs.unavailable + 1 }) });
      if (pods > rs.spec) {
        // getPodsToDelete: not-ready Pods go before ready ones (ROLL-01 deletion order).
        const next = rs.unavailable > 0 ? { ...rs, unavailable: rs.unavailable - 1 } : { ...rs, available: rs.available - 1 };
        out.push({ action: { actor: 'replicaset-controller', step: 'delete-pod', rs: rs.name, fault: false }, next: put(next) });
      }
      const pulls = rs.name !== NEW || this.constants.newPodsBecomeAvailable !== false;
      if (rs.unavailable > 0 && pulls) out.push({ action: { actor: 'env', step: 'pod-available', rs: rs.name, fault: false }, next: put({ ...rs, unavailable: rs.unavailable - 1, available: rs.available + 1 }) });
      if (rs.available > 0 && s.faults < this.constants.maxFaults) {
        out.push({ action: { actor: 'env', step: 'pod-crash', rs: rs.name, fault: true }, next: put({ ...rs, unavailable: rs.unavailable + 1, available: rs.available - 1 }, s.faults + 1) });
      }
    });
    // progressDeadlineSeconds pass without the new ReplicaSet finishing: the controller records
    // Progressing=False, ProgressDeadlineExceeded (and keeps trying; the rollout is not rolled back).
    if (this.constants.progressDeadline && !s.timedOut && !this.finished(s) && s.rses.some((r) => r.name === NEW)) {
      out.push({ action: { actor: 'deployment-controller', step: 'progress-deadline', fault: false }, next: { ...s, timedOut: true } });
    }
    return out;
  }

  private finished(s: RolloutState): boolean {
    return s.rses.every((r) => (r.name === NEW ? r.available === this.constants.replicas : r.spec === 0 && r.available + r.unavailable === 0));
  }

  /** One Deployment controller round with the real arithmetic; undefined when it changes nothing. */
  private reconcile(s: RolloutState): RolloutState | undefined {
    const newIndex = s.rses.findIndex((r) => r.name === NEW);
    const newRS = newIndex >= 0 ? view(s.rses[newIndex]!, newIndex) : null;
    const old = s.rses.map(view).filter((r) => r.name !== NEW);
    const round = reconcileRolling(this.deployment, newRS, old);
    let rses = s.rses.map((r) => ({ ...r }));
    if (round.createdNewRS) rses.push({ name: NEW, spec: round.newRSReplicas ?? 0, unavailable: 0, available: 0 });
    else if (round.newRSReplicas !== undefined) rses = rses.map((r) => (r.name === NEW ? { ...r, spec: round.newRSReplicas! } : r));
    for (const op of round.oldRSScaleDowns) rses = rses.map((r) => (r.name === op.name ? { ...r, spec: op.to } : r));
    const changed = rses.length !== s.rses.length || rses.some((r, i) => r.spec !== s.rses[i]!.spec);
    return changed ? { ...s, rses } : undefined;
  }

  key(s: RolloutState): string {
    return `${s.faults}${s.timedOut ? 't' : ''}|${s.rses.map((r) => `${r.spec}/${r.unavailable}/${r.available}`).join('|')}`;
  }

  isFault(a: RolloutAction): boolean {
    return a.fault;
  }

  /** Settled: nothing more happens without a fault (controllers idle, every Pod that will be available is). */
  isStable(_s: RolloutState, succ: { action: RolloutAction }[]): boolean {
    return !succ.some((x) => !x.action.fault);
  }

  isTerminal(): boolean {
    return true;
  }
}

export function describeRolloutStep(a: RolloutAction, s: RolloutState): string {
  const counts = s.rses.map((r) => `${r.name} spec ${r.spec}, ${r.available} available, ${r.unavailable} not`).join('; ');
  const what: Record<RolloutAction['step'], string> = {
    reconcile: 'deployment-controller scales the ReplicaSets',
    'create-pod': `replicaset-controller creates a Pod of ${a.rs}`,
    'delete-pod': `replicaset-controller deletes a Pod of ${a.rs}`,
    'pod-available': `a Pod of ${a.rs} becomes available`,
    'pod-crash': `a Pod of ${a.rs} crashes [fault]`,
    'progress-deadline': `progressDeadlineSeconds pass: Progressing=False, reason ProgressDeadlineExceeded: ReplicaSet "${NEW}" has timed out progressing.`,
  };
  return `${what[a.step]} → ${counts}`;
}
