// Registry of the rules under rules/volume/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import volumeAttachable from './attachable.json' with { type: 'json' };
import volumeStages from './stages.json' with { type: 'json' };

export const volumeRuleFiles: readonly RuleFile[] = [volumeAttachable, volumeStages] as RuleFile[];
