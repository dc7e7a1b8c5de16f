// networkPolicyVerdict: may this connection pass under the cluster's NetworkPolicies? Follows the
// documented semantics (concepts/services-networking/network-policies.md): the source's egress side AND
// the destination's ingress side must both let it through (NETPOL-02); a side is open unless some policy
// selecting the Pod isolates it for that direction, and then open to what the union of those policies
// admits (NETPOL-03); a Pod always reaches itself and its own node always reaches it. ipBlock matches Pod
// IPs too — the docs only advise cluster-external CIDRs, and the upstream e2e tests (test/e2e/network/
// netpol) rely on Pod IPs matching; the source an ipBlock sees after SNAT (e.g. a NodePort hop) is the
// caller's business. The decisions are the rules of rules/network/policy/.
import { InputError } from '../../errors.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import type { PodNet } from '../types.ts';
import { cidrContains, parseIPv4 } from './cidr.ts';
import { prepareCluster, type PreparedCluster, type PreparedPeer, type PreparedPolicy, type PreparedPort, type PreparedRule } from './prepare.ts';
import { policyRule } from './rules.ts';
import type { Connection, ConnectionEnd, DirectionVerdict, PolicyCluster, PolicyVerdict } from './types.ts';

type Direction = 'Ingress' | 'Egress';

/** One end after resolution: a Pod (also when given as the bare IP of one) or an address. */
interface End {
  pod: PodNet | null;
  ip: number;
  text: string;
}

const podKey = (p: PodNet): string => `${p.namespace}/${p.name}`;

function resolveEnd(cluster: PolicyCluster, end: ConnectionEnd, field: string): End {
  const pod = 'name' in end ? end : (cluster.pods.find((p) => p.ip === end.ip) ?? null);
  const ipText = pod ? pod.ip : end.ip;
  const ip = parseIPv4(ipText);
  if (ip === undefined) throw new InputError(`${field}: Invalid value: ${JSON.stringify(ipText)}: must be a valid IPv4 address`);
  return { pod, ip, text: pod ? `pod ${podKey(pod)}` : ipText };
}

function peerMatches(prep: PreparedCluster, policy: PreparedPolicy, peer: PreparedPeer, end: End): boolean {
  const block = peer.ipBlock;
  return policyRule('network/policy/peer-matches', {
    peer: {
      podSelector: peer.podSelector,
      namespaceSelector: peer.namespaceSelector,
      hasIpBlock: block !== null,
      ipBlockMatches: block !== null && cidrContains(block.cidr, end.ip) && !block.except.some((e) => cidrContains(e, end.ip)),
    },
    policyNamespace: policy.namespace,
    endpoint: {
      isPod: end.pod !== null,
      namespace: end.pod?.namespace ?? null,
      labels: end.pod?.labels ?? {},
      namespaceLabels: end.pod ? prep.namespaceLabels(end.pod.namespace) : {},
    },
  });
}

/** Named ports resolve on the destination Pod, by name and protocol; a bare address resolves nothing. */
function portMatches(port: PreparedPort, conn: Connection, destination: End): boolean {
  const named = typeof port.port === 'string';
  let number: number | null = typeof port.port === 'number' ? port.port : null;
  if (named) {
    const found = destination.pod?.ports[port.port as string];
    number = found !== undefined && found.protocol === port.protocol ? found.port : null;
  }
  return policyRule('network/policy/port-matches', {
    entry: { protocol: port.protocol, port: number, endPort: port.endPort, named },
    connection: { port: conn.port, protocol: conn.protocol },
  });
}

function ruleMatches(prep: PreparedCluster, policy: PreparedPolicy, rule: PreparedRule, peer: End, conn: Connection, destination: End): boolean {
  return policyRule('network/policy/rule-matches', {
    peers: rule.peers.map((p) => peerMatches(prep, policy, p, peer)),
    ports: rule.ports.map((p) => portMatches(p, conn, destination)),
  });
}

function directionVerdict(prep: PreparedCluster, direction: Direction, subject: End, peer: End, conn: Connection, destination: End): DirectionVerdict {
  const pod = subject.pod;
  if (pod === null) return { pod: null, isolated: false, selectedBy: [], allowedBy: [], allowed: true };
  const selecting = prep.policies.filter((p) => p.namespace === pod.namespace && matchesSelector(p.podSelector, pod.labels));
  const isolating = selecting.filter((p) => p.isolates[direction]);
  const allowedBy = isolating.filter((p) => p.rules[direction].some((r) => ruleMatches(prep, p, r, peer, conn, destination))).map((p) => p.key);
  const node = prep.cluster.nodes.find((n) => n.name === pod.node);
  const exempt = (peer.pod !== null && podKey(peer.pod) === podKey(pod)) || (node !== undefined && parseIPv4(node.ip) === peer.ip);
  const isolated = isolating.length > 0;
  return {
    pod: podKey(pod),
    isolated,
    selectedBy: isolating.map((p) => p.key),
    allowedBy,
    allowed: policyRule('network/policy/direction-allowed', { isolated, allowedBy, exempt }),
  };
}

function describe(direction: Direction, v: DirectionVerdict, conn: Connection, peer: End): string {
  const side = direction === 'Egress' ? 'egress' : 'ingress';
  if (v.pod === null) return `${side}: not a Pod, no policy applies`;
  if (!v.isolated) return `${side} of ${v.pod}: not isolated, no policy of type ${direction} selects it`;
  if (v.allowedBy.length > 0) return `${side} of ${v.pod}: allowed by ${v.allowedBy.join(', ')}`;
  if (v.allowed) return `${side} of ${v.pod}: isolated but always allowed (the Pod itself or its node)`;
  const what = `${conn.protocol} ${conn.port} ${direction === 'Egress' ? 'to' : 'from'} ${peer.text}`;
  return `${side} of ${v.pod}: isolated by ${v.selectedBy.join(', ')}, and no rule admits ${what}`;
}

/** The verdict for one connection against prepared policies (see prepareCluster). */
export function evaluateConnection(prep: PreparedCluster, conn: Connection): PolicyVerdict {
  const from = resolveEnd(prep.cluster, conn.from, 'connection.from.ip');
  const to = resolveEnd(prep.cluster, conn.to, 'connection.to.ip');
  const egress = directionVerdict(prep, 'Egress', from, to, conn, to);
  const ingress = directionVerdict(prep, 'Ingress', to, from, conn, to);
  const allowed = policyRule('network/policy/connection-allowed', { enforced: prep.enforced, egress: egress.allowed, ingress: ingress.allowed });
  const details = `${describe('Egress', egress, conn, to)}; ${describe('Ingress', ingress, conn, from)}`;
  const reason = prep.enforced
    ? details
    : `NetworkPolicy is not enforced: network plugin ${prep.cluster.plugin} does not implement it and no policy agent runs, so ${prep.policies.length} stored policies change nothing (${details})`;
  return { allowed, enforced: prep.enforced, egress, ingress, reason };
}

/**
 * May `conn` pass? Validates every policy first (InputError naming policy and field), then evaluates
 * both directions; the verdict lists the policies responsible on each side.
 */
export function networkPolicyVerdict(cluster: PolicyCluster, conn: Connection): PolicyVerdict {
  return evaluateConnection(prepareCluster(cluster), conn);
}
