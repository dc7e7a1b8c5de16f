// One Deployment controller round on the count-level state, dispatched as syncDeployment does
// (pkg/controller/deployment/deployment_controller.go): a paused Deployment only gets `sync` (scaling,
// sync.go: getAllReplicaSetsAndSyncRevision without creating a ReplicaSet, then scale), and so does a scaling
// event (an active ReplicaSet's desired-replicas annotation differs from spec.replicas); otherwise the
// strategy runs: rolloutRecreate (recreate.go) or rolloutRolling (rolling.go). Every number comes from
// src/deployment. Left out: cleanupDeployment (at most two ReplicaSets, far below revisionHistoryLimit 10)
// and the status/condition writes, which move no Pods.
import type { Deployment } from '../k8s/types.ts';
import { deploymentDefaults } from '../deployment/defaults.ts';
import { replicasAnnotations } from '../deployment/fenceposts.ts';
import { isScalingEvent, proportionalScale } from '../deployment/proportional.ts';
import { reconcileRecreate } from '../deployment/recreate.ts';
import type { ReplicaSetState, ScaleOp } from '../deployment/replica-sets.ts';
import { maxRevision } from '../deployment/revision.ts';
import { reconcileRolling } from '../deployment/rolling.ts';
import { brokenReconcileRolling } from './broken.ts';
import { existingPodsOf, replicaSetView, type ControllerVariant, type ReplicaCounts, type RolloutAction, type RolloutState } from './state.ts';

type SyncPath = NonNullable<RolloutAction['path']>;

interface SyncRound {
  path: SyncPath;
  /** Scale writes in the order the controller makes them; a later one for the same ReplicaSet wins. */
  ops: ScaleOp[];
  /** The new ReplicaSet is created with this many replicas. */
  create?: number;
}

/** syncDeployment's choice of branch and that branch's writes. */
function syncRound(d: Deployment, newRS: ReplicaSetState | null, oldRSes: ReplicaSetState[], oldActivePods: number, variant: ControllerVariant): SyncRound {
  const spec = deploymentDefaults(d);
  // ROLL-08: paused → only scaling; ROLL-07: a replica-count change is handled by proportional scaling first.
  if (spec.paused) return { path: 'sync-paused', ops: proportionalScale(d, newRS, oldRSes) };
  if (isScalingEvent(d, newRS, oldRSes)) return { path: 'sync-scaling', ops: proportionalScale(d, newRS, oldRSes) };
  if (spec.strategyType === 'Recreate') {
    const round = reconcileRecreate(d, newRS, oldRSes, oldActivePods);
    const ops = [...round.oldRSScaleDowns];
    if (newRS && round.newRSReplicas !== undefined && !round.createdNewRS) ops.push({ name: newRS.name, to: round.newRSReplicas, ...replicasAnnotations(d) });
    return { path: 'recreate', ops, ...(round.createdNewRS ? { create: round.newRSReplicas ?? spec.replicas } : {}) };
  }
  const round = (variant === 'real' ? reconcileRolling : brokenReconcileRolling)(d, newRS, oldRSes);
  const ops = [...round.oldRSScaleDowns];
  if (newRS && round.newRSReplicas !== undefined) ops.unshift({ name: newRS.name, to: round.newRSReplicas, ...replicasAnnotations(d) });
  return { path: 'rolling', ops, ...(round.createdNewRS ? { create: round.newRSReplicas ?? 0 } : {}) };
}

const sameRS = (a: ReplicaCounts, b: ReplicaCounts) => a.spec === b.spec && a.desired === b.desired && a.max === b.max && a.revision === b.revision;

/**
 * One round from state `s` with the Deployment `d` (built for s.replicas and s.paused); undefined when the
 * controller writes nothing. The ReplicaSet matching the template (s.current) is the new one; the first
 * write getAllReplicaSetsAndSyncRevision makes is its revision, raised to MaxRevision(old) + 1, which is how
 * an undone-to ReplicaSet takes the next revision number (ROLL-10).
 */
export function reconcile(s: RolloutState, d: Deployment, variant: ControllerVariant): { next: RolloutState; path: SyncPath } | undefined {
  let rses = s.rses.map((r) => ({ ...r }));
  const olds = rses.filter((r) => r.name !== s.current);
  const nextRevision = maxRevision(olds) + 1;
  const currentIndex = rses.findIndex((r) => r.name === s.current);
  const current = rses[currentIndex];
  if (current && current.revision < nextRevision) current.revision = nextRevision;

  const newRS = current ? replicaSetView(current, currentIndex) : null;
  const oldViews = rses.map(replicaSetView).filter((r) => r.name !== s.current);
  const oldActivePods = olds.reduce((n, r) => n + existingPodsOf(r), 0);
  const round = syncRound(d, newRS, oldViews, oldActivePods, variant);

  if (round.create !== undefined) {
    const { desiredReplicas, maxReplicas } = replicasAnnotations(d);
    rses.push({ name: s.current, spec: round.create, unavailable: 0, available: 0, terminating: 0, desired: desiredReplicas, max: maxReplicas, revision: nextRevision });
  }
  for (const op of round.ops) {
    rses = rses.map((r) => (r.name === op.name ? { ...r, spec: op.to, desired: op.desiredReplicas, max: op.maxReplicas } : r));
  }
  const changed = rses.length !== s.rses.length || rses.some((r, i) => !sameRS(r, s.rses[i]!));
  return changed ? { next: { ...s, rses }, path: round.path } : undefined;
}
