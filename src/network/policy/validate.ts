// The API server's NetworkPolicy validation (pkg/apis/networking/validation/validation.go:
// ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock), run
// before any verdict so that a policy Kubernetes would reject never silently allows or denies anything.
import { cidrErrors, isStrictSubset, parseCidr } from './cidr.ts';
import { forbidden, invalid, labelSelectorErrors, notSupported, portNameErrors, portNumberErrors, required, throwIfAny } from './field-errors.ts';
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from './types.ts';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

export const policyKey = (p: NetworkPolicy): string => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;

function portErrors(port: NetworkPolicyPort, path: string): string[] {
  const errors: string[] = [];
  if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol)) errors.push(notSupported(`${path}.protocol`, port.protocol, PROTOCOLS));
  if (port.port === undefined) {
    if (port.endPort !== undefined) errors.push(invalid(`${path}.endPort`, port.endPort, 'may not be specified when `port` is not specified'));
  } else if (typeof port.port === 'number') {
    for (const msg of portNumberErrors(port.port)) errors.push(invalid(`${path}.port`, port.port, msg));
    if (port.endPort !== undefined) {
      if (port.endPort < port.port) errors.push(invalid(`${path}.endPort`, port.endPort, 'must be greater than or equal to `port`'));
      for (const msg of portNumberErrors(port.endPort)) errors.push(invalid(`${path}.endPort`, port.endPort, msg));
    }
  } else {
    if (port.endPort !== undefined) errors.push(invalid(`${path}.endPort`, port.endPort, 'may not be specified when `port` is non-numeric'));
    for (const msg of portNameErrors(port.port)) errors.push(invalid(`${path}.port`, port.port, msg));
  }
  return errors;
}

function peerErrors(peer: NetworkPolicyPeer, path: string): string[] {
  const errors = [...labelSelectorErrors(peer.podSelector, `${path}.podSelector`), ...labelSelectorErrors(peer.namespaceSelector, `${path}.namespaceSelector`)];
  const kinds = [peer.podSelector, peer.namespaceSelector, peer.ipBlock].filter((p) => p !== undefined && p !== null).length;
  if (kinds === 0) errors.push(required(path, 'must specify a peer'));
  else if (kinds > 1 && peer.ipBlock) errors.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  const block = peer.ipBlock;
  if (!block) return errors;
  if (!block.cidr) return [...errors, required(`${path}.ipBlock.cidr`, '')];
  const cidrProblems = cidrErrors(block.cidr);
  for (const msg of cidrProblems) errors.push(invalid(`${path}.ipBlock.cidr`, block.cidr, msg));
  if (cidrProblems.length > 0) return errors;
  const outer = parseCidr(block.cidr);
  (block.except ?? []).forEach((except, i) => {
    const at = `${path}.ipBlock.except[${i}]`;
    const problems = cidrErrors(except);
    for (const msg of problems) errors.push(invalid(at, except, msg));
    if (problems.length === 0 && !isStrictSubset(outer, parseCidr(except))) errors.push(invalid(at, except, 'must be a strict subset of `cidr`'));
  });
  return errors;
}

/** Every validation problem of one policy, as Kubernetes words them. */
export function networkPolicyErrors(policy: NetworkPolicy): string[] {
  const spec = policy.spec ?? {};
  const errors = labelSelectorErrors(spec.podSelector, 'spec.podSelector');
  (spec.ingress ?? []).forEach((rule, i) => {
    (rule.ports ?? []).forEach((p, j) => errors.push(...portErrors(p, `spec.ingress[${i}].ports[${j}]`)));
    (rule.from ?? []).forEach((p, j) => errors.push(...peerErrors(p, `spec.ingress[${i}].from[${j}]`)));
  });
  (spec.egress ?? []).forEach((rule, i) => {
    (rule.ports ?? []).forEach((p, j) => errors.push(...portErrors(p, `spec.egress[${i}].ports[${j}]`)));
    (rule.to ?? []).forEach((p, j) => errors.push(...peerErrors(p, `spec.egress[${i}].to[${j}]`)));
  });
  const types = spec.policyTypes ?? [];
  if (types.length > 2) errors.push(invalid('spec.policyTypes', types.join(','), 'may not specify more than two policyTypes'));
  else types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) errors.push(notSupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
  });
  return errors;
}

/** Throws an InputError naming the policy (`NetworkPolicy "default/db"`) and every bad field. */
export function validateNetworkPolicy(policy: NetworkPolicy): void {
  throwIfAny(networkPolicyErrors(policy), `NetworkPolicy "${policyKey(policy)}"`);
}
