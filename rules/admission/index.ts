// Registry of the rules under rules/admission/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import limitMax from './limit-max.json' with { type: 'json' };
import limitMin from './limit-min.json' with { type: 'json' };
import limitRatio from './limit-ratio.json' with { type: 'json' };
import namespaceLifecycle from './namespace-lifecycle.json' with { type: 'json' };
import priorityConflict from './priority-conflict.json' with { type: 'json' };
import priorityValue from './priority-value.json' with { type: 'json' };
import quotaChargesCompute from './quota-charges-compute.json' with { type: 'json' };
import quotaContainerMissing from './quota-container-missing.json' with { type: 'json' };
import quotaScopeMatches from './quota-scope-matches.json' with { type: 'json' };
import quotaWouldExceed from './quota-would-exceed.json' with { type: 'json' };
import toleratesNodeLifecycleTaint from './tolerates-node-lifecycle-taint.json' with { type: 'json' };

export const admissionRuleFiles: readonly RuleFile[] = [
  namespaceLifecycle,
  limitMin,
  limitMax,
  limitRatio,
  priorityValue,
  priorityConflict,
  toleratesNodeLifecycleTaint,
  quotaScopeMatches,
  quotaChargesCompute,
  quotaContainerMissing,
  quotaWouldExceed,
] as RuleFile[];
