// Random policies and Pods: networkPolicyVerdict agrees with a brute-force evaluator written here from
// the documentation alone (no rules, no shared code), and a deliberately broken evaluator that reads
// namespaceSelector + podSelector in one peer as OR instead of AND is caught (NETPOL-05).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../../../src/k8s/types.ts';
import { networkPolicyVerdict, type Connection, type NamespaceNet, type PolicyType, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort, type PolicyCluster } from '../../../src/network/policy/index.ts';
import type { PodNet } from '../../../src/network/types.ts';
import { cluster as baseCluster, pod, policy } from './fixtures.ts';

const SEED = 20261106;
const NAMESPACES: NamespaceNet[] = [{ name: 'ns1', labels: { team: 'a' } }, { name: 'ns2', labels: { team: 'b' } }, { name: 'ns3', labels: {} }];
const EXTERNAL = ['10.0.0.200', '192.168.5.5', '192.168.0.11'];

// ---- the brute-force evaluator -------------------------------------------------------------------------
const sel = (s: LabelSelector, labels: Record<string, string>): boolean =>
  Object.entries(s.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
  (s.matchExpressions ?? []).every((e) => {
    const has = k(labels, e.key);
    if (e.operator === 'In') return has && (e.values ?? []).includes(labels[e.key] as string);
    if (e.operator === 'NotIn') return !has || !(e.values ?? []).includes(labels[e.key] as string);
    return e.operator === 'Exists' ? has : !has;
  });
const k = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

const ipNum = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const inCidr = (ip: string, cidr: string): boolean => {
  const [base, bits] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(bits));
  return ipNum(ip) >= ipNum(base) && ipNum(ip) < ipNum(base) + size;
};

interface Brute { ip: string; pod?: PodNet }

