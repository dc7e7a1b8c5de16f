// Cluster DNS as the model answers it (DNS-01, 03..08, 11): records, a Pod's resolv.conf, and the queries
// a name goes through with ndots:5.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/k8s/types.ts';
import { buildClusterNetwork, candidateNames, formatResolvConf, lookup, resolve, resolvConf, type Service } from '../../../src/network/cluster/index.ts';
import { kubiaObjects } from './kubia.ts';

const pod = (name: string, ip: string, extra: { labels?: Record<string, string>; hostname?: string; subdomain?: string; ready?: boolean; namespace?: string } = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: extra.namespace ?? 'default', labels: extra.labels ?? { app: 'nginx' } },
  spec: { nodeName: 'n', containers: [{ name: 'c', ports: [{ name: 'web', containerPort: 80 }] }], ...(extra.hostname ? { hostname: extra.hostname, subdomain: extra.subdomain } : {}) } as Pod['spec'],
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True' }] },
});
const service = (name: string, spec: Service['spec'], namespace = 'default'): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec });

const net = buildClusterNetwork([
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } },
  pod('web-0', '192.168.128.10', { hostname: 'web-0', subdomain: 'nginx' }),
  pod('web-1', '192.168.128.11', { hostname: 'web-1', subdomain: 'nginx' }),
  pod('web-2', '192.168.128.12', { ready: false }),
  pod('client', '192.168.128.20', { labels: {} }),
  service('nginx', { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 'web' }] }),
  service('front', { clusterIP: '192.168.192.50', selector: { app: 'nginx' }, ports: [{ name: 'http', port: 8080, targetPort: 80 }, { port: 9090 }] }),
  service('db', { type: 'ExternalName', externalName: 'db.example.com' }),
  service('empty', { clusterIP: 'None', selector: { app: 'none' }, ports: [{ name: 'x', port: 1 }] }),
  service('kube-dns', { clusterIP: '192.168.192.10', selector: { k8s: 'dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }, 'kube-system'),
]);
const show = (r: ReturnType<typeof lookup>) => [r.status, ...r.records.map((x) => (x.type === 'A' ? x.ip : x.type === 'CNAME' ? `CNAME ${x.target}` : `SRV ${x.priority} ${x.weight} ${x.port} ${x.target}`))];

describe('records', () => {
  const rows: [string, string, 'A' | 'SRV', string[]][] = [
    ['DNS-03: a normal Service\'s name answers its ClusterIP', 'front.default.svc.cluster.local', 'A', ['answer', '192.168.192.50']],
    ['DNS-04: a headless Service\'s name answers every ready Pod IP, not the unready one', 'nginx.default.svc.cluster.local', 'A', ['answer', '192.168.128.10', '192.168.128.11']],
    ['DNS-05: hostname.subdomain.<ns>.svc answers the Pod IP', 'web-0.nginx.default.svc.cluster.local', 'A', ['answer', '192.168.128.10']],
    ['DNS-07: a headless endpoint without hostname is named by its dashed IP — unready ones are not', '192-168-128-12.nginx.default.svc.cluster.local', 'A', ['nxdomain']],
    ['DNS-06: <a-b-c-d>.<ns>.pod answers the address it spells (pods insecure)', '192-168-128-20.default.pod.cluster.local', 'A', ['answer', '192.168.128.20']],
    ['DNS-07: SRV of a normal Service\'s named port: one answer targeting the Service', '_http._tcp.front.default.svc.cluster.local', 'SRV', ['answer', 'SRV 0 100 8080 front.default.svc.cluster.local']],
    ['DNS-07: SRV of a headless Service: one answer per ready Pod, weight 100/2', '_web._tcp.nginx.default.svc.cluster.local', 'SRV', ['answer', 'SRV 0 50 80 web-0.nginx.default.svc.cluster.local', 'SRV 0 50 80 web-1.nginx.default.svc.cluster.local']],
    ['DNS-07: SRV needs the right protocol label', '_http._udp.front.default.svc.cluster.local', 'SRV', ['nxdomain']],
    ['DNS-08: an ExternalName Service answers a CNAME to spec.externalName', 'db.default.svc.cluster.local', 'A', ['answer', 'CNAME db.example.com']],
    ['DNS-04: a headless Service without ready endpoints exists but has no answer (NODATA)', 'empty.default.svc.cluster.local', 'A', ['nodata']],
    ['DNS-03: a Service name asked for SRV has no SRV of its own (NODATA)', 'front.default.svc.cluster.local', 'SRV', ['nodata']],
    ['DNS-03: an unknown Service is NXDOMAIN', 'nope.default.svc.cluster.local', 'A', ['nxdomain']],
    ['DNS-11: a name outside cluster.local is forwarded upstream', 'example.com', 'A', ['forwarded']],
  ];
  for (const [name, query, type, expected] of rows) {
    it(name, () => {
      expect(show(lookup(net, query, type))).toEqual(expected);
    });
  }

  it('DNS-07: a ready headless endpoint without hostname is named by its dashed IP', () => {
    const plain = buildClusterNetwork([pod('a', '192.168.128.30'), service('h', { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 'web' }] })]);
    expect(show(lookup(plain, '192-168-128-30.h.default.svc.cluster.local'))).toEqual(['answer', '192.168.128.30']);
    expect(show(lookup(plain, '_web._tcp.h.default.svc.cluster.local', 'SRV'))).toEqual(['answer', 'SRV 0 100 80 192-168-128-30.h.default.svc.cluster.local']);
  });

  it('DNS-06: pods verified answers only an existing Pod\'s IP in that namespace; disabled answers none', () => {
    expect(show(lookup(net, '192-168-128-20.default.pod.cluster.local', 'A', 'verified'))).toEqual(['answer', '192.168.128.20']);
    expect(show(lookup(net, '10-1-2-3.default.pod.cluster.local', 'A', 'verified'))[0]).toBe('nxdomain');
    expect(show(lookup(net, '192-168-128-20.default.pod.cluster.local', 'A', 'disabled'))[0]).toBe('nxdomain');
  });
});

