// Registry of the rules under rules/network/ingress/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../../src/rules/types.ts';
import canaryDecision from './canary-decision.json' with { type: 'json' };
import canaryWeight from './canary-weight.json' with { type: 'json' };

export const networkIngressRuleFiles: readonly RuleFile[] = [canaryDecision, canaryWeight] as RuleFile[];
