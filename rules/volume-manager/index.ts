// Registry of the rules under rules/volume-manager/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import volumeManagerRecordTarget from './record-target.json' with { type: 'json' };
import volumeManagerMayMountDevice from './may-mount-device.json' with { type: 'json' };
import volumeManagerMayMount from './may-mount.json' with { type: 'json' };
import volumeManagerMaySetUp from './may-set-up.json' with { type: 'json' };
import volumeManagerMayTearDown from './may-tear-down.json' with { type: 'json' };
import volumeManagerMayUnmountDevice from './may-unmount-device.json' with { type: 'json' };
import volumeManagerSetUpFails from './set-up-fails.json' with { type: 'json' };

export const volumeManagerRuleFiles: readonly RuleFile[] = [
  volumeManagerMayMountDevice,
  volumeManagerMayMount,
  volumeManagerMaySetUp,
  volumeManagerMayTearDown,
  volumeManagerMayUnmountDevice,
  volumeManagerSetUpFails,
  volumeManagerRecordTarget,
] as RuleFile[];
