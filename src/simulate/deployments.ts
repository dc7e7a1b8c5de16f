// Deployments in the simulator: a scenario step as the user's event, and the Deployment as `kubectl get
// deployment -o yaml` would show it at a moment (status counts from its ReplicaSets, conditions from the
// controller's view), which `kubectl rollout status` and `kubectl describe deployment` are rendered from.
import type { Deployment } from '../k8s/types.ts';
import type { EventLike } from '../system/statechart.ts';
import { deploymentStatus, ownedReplicaSets, podFactsOf } from '../system/deployments.ts';
import type { ClusterSystem } from '../system/system.ts';
import type { Instance, SystemState } from '../system/types.ts';
import { availableCondition, setCondition } from '../deployment/conditions.ts';
import { deploymentDefaults } from '../deployment/defaults.ts';
import { equalIgnoreHash } from '../deployment/pod-template-hash.ts';
import type { DeploymentScenarioStep } from './scenario.ts';

export function deploymentChangeEvent(step: DeploymentScenarioStep): EventLike {
  switch (step.kind) {
    case 'set-image':
      return { type: 'SET_IMAGE', image: `${step.container}=${step.image}` };
    case 'scale':
      return { type: 'SCALE', replicas: step.replicas };
    case 'undo':
      return { type: 'UNDO', toRevision: step.toRevision };
    case 'pause':
      return { type: 'PAUSE' };
    case 'resume':
      return { type: 'RESUME' };
  }
}

/**
 * The Deployment with the status its controller would have written by now: the counts, Available, and
 * Progressing (NewReplicaSetAvailable once complete, ReplicaSetUpdated while rolling, DeploymentPaused,
 * ProgressDeadlineExceeded), observedGeneration caught up once the controller has synced the change.
 */
export function deploymentSnapshot(system: ClusterSystem, state: SystemState, inst: Instance, now: string): Deployment | undefined {
  const d = state.store.objects.get(inst.object) as unknown as Deployment | undefined;
  if (!d) return undefined;
  const status = deploymentStatus(system, state, d);
  const spec = deploymentDefaults(d);
  const rses = ownedReplicaSets(state, d, podFactsOf(system, state));
  const newRS = rses.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const synced = newRS !== undefined;
  const complete = synced && status.updatedReplicas === spec.replicas && status.availableReplicas === spec.replicas && status.replicas === spec.replicas;
  const timedOut = system.machines.deployment.matches(inst.state, 'progress.DeadlineExceeded');
  const progressing = spec.paused
    ? { type: 'Progressing' as const, status: 'Unknown' as const, reason: 'DeploymentPaused', message: 'Deployment is paused' }
    : timedOut
      ? { type: 'Progressing' as const, status: 'False' as const, reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRS?.metadata.name ?? ''}" has timed out progressing.` }
      : complete
        ? { type: 'Progressing' as const, status: 'True' as const, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRS!.metadata.name}" has successfully progressed.` }
        : { type: 'Progressing' as const, status: 'True' as const, reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRS?.metadata.name ?? ''}" is progressing.` };
  let conditions = setCondition([], availableCondition(d, status.availableReplicas ?? 0), now);
  conditions = setCondition(conditions, progressing, now);
  const generation = d.metadata.generation ?? 1;
  return { ...d, status: { ...status, observedGeneration: synced ? generation : generation - 1, conditions } };
}
