// Public surface of NetworkPolicy evaluation (NETPOL-*).
export type {
  Connection,
  ConnectionEnd,
  DirectionVerdict,
  IPBlock,
  NamespaceNet,
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
  PolicyAgent,
  PolicyCluster,
  PolicyType,
  PolicyVerdict,
} from './types.ts';
export { networkPolicyVerdict } from './verdict.ts';
export { reachabilityMatrix, formatReachability, type ReachabilityMatrix } from './reach.ts';
export { validateNetworkPolicy, networkPolicyErrors } from './validate.ts';
