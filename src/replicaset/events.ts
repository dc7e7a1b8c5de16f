// The Events the ReplicaSet controller records on its ReplicaSet for each Pod it creates or deletes
// (CTRL-03), through RealPodControl in pkg/controller/controller_utils.go; wording in rule
// replicaset-controller/pod-event. kubectl describe rs shows them, e.g.
// "Normal  SuccessfulCreate  Created pod: nginx-deployment-85b98978db-llj69" (ROLL-03).
import { getRule } from '../rules/registry.ts';

export type ReplicaSetEventReason = 'SuccessfulCreate' | 'FailedCreate' | 'SuccessfulDelete' | 'FailedDelete';

export interface ReplicaSetEvent {
  type: 'Normal' | 'Warning';
  reason: ReplicaSetEventReason;
  message: string;
}

/** The outcome of one create or delete call, as RealPodControl sees it. */
export type PodCallOutcome =
  | { action: 'create' | 'delete'; ok: true; podName: string }
  | { action: 'create'; ok: false; error: string; namespaceTerminating?: boolean }
  | { action: 'delete'; ok: false; podName: string; error: string; notFound?: boolean };

/** The Event for one call, or null when Kubernetes records none (namespace terminating, Pod already gone). */
export function podEvent(outcome: PodCallOutcome): ReplicaSetEvent | null {
  const facts = {
    action: outcome.action,
    ok: outcome.ok,
    podName: 'podName' in outcome ? outcome.podName : '',
    error: outcome.ok ? '' : outcome.error,
    namespaceTerminating: !outcome.ok && outcome.action === 'create' && outcome.namespaceTerminating === true,
    notFound: !outcome.ok && outcome.action === 'delete' && outcome.notFound === true,
  };
  const event = getRule('replicaset-controller/pod-event').evaluate(facts) as [ReplicaSetEvent['type'], ReplicaSetEventReason, string] | null;
  return event === null ? null : { type: event[0], reason: event[1], message: event[2] };
}

/** "Created pod: <name>". */
export function successfulCreate(podName: string): ReplicaSetEvent {
  return podEvent({ action: 'create', ok: true, podName }) as ReplicaSetEvent;
}

/** "Deleted pod: <name>". */
export function successfulDelete(podName: string): ReplicaSetEvent {
  return podEvent({ action: 'delete', ok: true, podName }) as ReplicaSetEvent;
}
