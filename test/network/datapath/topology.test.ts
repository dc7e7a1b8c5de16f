// The devices, routes, neighbour and FDB entries each plugin leaves on a node, printed as iproute2 prints
// them and compared with the seeds' captures line for line where the seeds show them.
import { describe, expect, it } from 'vitest';
import { buildDatapath } from '../../../src/network/datapath/datapath.ts';
import { calicoVethName, vtepMac } from '../../../src/network/datapath/names.ts';
import { bridgeFdb, ipAddr, ipNeigh, ipRoute } from '../../../src/network/datapath/render.ts';
import type { NodeDatapath } from '../../../src/network/datapath/types.ts';
import { calicoCluster, flannelCluster } from './fixtures.ts';

const nodeOf = (dp: ReturnType<typeof buildDatapath>, name: string): NodeDatapath => {
  const n = dp.nodes.get(name);
  if (!n) throw new Error(name);
  return n;
};

describe('flannel vxlan', () => {
  const node01 = nodeOf(buildDatapath(flannelCluster('flannel-vxlan')), 'node01');

  it('NET-FLANNEL-07, NET-FLANNEL-08: flannel.1 is a VXLAN VTEP (VNI 1, port 8472, nolearning, MTU 1450) holding the subnet\'s .0/32; cni0 holds .1/24', () => {
    const text = ipAddr(node01.host, { details: true });
    expect(text).toContain('flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450');
    expect(text).toContain('vxlan id 1 local 10.231.209.117 dev eth0 srcport 0 0 dstport 8472 nolearning ageing 300');
    expect(text).toContain('inet 192.168.132.0/32 scope global flannel.1');
    expect(text).toContain('inet 192.168.132.1/24 brd 192.168.132.255 scope global cni0');
    expect(text).toMatch(/veth[0-9a-f]{8}@if2: .* mtu 1450 qdisc noqueue master cni0/);
  });

  it('NET-FLANNEL-08: own subnet via cni0, the other node\'s via its .0 on flannel.1 onlink (the seed\'s lines)', () => {
    const lines = ipRoute(node01.host).split('\n');
    expect(lines).toContain('192.168.128.0/24 via 192.168.128.0 dev flannel.1 onlink');
    expect(lines).toContain('192.168.132.0/24 dev cni0 proto kernel scope link src 192.168.132.1');
  });

  it('NET-FLANNEL-09, NET-FLANNEL-10: one PERMANENT neighbour <subnet>.0 → remote VTEP MAC and one FDB entry MAC → node IP, written by flanneld', () => {
    const mac = vtepMac('node02');
    expect(ipNeigh(node01.host).split('\n')).toContain(`192.168.128.0 dev flannel.1 lladdr ${mac} PERMANENT`);
    expect(bridgeFdb(node01.host).split('\n')).toContain(`${mac} dev flannel.1 dst 10.231.209.118 self permanent`);
    expect(node01.host.neighbours.filter((n) => n.dev === 'flannel.1').map((n) => n.owner)).toEqual(['flanneld']);
  });

  it('NET-L2-02, NET-CNI-06: a Pod gets eth0 in the node subnet with default and cluster routes via cni0\'s .1', () => {
    const ns = node01.pods.get('default/kubia-a');
    expect(ns && ipRoute(ns)).toBe([
      'default via 192.168.132.1 dev eth0',
      '192.168.128.0/18 via 192.168.132.1 dev eth0',
      '192.168.132.0/24 dev eth0 proto kernel scope link src 192.168.132.73',
    ].join('\n'));
  });
});

