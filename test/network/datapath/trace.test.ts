// traceDatapath end to end: same node over cni0, across nodes over VXLAN, host-gw, flannel UDP, Calico BGP
// and IPIP, and the drops across a routed boundary (issue 6 item 10).
import { describe, expect, it } from 'vitest';
import { bridgeVethName, calicoVethName, hostMac, vtepMac } from '../../../src/network/datapath/names.ts';
import { traceDatapath } from '../../../src/network/datapath/trace.ts';
import type { DatapathHop } from '../../../src/network/datapath/types.ts';
import type { Hop } from '../../../src/network/types.ts';
import { calicoCluster, flannelCluster, tcp } from './fixtures.ts';

const path = (hops: DatapathHop[]): string[] => hops.map((h) => `${h.where} ${h.device}${h.verdict ? ` ${h.verdict}` : ''}`);
const last = (hops: DatapathHop[]): DatapathHop => hops[hops.length - 1] as DatapathHop;
const quiet = { markHooks: false };

describe('flannel', () => {
  it('NET-L2-05, NET-L2-04: Pod to Pod on one node is switched by cni0 at L2: Pod MACs end to end, TTL unchanged', () => {
    const hops = traceDatapath(flannelCluster(), tcp('192.168.132.70'), { pod: 'kubia-a' }, quiet);
    expect(path(hops)).toEqual([
      'pod/default/kubia-a eth0',
      `node/node01 ${bridgeVethName('default', 'kubia-a')}`,
      'node/node01 cni0',
      'pod/default/kubia-b eth0 DELIVERED',
    ]);
    expect(hops.map((h) => h.dstMac)).toEqual(Array(4).fill('0a:58:c0:a8:84:46'));
    expect(last(hops).ttl).toBe(64);
    expect(hops[0]?.note).toContain('ARP who-has 192.168.132.70 flooded by cni0');
  });

  it('NET-FLANNEL-11, NET-FLANNEL-12: across nodes by VXLAN: cni0\'s MAC, flannel.1, outer node IPs with UDP 8472 VNI 1, inner VTEP MACs, decapsulation, cni0', () => {
    const hops = traceDatapath(flannelCluster(), tcp('192.168.128.10'), { pod: 'kubia-a' }, quiet);
    expect(path(hops)).toEqual([
      'pod/default/kubia-a eth0', `node/node01 ${bridgeVethName('default', 'kubia-a')}`, 'node/node01 cni0', 'node/node01 flannel.1',
      'node/node01 eth0', 'node/node02 eth0', 'node/node02 flannel.1', 'node/node02 cni0', 'pod/default/kubia-c eth0 DELIVERED',
    ]);
    expect(hops[0]?.dstMac).toBe(hostMac('node01', 'cni0'));
    const encap = hops[3]?.encapsulation;
    expect(encap).toMatchObject({ kind: 'vxlan', outerSrc: '10.231.209.117', outerDst: '10.231.209.118', udpDstPort: 8472, vni: 1, innerSrcMac: vtepMac('node01'), innerDstMac: vtepMac('node02') });
    expect(hops[4]).toMatchObject({ srcMac: hostMac('node01', 'eth0'), dstMac: hostMac('node02', 'eth0') });
    expect(hops[6]?.rewrite).toContain('VXLAN decapsulation');
    // Inner addresses are the Pods' throughout; each host's forwarding takes one off the TTL.
    expect(hops.every((h) => h.packet.src === '192.168.132.73' && h.packet.dst === '192.168.128.10')).toBe(true);
    expect(last(hops).ttl).toBe(62);
  });

  it('NET-FLANNEL-13: host-gw: no encapsulation, the frame leaves eth0 addressed to the other node\'s MAC with the Pod IPs unchanged', () => {
    const hops = traceDatapath(flannelCluster('flannel-host-gw'), tcp('192.168.128.10'), { pod: 'kubia-a' }, quiet);
    expect(path(hops)).toEqual([
      'pod/default/kubia-a eth0', `node/node01 ${bridgeVethName('default', 'kubia-a')}`, 'node/node01 cni0',
      'node/node01 eth0', 'node/node02 eth0', 'node/node02 cni0', 'pod/default/kubia-c eth0 DELIVERED',
    ]);
    expect(hops.some((h) => h.encapsulation)).toBe(false);
    expect(hops[3]?.dstMac).toBe(hostMac('node02', 'eth0'));
  });

  it('NET-FLANNEL-13, NET-L2-07: host-gw across a routed boundary: the route was refused, the default route hands the Pod packet to the router, which drops it', () => {
    const hops = traceDatapath(flannelCluster('flannel-host-gw', true), tcp('192.168.129.5'), { pod: 'kubia-a' }, quiet);
    expect(path(hops).slice(-2)).toEqual(['node/node01 eth0', 'router/10.231.209.0/24 10.231.209.1 DROP']);
    expect(hops[hops.length - 2]?.note).toContain('is missing: the kernel refused it');
    expect(last(hops).note).toMatch(/no route to Pod IP 192\.168\.129\.5.*Pod CIDRs are not advertised/);
  });

  it('NET-FLANNEL-07: the same routed boundary with VXLAN: the outer packet is node to node, so the router passes it', () => {
    const hops = traceDatapath(flannelCluster('flannel-vxlan', true), tcp('192.168.129.5'), { pod: 'kubia-a' }, quiet);
    expect(last(hops)).toMatchObject({ where: 'pod/default/kubia-d', verdict: 'DELIVERED' });
    expect(path(hops)).toContain('router/10.231.209.0/24 10.231.209.1');
  });

  it('NET-FLANNEL-05, NET-FLANNEL-06: udp: flannel0 hands the packet to flanneld, which sends UDP 8285 between node IPs; the peer flanneld writes it into its flannel0', () => {
    const hops = traceDatapath(flannelCluster('flannel-udp'), tcp('192.168.128.10'), { pod: 'kubia-a' }, quiet);
    expect(path(hops).slice(3)).toEqual([
      'node/node01 flannel0', 'node/node01 flanneld', 'node/node01 eth0', 'node/node02 eth0',
      'node/node02 flanneld', 'node/node02 flannel0', 'node/node02 cni0', 'pod/default/kubia-c eth0 DELIVERED',
    ]);
    expect(hops[4]?.encapsulation).toEqual({ kind: 'udp', outerSrc: '10.231.209.117', outerDst: '10.231.209.118', udpSrcPort: 8285, udpDstPort: 8285 });
  });

  it('NET-L2-09: a Pod sending to its own IP never reaches the bridge', () => {
    expect(path(traceDatapath(flannelCluster(), tcp('192.168.132.73'), { pod: 'kubia-a' }, quiet))).toEqual(['pod/default/kubia-a lo DELIVERED']);
  });

  it('NET-FLANNEL-08: a node reaching a remote Pod sources the packet from its flannel.1 address', () => {
    const hops = traceDatapath(flannelCluster(), tcp('192.168.128.10'), { node: 'node01' }, quiet);
    expect(hops[0]?.packet.src).toBe('192.168.132.0');
    expect(last(hops).verdict).toBe('DELIVERED');
  });
});

