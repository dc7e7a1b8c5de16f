// The Deployment's Available and Progressing conditions (CTRL-01: the controller records what it observed),
// with deployment/util's reasons and pkg/controller/deployment/{progress,sync}.go's messages. Which reason
// applies is decided by rules/deployment/{available-condition,progressing-reason}.json.
import type { Deployment, DeploymentCondition } from '../k8s/types.ts';
import { deploymentDefaults, MAX_INT32 } from './defaults.ts';
import { maxUnavailableOf } from './fenceposts.ts';
import { decide } from './rules.ts';

type Status = NonNullable<Deployment['status']>;
/** A condition before SetDeploymentCondition stamps its times. */
export type ConditionBody = Omit<DeploymentCondition, 'lastUpdateTime' | 'lastTransitionTime'>;

/**
 * SetDeploymentCondition: a condition with the same status and reason is left as it is (times included);
 * with the same status but another reason it keeps its lastTransitionTime; it always moves to the end.
 */
export function setCondition(conditions: readonly DeploymentCondition[], body: ConditionBody, now: string): DeploymentCondition[] {
  const current = conditions.find((c) => c.type === body.type);
  if (current && current.status === body.status && current.reason === body.reason) return [...conditions];
  const lastTransitionTime = current && current.status === body.status ? (current.lastTransitionTime ?? now) : now;
  return [...conditions.filter((c) => c.type !== body.type), { ...body, lastUpdateTime: now, lastTransitionTime }];
}

/**
 * calculateStatus' Available condition: 8 of 10 available with maxUnavailable 2 →
 * True, MinimumReplicasAvailable, "Deployment has minimum availability."; 7 of 10 → False,
 * MinimumReplicasUnavailable, "Deployment does not have minimum availability.".
 */
export function availableCondition(d: Deployment, availableReplicas: number): ConditionBody {
  const { replicas } = deploymentDefaults(d);
  const ok = decide<boolean>('deployment/available-condition', { availableReplicas, replicas, maxUnavailable: maxUnavailableOf(d) });
  return ok
    ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
    : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' };
}

/** The Progressing condition set when getNewReplicaSet creates (NewReplicaSetCreated) or first finds (FoundNewReplicaSet) it. */
export function newReplicaSetCondition(rsName: string, created: boolean): ConditionBody {
  return created
    ? { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${rsName}"` }
    : { type: 'Progressing', status: 'True', reason: 'FoundNewReplicaSet', message: `Found new replica set "${rsName}"` };
}

/** checkPausedConditions: DeploymentPaused / DeploymentResumed (status Unknown), never over ProgressDeadlineExceeded; null when nothing changes. */
export function pausedCondition(d: Deployment): ConditionBody | null {
  const s = deploymentDefaults(d);
  if (s.progressDeadlineSeconds === MAX_INT32) return null;
  const cond = d.status?.conditions?.find((c) => c.type === 'Progressing');
  if (cond?.reason === 'ProgressDeadlineExceeded') return null;
  const pausedShown = cond?.reason === 'DeploymentPaused';
  if (s.paused && !pausedShown) return { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' };
  if (!s.paused && pausedShown) return { type: 'Progressing', status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' };
  return null;
}

export type ProgressingDecision = { action: 'keep' } | { action: 'remove' } | { action: 'set'; condition: ConditionBody; refresh: boolean };

const seconds = (time: string | undefined): number => (time === undefined ? 0 : Date.parse(time) / 1000);

const counts = (s: Partial<Status>) => ({
  replicas: s.replicas ?? 0,
  updatedReplicas: s.updatedReplicas ?? 0,
  readyReplicas: s.readyReplicas ?? 0,
  availableReplicas: s.availableReplicas ?? 0,
  observedGeneration: s.observedGeneration ?? 0,
});

/**
 * syncRolloutStatus' Progressing decision for deployment "web" with new ReplicaSet "web-5d9c8b7f6":
 * complete → True NewReplicaSetAvailable `ReplicaSet "web-5d9c8b7f6" has successfully progressed.`;
 * progress since the stored status → True ReplicaSetUpdated `ReplicaSet "web-5d9c8b7f6" is progressing.`
 * (`refresh`: lastUpdateTime moves even when the reason stays); no progress for longer than
 * progressDeadlineSeconds → False ProgressDeadlineExceeded `ReplicaSet "web-5d9c8b7f6" has timed out
 * progressing.`. Without a new ReplicaSet the messages name `Deployment "web"`. No deadline → remove.
 */
export function progressingCondition(d: Deployment, newStatus: Partial<Status>, newRSName: string | null, now: string): ProgressingDecision {
  const s = deploymentDefaults(d);
  const deadline = s.progressDeadlineSeconds === MAX_INT32 ? null : s.progressDeadlineSeconds;
  if (deadline === null) return { action: 'remove' };
  const current = d.status?.conditions?.find((c) => c.type === 'Progressing');
  const reason = decide<string | null>('deployment/progressing-reason', {
    deadline,
    now: seconds(now),
    generation: d.metadata.generation ?? 0,
    replicas: s.replicas,
    oldStatus: counts(d.status ?? {}),
    newStatus: counts(newStatus),
    condition: current ? { status: current.status, reason: current.reason ?? '', lastUpdateTime: seconds(current.lastUpdateTime) } : null,
  });
  const subject = newRSName === null ? `Deployment "${d.metadata.name}"` : `ReplicaSet "${newRSName}"`;
  switch (reason) {
    case 'NewReplicaSetAvailable':
      return { action: 'set', refresh: false, condition: { type: 'Progressing', status: 'True', reason, message: `${subject} has successfully progressed.` } };
    case 'ReplicaSetUpdated':
      return { action: 'set', refresh: true, condition: { type: 'Progressing', status: 'True', reason, message: `${subject} is progressing.` } };
    case 'ProgressDeadlineExceeded':
      return { action: 'set', refresh: false, condition: { type: 'Progressing', status: 'False', reason, message: `${subject} has timed out progressing.` } };
    default:
      return { action: 'keep' };
  }
}

/** Applies a ProgressingDecision to a list of conditions the way syncRolloutStatus does. */
export function applyProgressing(conditions: readonly DeploymentCondition[], decision: ProgressingDecision, now: string): DeploymentCondition[] {
  if (decision.action === 'keep') return [...conditions];
  const others = conditions.filter((c) => c.type !== 'Progressing');
  if (decision.action === 'remove') return others;
  if (!decision.refresh) return setCondition(conditions, decision.condition, now);
  // ReplicaSetUpdated is re-stamped on every progress: lastUpdateTime is what the deadline is measured from.
  const current = conditions.find((c) => c.type === 'Progressing');
  const lastTransitionTime = current?.status === 'True' ? (current.lastTransitionTime ?? now) : now;
  return [...others, { ...decision.condition, lastUpdateTime: now, lastTransitionTime }];
}
