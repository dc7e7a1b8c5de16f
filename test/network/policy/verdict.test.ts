// networkPolicyVerdict, one table per semantic point; every row names the verdict and the reason.
import { describe, expect, it } from 'vitest';
import { networkPolicyVerdict, type Connection, type NetworkPolicy } from '../../../src/network/policy/index.ts';
import type { NetworkPlugin } from '../../../src/network/types.ts';
import { cluster, pods, policy } from './fixtures.ts';

interface Row {
  name: string;
  policies: NetworkPolicy[];
  conn: Connection;
  allowed: boolean;
  plugin?: NetworkPlugin;
}

const tcp = (from: Connection['from'], to: Connection['to'], port = 6379): Connection => ({ from, to, port, protocol: 'TCP' });
const denyAllIngress = policy('default', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
const denyAllEgress = policy('default', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
const dbFromFrontend = policy('default', 'db-from-frontend', {
  podSelector: { matchLabels: { role: 'db' } },
  ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }],
});

function run(rows: Row[]): void {
  for (const row of rows) {
    it(row.name, () => {
      const v = networkPolicyVerdict(cluster(row.policies, row.plugin), row.conn);
      expect(v.allowed, v.reason).toBe(row.allowed);
    });
  }
}

describe('isolation', () => {
  run([
    { name: 'NETPOL-01: allowed, no policy selects either Pod', policies: [], conn: tcp(pods.client, pods.db), allowed: true },
    { name: 'NETPOL-01: allowed, the only policy selects other Pods', policies: [dbFromFrontend], conn: tcp(pods.db, pods.client), allowed: true },
    { name: 'NETPOL-02: denied, default-deny {} isolates db for ingress', policies: [denyAllIngress], conn: tcp(pods.frontend, pods.db), allowed: false },
    { name: 'NETPOL-02: allowed, default-deny ingress does not isolate egress', policies: [denyAllIngress], conn: tcp(pods.db, { ip: '8.8.8.8' }, 53), allowed: true },
    { name: 'NETPOL-02: denied, default-deny egress blocks db reaching an outside address', policies: [denyAllEgress], conn: tcp(pods.db, { ip: '8.8.8.8' }, 53), allowed: false },
    { name: 'NETPOL-02: denied, egress of the source is isolated even though ingress is open', policies: [denyAllEgress], conn: tcp(pods.frontend, pods.client), allowed: false },
    { name: 'NETPOL-02: allowed, the policy of namespace default does not isolate Pods of alice', policies: [denyAllIngress], conn: tcp(pods.client, pods.aliceClient), allowed: true },
    {
      name: 'NETPOL-07: denied, policyTypes [Ingress, Egress] without egress rules isolates egress',
      policies: [policy('default', 'both', { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Ingress', 'Egress'], ingress: [{}] })],
      conn: tcp(pods.db, pods.client), allowed: false,
    },
    {
      name: 'NETPOL-07: allowed, egress rules are ignored when policyTypes lists only Ingress',
      policies: [policy('default', 'typed', { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Ingress'], ingress: [{}], egress: [{ to: [{ ipBlock: { cidr: '1.1.1.1/32' } }] }] })],
      conn: tcp(pods.db, pods.client), allowed: true,
    },
    {
      name: 'NETPOL-07: denied, unset policyTypes plus egress rules isolates egress',
      policies: [policy('default', 'egress-only-dns', { podSelector: { matchLabels: { role: 'db' } }, egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] })],
      conn: tcp(pods.db, pods.client, 80), allowed: false,
    },
  ]);
});

describe('rules: union, empty from, ingress: [{}]', () => {
  const allowAll = policy('default', 'allow-all', { podSelector: {}, ingress: [{}] });
  run([
    { name: 'NETPOL-03: allowed, one of two selecting policies admits (union)', policies: [denyAllIngress, dbFromFrontend], conn: tcp(pods.frontend, pods.db), allowed: true },
    { name: 'NETPOL-03: denied, neither selecting policy admits client', policies: [denyAllIngress, dbFromFrontend], conn: tcp(pods.client, pods.db), allowed: false },
    { name: 'NETPOL-07: allowed, ingress: [{}] admits every source', policies: [denyAllIngress, allowAll], conn: tcp(pods.bobClient, pods.db), allowed: true },
    { name: 'NETPOL-07: allowed, a rule without from admits every source on its port', policies: [policy('default', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 6379 }] }] })], conn: tcp({ ip: '203.0.113.9' }, pods.db), allowed: true },
    { name: 'NETPOL-07: denied, a rule without from still restricts the port', policies: [policy('default', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 6379 }] }] })], conn: tcp({ ip: '203.0.113.9' }, pods.db, 6380), allowed: false },
    { name: 'NETPOL-07: denied, matching peer but wrong port', policies: [dbFromFrontend], conn: tcp(pods.frontend, pods.db, 5432), allowed: false },
  ]);
});

