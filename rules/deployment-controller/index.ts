// Registry of the rules under rules/deployment-controller/ and rules/deployment-user/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import deploymentControllerDeadlineMayPass from './deadline-may-pass.json' with { type: 'json' };
import deploymentControllerMaySync from './may-sync.json' with { type: 'json' };
import deploymentUserMayDelete from '../deployment-user/may-delete.json' with { type: 'json' };
import deploymentUserMayPause from '../deployment-user/may-pause.json' with { type: 'json' };
import deploymentUserMayResume from '../deployment-user/may-resume.json' with { type: 'json' };
import deploymentUserMayScale from '../deployment-user/may-scale.json' with { type: 'json' };
import deploymentUserMaySetImage from '../deployment-user/may-set-image.json' with { type: 'json' };
import deploymentUserMayUndo from '../deployment-user/may-undo.json' with { type: 'json' };
import deploymentUserRecordImageSet from '../deployment-user/record-image-set.json' with { type: 'json' };
import deploymentUserRecordScaled from '../deployment-user/record-scaled.json' with { type: 'json' };
import deploymentUserRecordUndone from '../deployment-user/record-undone.json' with { type: 'json' };

export const deploymentControllerRuleFiles: readonly RuleFile[] = [
  deploymentControllerDeadlineMayPass,
  deploymentControllerMaySync,
  deploymentUserMayDelete,
  deploymentUserMayPause,
  deploymentUserMayResume,
  deploymentUserMayScale,
  deploymentUserMaySetImage,
  deploymentUserMayUndo,
  deploymentUserRecordImageSet,
  deploymentUserRecordScaled,
  deploymentUserRecordUndone,
] as RuleFile[];
