// Registry of the filter rules under rules/scheduler/ (one JSON file each), spread into rules/index.ts;
// the score rules have their own registry in rules/scheduler/score/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import { scoreRuleFiles } from './score/index.ts';
import interPodAffinity from './inter-pod-affinity.json' with { type: 'json' };
import nodeAffinity from './node-affinity.json' with { type: 'json' };
import nodeName from './node-name.json' with { type: 'json' };
import nodePorts from './node-ports.json' with { type: 'json' };
import nodeResourcesFit from './node-resources-fit.json' with { type: 'json' };
import nodeSelectorRequirement from './node-selector-requirement.json' with { type: 'json' };
import nodeUnschedulable from './node-unschedulable.json' with { type: 'json' };
import podTopologySpread from './pod-topology-spread.json' with { type: 'json' };
import taintToleration from './taint-toleration.json' with { type: 'json' };

export const schedulerRuleFiles: readonly RuleFile[] = [
  nodeUnschedulable,
  nodeName,
  taintToleration,
  nodeSelectorRequirement,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  podTopologySpread,
  interPodAffinity,
  ...scoreRuleFiles,
] as RuleFile[];
