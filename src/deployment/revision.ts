// Revisions, history and rollback (ROLL-09, ROLL-10). Every ReplicaSet carries
// deployment.kubernetes.io/revision; the new ReplicaSet's is max(old revisions) + 1 (getNewReplicaSet), so a
// rollback, which makes an old ReplicaSet new again, moves that ReplicaSet to the top and records its
// previous number in revision-history (SetNewReplicaSetAnnotations). kubectl rollout undo is client-side
// (kubectl/pkg/polymorphichelpers/rollback.go): it copies the chosen ReplicaSet's template into the
// Deployment. cleanupDeployment deletes the oldest ReplicaSets beyond spec.revisionHistoryLimit.
import type { Deployment, ReplicaSet } from '../k8s/types.ts';
import { deploymentDefaults, MAX_INT32 } from './defaults.ts';
import { equalIgnoreHash } from './pod-template-hash.ts';
import { annotationInt, byRevision, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, type ReplicaSetState } from './replica-sets.ts';
import { decide } from './rules.ts';

/** MaxRevision: the highest readable revision, 0 when there is none. Revisions 1, 3, 2 → 3. */
export function maxRevision(rses: readonly Pick<ReplicaSetState, 'revision'>[]): number {
  return rses.reduce((max, rs) => (rs.revision !== undefined && rs.revision > max ? rs.revision : max), 0);
}

/** LastRevision: the second highest revision (what `rollout undo` returns to). Revisions 1, 3, 2 → 2; only 4 → 0. */
export function lastRevision(rses: readonly Pick<ReplicaSetState, 'revision'>[]): number {
  let max = 0;
  let second = 0;
  for (const { revision: v } of rses) {
    if (v === undefined) continue;
    if (v >= max) [second, max] = [max, v];
    else if (v > second) second = v;
  }
  return second;
}

/** The revision a new (or newly current) ReplicaSet gets: MaxRevision(old ReplicaSets) + 1. Old 1, 2 → 3. */
export function nextRevision(oldRSes: readonly Pick<ReplicaSetState, 'revision'>[]): number {
  return maxRevision(oldRSes) + 1;
}

/** maxRevHistoryLengthInChars in sync.go: revision-history keeps at most 2000 characters. */
const REVISION_HISTORY_LIMIT_CHARS = 2000;

/**
 * SetNewReplicaSetAnnotations' revision part: the annotations of the new ReplicaSet once it takes
 * `newRevision`. A lower (or absent) revision is replaced; if it had one, that number is appended to
 * revision-history, dropping the oldest entries beyond 2000 characters. Example: rolling back to the
 * ReplicaSet of revision 1 while revisions go up to 3 → revision "4", revision-history "1".
 */
export function newReplicaSetRevisionAnnotations(annotations: Readonly<Record<string, string>>, newRevision: number): Record<string, string> {
  const out = { ...annotations };
  const old = annotations[REVISION_ANNOTATION];
  const oldInt = old === undefined || old === '' ? 0 : annotationInt(old);
  if (oldInt === undefined || oldInt >= newRevision) return out;
  out[REVISION_ANNOTATION] = String(newRevision);
  if (old === undefined) return out;
  const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
  if (history === '') {
    out[REVISION_HISTORY_ANNOTATION] = old;
    return out;
  }
  const entries = history.split(',');
  let total = history.length + old.length + 1;
  let start = 0;
  while (total > REVISION_HISTORY_LIMIT_CHARS && start < entries.length) total -= (entries[start++] as string).length + 1;
  if (total <= REVISION_HISTORY_LIMIT_CHARS) out[REVISION_HISTORY_ANNOTATION] = [...entries.slice(start), old].join(',');
  return out;
}

/**
 * cleanupDeployment: the old ReplicaSets to delete, lowest revision first. Only those beyond
 * revisionHistoryLimit are candidates, and of those only the ones scaled to 0 in spec and status, with their
 * latest generation observed and not already being deleted. Example: revisions 1–5 all at 0, limit 2 →
 * delete revisions 1, 2, 3; limit 0 → all five (no rollback possible any more, ROLL-09).
 */
export function cleanupOldReplicaSets(oldRSes: readonly ReplicaSetState[], revisionHistoryLimit: number | undefined): string[] {
  const cleanable = oldRSes.filter((rs) => !rs.terminating).sort(byRevision);
  const limit = revisionHistoryLimit === undefined || revisionHistoryLimit === MAX_INT32 ? null : revisionHistoryLimit;
  const diff = decide<number>('deployment/cleanup-count', { cleanable: cleanable.length, revisionHistoryLimit: limit });
  return cleanable.slice(0, diff).flatMap((rs) => {
    const ok = decide<boolean>('deployment/may-delete-old', {
      replicas: rs.replicas,
      statusReplicas: rs.statusReplicas,
      generation: rs.generation ?? 0,
      observedGeneration: rs.observedGeneration ?? rs.generation ?? 0,
      terminating: rs.terminating ?? false,
    });
    return ok ? [rs.name] : [];
  });
}

export type RollbackTarget = { rs: ReplicaSet } | { error: string };

const revisionOf = (rs: ReplicaSet): number | undefined => annotationInt(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '0');

/**
 * kubectl's deploymentRevision: --to-revision=N finds the ReplicaSet with revision N; 0 means the previous
 * revision (the second highest). Errors use kubectl's words: `unable to find specified revision 7 in
 * history`, `no rollout history found for deployment "web"`.
 */
export function rollbackTarget(rses: readonly ReplicaSet[], toRevision: number, deploymentName: string): RollbackTarget {
  if (toRevision < 0) return { error: `unable to find specified revision ${toRevision} in history` };
  let latest: { v: number; rs: ReplicaSet | undefined } = { v: -1, rs: undefined };
  let previous: { v: number; rs: ReplicaSet | undefined } = { v: -1, rs: undefined };
  for (const rs of rses) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision > 0) {
      if (v === toRevision) return { rs };
      continue;
    }
    if (latest.v < v) [previous, latest] = [latest, { v, rs }];
    else if (previous.v < v) previous = { v, rs };
  }
  if (toRevision > 0) return { error: `unable to find specified revision ${toRevision} in history` };
  return previous.rs ? { rs: previous.rs } : { error: `no rollout history found for deployment "${deploymentName}"` };
}

/** Annotations kubectl keeps from the Deployment instead of copying them from the ReplicaSet. */
const KEPT_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export type RollbackResult = { deployment: Deployment; message: string } | { error: string };

/**
 * DeploymentRollbacker.Rollback after the target is found: the ReplicaSet's template (without its
 * pod-template-hash label) replaces the Deployment's, and its annotations (change-cause, …) replace the
 * Deployment's except the ones above. Messages: "rolled back", "skipped rollback (current template already
 * matches revision 2)", or the error for a paused Deployment.
 */
export function rollbackDeployment(d: Deployment, target: ReplicaSet, toRevision: number): RollbackResult {
  if (deploymentDefaults(d).paused) {
    return { error: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${d.metadata.name}' and try again` };
  }
  if (equalIgnoreHash(target.spec.template, d.spec.template)) {
    return { deployment: d, message: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  const labels = { ...target.spec.template.metadata?.labels };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (KEPT_ANNOTATIONS.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!KEPT_ANNOTATIONS.has(k)) annotations[k] = v;
  const template = structuredClone(target.spec.template);
  template.metadata = { ...template.metadata, labels };
  return {
    deployment: { ...d, metadata: { ...d.metadata, annotations }, spec: { ...d.spec, template } },
    message: 'rolled back',
  };
}
