// maxSurge and maxUnavailable as numbers of Pods (ROLL-05): deployment/util ResolveFenceposts, MaxSurge,
// MaxUnavailable, with intstr.GetScaledValueFromIntOrPercent's rounding. The arithmetic is in
// rules/deployment/{max-surge,scaled-max-unavailable,resolve-fenceposts,max-unavailable}.json; this module
// rejects what intstr rejects and hands the rules the user's values.
import { InputError } from '../errors.ts';
import type { Deployment, IntOrString } from '../k8s/types.ts';
import { deploymentDefaults } from './defaults.ts';
import { decide } from './rules.ts';

/** getIntOrPercentValueSafely: an integer, or a string of digits followed by "%"; anything else is an error. */
function checkIntOrPercent(value: IntOrString): void {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new InputError(`invalid value for IntOrString: ${value} is not an integer`);
    return;
  }
  if (!value.endsWith('%')) throw new InputError('invalid value for IntOrString: invalid type: string is not a percentage');
  if (!/^[+-]?\d+$/.test(value.slice(0, -1))) throw new InputError(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}`);
}

/**
 * ResolveFenceposts: [surge, unavailable] in Pods. Surge rounds up, unavailable rounds down, and when
 * both come to 0 unavailable becomes 1 (so a rollout never stalls on rounding):
 *
 *     resolveFenceposts('25%', '25%', 10) → { surge: 3, unavailable: 2 }   (2.5 up, 2.5 down)
 *     resolveFenceposts('0%', '1%', 2)    → { surge: 0, unavailable: 1 }   (0.02 down is 0: fallback)
 *     resolveFenceposts('1%', '25%', 2)   → { surge: 1, unavailable: 0 }   (0.02 up is 1)
 *     resolveFenceposts(0, 0, 1)          → { surge: 0, unavailable: 1 }
 *     resolveFenceposts(1, 0, 3)          → { surge: 1, unavailable: 0 }
 *
 * Throws InputError for a string that is not a percentage ("5", "20Percent"), as intstr does.
 */
export function resolveFenceposts(maxSurge: IntOrString, maxUnavailable: IntOrString, replicas: number): { surge: number; unavailable: number } {
  checkIntOrPercent(maxSurge);
  checkIntOrPercent(maxUnavailable);
  const [surge, unavailable] = decide<[number, number]>('deployment/resolve-fenceposts', { maxSurge, maxUnavailable, replicas });
  return { surge, unavailable };
}

/** MaxSurge(d): the resolved surge for RollingUpdate, 0 for Recreate. 10 replicas at 25% → 3. */
export function maxSurgeOf(d: Deployment): number {
  const s = deploymentDefaults(d);
  if (s.strategyType !== 'RollingUpdate') return 0;
  return resolveFenceposts(s.maxSurge ?? 0, s.maxUnavailable ?? 0, s.replicas).surge;
}

/**
 * MaxUnavailable(d): the resolved unavailable fencepost capped at spec.replicas; 0 for Recreate or 0
 * replicas. 10 replicas at 25% → 2; 1 replica at 0/0 → 1; 3 replicas at maxUnavailable 5 → 3.
 */
export function maxUnavailableOf(d: Deployment): number {
  const s = deploymentDefaults(d);
  const rollingUpdate = s.strategyType === 'RollingUpdate';
  const unavailable = rollingUpdate ? resolveFenceposts(s.maxSurge ?? 0, s.maxUnavailable ?? 0, s.replicas).unavailable : 0;
  return decide<number>('deployment/max-unavailable', { rollingUpdate, replicas: s.replicas, unavailable });
}

/**
 * The desired-replicas and max-replicas annotations every scale writes (SetReplicasAnnotations) and a new
 * ReplicaSet is created with: spec.replicas and spec.replicas + MaxSurge. 10 replicas at 25% → 10 and 13.
 * Proportional scaling later reads max-replicas as the size a ReplicaSet was scaled for (ROLL-07).
 */
export function replicasAnnotations(d: Deployment): { desiredReplicas: number; maxReplicas: number } {
  const { replicas } = deploymentDefaults(d);
  return { desiredReplicas: replicas, maxReplicas: replicas + maxSurgeOf(d) };
}
