// The data path's decisions, evaluated from the rule files under rules/network/datapath/. They are loaded
// here (checked against src/rules/shapes-network-datapath.ts, then compiled) so the data path works before
// and after the lead registers them among the built-in rules.
import { networkDatapathRuleFiles } from '../../../rules/network/datapath/index.ts';
import { RuleError } from '../../errors.ts';
import { loadRules } from '../../rules/load.ts';
import { customOperations } from '../../rules/ops/index.ts';
import '../../rules/shapes-network-datapath.ts';
import type { CompiledRule } from '../../rules/types.ts';
import type { IpipMode } from './types.ts';

let compiled: Map<string, CompiledRule> | undefined;

function rule(id: string): CompiledRule {
  if (!compiled) {
    const sources = networkDatapathRuleFiles.map((content) => ({ fileName: `rules/${content.id}.json`, content }));
    const { rules, errors } = loadRules(sources, customOperations);
    const [first] = errors;
    if (first) throw new RuleError(first.ruleId, first.jsonPath, errors.map((e) => e.message).join('\n'), first.file);
    compiled = rules;
  }
  const found = compiled.get(`network/datapath/${id}`);
  if (!found) throw new RuleError(id, '$', `no rule with id "network/datapath/${id}"`);
  return found;
}

export type BridgeAction = 'local' | 'flood' | 'forward' | 'filter';

export function bridgeAction(input: { dstMac: string; bridgeMac: string; ingressPort: string; learnedPort: string | null }): BridgeAction {
  return rule('bridge-forward').evaluate(input) as BridgeAction;
}

export function calicoEncapsulates(ipipMode: IpipMode, sameSubnet: boolean): boolean {
  return rule('calico-encapsulate').evaluate({ ipipMode, sameSubnet }) === true;
}

export function vxlanAccepts(input: { udpDstPort: number; vni: number; device: { dstport: number; id: number } | null }): boolean {
  return rule('vxlan-accept').evaluate(input) === true;
}

export type FlannelRouteKind = 'vtep' | 'tun' | 'direct' | 'refused';

export function flannelRemoteRoute(backend: 'vxlan' | 'udp' | 'host-gw', onLink: boolean): FlannelRouteKind {
  return rule('flannel-remote-route').evaluate({ backend, onLink }) as FlannelRouteKind;
}
