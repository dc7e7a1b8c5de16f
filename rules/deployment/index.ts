// Registry of the rules under rules/deployment/ (one JSON file each), to be spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import dAvailableCondition from './available-condition.json' with { type: 'json' };
import dCleanupCount from './cleanup-count.json' with { type: 'json' };
import dCleanupUnhealthyStep from './cleanup-unhealthy-step.json' with { type: 'json' };
import dComplete from './complete.json' with { type: 'json' };
import dIsSaturated from './is-saturated.json' with { type: 'json' };
import dMaxScaledDown from './max-scaled-down.json' with { type: 'json' };
import dMaxSurge from './max-surge.json' with { type: 'json' };
import dMaxUnavailable from './max-unavailable.json' with { type: 'json' };
import dMayDeleteOld from './may-delete-old.json' with { type: 'json' };
import dNewRsReplicas from './new-rs-replicas.json' with { type: 'json' };
import dOldPodsRunning from './old-pods-running.json' with { type: 'json' };
import dOldRsScaleDownStep from './old-rs-scale-down-step.json' with { type: 'json' };
import dOldScaleDownBudget from './old-scale-down-budget.json' with { type: 'json' };
import dProgressing from './progressing.json' with { type: 'json' };
import dProgressingReason from './progressing-reason.json' with { type: 'json' };
import dProportion from './proportion.json' with { type: 'json' };
import dReplicaSetFraction from './replica-set-fraction.json' with { type: 'json' };
import dResolveFenceposts from './resolve-fenceposts.json' with { type: 'json' };
import dRolloutStatus from './rollout-status.json' with { type: 'json' };
import dScaledMaxUnavailable from './scaled-max-unavailable.json' with { type: 'json' };
import dTimedOut from './timed-out.json' with { type: 'json' };

export const deploymentRuleFiles: readonly RuleFile[] = [
  dAvailableCondition,
  dCleanupCount,
  dCleanupUnhealthyStep,
  dComplete,
  dIsSaturated,
  dMaxScaledDown,
  dMaxSurge,
  dMaxUnavailable,
  dMayDeleteOld,
  dNewRsReplicas,
  dOldPodsRunning,
  dOldRsScaleDownStep,
  dOldScaleDownBudget,
  dProgressing,
  dProgressingReason,
  dProportion,
  dReplicaSetFraction,
  dResolveFenceposts,
  dRolloutStatus,
  dScaledMaxUnavailable,
  dTimedOut,
] as RuleFile[];
