// kube-proxy's rule generators: iptables mode (rules as text or data, by release) and IPVS mode.
export { generateKubeProxyRules, iptablesRules, kubeProxyRuleset } from './iptables.ts';
export type { IptablesRulesOptions, KubeProxyOptions } from './iptables.ts';
export type { ChainRules, KubeProxyRuleset, Rule, RuleMatch, TableRules, TargetArgs } from './ruleset.ts';
export { ipvsRules } from './ipvs.ts';
export type { IpSet, IpvsOptions, IpvsRealServer, IpvsRules, IpvsVirtualServer } from './ipvs.ts';
export { IPSET_INFO } from './ipvs-sets.ts';
export type { IpSetInfo, IpSetType } from './ipvs-sets.ts';
export { compareAddresses, renderIpvsadm } from './ipvsadm.ts';
export { endpointChain, portProtoHash, serviceChain, servicePortName } from './chain-names.ts';
export { kernelProbability, kubeProxyProbability, printedProbability } from './probability.ts';
export { formatFixed } from './fixed.ts';
export { CURRENT_KUBERNETES_VERSION, proxyFeatures } from './version.ts';
export type { ProxyFeatures } from './version.ts';
export { parseRuleLine } from './parse.ts';