describe('calico', () => {
  it('NET-CALICO-02, NET-CALICO-03: Pod to Pod on one node: to ee:ee:ee:ee:ee:ee, routed by the host to the other cali* end by its /32', () => {
    const hops = traceDatapath(calicoCluster(), tcp('10.244.3.31'), { pod: 'web-a' }, quiet);
    expect(path(hops)).toEqual([
      'pod/default/web-a eth0', `node/node1 ${calicoVethName('default', 'web-a')}`, `node/node1 ${calicoVethName('default', 'web-b')}`, 'pod/default/web-b eth0 DELIVERED',
    ]);
    expect(hops[0]?.dstMac).toBe('ee:ee:ee:ee:ee:ee');
    expect(hops[0]?.note).toContain('default via 169.254.1.1 dev eth0');
    expect(hops[2]?.srcMac).toBe('ee:ee:ee:ee:ee:ee');
  });

  it('NET-CALICO-04, NET-CALICO-05: plain BGP to an adjacent node: via its IP on eth0, no encapsulation', () => {
    const hops = traceDatapath(calicoCluster('calico-bgp'), tcp('10.244.1.7'), { pod: 'web-a' }, quiet);
    expect(path(hops)).toEqual([
      'pod/default/web-a eth0', `node/node1 ${calicoVethName('default', 'web-a')}`, 'node/node1 eth0', 'node/node2 eth0',
      `node/node2 ${calicoVethName('default', 'web-c')}`, 'pod/default/web-c eth0 DELIVERED',
    ]);
    expect(hops[2]?.note).toContain('10.244.1.0/24 via 192.168.231.16 dev eth0 proto bird');
  });

  it('NET-CALICO-09: IPIP: tunl0 wraps the Pod packet in an outer IP header node to node; tunl0 on the other node unwraps it', () => {
    const hops = traceDatapath(calicoCluster('calico-ipip'), tcp('10.244.1.7'), { pod: 'web-a' }, quiet);
    expect(path(hops).slice(2, 6)).toEqual(['node/node1 tunl0', 'node/node1 eth0', 'node/node2 eth0', 'node/node2 tunl0']);
    expect(hops[2]?.encapsulation).toMatchObject({ kind: 'ipip', outerSrc: '192.168.231.56', outerDst: '192.168.231.16' });
    expect(last(hops).verdict).toBe('DELIVERED');
  });

  it('NET-CALICO-08: plain BGP across a routed boundary: the router has no Pod routes and drops the packet', () => {
    const hops = traceDatapath(calicoCluster('calico-bgp', true), tcp('10.244.2.9'), { pod: 'web-a' }, quiet);
    expect(last(hops)).toMatchObject({ where: 'router/192.168.231.0/24', verdict: 'DROP' });
  });

  it('NET-CALICO-09: IPIP across the same routed boundary is delivered', () => {
    const hops = traceDatapath(calicoCluster('calico-ipip', true), tcp('10.244.2.9'), { pod: 'web-a' }, quiet);
    expect(last(hops)).toMatchObject({ where: 'pod/default/web-d', verdict: 'DELIVERED' });
  });

  it('NET-CALICO-04: a node\'s own block without that Pod hits the blackhole route', () => {
    const hops = traceDatapath(calicoCluster(), tcp('10.244.3.99'), { node: 'node2' }, quiet);
    expect(last(hops)).toMatchObject({ where: 'node/node1', verdict: 'DROP' });
    expect(last(hops).note).toContain('blackhole');
  });
});

