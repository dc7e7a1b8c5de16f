// Addresses the cluster network model hands out: node pod CIDRs (node-ipam cidrset), node IPs, Pod IPs
// (host-local), ClusterIPs and NodePorts (the apiserver's band allocators, made deterministic).
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/k8s/types.ts';
import { clusterIPRangeOffset, nodePortRangeOffset } from '../../../src/network/cluster/band-allocator.ts';
import { buildClusterNetwork, parseCidr, type Cidr, type NetworkObject, type Service } from '../../../src/network/cluster/index.ts';
import { assignPodCIDRs } from '../../../src/network/cluster/node-ipam.ts';
import { allocateNext, newHostLocal, reserve } from '../../../src/network/cluster/pod-ipam.ts';
import { kubiaObjects } from './kubia.ts';

const node = (name: string, podCIDR?: string): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, ...(podCIDR ? { spec: { podCIDR } } : {}) });
const pod = (name: string, nodeName: string | undefined, status?: Pod['status']): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c' }] },
  ...(status ? { status } : {}),
});
const svc = (name: string, spec: Service['spec'], namespace = 'default'): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec });
const seeds = parseCidr('192.168.128.0/18') as Cidr;

describe('node pod CIDRs (node-ipam cidrset)', () => {
  const rows: [string, Node[], string[]][] = [
    ['NET-FLANNEL-01: three nodes get the first three /24s in node order', [node('a'), node('b'), node('c')], ['192.168.128.0/24', '192.168.129.0/24', '192.168.130.0/24']],
    ['NET-FLANNEL-01: a given spec.podCIDR is kept and skipped by the others', [node('a'), node('b', '192.168.128.0/24'), node('c')], ['192.168.129.0/24', '192.168.128.0/24', '192.168.130.0/24']],
    ['NET-FLANNEL-01: a given /23 occupies two blocks', [node('a', '192.168.128.0/23'), node('b')], ['192.168.128.0/23', '192.168.130.0/24']],
    ['NET-FLANNEL-01: a given block in the middle leaves the gap before it to the next node', [node('a', '192.168.130.0/24'), node('b'), node('c'), node('d')], ['192.168.130.0/24', '192.168.128.0/24', '192.168.129.0/24', '192.168.131.0/24']],
  ];
  for (const [name, nodes, expected] of rows) {
    it(name, () => {
      const got = assignPodCIDRs(nodes, seeds).map((c) => `${c.cidr.base}/${c.cidr.prefix}`);
      const want = expected.map((e) => { const c = parseCidr(e) as Cidr; return `${c.base}/${c.prefix}`; });
      expect(got).toEqual(want);
    });
  }

  it('NET-FLANNEL-01: the 65th node of a /18 finds no /24 left (64 blocks)', () => {
    const nodes = Array.from({ length: 65 }, (_, i) => node(`n${i}`));
    expect(() => assignPodCIDRs(nodes, seeds)).toThrow(/no remaining CIDRs left to allocate/);
  });
});

describe('node IPs', () => {
  it('NET-MODEL-02: InternalIP is used; a node without one gets 10.0.0.10 + its index, noted', () => {
    const net = buildClusterNetwork([
      { ...node('a'), status: { addresses: [{ type: 'Hostname', address: 'a' }, { type: 'InternalIP', address: '172.16.0.5' }] } },
      node('b'),
    ]);
    expect(net.nodes.map((n) => n.ip)).toEqual(['172.16.0.5', '10.0.0.11']);
    expect(net.notes).toEqual(['Node "b" reports no InternalIP; the model gives it 10.0.0.11']);
  });

  it('NET-MODEL-02: a Pod on a Node missing from the objects implies the Node', () => {
    const net = buildClusterNetwork([pod('p', 'ghost')]);
    expect(net.nodes).toEqual([{ name: 'ghost', ip: '10.0.0.10', podCIDR: '192.168.128.0/24' }]);
    expect(net.pods[0]?.ip).toBe('192.168.128.2');
  });
});

