// The data path's decisions, evaluated from the rule files under rules/network/datapath/ through the shared
// registry.
import { getRule } from '../../rules/registry.ts';
import type { CompiledRule } from '../../rules/types.ts';
import type { IpipMode } from './types.ts';

const rule = (id: string): CompiledRule => getRule(`network/datapath/${id}`);

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