describe('peers: AND within an entry, OR across entries (the seeds\' example)', () => {
  const or = policy('default', 'or', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } } }, { podSelector: { matchLabels: { role: 'client' } } }] }] });
  const and = policy('default', 'and', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } }, podSelector: { matchLabels: { role: 'client' } } }] }] });
  run([
    { name: 'NETPOL-04: allowed (OR), any Pod of an alice namespace', policies: [or], conn: tcp(pods.aliceOther, pods.db), allowed: true },
    { name: 'NETPOL-04: allowed (OR), role=client of the policy namespace', policies: [or], conn: tcp(pods.client, pods.db), allowed: true },
    { name: 'NETPOL-04: denied (OR), role=client of bob is neither', policies: [or], conn: tcp(pods.bobClient, pods.db), allowed: false },
    { name: 'NETPOL-05: allowed (AND), role=client in alice', policies: [and], conn: tcp(pods.aliceClient, pods.db), allowed: true },
    { name: 'NETPOL-05: denied (AND), role=other in alice', policies: [and], conn: tcp(pods.aliceOther, pods.db), allowed: false },
    { name: 'NETPOL-05: denied (AND), role=client of the policy namespace (not alice)', policies: [and], conn: tcp(pods.client, pods.db), allowed: false },
    {
      name: 'NETPOL-06: allowed, namespaceSelector on the automatic kubernetes.io/metadata.name label',
      policies: [policy('default', 'by-name', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'bob' } } }] }] })],
      conn: tcp(pods.bobClient, pods.db), allowed: true,
    },
    {
      name: 'NETPOL-06: allowed, a bare IP that belongs to a Pod is matched as that Pod',
      policies: [dbFromFrontend], conn: tcp({ ip: pods.frontend.ip }, pods.db), allowed: true,
    },
    { name: 'NETPOL-06: denied, an outside address never matches a podSelector', policies: [dbFromFrontend], conn: tcp({ ip: '203.0.113.9' }, pods.db), allowed: false },
  ]);
});

describe('ipBlock with except', () => {
  const block = policy('default', 'block', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }] }] });
  const pods10 = policy('default', 'pods', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.244.2.0/24' } }] }] });
  run([
    { name: 'NETPOL-06: allowed, 172.17.0.5 is inside 172.17.0.0/16', policies: [block], conn: tcp({ ip: '172.17.0.5' }, pods.db), allowed: true },
    { name: 'NETPOL-06: denied, 172.17.1.5 is in the except range 172.17.1.0/24', policies: [block], conn: tcp({ ip: '172.17.1.5' }, pods.db), allowed: false },
    { name: 'NETPOL-06: allowed, 172.17.255.255 is the last address of the block', policies: [block], conn: tcp({ ip: '172.17.255.255' }, pods.db), allowed: true },
    { name: 'NETPOL-06: denied, 172.18.0.1 is outside the block', policies: [block], conn: tcp({ ip: '172.18.0.1' }, pods.db), allowed: false },
    { name: 'NETPOL-06: allowed, a Pod IP (10.244.2.12 of client) matches an ipBlock covering it', policies: [pods10], conn: tcp(pods.client, pods.db), allowed: true },
    { name: 'NETPOL-06: denied, a Pod IP outside the ipBlock (10.244.1.11 of frontend)', policies: [pods10], conn: tcp(pods.frontend, pods.db), allowed: false },
    {
      name: 'NETPOL-06: allowed, egress to 10.0.0.7 inside 10.0.0.0/24 on TCP 5978 (the docs\' example)',
      policies: [policy('default', 'test-network-policy', { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Ingress', 'Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }] })],
      conn: tcp(pods.db, { ip: '10.0.0.7' }, 5978), allowed: true,
    },
  ]);
});

