// The status the ReplicaSet controller writes (CTRL-01): calculateStatus (pkg/controller/replicaset/
// replica_set_utils.go) over the Pods it claimed, and observedGeneration as updateReplicaSetStatus sets it.
// Counts cover active Pods only (FilterActivePods: not Succeeded/Failed, not being deleted). Terminating
// Pods the ReplicaSet controls and selects go to status.terminatingReplicas, a field behind the
// DeploymentReplicaSetTerminatingReplicas gate: alpha (off) in 1.33–1.34, beta and on by default since 1.35.
import type { ConditionStatus, Pod, ReplicaSet } from '../k8s/types.ts';
import { matchesSelector } from '../k8s/selector.ts';
import { getRule } from '../rules/registry.ts';
import { claimPods } from './claim.ts';
import { epochMs, filterActivePods, isControlledBy, isPodReady, podLiveness, readySince } from './facts.ts';

export interface ReplicaSetCondition {
  type: 'ReplicaFailure';
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ReplicaSetStatusView {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  /** Present only when the DeploymentReplicaSetTerminatingReplicas gate is on. */
  terminatingReplicas?: number;
  observedGeneration: number;
  /** Absent when there is none. */
  conditions?: ReplicaSetCondition[];
}

/** The parts of a ReplicaSet that src/k8s/types.ts does not declare yet but the API has. */
export type ReplicaSetWithStatus = ReplicaSet & {
  metadata: { generation?: number };
  status?: { conditions?: ReplicaSetCondition[] };
};

export interface StatusOptions {
  /** The error manageReplicas returned this sync, if any (e.g. a quota refusal). */
  manageReplicasError?: string;
  /** DeploymentReplicaSetTerminatingReplicas; default true (the 1.35+ default). */
  terminatingReplicas?: boolean;
}

/**
 * podutil.IsPodAvailable via rule replicaset-controller/pod-available. Example: Ready since 12:00:00,
 * minReadySeconds 10 → not available at 12:00:05 nor at 12:00:10, available at 12:00:11.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: string): boolean {
  const facts = { ready: isPodReady(pod), readySince: readySince(pod), minReadySeconds, now: epochMs(now) ?? 0 };
  return getRule('replicaset-controller/pod-available').evaluate(facts) as boolean;
}

/** Every label of the Pod template is on the Pod (labels.Set(template.labels).AsSelectorPreValidated()). */
function fullyLabeled(rs: ReplicaSet, pod: Pod): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(rs.spec.template.metadata?.labels ?? {}).every(([k, v]) => labels[k] === v);
}

/**
 * ReplicaFailure: added (reason from rule replicaset-controller/failure-reason) when manageReplicas failed
 * and none is set; removed when it succeeded; an existing one is kept as it is while failures continue.
 */
function conditions(rs: ReplicaSetWithStatus, active: number, error: string | undefined, now: string): ReplicaSetCondition[] {
  const current = rs.status?.conditions ?? [];
  const failing = current.some((c) => c.type === 'ReplicaFailure');
  if (error !== undefined && !failing) {
    const reason = getRule('replicaset-controller/failure-reason').evaluate({ active, replicas: rs.spec.replicas ?? 1 }) as string;
    return [...current, { type: 'ReplicaFailure', status: 'True', reason, message: error, lastTransitionTime: now }];
  }
  if (error === undefined && failing) return current.filter((c) => c.type !== 'ReplicaFailure');
  return current;
}

/**
 * calculateStatus over `pods` (every Pod in the namespace: the claim picks the ReplicaSet's). Example:
 * replicas 3, minReadySeconds 10, Pods {Ready 60 s, Ready 5 s, Pending, one being deleted} →
 * replicas 3, ready 2, available 1, terminating 1.
 */
export function replicaSetStatus(rs: ReplicaSetWithStatus, pods: readonly Pod[], now: string, opts: StatusOptions = {}): ReplicaSetStatusView {
  const owned = claimPods(rs, filterActivePods(pods)).owned;
  const minReady = rs.spec.minReadySeconds ?? 0;
  const ready = owned.filter(isPodReady);
  const status: ReplicaSetStatusView = {
    replicas: owned.length,
    fullyLabeledReplicas: owned.filter((p) => fullyLabeled(rs, p)).length,
    readyReplicas: ready.length,
    availableReplicas: ready.filter((p) => isPodAvailable(p, minReady, now)).length,
    observedGeneration: rs.metadata.generation ?? 0,
  };
  if (opts.terminatingReplicas ?? true) {
    // FilterClaimedPods: controlled by this ReplicaSet and still selected; terminating Pods are never adopted.
    status.terminatingReplicas = pods.filter(
      (p) => podLiveness(p) === 'terminating' && isControlledBy(p, rs) && matchesSelector(rs.spec.selector, p.metadata.labels),
    ).length;
  }
  const conds = conditions(rs, owned.length, opts.manageReplicasError, now);
  if (conds.length > 0) status.conditions = conds;
  return status;
}