describe('resolv.conf and the search path', () => {
  it('DNS-01: a Pod\'s resolv.conf names the kube-dns ClusterIP, three search domains and ndots:5', () => {
    expect(formatResolvConf(resolvConf(net, { namespace: 'default' }))).toBe(
      'nameserver 192.168.192.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n',
    );
  });

  it('DNS-01: without a kube-dns Service the nameserver is kubeadm\'s tenth Service address', () => {
    expect(resolvConf(buildClusterNetwork(kubiaObjects), { namespace: 'default' }).nameservers).toEqual(['192.168.192.10']);
  });

  const rc = resolvConf(net, { namespace: 'default' });
  const rows: [string, string, string[]][] = [
    ['DNS-01: kubia (0 dots) tries the three search domains, then itself', 'kubia', ['kubia.default.svc.cluster.local', 'kubia.svc.cluster.local', 'kubia.cluster.local', 'kubia']],
    ['DNS-01: a full service name (4 dots < 5) still goes through the search list first', 'kubia.default.svc.cluster.local', ['kubia.default.svc.cluster.local.default.svc.cluster.local', 'kubia.default.svc.cluster.local.svc.cluster.local', 'kubia.default.svc.cluster.local.cluster.local', 'kubia.default.svc.cluster.local']],
    ['DNS-01: a trailing dot skips the search list', 'kubia.default.svc.cluster.local.', ['kubia.default.svc.cluster.local']],
    ['DNS-01: a name with 5 dots is tried as given first', 'a.b.c.d.e.f', ['a.b.c.d.e.f', 'a.b.c.d.e.f.default.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local']],
  ];
  for (const [name, query, expected] of rows) {
    it(name, () => {
      expect(candidateNames(query, rc)).toEqual(expected);
    });
  }

  it('DNS-03: "front" from a default Pod is answered by the first query', () => {
    const r = resolve(net, { namespace: 'default', name: 'client' }, 'front');
    expect(r.queries.map((q) => `${q.name} ${q.status}`)).toEqual(['front.default.svc.cluster.local answer']);
    expect(r.answer?.records).toEqual([{ type: 'A', name: 'front.default.svc.cluster.local', ttl: 30, ip: '192.168.192.50' }]);
  });

  it('DNS-01: "front.default" misses once (front.default.default.svc…) before the svc domain answers', () => {
    const r = resolve(net, { namespace: 'default', name: 'client' }, 'front.default');
    expect(r.queries.map((q) => `${q.name} ${q.status}`)).toEqual(['front.default.default.svc.cluster.local nxdomain', 'front.default.svc.cluster.local answer']);
  });

  it('DNS-11: example.com goes through three cluster misses before it is forwarded upstream', () => {
    const r = resolve(net, { namespace: 'default', name: 'client' }, 'example.com');
    expect(r.queries.map((q) => q.status)).toEqual(['nxdomain', 'nxdomain', 'nxdomain', 'forwarded']);
    expect(r.answer?.name).toBe('example.com');
  });

  it('DNS-01: an unknown cluster name ends unanswered after every candidate', () => {
    const r = resolve(net, { namespace: 'default', name: 'client' }, 'missing.default.svc.cluster.local.');
    expect(r.answer).toBeUndefined();
    expect(r.queries).toHaveLength(1);
  });

  it('DNS-07: SRV through the search path', () => {
    const r = resolve(net, { namespace: 'default', name: 'client' }, '_http._tcp.front', { type: 'SRV' });
    expect(r.answer?.name).toBe('_http._tcp.front.default.svc.cluster.local');
  });
});