describe('Pod IPs (host-local IPAM)', () => {
  it('NET-CNI-06: the gateway .1 is skipped: the first Pod gets .2, the next .3', () => {
    const state = newHostLocal(parseCidr('192.168.132.0/24') as Cidr);
    expect([allocateNext(state), allocateNext(state)].map((n) => (n ?? 0) % 256)).toEqual([2, 3]);
  });

  it('NET-CNI-07: allocation continues after the last reserved IP and wraps round to .2 at .254', () => {
    const state = newHostLocal(parseCidr('192.168.132.0/24') as Cidr);
    reserve(state, (parseCidr('192.168.132.0/24') as Cidr).base + 254);
    expect((allocateNext(state) ?? 0) % 256).toBe(2);
    reserve(state, (parseCidr('192.168.132.0/24') as Cidr).base + 73);
    expect((allocateNext(state) ?? 0) % 256).toBe(74);
  });

  it('NET-CNI-07: a /24 holds 253 Pods (.2 to .254); the 254th fails naming the Pod', () => {
    const pods = Array.from({ length: 254 }, (_, i) => pod(`p${i}`, 'n'));
    expect(() => buildClusterNetwork([node('n'), ...pods])).toThrow(/no IP addresses available in range set: 192.168.128.1-192.168.128.254/);
  });

  const rows: [string, NetworkObject[], Record<string, string>][] = [
    ['NET-CNI-06: Pods without status take .2, .3 in creation order', [node('n'), pod('a', 'n'), pod('b', 'n')], { a: '192.168.128.2', b: '192.168.128.3' }],
    ['NET-CNI-07: a given status.podIP moves the cursor: the next Pod gets .74', [node('n'), pod('a', 'n', { podIP: '192.168.128.73' }), pod('b', 'n')], { a: '192.168.128.73', b: '192.168.128.74' }],
    ['NET-CNI-07: a later Pod\'s given IP is never handed to an earlier Pod', [node('n'), pod('a', 'n'), pod('b', 'n', { podIP: '192.168.128.2' })], { a: '192.168.128.3', b: '192.168.128.2' }],
    ['NET-MODEL-01: each node allocates from its own /24', [node('n'), node('m'), pod('a', 'n'), pod('b', 'm')], { a: '192.168.128.2', b: '192.168.129.2' }],
    ['NET-CNI-06: an unscheduled Pod has no sandbox, hence no IP, and is left out', [node('n'), pod('a', undefined), pod('b', 'n')], { b: '192.168.128.2' }],
    ['NET-CNI-02: a finished Pod without an IP has released it', [node('n'), pod('a', 'n', { phase: 'Succeeded' }), pod('b', 'n')], { b: '192.168.128.2' }],
  ];
  for (const [name, objects, expected] of rows) {
    it(name, () => {
      const net = buildClusterNetwork(objects);
      expect(Object.fromEntries(net.pods.map((p) => [p.name, p.ip]))).toEqual(expected);
    });
  }

  it('NET-CNI-06: creation order follows creationTimestamp when every Pod has one', () => {
    const a = { ...pod('a', 'n'), metadata: { name: 'a', namespace: 'default', creationTimestamp: '2019-05-01T10:00:05Z' } };
    const b = { ...pod('b', 'n'), metadata: { name: 'b', namespace: 'default', creationTimestamp: '2019-05-01T10:00:01Z' } };
    const net = buildClusterNetwork([node('n'), a, b]);
    expect(net.pods.map((p) => `${p.name}=${p.ip}`)).toEqual(['b=192.168.128.2', 'a=192.168.128.3']);
  });

  it('NET-MODEL-01: a hostNetwork Pod uses its node\'s IP and takes nothing from IPAM', () => {
    const host = { ...pod('h', 'n'), spec: { nodeName: 'n', hostNetwork: true, containers: [{ name: 'c' }] } };
    const net = buildClusterNetwork([node('n'), host, pod('a', 'n')]);
    expect(net.pods.map((p) => p.ip)).toEqual(['10.0.0.10', '192.168.128.2']);
  });
});

describe('ClusterIPs and NodePorts', () => {
  it('NET-SVC-10: the band offsets are 256 for a /18 Service CIDR and 86 for 30000-32767', () => {
    expect(clusterIPRangeOffset(16384)).toBe(256);
    expect(clusterIPRangeOffset(16)).toBe(0);
    expect(clusterIPRangeOffset(256)).toBe(16);
    expect(nodePortRangeOffset(2768)).toBe(86);
  });

  const rows: [string, Service[], Record<string, string>][] = [
    ['NET-SVC-10: default/kubernetes without a clusterIP gets the first address', [svc('kubernetes', { ports: [{ port: 443, targetPort: 6443 }] })], { kubernetes: '192.168.192.1' }],
    ['NET-SVC-02: a Service without clusterIP gets the lowest free address of the dynamic band (.1 + 256)', [svc('a', { ports: [{ port: 80 }] }), svc('b', { ports: [{ port: 80 }] })], { a: '192.168.193.1', b: '192.168.193.2' }],
    ['NET-SVC-02: a given clusterIP is kept and the dynamic allocation skips it', [svc('a', { ports: [{ port: 80 }] }), svc('b', { clusterIP: '192.168.193.1', ports: [{ port: 80 }] })], { a: '192.168.193.2', b: '192.168.193.1' }],
    ['NET-SVC-05: a headless Service keeps clusterIP None', [svc('h', { clusterIP: 'None', ports: [{ port: 80 }] })], { h: 'None' }],
    ['DNS-08: an ExternalName Service has no ClusterIP', [svc('x', { type: 'ExternalName', externalName: 'db.example.com' })], { x: '' }],
  ];
  for (const [name, services, expected] of rows) {
    it(name, () => {
      const net = buildClusterNetwork(services);
      expect(Object.fromEntries(net.services.map((s) => [s.name, s.clusterIP]))).toEqual(expected);
    });
  }

  it('NET-SVC-03: NodePorts are allocated from 30086 (the dynamic band) for NodePort and LoadBalancer Services only', () => {
    const net = buildClusterNetwork([
      svc('np', { type: 'NodePort', ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] }),
      svc('lb', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30086 }] }),
      svc('ci', { ports: [{ port: 80 }] }),
    ]);
    expect(net.services.map((s) => s.ports.map((p) => p.nodePort ?? null))).toEqual([[30087, 30088], [30086], [null]]);
  });

  it('NET-SVC-09: defaults: protocol TCP, targetPort = port, type ClusterIP, sessionAffinity None', () => {
    const [s] = buildClusterNetwork([svc('a', { ports: [{ port: 8080 }] })]).services;
    expect(s).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ports: [{ name: '', protocol: 'TCP', port: 8080, targetPort: 8080 }] });
  });

  it('NET-SVC-08: ClientIP affinity defaults to a 10800 s timeout', () => {
    const [s] = buildClusterNetwork([svc('a', { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] })]).services;
    expect(s?.sessionAffinityTimeoutSeconds).toBe(10800);
  });

  it('NET-SVC-03: the seeds\' kubia Service keeps 192.168.199.234 and NodePort 32681', () => {
    const [s] = buildClusterNetwork(kubiaObjects).services;
    expect(s).toMatchObject({ name: 'kubia', type: 'NodePort', clusterIP: '192.168.199.234', externalTrafficPolicy: 'Cluster', ports: [{ port: 8080, targetPort: 8080, nodePort: 32681, protocol: 'TCP' }] });
  });
});