describe('ports: protocol, named ports, endPort', () => {
  const named = policy('default', 'named', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ ports: [{ port: 'http' }] }] });
  const namedUdp = policy('default', 'named-udp', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ ports: [{ protocol: 'UDP', port: 'dns' }] }] });
  const range = policy('default', 'range', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }] });
  const egressNamed = policy('default', 'egress-named', { podSelector: { matchLabels: { role: 'frontend' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] });
  run([
    { name: 'NETPOL-07: allowed, named port http resolves to 8080 on the destination Pod', policies: [named], conn: tcp(pods.client, pods.db, 8080), allowed: true },
    { name: 'NETPOL-07: denied, named port http does not cover 8081', policies: [named], conn: tcp(pods.client, pods.db, 8081), allowed: false },
    { name: 'NETPOL-07: allowed, named UDP port dns resolves to UDP 53', policies: [namedUdp], conn: { from: pods.client, to: pods.db, port: 53, protocol: 'UDP' }, allowed: true },
    { name: 'NETPOL-07: denied, protocol defaults to TCP: TCP entry for http does not admit UDP 8080', policies: [named], conn: { from: pods.client, to: pods.db, port: 8080, protocol: 'UDP' }, allowed: false },
    { name: 'NETPOL-07: allowed, egress named port resolves on the destination Pod', policies: [egressNamed], conn: tcp(pods.frontend, pods.db, 8080), allowed: true },
    { name: 'NETPOL-07: denied, egress named port cannot resolve on an outside address', policies: [egressNamed], conn: tcp(pods.frontend, { ip: '203.0.113.9' }, 8080), allowed: false },
    { name: 'NETPOL-07: allowed, 32000 is the first port of 32000-32768', policies: [range], conn: tcp(pods.client, pods.db, 32000), allowed: true },
    { name: 'NETPOL-07: allowed, 32768 is the last port of 32000-32768', policies: [range], conn: tcp(pods.client, pods.db, 32768), allowed: true },
    { name: 'NETPOL-07: denied, 31999 is below 32000-32768', policies: [range], conn: tcp(pods.client, pods.db, 31999), allowed: false },
  ]);
});

describe('enforcement and always-allowed traffic', () => {
  run([
    { name: 'NETPOL-08: allowed, flannel stores the default-deny policy but does not enforce it', policies: [denyAllIngress], conn: tcp(pods.frontend, pods.db), allowed: true, plugin: 'flannel-vxlan' },
    { name: 'NETPOL-08: denied, Calico IPIP enforces the same policy', policies: [denyAllIngress], conn: tcp(pods.frontend, pods.db), allowed: false, plugin: 'calico-ipip' },
    { name: 'NETPOL-02: allowed, a Pod always reaches itself', policies: [denyAllIngress, denyAllEgress], conn: tcp(pods.db, pods.db), allowed: true },
    { name: 'NETPOL-02: allowed, the node hosting db (192.168.0.11) reaches it despite default-deny', policies: [denyAllIngress], conn: tcp({ ip: '192.168.0.11' }, pods.db), allowed: true },
    { name: 'NETPOL-02: denied, another node (192.168.0.12) does not', policies: [denyAllIngress], conn: tcp({ ip: '192.168.0.12' }, pods.db), allowed: false },
  ]);

  it('NETPOL-08: a Canal cluster (flannel plus the Calico policy agent) enforces', () => {
    const c = { ...cluster([denyAllIngress], 'flannel-vxlan'), policyAgent: 'calico' as const };
    expect(networkPolicyVerdict(c, tcp(pods.frontend, pods.db)).allowed).toBe(false);
  });

  it('NETPOL-08: the unenforced verdict says why in its reason', () => {
    const v = networkPolicyVerdict(cluster([denyAllIngress], 'flannel-host-gw'), tcp(pods.frontend, pods.db));
    expect(v.enforced).toBe(false);
    expect(v.reason).toMatch(/flannel-host-gw does not implement it/);
    expect(v.ingress.isolated).toBe(true);
  });

  it('NETPOL-03: the verdict names the policies responsible on each side', () => {
    const v = networkPolicyVerdict(cluster([denyAllIngress, dbFromFrontend, denyAllEgress]), tcp(pods.frontend, pods.db));
    expect(v.allowed).toBe(false);
    expect(v.ingress).toMatchObject({ pod: 'default/db', isolated: true, allowedBy: ['default/db-from-frontend'], allowed: true });
    expect(v.egress).toMatchObject({ pod: 'default/frontend', isolated: true, selectedBy: ['default/deny-egress'], allowedBy: [], allowed: false });
    expect(v.reason).toContain('egress of default/frontend: isolated by default/deny-egress');
  });
});
