// apps/v1 SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go): what the API server fills in before the
// controller ever sees a Deployment. Every function in this folder reads a defaulted Deployment.
import type { Deployment, IntOrString } from '../k8s/types.ts';

/** A Deployment after defaulting: the fields below are always present. */
export interface DefaultedSpec {
  replicas: number;
  strategyType: 'RollingUpdate' | 'Recreate';
  /** Only meaningful for RollingUpdate; Recreate keeps them undefined, as Kubernetes does. */
  maxSurge: IntOrString | undefined;
  maxUnavailable: IntOrString | undefined;
  minReadySeconds: number;
  /** math.MaxInt32 means "keep all", like an absent limit. */
  revisionHistoryLimit: number;
  progressDeadlineSeconds: number;
  paused: boolean;
}

export const MAX_INT32 = 2147483647;

/**
 * replicas 1, strategy RollingUpdate with maxSurge and maxUnavailable 25% each (each only where unset),
 * revisionHistoryLimit 10, progressDeadlineSeconds 600 (ROLL-05, ROLL-09).
 */
export function deploymentDefaults(d: Deployment): DefaultedSpec {
  const type = d.spec.strategy?.type ?? 'RollingUpdate';
  const ru = d.spec.strategy?.rollingUpdate;
  return {
    replicas: d.spec.replicas ?? 1,
    strategyType: type,
    maxSurge: type === 'RollingUpdate' ? (ru?.maxSurge ?? '25%') : undefined,
    maxUnavailable: type === 'RollingUpdate' ? (ru?.maxUnavailable ?? '25%') : undefined,
    minReadySeconds: d.spec.minReadySeconds ?? 0,
    revisionHistoryLimit: d.spec.revisionHistoryLimit ?? 10,
    progressDeadlineSeconds: d.spec.progressDeadlineSeconds ?? 600,
    paused: d.spec.paused ?? false,
  };
}

/** The Deployment with the defaults written into it, as `kubectl get -o yaml` would show it. */
export function withDeploymentDefaults(d: Deployment): Deployment {
  const s = deploymentDefaults(d);
  const strategy: NonNullable<Deployment['spec']['strategy']> =
    s.strategyType === 'RollingUpdate'
      ? { type: 'RollingUpdate', rollingUpdate: { maxSurge: s.maxSurge as IntOrString, maxUnavailable: s.maxUnavailable as IntOrString } }
      : { ...d.spec.strategy, type: 'Recreate' };
  return {
    ...d,
    spec: {
      ...d.spec,
      replicas: s.replicas,
      strategy,
      revisionHistoryLimit: s.revisionHistoryLimit,
      progressDeadlineSeconds: s.progressDeadlineSeconds,
    },
  };
}