describe('flannel host-gw and udp', () => {
  it('NET-FLANNEL-13: host-gw routes the other node\'s subnet via its node IP on eth0, no flannel.1', () => {
    const n = nodeOf(buildDatapath(flannelCluster('flannel-host-gw')), 'node01');
    expect(ipRoute(n.host).split('\n')).toContain('192.168.128.0/24 via 10.231.209.118 dev eth0');
    expect(n.host.devices.map((d) => d.name)).toEqual(['lo', 'eth0', 'cni0', expect.stringMatching(/^veth/), expect.stringMatching(/^veth/)]);
  });

  it('NET-FLANNEL-13: host-gw towards a node behind a router: the kernel refuses the route (next hop not on-link)', () => {
    const n = nodeOf(buildDatapath(flannelCluster('flannel-host-gw', true)), 'node01');
    expect(ipRoute(n.host)).not.toContain('192.168.129.0/24');
    expect(n.refused.map((r) => [r.route.dst, r.route.via])).toEqual([['192.168.129.0/24', '10.231.210.20']]);
  });

  it('NET-FLANNEL-05: udp puts the whole cluster CIDR on the TUN flannel0 (MTU 1500 − 28); the node subnet still goes to cni0', () => {
    const n = nodeOf(buildDatapath(flannelCluster('flannel-udp')), 'node01');
    expect(ipRoute(n.host).split('\n')).toContain('192.168.128.0/18 dev flannel0 proto kernel scope link src 192.168.132.0');
    expect(ipAddr(n.host)).toContain('flannel0: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1472');
  });
});

describe('calico', () => {
  it('NET-CALICO-02: the Pod holds a /32 with default via 169.254.1.1, which answers as ee:ee:ee:ee:ee:ee', () => {
    const ns = nodeOf(buildDatapath(calicoCluster()), 'node1').pods.get('default/web-b');
    if (!ns) throw new Error('no netns');
    expect(ipRoute(ns)).toBe('default via 169.254.1.1 dev eth0\n169.254.1.1 dev eth0 scope link');
    expect(ipAddr(ns)).toContain('inet 10.244.3.31/32 scope global eth0');
    expect(ipNeigh(ns)).toBe('169.254.1.1 dev eth0 lladdr ee:ee:ee:ee:ee:ee REACHABLE');
  });

  it('NET-CALICO-02, NET-CALICO-03: no bridge; cali<sha1[:11]> host ends with MAC ee:ee:ee:ee:ee:ee and one /32 route each', () => {
    const n = nodeOf(buildDatapath(calicoCluster()), 'node1');
    expect(n.host.devices.some((d) => d.kind === 'bridge')).toBe(false);
    const cali = calicoVethName('default', 'web-a');
    expect(cali).toMatch(/^cali[0-9a-f]{11}$/);
    expect(ipAddr(n.host)).toContain(`${cali}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1440`);
    expect(ipRoute(n.host).split('\n')).toContain(`10.244.3.30 dev ${cali} scope link`);
  });

  it('NET-CALICO-04, NET-CALICO-09: IPIP routes other blocks via the node IP on tunl0 onlink, blackholes its own block', () => {
    const n = nodeOf(buildDatapath(calicoCluster('calico-ipip')), 'node1');
    const lines = ipRoute(n.host).split('\n');
    expect(lines).toContain('10.244.1.0/24 via 192.168.231.16 dev tunl0 proto bird onlink');
    expect(lines).toContain('blackhole 10.244.3.0/24 proto bird');
    expect(ipAddr(n.host)).toContain('tunl0@NONE: <NOARP,UP,LOWER_UP> mtu 1440');
  });

  it('NET-CALICO-04, NET-CALICO-08: plain BGP routes an adjacent node\'s block via its IP on eth0 and a routed node\'s via the router', () => {
    const n = nodeOf(buildDatapath(calicoCluster('calico-bgp', true)), 'node1');
    const lines = ipRoute(n.host).split('\n');
    expect(lines).toContain('10.244.1.0/24 via 192.168.231.16 dev eth0 proto bird');
    expect(lines).toContain('10.244.2.0/24 via 192.168.231.1 dev eth0 proto bird');
    expect(n.host.devices.some((d) => d.name === 'tunl0')).toBe(false);
  });

  it('NET-CALICO-10: CrossSubnet encapsulates only towards the node in another subnet', () => {
    const n = nodeOf(buildDatapath(calicoCluster('calico-ipip', true), { ipipMode: 'CrossSubnet' }), 'node1');
    const lines = ipRoute(n.host).split('\n');
    expect(lines).toContain('10.244.1.0/24 via 192.168.231.16 dev eth0 proto bird');
    expect(lines).toContain('10.244.2.0/24 via 192.168.232.26 dev tunl0 proto bird onlink');
  });
});