function brutePeer(c: PolicyCluster, p: NetworkPolicy, peer: NetworkPolicyPeer, end: Brute, broken: boolean): boolean {
  if (peer.ipBlock) return inCidr(end.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((e) => inCidr(end.ip, e));
  const q = end.pod;
  if (!q) return false;
  const nsLabels = { ...(c.namespaces.find((n) => n.name === q.namespace)?.labels ?? {}), 'kubernetes.io/metadata.name': q.namespace };
  const nsOk = peer.namespaceSelector ? sel(peer.namespaceSelector, nsLabels) : q.namespace === p.metadata.namespace;
  const podOk = peer.podSelector ? sel(peer.podSelector, q.labels) : true;
  if (broken && peer.namespaceSelector && peer.podSelector) return sel(peer.namespaceSelector, nsLabels) || (q.namespace === p.metadata.namespace && podOk);
  return nsOk && podOk;
}

function brutePort(port: NetworkPolicyPort, conn: Connection, dest: Brute): boolean {
  const proto = port.protocol ?? 'TCP';
  if (proto !== conn.protocol) return false;
  if (port.port === undefined) return true;
  if (typeof port.port === 'string') {
    const named = dest.pod?.ports[port.port];
    return named !== undefined && named.protocol === proto && named.port === conn.port;
  }
  return port.endPort === undefined ? port.port === conn.port : conn.port >= port.port && conn.port <= port.endPort;
}

function bruteSide(c: PolicyCluster, dir: 'Ingress' | 'Egress', self: Brute, other: Brute, conn: Connection, dest: Brute, broken: boolean): boolean {
  const me = self.pod;
  if (!me) return true;
  if (other.pod === me) return true;
  if (c.nodes.find((n) => n.name === me.node)?.ip === other.ip) return true;
  let isolated = false;
  for (const p of c.policies) {
    if (p.metadata.namespace !== me.namespace || !sel(p.spec.podSelector ?? {}, me.labels)) continue;
    const types = p.spec.policyTypes?.length ? p.spec.policyTypes : ['Ingress', ...((p.spec.egress ?? []).length ? ['Egress'] : [])];
    if (!types.includes(dir)) continue;
    isolated = true;
    const rules = dir === 'Ingress' ? (p.spec.ingress ?? []).map((r) => ({ peers: r.from ?? [], ports: r.ports ?? [] })) : (p.spec.egress ?? []).map((r) => ({ peers: r.to ?? [], ports: r.ports ?? [] }));
    for (const r of rules) {
      const peerOk = r.peers.length === 0 || r.peers.some((x) => brutePeer(c, p, x, other, broken));
      const portOk = r.ports.length === 0 || r.ports.some((x) => brutePort(x, conn, dest));
      if (peerOk && portOk) return true;
    }
  }
  return !isolated;
}

function bruteAllowed(c: PolicyCluster, conn: Connection, broken = false): boolean {
  if (!c.plugin.startsWith('calico')) return true;
  const end = (e: Connection['from']): Brute => ('name' in e ? { ip: e.ip, pod: e } : { ip: e.ip, pod: c.pods.find((p) => p.ip === e.ip) });
  const from = end(conn.from);
  const to = end(conn.to);
  return bruteSide(c, 'Egress', from, to, conn, to, broken) && bruteSide(c, 'Ingress', to, from, conn, to, broken);
}

// ---- arbitraries ---------------------------------------------------------------------------------------
const labelsArb = fc.dictionary(fc.constantFrom('role', 'tier'), fc.constantFrom('a', 'b'), { maxKeys: 2 });
const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.record({ matchLabels: labelsArb }),
  fc.record({ matchExpressions: fc.array(fc.oneof(
    fc.record({ key: fc.constantFrom('role', 'team'), operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 2 }) }),
    fc.record({ key: fc.constantFrom('role', 'team'), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
  ), { maxLength: 2 }) }),
);
const nsSelectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.record({ matchLabels: fc.dictionary(fc.constant('team'), fc.constantFrom('a', 'b'), { maxKeys: 1 }) }),
  fc.constantFrom({ matchLabels: { 'kubernetes.io/metadata.name': 'ns3' } }),
);
const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: nsSelectorArb }),
  fc.record({ namespaceSelector: nsSelectorArb, podSelector: selectorArb }),
  fc.constantFrom<NetworkPolicyPeer>({ ipBlock: { cidr: '10.0.0.0/24' } }, { ipBlock: { cidr: '10.0.0.0/29', except: ['10.0.0.0/30'] } }, { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/24'] } }),
);
const portArb: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.constantFrom(80, 8080, 'http') }, { requiredKeys: ['port'] }),
  fc.constantFrom<NetworkPolicyPort>({ port: 8000, endPort: 8100 }, { protocol: 'UDP' }),
);
const ruleArb = fc.record({ peers: fc.array(peerArb, { maxLength: 3 }), ports: fc.array(portArb, { maxLength: 2 }) });
const policyArb = fc.record({
  ns: fc.constantFrom('ns1', 'ns2', 'ns3'),
  podSelector: fc.oneof(fc.constant<LabelSelector>({}), selectorArb),
  policyTypes: fc.constantFrom<PolicyType[] | undefined>(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.option(fc.array(ruleArb, { maxLength: 2 }), { nil: undefined }),
  egress: fc.option(fc.array(ruleArb, { maxLength: 2 }), { nil: undefined }),
});
const podArb = fc.record({ ns: fc.constantFrom('ns1', 'ns2', 'ns3'), labels: labelsArb, node: fc.constantFrom('node1', 'node2'), http: fc.boolean() });
const scenarioArb = fc.record({
  pods: fc.array(podArb, { minLength: 2, maxLength: 5 }),
  policies: fc.array(policyArb, { minLength: 1, maxLength: 4 }),
  from: fc.nat(7), to: fc.nat(7),
  port: fc.constantFrom(80, 8080, 8050, 443),
  protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
  flannel: fc.nat(4).map((n) => n === 0),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { c: PolicyCluster; conn: Connection } {
  const podList = s.pods.map((p, i) => {
    const q = pod(p.ns, `p${i}`, `10.0.0.${i + 1}`, p.labels, p.node);
    q.ports = p.http ? { http: { port: 8080, protocol: 'TCP' } } : {};
    return q;
  });
  const policies = s.policies.map((p, i) => policy(p.ns, `np${i}`, {
    podSelector: p.podSelector,
    ...(p.policyTypes ? { policyTypes: p.policyTypes } : {}),
    ...(p.ingress ? { ingress: p.ingress.map((r) => ({ from: r.peers, ports: r.ports })) } : {}),
    ...(p.egress ? { egress: p.egress.map((r) => ({ to: r.peers, ports: r.ports })) } : {}),
  }));
  const c: PolicyCluster = { ...baseCluster(policies, s.flannel ? 'flannel-vxlan' : 'calico-bgp'), pods: podList, namespaces: NAMESPACES };
  const end = (n: number): Connection['from'] => podList[n] ?? { ip: EXTERNAL[n % EXTERNAL.length] as string };
  return { c, conn: { from: end(s.from), to: end(s.to), port: s.port, protocol: s.protocol } };
}

const outcomes = { allowed: 0, denied: 0 };
const agrees = (broken: boolean) => fc.property(scenarioArb, (s) => {
  const { c, conn } = build(s);
  const allowed = networkPolicyVerdict(c, conn).allowed;
  outcomes[allowed ? 'allowed' : 'denied'] += 1;
  expect(allowed).toBe(bruteAllowed(c, conn, broken));
});

describe('NetworkPolicy verdict against a brute-force evaluator', () => {
  it(`NETPOL-01..08: the verdict equals the brute-force evaluator's on random clusters (seed ${SEED})`, () => {
    fc.assert(agrees(false), { seed: SEED, numRuns: 1500 });
    // Not vacuous: both verdicts occur often.
    expect(outcomes.denied).toBeGreaterThan(150);
    expect(outcomes.allowed).toBeGreaterThan(150);
  });

  it(`NETPOL-05: an evaluator reading namespaceSelector+podSelector as OR is caught (seed ${SEED})`, () => {
    const result = fc.check(agrees(true), { seed: SEED, numRuns: 1500 });
    expect(result.failed).toBe(true);
  });
});
