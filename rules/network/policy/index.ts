// Registry of the rules under rules/network/policy/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../../src/rules/types.ts';
import connectionAllowed from './connection-allowed.json' with { type: 'json' };
import directionAllowed from './direction-allowed.json' with { type: 'json' };
import enforced from './enforced.json' with { type: 'json' };
import isolated from './isolated.json' with { type: 'json' };
import peerMatches from './peer-matches.json' with { type: 'json' };
import portMatches from './port-matches.json' with { type: 'json' };
import ruleMatches from './rule-matches.json' with { type: 'json' };

export const networkPolicyRuleFiles: readonly RuleFile[] = [
  connectionAllowed,
  directionAllowed,
  enforced,
  isolated,
  peerMatches,
  portMatches,
  ruleMatches,
] as RuleFile[];
