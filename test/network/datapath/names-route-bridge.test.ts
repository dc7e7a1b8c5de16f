// Names the plugins derive, the kernel's longest-prefix-match routing decision, and the cni0 bridge as a
// learning switch.
import { describe, expect, it } from 'vitest';
import { ageFdb, bridgeState, forwardL2, type BridgeState } from '../../../src/network/datapath/bridge.ts';
import { portmapChainName } from '../../../src/network/datapath/cni.ts';
import { buildDatapath } from '../../../src/network/datapath/datapath.ts';
import { calicoVethName, podMacFromIp } from '../../../src/network/datapath/names.ts';
import { routePacket } from '../../../src/network/datapath/route.ts';
import { calicoCluster, flannelCluster, tcp } from './fixtures.ts';

describe('names', () => {
  it('NET-CALICO-02: Calico names the host end "cali" + the first 11 hex digits of sha1("<namespace>.<pod>") (sha1sum gives a150d993dd4)', () => {
    expect(calicoVethName('default', 'web-a')).toBe('calia150d993dd4');
  });
  it('NET-CNI-05: portmap\'s chain is "CNI-DN-" + sha512(network + container ID), 28 characters (sha512sum gives 64e75f641d11615844d68…)', () => {
    expect(portmapChainName('cbr0', 'abc')).toBe('CNI-DN-64e75f641d11615844d68');
  });
  it('NET-L2-02: the bridge plugin (≤ 0.8) derives the Pod MAC from its IP: 0a:58 + the four octets', () => {
    expect(podMacFromIp('192.168.132.73')).toBe('0a:58:c0:a8:84:49');
  });
});

describe('routePacket: longest prefix match', () => {
  const vxlan = flannelCluster('flannel-vxlan');
  const rows: [name: string, where: string, dst: string, expected: string][] = [
    ['NET-L2-05: Pod to a Pod of its subnet: on-link, no gateway', 'pod/default/kubia-a', '192.168.132.70', 'unicast 192.168.132.0/24 dev eth0 proto kernel scope link src 192.168.132.73 → 192.168.132.70'],
    ['NET-L2-06: Pod to another node\'s Pod: the cluster route via cni0\'s .1 (/18 beats default)', 'pod/default/kubia-a', '192.168.128.10', 'unicast 192.168.128.0/18 via 192.168.132.1 dev eth0 → 192.168.132.1'],
    ['NET-L2-06: Pod to anything else: the default route via .1', 'pod/default/kubia-a', '172.17.0.2', 'unicast default via 192.168.132.1 dev eth0 → 192.168.132.1'],
    ['NET-L2-09: Pod to its own IP: local, never leaves the namespace', 'pod/default/kubia-a', '192.168.132.73', 'local eth0'],
    ['NET-L2-09: Pod to 127.0.0.1: local on lo', 'pod/default/kubia-a', '127.0.0.1', 'local lo'],
    ['NET-FLANNEL-08: node to its own subnet: cni0', 'node/node01', '192.168.132.70', 'unicast 192.168.132.0/24 dev cni0 proto kernel scope link src 192.168.132.1 → 192.168.132.70'],
    ['NET-FLANNEL-08: node to the other subnet: via its .0 on flannel.1 onlink (/24 beats default)', 'node/node01', '192.168.128.10', 'unicast 192.168.128.0/24 via 192.168.128.0 dev flannel.1 onlink → 192.168.128.0'],
    ['NET-L2-08: node to cni0\'s own address: local', 'node/node01', '192.168.132.1', 'local cni0'],
  ];
  for (const [name, where, dst, expected] of rows) {
    it(name, () => {
      const d = routePacket(vxlan, where, tcp(dst, '192.168.132.73'));
      const text = d.kind === 'unicast' ? `unicast ${d.text} → ${d.nextHop}` : d.kind === 'local' ? `local ${d.dev}` : d.kind;
      expect(text).toBe(expected);
    });
  }
  it('NET-CALICO-04: a Calico node\'s own block has no Pod at that IP: the blackhole route matches', () => {
    expect(routePacket(calicoCluster(), 'node/node1', tcp('10.244.3.99')).kind).toBe('blackhole');
  });
  it('NET-CALICO-03: a /32 Pod route beats the /24 blackhole of the own block', () => {
    const d = routePacket(calicoCluster(), 'node/node1', tcp('10.244.3.30'));
    expect(d.kind === 'unicast' && d.dev).toBe(calicoVethName('default', 'web-a'));
  });
});

describe('forwardL2: cni0 as a learning switch', () => {
  const host = buildDatapath(flannelCluster()).nodes.get('node01')?.host;
  if (!host) throw new Error('no host');
  const empty: BridgeState = { ...bridgeState(host, 'cni0'), fdb: [] };
  const [p1, p2] = empty.ports as [string, string];
  const podA = '0a:58:c0:a8:84:49';
  const podB = '0a:58:c0:a8:84:46';

  it('NET-L2-04, NET-L2-05: an ARP broadcast is flooded to every other port, and its sender is learned', () => {
    const r = forwardL2(empty, { srcMac: podA, dstMac: 'ff:ff:ff:ff:ff:ff', ingress: p1 });
    expect(r.action).toBe('flood');
    expect(r.egress).toEqual([p2]);
    expect(r.state.fdb).toEqual([{ mac: podA, port: p1, permanent: false, seen: 0 }]);
  });
  it('NET-L2-04: the reply to the learned MAC goes only to its port', () => {
    const learned = forwardL2(empty, { srcMac: podA, dstMac: 'ff:ff:ff:ff:ff:ff', ingress: p1 }).state;
    const r = forwardL2(learned, { srcMac: podB, dstMac: podA, ingress: p2 }, 10);
    expect([r.action, r.egress]).toEqual(['forward', [p1]]);
  });
  it('NET-L2-04: an unknown unicast destination is flooded', () => {
    expect(forwardL2(empty, { srcMac: podA, dstMac: podB, ingress: p1 }).action).toBe('flood');
  });
  it('NET-L2-04: learned entries age out after 300 s (ageing_time 30000 centiseconds)', () => {
    const learned = forwardL2(empty, { srcMac: podA, dstMac: 'ff:ff:ff:ff:ff:ff', ingress: p1 }).state;
    expect(ageFdb(learned, 299).fdb).toHaveLength(1);
    expect(ageFdb(learned, 300).fdb).toHaveLength(0);
    expect(forwardL2(learned, { srcMac: podB, dstMac: podA, ingress: p2 }, 301).action).toBe('flood');
  });
  it('NET-L2-06: a frame to cni0\'s own MAC is handed up to the host, not switched', () => {
    const r = forwardL2(empty, { srcMac: podA, dstMac: empty.mac, ingress: p1 });
    expect([r.action, r.egress]).toEqual(['local', []]);
  });
  it('NET-L2-03: a frame only enters through an enslaved port', () => {
    expect(() => forwardL2(empty, { srcMac: podA, dstMac: podB, ingress: 'eth0' })).toThrow(/not a port of cni0/);
  });
});

describe('bad input', () => {
  it('NET-FLANNEL-01: a node whose podCIDR is not a CIDR is named with the field', () => {
    const c = flannelCluster();
    const broken = { ...c, nodes: c.nodes.map((n) => (n.name === 'node02' ? { ...n, podCIDR: '192.168.128.0/33' } : n)) };
    expect(() => buildDatapath(broken)).toThrow('node "node02": podCIDR "192.168.128.0/33" is not an IPv4 CIDR');
  });
});
