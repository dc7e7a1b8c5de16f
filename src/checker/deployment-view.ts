// The Deployment invariants' view of a state (properties/deployment.ts): per Deployment its resolved
// bounds, the users' changes so far, and its Pods counted by template and readiness.
import type { Deployment } from '../k8s/types.ts';
import type { DeploymentModelView } from '../../properties/deployment.ts';
import { deploymentDefaults } from '../deployment/defaults.ts';
import { resolveFenceposts } from '../deployment/fenceposts.ts';
import { equalIgnoreHash } from '../deployment/pod-template-hash.ts';
import type { DeploymentContext } from '../../machines/deployment.ts';
import { isActive, ownedReplicaSets, podFactsOf, podsOf } from '../system/deployments.ts';
import type { ClusterSystem } from '../system/system.ts';
import type { SystemState } from '../system/types.ts';

export function deploymentModelView(system: ClusterSystem, state: SystemState): DeploymentModelView {
  const pods = podFactsOf(system, state);
  const view: DeploymentModelView = { faults: state.faults, disrupted: [...pods.values()].some((p) => p.exited), deployments: [] };
  for (const inst of state.instances) {
    if (inst.machine !== 'deployment') continue;
    const d = state.store.objects.get(inst.object) as unknown as Deployment | undefined;
    if (!d) continue;
    const spec = deploymentDefaults(d);
    const fence = resolveFenceposts(spec.maxSurge ?? 0, spec.maxUnavailable ?? 0, spec.replicas);
    const ctx = inst.state.context as DeploymentContext;
    const rses = ownedReplicaSets(state, d, pods);
    const current = rses.filter((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
    const old = rses.filter((rs) => !current.includes(rs));
    const podsIn = (list: typeof rses) => list.flatMap((rs) => podsOf(rs, pods));
    view.deployments.push({
      name: ctx.name,
      strategy: spec.strategyType,
      replicas: spec.replicas,
      surge: spec.strategyType === 'RollingUpdate' ? fence.surge : 0,
      unavailable: spec.strategyType === 'RollingUpdate' ? fence.unavailable : spec.replicas,
      imageSet: ctx.imageSet,
      scaled: ctx.scaled,
      undone: ctx.undone,
      available: rses.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0),
      activeNew: podsIn(current).filter(isActive).length,
      activeOld: podsIn(old).filter(isActive).length,
      oldPodsLeft: podsIn(old).filter((p) => p.phase !== 'Succeeded' && p.phase !== 'Failed').length,
      updatedReplicas: current.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0),
      oldSpecReplicas: old.reduce((n, rs) => n + (rs.spec.replicas ?? 1), 0),
      specReplicas: rses.reduce((n, rs) => n + (rs.spec.replicas ?? 1), 0),
    });
  }
  return view;
}
