// One Deployment controller sync (pkg/controller/deployment/deployment_controller.go syncDeployment), as the
// writes it makes: the new ReplicaSet to create (or an old one that becomes new again, taking the next
// revision), the spec.replicas of each ReplicaSet to change, and the old ReplicaSets to delete beyond
// revisionHistoryLimit. Which branch runs: a paused Deployment or a scaling event only scales
// (proportionally); otherwise Recreate or RollingUpdate roll. Every number comes from the rules behind
// reconcileRolling, reconcileRecreate and proportionalScale; this module picks the branch and builds objects.
// rolloutStep(deployment, replicaSets) is the library form.
import type { Deployment, ReplicaSet } from '../k8s/types.ts';
import { deploymentDefaults } from './defaults.ts';
import { replicasAnnotations } from './fenceposts.ts';
import { equalIgnoreHash, podTemplateHash, replicaSetName } from './pod-template-hash.ts';
import { isScalingEvent, proportionalScale } from './proportional.ts';
import { reconcileRecreate } from './recreate.ts';
import { POD_TEMPLATE_HASH_LABEL, replicaSetState, sumOf, type ReplicaSetState, type ScaleOp } from './replica-sets.ts';
import { cleanupOldReplicaSets, maxRevision, newReplicaSetRevisionAnnotations, nextRevision } from './revision.ts';
import { reconcileRolling } from './rolling.ts';

export interface DeploymentRound {
  /** A ReplicaSet created this round, complete with name, labels, annotations and ownerReference. */
  create?: ReplicaSet;
  /** An existing ReplicaSet whose template matches again (a rollback): its new revision annotations. */
  revise?: { name: string; annotations: Record<string, string> };
  scale: ScaleOp[];
  /** Old ReplicaSets deleted by cleanupDeployment. */
  delete: string[];
}

export interface RoundInput {
  deployment: Deployment;
  /** The ReplicaSets the Deployment owns, with their status as the ReplicaSet controller reports it. */
  replicaSets: readonly ReplicaSet[];
  /** Pods of old ReplicaSets that are not Succeeded or Failed (Recreate waits for them). */
  oldActivePods?: number;
  /** creationTimestamp for a ReplicaSet created this round. */
  now?: string;
}

/** The ReplicaSet the Deployment's template needs, as getNewReplicaSet creates it. */
export function newReplicaSetFor(d: Deployment, replicas: number, revision: number, now: string): ReplicaSet {
  const hash = podTemplateHash(d.spec.template, d.status?.collisionCount);
  const ns = d.metadata.namespace ?? 'default';
  const labels = { ...d.spec.template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const selector = d.spec.selector.matchLabels ? { ...d.spec.selector, matchLabels: { ...d.spec.selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } } : d.spec.selector;
  const { desiredReplicas, maxReplicas } = replicasAnnotations(d);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: replicaSetName(d.metadata.name, hash),
      namespace: ns,
      labels,
      creationTimestamp: now,
      annotations: {
        ...newReplicaSetRevisionAnnotations({}, revision),
        'deployment.kubernetes.io/desired-replicas': String(desiredReplicas),
        'deployment.kubernetes.io/max-replicas': String(maxReplicas),
      },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas,
      ...(d.spec.minReadySeconds !== undefined ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector,
      template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, labels } },
    },
  };
}

/** One sync of the Deployment controller; an empty round (no create, revise, scale or delete) changes nothing. */
export function deploymentRound(input: RoundInput): DeploymentRound {
  const d = input.deployment;
  const now = input.now ?? '2026-01-01T00:00:00Z';
  const spec = deploymentDefaults(d);
  const match = input.replicaSets.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const states = input.replicaSets.map(replicaSetState);
  const oldStates = states.filter((s) => s.name !== match?.metadata.name);
  let newState: ReplicaSetState | null = match ? states.find((s) => s.name === match.metadata.name)! : null;
  const round: DeploymentRound = { scale: [], delete: [] };

  // An old template that is current again (a rollback) becomes the new ReplicaSet with the next revision.
  if (match && newState && oldStates.length > 0 && (newState.revision ?? 0) <= maxRevision(oldStates)) {
    const revision = nextRevision(oldStates);
    round.revise = { name: match.metadata.name, annotations: newReplicaSetRevisionAnnotations(match.metadata.annotations ?? {}, revision) };
    newState = { ...newState, revision };
  }

  if (spec.paused || isScalingEvent(d, newState, oldStates)) {
    // sync(): no rollout while paused; a changed spec.replicas is spread proportionally (ROLL-07, ROLL-08).
    round.scale = proportionalScale(d, newState, oldStates).filter((op) => states.find((s) => s.name === op.name)?.replicas !== op.to);
    return round;
  }

  if (spec.strategyType === 'Recreate') {
    const r = reconcileRecreate(d, newState, oldStates, input.oldActivePods ?? sumOf(oldStates, 'statusReplicas'));
    round.scale = r.oldRSScaleDowns.filter((op) => states.find((s) => s.name === op.name)?.replicas !== op.to);
    if (r.createdNewRS) round.create = newReplicaSetFor(d, r.newRSReplicas ?? spec.replicas, nextRevision(oldStates), now);
    else if (r.newRSReplicas !== undefined && newState) round.scale.push({ name: newState.name, to: r.newRSReplicas, ...replicasAnnotations(d) });
  } else {
    const r = reconcileRolling(d, newState, oldStates);
    if (r.createdNewRS) round.create = newReplicaSetFor(d, r.newRSReplicas ?? 0, nextRevision(oldStates), now);
    else if (r.newRSReplicas !== undefined && newState) round.scale.push({ name: newState.name, to: r.newRSReplicas, ...replicasAnnotations(d) });
    // The last write per ReplicaSet is what remains (cleanup, then scale-down, may both touch one).
    const last = new Map<string, ScaleOp>();
    for (const op of r.oldRSScaleDowns) last.set(op.name, op);
    for (const op of last.values()) if (states.find((s) => s.name === op.name)?.replicas !== op.to) round.scale.push(op);
  }

  // cleanupDeployment runs once the rollout is complete: every replica updated and available, no old Pods.
  const complete =
    newState !== null &&
    round.create === undefined &&
    round.scale.length === 0 &&
    newState.replicas === spec.replicas &&
    newState.availableReplicas === spec.replicas &&
    sumOf(oldStates, 'statusReplicas') === 0;
  if (complete) round.delete = cleanupOldReplicaSets(oldStates, spec.revisionHistoryLimit);
  return round;
}

export function isEmptyRound(r: DeploymentRound): boolean {
  return r.create === undefined && r.revise === undefined && r.scale.length === 0 && r.delete.length === 0;
}

/** Library form: the writes of one reconcile of `deployment` over the ReplicaSets it owns. */
export function rolloutStep(deployment: Deployment, replicaSets: readonly ReplicaSet[]): DeploymentRound {
  return deploymentRound({ deployment, replicaSets });
}
