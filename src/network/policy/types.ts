// NetworkPolicy as networking.k8s.io/v1 defines it (staging/src/k8s.io/api/networking/v1/types.go), and
// the inputs and outputs of the policy evaluator (NETPOL-01 … NETPOL-09). Only the fields a verdict reads.
import type { LabelSelector } from '../../k8s/types.ts';
import type { ClusterNetwork, PodNet, Protocol } from '../types.ts';

export type PolicyType = 'Ingress' | 'Egress';

/** IPBlock: a CIDR minus its except CIDRs, each a strict subset of cidr (validation.go ValidateIPBlock). */
export interface IPBlock {
  cidr: string;
  except?: string[];
}

/**
 * One from/to entry. podSelector and namespaceSelector together select Pods matching both (NETPOL-05);
 * ipBlock may not be combined with either.
 */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  /** Defaults to TCP. */
  protocol?: Protocol;
  /** A number, or a named container port resolved on the destination Pod; absent means every port. */
  port?: number | string;
  /** Last port of a range starting at `port` (numeric `port` only). */
  endPort?: number;
}

export interface NetworkPolicyIngressRule {
  ports?: NetworkPolicyPort[];
  from?: NetworkPolicyPeer[];
}

export interface NetworkPolicyEgressRule {
  ports?: NetworkPolicyPort[];
  to?: NetworkPolicyPeer[];
}

export interface NetworkPolicySpec {
  /** Pods of the policy's namespace it applies to; {} (or absent) selects all of them. */
  podSelector?: LabelSelector;
  policyTypes?: PolicyType[];
  ingress?: NetworkPolicyIngressRule[];
  egress?: NetworkPolicyEgressRule[];
}

export interface NetworkPolicy {
  apiVersion?: 'networking.k8s.io/v1';
  kind?: 'NetworkPolicy';
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec: NetworkPolicySpec;
}

export interface NamespaceNet {
  name: string;
  labels?: Record<string, string>;
}

/**
 * Which agent enforces NetworkPolicy (NETPOL-08). Absent: the network plugin decides (Calico enforces,
 * flannel does not); "calico" on a flannel cluster is Canal; "none" turns enforcement off.
 */
export type PolicyAgent = 'calico' | 'cilium' | 'weave' | 'kube-router' | 'none';

export type PolicyCluster = ClusterNetwork & {
  policies: NetworkPolicy[];
  namespaces: NamespaceNet[];
  policyAgent?: PolicyAgent;
};

/** One end of a connection: a Pod, or a bare IP (resolved to a Pod when some Pod has it). */
export type ConnectionEnd = PodNet | { ip: string };

export interface Connection {
  from: ConnectionEnd;
  to: ConnectionEnd;
  /** Destination port. */
  port: number;
  protocol: Protocol;
}

/** One direction's part of a verdict: whether the Pod is isolated and which policies admit the traffic. */
export interface DirectionVerdict {
  /** The Pod whose policies decide this direction (`ns/name`), or null when that end is no Pod. */
  pod: string | null;
  isolated: boolean;
  /** Policies (`ns/name`) selecting the Pod for this direction. */
  selectedBy: string[];
  /** Policies (`ns/name`) with a rule admitting the connection (NETPOL-03: the union decides). */
  allowedBy: string[];
  allowed: boolean;
}

export interface PolicyVerdict {
  allowed: boolean;
  /** False when the network plugin does not implement NetworkPolicy (NETPOL-08). */
  enforced: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
  reason: string;
}
