// Registry of the rules under rules/network/datapath/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../../src/rules/types.ts';
import bridgeForward from './bridge-forward.json' with { type: 'json' };
import calicoEncapsulate from './calico-encapsulate.json' with { type: 'json' };
import flannelRemoteRoute from './flannel-remote-route.json' with { type: 'json' };
import vxlanAccept from './vxlan-accept.json' with { type: 'json' };

export const networkDatapathRuleFiles: readonly RuleFile[] = [
  bridgeForward,
  calicoEncapsulate,
  flannelRemoteRoute,
  vxlanAccept,
] as RuleFile[];
