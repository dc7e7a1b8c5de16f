// Registry of the rules under rules/pv-controller/, rules/persistentvolume/ and rules/persistentvolumeclaim/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import pvControllerClaimLost from './claim-lost.json' with { type: 'json' };
import pvControllerMayDeleteVolume from './may-delete-volume.json' with { type: 'json' };
import pvControllerMayProvision from './may-provision.json' with { type: 'json' };
import pvControllerMayRecycle from './may-recycle.json' with { type: 'json' };
import pvControllerReclaimMayFail from './reclaim-may-fail.json' with { type: 'json' };
import pvControllerVolumeMayBecomeAvailable from './volume-may-become-available.json' with { type: 'json' };
import pvControllerVolumeReleased from './volume-released.json' with { type: 'json' };
import persistentvolumeAdminMayClearClaimRef from '../persistentvolume/admin-may-clear-claim-ref.json' with { type: 'json' };
import persistentvolumeClearClaim from '../persistentvolume/clear-claim.json' with { type: 'json' };
import persistentvolumeRecordClaim from '../persistentvolume/record-claim.json' with { type: 'json' };
import persistentvolumeclaimMayDelete from '../persistentvolumeclaim/may-delete.json' with { type: 'json' };
import persistentvolumeclaimMayFinalize from '../persistentvolumeclaim/may-finalize.json' with { type: 'json' };
import persistentvolumeclaimRecordSelectedNode from '../persistentvolumeclaim/record-selected-node.json' with { type: 'json' };
import persistentvolumeclaimRecordVolume from '../persistentvolumeclaim/record-volume.json' with { type: 'json' };

export const pvControllerRuleFiles: readonly RuleFile[] = [
  pvControllerClaimLost,
  pvControllerMayDeleteVolume,
  pvControllerMayProvision,
  pvControllerMayRecycle,
  pvControllerReclaimMayFail,
  pvControllerVolumeMayBecomeAvailable,
  pvControllerVolumeReleased,
  persistentvolumeAdminMayClearClaimRef,
  persistentvolumeClearClaim,
  persistentvolumeRecordClaim,
  persistentvolumeclaimMayDelete,
  persistentvolumeclaimMayFinalize,
  persistentvolumeclaimRecordSelectedNode,
  persistentvolumeclaimRecordVolume,
] as RuleFile[];