describe('netfilter hook points', () => {
  it('NET-FLANNEL-12: without a callback, marker hops stand at PREROUTING, FORWARD and POSTROUTING of each host the Pod packet crosses', () => {
    const hooks = traceDatapath(flannelCluster(), tcp('192.168.128.10'), { pod: 'kubia-a' }).filter((h) => h.device.startsWith('netfilter:'));
    expect(hooks.map((h) => `${h.where} ${h.device}`)).toEqual([
      'node/node01 netfilter:PREROUTING', 'node/node01 netfilter:FORWARD', 'node/node01 netfilter:POSTROUTING',
      'node/node02 netfilter:PREROUTING', 'node/node02 netfilter:FORWARD', 'node/node02 netfilter:POSTROUTING',
    ]);
  });

  it('NET-FLANNEL-12: a callback DNATing at PREROUTING changes the destination before routing (as kube-proxy\'s rules would)', () => {
    const atHook = (where: string, hook: string, packet: DatapathHop['packet']): { packet: DatapathHop['packet']; hops: Hop[]; verdict: 'ACCEPT' } => {
      if (hook === 'PREROUTING' && packet.dst === '192.168.192.10') {
        const next = { ...packet, dst: '192.168.128.10', dstPort: 8080 };
        return { packet: next, hops: [{ where, device: 'netfilter:PREROUTING', table: 'nat', chain: 'KUBE-SEP-X', rewrite: 'DNAT to 192.168.128.10:8080', packet: next }], verdict: 'ACCEPT' };
      }
      return { packet, hops: [], verdict: 'ACCEPT' };
    };
    const hops = traceDatapath(flannelCluster(), { ...tcp('192.168.192.10'), dstPort: 80 }, { pod: 'kubia-a' }, { atHook });
    expect(hops.find((h) => h.rewrite?.startsWith('DNAT'))?.where).toBe('node/node01');
    expect(last(hops)).toMatchObject({ where: 'pod/default/kubia-c', verdict: 'DELIVERED' });
  });

  it('NET-FLANNEL-12: a callback dropping at FORWARD ends the trace there', () => {
    const hops = traceDatapath(flannelCluster(), tcp('192.168.128.10'), { pod: 'kubia-a' }, {
      atHook: (_w, hook, packet) => ({ packet, hops: [], verdict: hook === 'FORWARD' ? 'DROP' : 'ACCEPT' }),
    });
    expect(last(hops)).toMatchObject({ where: 'node/node01', device: 'netfilter:FORWARD', verdict: 'DROP' });
  });
});

describe('from outside the cluster', () => {
  it('NET-MODEL-02: a Pod IP is not reachable from outside: the edge has no route to the Pod network', () => {
    const hops = traceDatapath(flannelCluster(), tcp('192.168.128.10', '203.0.113.9'), { external: {} }, quiet);
    expect(last(hops)).toMatchObject({ where: 'external', verdict: 'DROP' });
  });
  it('NET-L2-07: a packet to a node IP enters through the router and is delivered locally', () => {
    const hops = traceDatapath(flannelCluster(), tcp('10.231.209.118', '203.0.113.9'), { external: {} }, quiet);
    expect(path(hops)).toEqual(['external client', 'router/10.231.209.0/24 10.231.209.1', 'node/node02 eth0', 'node/node02 eth0 DELIVERED']);
  });
});
