// Registry of the rules under rules/storage/ (one JSON file each), spread into rules/index.ts: the
// PersistentVolumeController's and the scheduler volume binder's decisions (PVC-02..PVC-14).
import type { RuleFile } from '../../src/rules/types.ts';
import accessModesSatisfied from './access-modes-satisfied.json' with { type: 'json' };
import allowedTopologies from './allowed-topologies.json' with { type: 'json' };
import boundToClaim from './bound-to-claim.json' with { type: 'json' };
import capacityFits from './capacity-fits.json' with { type: 'json' };
import claimDecision from './claim-decision.json' with { type: 'json' };
import classMatches from './class-matches.json' with { type: 'json' };
import reclaim from './reclaim.json' with { type: 'json' };
import selectorMatches from './selector-matches.json' with { type: 'json' };
import volumeCandidate from './volume-candidate.json' with { type: 'json' };
import volumeDecision from './volume-decision.json' with { type: 'json' };
import volumeModeMatches from './volume-mode-matches.json' with { type: 'json' };

export const storageRuleFiles: readonly RuleFile[] = [
  classMatches,
  accessModesSatisfied,
  capacityFits,
  volumeModeMatches,
  boundToClaim,
  selectorMatches,
  volumeCandidate,
  claimDecision,
  volumeDecision,
  reclaim,
  allowedTopologies,
] as RuleFile[];
