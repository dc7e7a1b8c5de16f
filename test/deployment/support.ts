// Builders for the deployment tests, and a tiny world in which the ReplicaSet controller reacts at once:
// spec.replicas becomes status.replicas, and scale-downs remove not-yet-available Pods first (the
// ReplicaSet controller deletes not-ready Pods before ready ones).
import type { Deployment, IntOrString } from '../../src/k8s/types.ts';
import { applyScale, type ReplicaSetState, type ScaleOp } from '../../src/deployment/replica-sets.ts';
import { reconcileRolling } from '../../src/deployment/rolling.ts';

export interface DeploymentOptions {
  name?: string;
  replicas?: number;
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  strategy?: 'RollingUpdate' | 'Recreate';
  image?: string;
  generation?: number;
  status?: Deployment['status'];
  progressDeadlineSeconds?: number;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
}

export function deployment(o: DeploymentOptions = {}): Deployment {
  const rollingUpdate: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } = {};
  if (o.maxSurge !== undefined) rollingUpdate.maxSurge = o.maxSurge;
  if (o.maxUnavailable !== undefined) rollingUpdate.maxUnavailable = o.maxUnavailable;
  const d: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: o.name ?? 'web', namespace: 'default', generation: o.generation ?? 1 },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: o.image ?? 'nginx:1.25' }] } },
      strategy: o.strategy === 'Recreate' ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate },
    },
  };
  if (o.status) d.status = o.status;
  if (o.progressDeadlineSeconds !== undefined) d.spec.progressDeadlineSeconds = o.progressDeadlineSeconds;
  if (o.minReadySeconds !== undefined) d.spec.minReadySeconds = o.minReadySeconds;
  if (o.revisionHistoryLimit !== undefined) d.spec.revisionHistoryLimit = o.revisionHistoryLimit;
  if (o.paused !== undefined) d.spec.paused = o.paused;
  return d;
}

/** A ReplicaSet whose controller is caught up: status.replicas = spec, `available` of them available (and ready). */
export function rs(name: string, minute: number, replicas: number, available = replicas, extra: Partial<ReplicaSetState> = {}): ReplicaSetState {
  return {
    name,
    creationTimestamp: `2024-01-01T00:${String(minute).padStart(2, '0')}:00Z`,
    replicas,
    statusReplicas: replicas,
    readyReplicas: available,
    availableReplicas: available,
    ...extra,
  };
}

/** The ReplicaSet controller's reaction to a scale: Pods created (not yet available) or deleted, unavailable ones first. */
export function settle(r: ReplicaSetState): ReplicaSetState {
  const available = Math.min(r.availableReplicas, r.replicas);
  return { ...r, statusReplicas: r.replicas, availableReplicas: available, readyReplicas: available };
}

/** Applies scale ops (in order) and lets the ReplicaSet controller react. */
export function applyOps(rses: readonly ReplicaSetState[], ops: readonly ScaleOp[]): ReplicaSetState[] {
  let out = [...rses];
  for (const op of ops) out = out.map((r) => (r.name === op.name ? applyScale(r, op) : r));
  return out.map(settle);
}

/** `n` more Pods of `name` become available (at most all of its Pods). */
export function becomeAvailable(rses: readonly ReplicaSetState[], name: string, n = Infinity): ReplicaSetState[] {
  return rses.map((r) => {
    if (r.name !== name) return r;
    const available = Math.min(r.statusReplicas, r.availableReplicas + n);
    return { ...r, availableReplicas: available, readyReplicas: available };
  });
}


export interface RolloutStep {
  old: number[];
  new: number;
  totalPods: number;
  available: number;
}

/**
 * Drives a rolling update to its end: each round runs reconcileRolling, the ReplicaSet controller reacts,
 * then `available(pending)` of the new ReplicaSet's pending Pods become available (all, by default).
 * Returns the state after every round that changed something.
 */
export function driveRollout(
  d: Deployment,
  oldRSes: ReplicaSetState[],
  available: (pending: number, round: number) => number = (p) => p,
  maxRounds = 500,
  reconcile: typeof reconcileRolling = reconcileRolling,
): { steps: RolloutStep[]; rses: ReplicaSetState[]; converged: boolean } {
  let rses = [...oldRSes];
  const steps: RolloutStep[] = [];
  const NEW = `${d.metadata.name}-new`;
  for (let round = 0; round < maxRounds; round++) {
    const newRS = rses.find((r) => r.name === NEW) ?? null;
    const old = rses.filter((r) => r.name !== NEW);
    const result = reconcile(d, newRS, old);
    if (result.createdNewRS) rses = [...rses, rs(NEW, 59, result.newRSReplicas ?? 0, 0)];
    else if (result.newRSReplicas !== undefined) rses = rses.map((r) => (r.name === NEW ? { ...r, replicas: result.newRSReplicas as number } : r));
    rses = applyOps(rses, result.oldRSScaleDowns);
    const changed = result.createdNewRS || result.newRSReplicas !== undefined || result.oldRSScaleDowns.length > 0;
    const current = rses.find((r) => r.name === NEW);
    const pending = current ? current.statusReplicas - current.availableReplicas : 0;
    if (changed) {
      steps.push({
        old: rses.filter((r) => r.name !== NEW).map((r) => r.replicas),
        new: current?.replicas ?? 0,
        totalPods: rses.reduce((n, r) => n + r.statusReplicas, 0),
        available: rses.reduce((n, r) => n + r.availableReplicas, 0),
      });
    }
    if (pending > 0) rses = becomeAvailable(rses, NEW, available(pending, round));
    const done = current !== undefined && current.replicas === (d.spec.replicas ?? 1) && current.availableReplicas === current.replicas && rses.every((r) => r.name === NEW || r.replicas === 0);
    if (done && !changed) return { steps, rses, converged: true };
  }
  return { steps, rses, converged: false };
}
