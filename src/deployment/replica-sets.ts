// The ReplicaSets of one Deployment as its controller reads them, and the orders it walks them in
// (pkg/controller/controller_utils.go ReplicaSetsByCreationTimestamp, ReplicaSetsBySizeOlder/Newer,
// FilterActiveReplicaSets; deployment/util ReplicaSetsByRevision).
import type { ReplicaSet } from '../k8s/types.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** What the Deployment controller reads of one ReplicaSet (spec, status, its annotations parsed). */
export interface ReplicaSetState {
  name: string;
  /** RFC 3339; older first, the name breaking ties. */
  creationTimestamp: string;
  /** spec.replicas */
  replicas: number;
  /** status.replicas, status.readyReplicas, status.availableReplicas: what the ReplicaSet controller last reported. */
  statusReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  /** deployment.kubernetes.io/revision; absent counts as 0, unparsable is skipped by MaxRevision. */
  revision?: number;
  /** deployment.kubernetes.io/desired-replicas and max-replicas, when present and numeric. */
  desiredReplicas?: number;
  maxReplicas?: number;
  /** metadata.generation / status.observedGeneration and deletionTimestamp, read by cleanup. */
  generation?: number;
  observedGeneration?: number;
  terminating?: boolean;
}

/** strconv.Atoi as getIntFromAnnotation uses it: an optional sign and decimal digits only. */
export function annotationInt(value: string | undefined): number | undefined {
  return value !== undefined && /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

/** A ReplicaSet object as the controller's view. */
export function replicaSetState(rs: ReplicaSet): ReplicaSetState {
  const a = rs.metadata.annotations ?? {};
  const state: ReplicaSetState = {
    name: rs.metadata.name,
    creationTimestamp: rs.metadata.creationTimestamp ?? '',
    replicas: rs.spec.replicas ?? 1,
    statusReplicas: rs.status?.replicas ?? 0,
    readyReplicas: rs.status?.readyReplicas ?? 0,
    availableReplicas: rs.status?.availableReplicas ?? 0,
  };
  const revision = annotationInt(a[REVISION_ANNOTATION] ?? '0');
  const desired = annotationInt(a[DESIRED_REPLICAS_ANNOTATION]);
  const max = annotationInt(a[MAX_REPLICAS_ANNOTATION]);
  if (revision !== undefined) state.revision = revision;
  if (desired !== undefined) state.desiredReplicas = desired;
  if (max !== undefined) state.maxReplicas = max;
  if (rs.metadata.deletionTimestamp) state.terminating = true;
  return state;
}

type Ordered = Pick<ReplicaSetState, 'name' | 'creationTimestamp'>;

/** ReplicaSetsByCreationTimestamp.Less: older first; equal timestamps by name. */
export function byCreation(a: Ordered, b: Ordered): number {
  const ta = Date.parse(a.creationTimestamp) || 0;
  const tb = Date.parse(b.creationTimestamp) || 0;
  if (ta !== tb) return ta - tb;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first; equal sizes older first (scaling down removes from old ones first). */
export function bySizeOlder(a: ReplicaSetState, b: ReplicaSetState): number {
  return a.replicas !== b.replicas ? b.replicas - a.replicas : byCreation(a, b);
}

/** ReplicaSetsBySizeNewer: larger first; equal sizes newer first (scaling up adds to new ones first). */
export function bySizeNewer(a: ReplicaSetState, b: ReplicaSetState): number {
  return a.replicas !== b.replicas ? b.replicas - a.replicas : byCreation(b, a);
}

/** ReplicaSetsByRevision: lower revision first; equal (or unreadable) revisions by creation. */
export function byRevision(a: ReplicaSetState, b: ReplicaSetState): number {
  if (a.revision === undefined || b.revision === undefined || a.revision === b.revision) return byCreation(a, b);
  return a.revision - b.revision;
}

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export function activeReplicaSets<T extends Pick<ReplicaSetState, 'replicas'>>(rses: readonly T[]): T[] {
  return rses.filter((rs) => rs.replicas > 0);
}

export const sumOf = (rses: readonly ReplicaSetState[], field: 'replicas' | 'statusReplicas' | 'readyReplicas' | 'availableReplicas'): number =>
  rses.reduce((n, rs) => n + rs[field], 0);

/** One scale the controller writes: spec.replicas `to`, and the desired/max-replicas annotations it always sets with it. */
export interface ScaleOp {
  name: string;
  to: number;
  desiredReplicas: number;
  maxReplicas: number;
}

/** The ReplicaSet after a scale op (the ReplicaSet controller has not reacted yet: status unchanged). */
export function applyScale(rs: ReplicaSetState, op: ScaleOp): ReplicaSetState {
  return { ...rs, replicas: op.to, desiredReplicas: op.desiredReplicas, maxReplicas: op.maxReplicas };
}
