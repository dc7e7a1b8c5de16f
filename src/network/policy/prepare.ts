// Policies made ready for evaluation once per cluster: validated (bad input fails here, naming the
// policy and field), CIDRs parsed, and each policy's isolation per direction decided by the isolated
// rule (NETPOL-07's policyTypes defaulting), so a reachability matrix does this work once, not n² times.
import { InputError } from '../../errors.ts';
import type { LabelSelector } from '../../k8s/types.ts';
import type { Protocol } from '../types.ts';
import { parseCidr, type Cidr } from './cidr.ts';
import { policyRule } from './rules.ts';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, PolicyCluster } from './types.ts';
import { policyKey, validateNetworkPolicy } from './validate.ts';

export interface PreparedPeer {
  podSelector: LabelSelector | null;
  namespaceSelector: LabelSelector | null;
  ipBlock: { cidr: Cidr; except: Cidr[] } | null;
}

export interface PreparedPort {
  protocol: Protocol;
  port: number | string | null;
  endPort: number | null;
}

export interface PreparedRule {
  peers: PreparedPeer[];
  ports: PreparedPort[];
}

export interface PreparedPolicy {
  key: string;
  namespace: string;
  podSelector: LabelSelector;
  isolates: { Ingress: boolean; Egress: boolean };
  rules: { Ingress: PreparedRule[]; Egress: PreparedRule[] };
}

export interface PreparedCluster {
  cluster: PolicyCluster;
  enforced: boolean;
  policies: PreparedPolicy[];
  /** Namespace labels including the API server's automatic kubernetes.io/metadata.name (1.21+). */
  namespaceLabels: (namespace: string) => Record<string, string>;
}

const preparePeer = (p: NetworkPolicyPeer): PreparedPeer => ({
  podSelector: p.podSelector ?? null,
  namespaceSelector: p.namespaceSelector ?? null,
  ipBlock: p.ipBlock ? { cidr: parseCidr(p.ipBlock.cidr), except: (p.ipBlock.except ?? []).map(parseCidr) } : null,
});

const preparePort = (p: NetworkPolicyPort): PreparedPort => ({ protocol: p.protocol ?? 'TCP', port: p.port ?? null, endPort: p.endPort ?? null });

function preparePolicy(policy: NetworkPolicy): PreparedPolicy {
  validateNetworkPolicy(policy);
  const spec = policy.spec ?? {};
  const isolation = (direction: 'Ingress' | 'Egress'): boolean =>
    policyRule('network/policy/isolated', { direction, policyTypes: spec.policyTypes ?? [], hasEgressRules: (spec.egress ?? []).length > 0 });
  return {
    key: policyKey(policy),
    namespace: policy.metadata.namespace ?? 'default',
    podSelector: spec.podSelector ?? {},
    isolates: { Ingress: isolation('Ingress'), Egress: isolation('Egress') },
    rules: {
      Ingress: (spec.ingress ?? []).map((r) => ({ peers: (r.from ?? []).map(preparePeer), ports: (r.ports ?? []).map(preparePort) })),
      Egress: (spec.egress ?? []).map((r) => ({ peers: (r.to ?? []).map(preparePeer), ports: (r.ports ?? []).map(preparePort) })),
    },
  };
}

export function prepareCluster(cluster: PolicyCluster): PreparedCluster {
  if (!Array.isArray(cluster.policies)) throw new InputError('cluster.policies: expected a list of NetworkPolicies');
  const labels = new Map((cluster.namespaces ?? []).map((n) => [n.name, n.labels ?? {}]));
  return {
    cluster,
    enforced: policyRule('network/policy/enforced', { plugin: cluster.plugin, policyAgent: cluster.policyAgent ?? null }),
    policies: cluster.policies.map(preparePolicy),
    namespaceLabels: (namespace) => ({ ...(labels.get(namespace) ?? {}), 'kubernetes.io/metadata.name': namespace }),
  };
}
