// Registry of the rules under rules/replicaset-controller/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import rcClaim from './claim.json' with { type: 'json' };
import rcDeletionOrder from './deletion-order.json' with { type: 'json' };
import rcFailureReason from './failure-reason.json' with { type: 'json' };
import rcManageReplicas from './manage-replicas.json' with { type: 'json' };
import rcPodAvailable from './pod-available.json' with { type: 'json' };
import rcPodEvent from './pod-event.json' with { type: 'json' };
import rcPodLiveness from './pod-liveness.json' with { type: 'json' };

export const replicasetControllerRuleFiles: readonly RuleFile[] = [
  rcClaim,
  rcDeletionOrder,
  rcFailureReason,
  rcManageReplicas,
  rcPodAvailable,
  rcPodEvent,
  rcPodLiveness,
] as RuleFile[];
