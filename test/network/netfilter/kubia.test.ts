// The seeds' kubia Service walked through the seeds' rules (NET-IPT-04..11, NET-NAT-04): which chains a
// packet passes, when it is marked, where it is DNATed and MASQUERADEd.
import { describe, expect, it } from 'vitest';
import { emptyConntrack, packetPath, parseIptablesSave, walkHook, type RouteDecision } from '../../../src/network/netfilter/index.ts';
import type { Hop } from '../../../src/network/types.ts';
import { CNI0, FLANNEL1, KUBIA_2019, KUBIA_ENDPOINTS, LOCAL, NODE_IP, pickEndpoint, SVC_IP, tcp } from './fixtures.ts';

const rules = parseIptablesSave(KUBIA_2019);
const chains = (hops: Hop[]): string[] => hops.filter((h) => h.chain !== undefined).map((h) => `${h.table}/${h.chain}`);
/** Pod subnet 192.168.132.0/24 is on cni0, the rest of the cluster CIDR through flannel.1. */
const route = (p: { dst: string }): RouteDecision =>
  LOCAL.includes(p.dst) ? { local: true } : p.dst.startsWith('192.168.132.') ? { local: false, outInterface: 'cni0', egressAddress: CNI0 } : { local: false, outInterface: 'flannel.1', egressAddress: FLANNEL1 };

describe('the seeds kubia Service through the seeds rules', () => {
  it('NET-IPT-04, NET-IPT-05, NET-IPT-07, NET-IPT-08: a Pod calling the ClusterIP goes KUBE-SERVICES → KUBE-SVC → KUBE-SEP → DNAT, not marked (source inside 192.168.128.0/18)', () => {
    const r = walkHook(rules, 'PREROUTING', tcp('192.168.132.5', 40000, SVC_IP, 8080), { localAddresses: LOCAL, conntrack: emptyConntrack });
    expect(chains(r.hops)).toEqual(['nat/PREROUTING', 'nat/KUBE-SERVICES', 'nat/KUBE-SVC-L5EAUEZ74VZL5GSC', 'nat/KUBE-SEP-DHEI6HLVRKMGWFA5']);
    expect(r.hops.at(-1)?.rule).toBe('-A KUBE-SEP-DHEI6HLVRKMGWFA5 -p tcp -m tcp -j DNAT --to-destination 192.168.131.21:8080');
    expect(r.packet).toMatchObject({ src: '192.168.132.5', dst: '192.168.131.21', dstPort: 8080 });
    expect(r.packet.mark ?? 0).toBe(0);
    expect(r.nat).toEqual({ dnat: { ip: '192.168.131.21', port: 8080 } });
  });

  it('NET-IPT-07: skipping the first four statistic rules lands on the fifth endpoint, 192.168.132.72', () => {
    const r = walkHook(rules, 'PREROUTING', tcp('192.168.132.5', 40000, SVC_IP, 8080), { localAddresses: LOCAL, conntrack: emptyConntrack, choose: pickEndpoint(4) });
    expect(r.packet.dst).toBe('192.168.132.72');
    expect(r.hops.filter((h) => h.chain === 'KUBE-SVC-L5EAUEZ74VZL5GSC')).toHaveLength(1);
  });

  it('NET-IPT-11: the backend of a Pod caller sees the Pod IP: flannel\'s "-s N -d N RETURN" leaves it alone in POSTROUTING', () => {
    const r = packetPath(rules, tcp('192.168.132.5', 40000, SVC_IP, 8080), { locallyGenerated: false, route, localAddresses: LOCAL, conntrack: emptyConntrack, inInterface: 'cni0' });
    expect(r.hooks).toEqual(['PREROUTING', 'FORWARD', 'POSTROUTING']);
    expect(r.verdict).toBe('FORWARD');
    expect(r.packet).toMatchObject({ src: '192.168.132.5', dst: '192.168.131.21' });
    expect(r.hops.find((h) => h.device === 'POSTROUTING' && h.rule?.includes('RETURN'))?.rule).toBe('-A POSTROUTING -s 192.168.128.0/18 -d 192.168.128.0/18 -j RETURN');
  });

  it('NET-IPT-05, NET-IPT-06, NET-IPT-10, NET-IPT-11: a host process (source outside the Pod CIDR) is marked 0x4000 before DNAT and MASQUERADEd to flannel.1\'s 192.168.132.0', () => {
    const r = packetPath(rules, tcp(NODE_IP, 50000, SVC_IP, 8080), { locallyGenerated: true, route, localAddresses: LOCAL, conntrack: emptyConntrack });
    expect(r.hooks).toEqual(['OUTPUT', 'POSTROUTING']);
    expect(chains(r.hops).slice(0, 4)).toEqual(['nat/OUTPUT', 'nat/KUBE-SERVICES', 'nat/KUBE-MARK-MASQ', 'nat/KUBE-SERVICES']);
    const mark = r.hops.find((h) => h.chain === 'KUBE-MARK-MASQ');
    expect(mark?.rewrite).toBe('mark 0x0 → 0x4000');
    const masq = r.hops.find((h) => h.chain === 'KUBE-POSTROUTING');
    expect(masq?.rewrite).toBe(`MASQUERADE source ${NODE_IP}:50000 → ${FLANNEL1}:50000`);
    expect(r.packet).toMatchObject({ src: FLANNEL1, dst: '192.168.131.21', dstPort: 8080, mark: 0x4000 });
  });

  it('NET-IPT-09, NET-NAT-04: NodePort 32681 on the node: KUBE-NODEPORTS (last rule, dst-type LOCAL) marks, balances over all endpoints, and the entry shows the reply to 192.168.132.0', () => {
    const client = tcp('203.0.113.7', 62142, NODE_IP, 32681);
    const r = packetPath(rules, client, { locallyGenerated: false, route, localAddresses: LOCAL, conntrack: emptyConntrack, inInterface: 'eth0' });
    expect(chains(r.hops)).toEqual([
      'nat/PREROUTING', 'nat/KUBE-SERVICES', 'nat/KUBE-NODEPORTS', 'nat/KUBE-MARK-MASQ', 'nat/KUBE-NODEPORTS', 'nat/KUBE-SVC-L5EAUEZ74VZL5GSC', 'nat/KUBE-SEP-DHEI6HLVRKMGWFA5',
      'filter/FORWARD', 'nat/POSTROUTING', 'nat/KUBE-POSTROUTING',
    ]);
    expect(r.hops.find((h) => h.chain === 'KUBE-SERVICES')?.rule).toContain('NOTE: this must be the last rule in this chain');
    const [entry] = [...r.conntrack.entries.values()];
    expect(entry?.original).toEqual({ protocol: 'TCP', src: '203.0.113.7', srcPort: 62142, dst: NODE_IP, dstPort: 32681 });
    expect(entry?.reply).toEqual({ protocol: 'TCP', src: '192.168.131.21', srcPort: 8080, dst: FLANNEL1, dstPort: 62142 });
  });

  it('NET-IPT-08, NET-IPT-10: hairpin: endpoint 192.168.132.72 reaching itself through the VIP is marked in its KUBE-SEP and MASQUERADEd to cni0\'s 192.168.132.1', () => {
    const self = KUBIA_ENDPOINTS[4]?.ip ?? '';
    const r = packetPath(rules, tcp(self, 41000, SVC_IP, 8080), { locallyGenerated: false, route, localAddresses: LOCAL, conntrack: emptyConntrack, choose: pickEndpoint(4), inInterface: 'cni0' });
    const sepHops = r.hops.filter((h) => h.chain === 'KUBE-SEP-VVYACXWHEDETJZUB').map((h) => h.rule);
    expect(sepHops).toEqual([`-A KUBE-SEP-VVYACXWHEDETJZUB -s ${self}/32 -j KUBE-MARK-MASQ`, `-A KUBE-SEP-VVYACXWHEDETJZUB -p tcp -m tcp -j DNAT --to-destination ${self}:8080`]);
    expect(r.packet).toMatchObject({ src: CNI0, dst: self, dstPort: 8080 });
  });

  it('NET-IPT-02: the routing decision sees the DNATed destination: a ClusterIP packet is forwarded to the endpoint, not delivered locally', () => {
    const seen: string[] = [];
    packetPath(rules, tcp('192.168.132.5', 40000, SVC_IP, 8080), {
      locallyGenerated: false,
      route: (p) => {
        seen.push(p.dst);
        return route(p);
      },
      localAddresses: LOCAL,
      conntrack: emptyConntrack,
    });
    expect(seen).toEqual(['192.168.131.21']);
  });

  it('NET-IPT-12: traffic to the node itself (not a Service port) passes nat untouched and is DELIVERED through INPUT', () => {
    const r = packetPath(rules, tcp('203.0.113.7', 5000, NODE_IP, 22), { locallyGenerated: false, route, localAddresses: LOCAL, conntrack: emptyConntrack });
    expect(r.hooks).toEqual(['PREROUTING', 'INPUT']);
    expect(r.verdict).toBe('DELIVERED');
    expect(r.packet).toEqual(tcp('203.0.113.7', 5000, NODE_IP, 22));
    expect(r.hops.filter((h) => h.table === 'filter' && h.chain === 'INPUT').map((h) => h.note)).toEqual(['jump to KUBE-SERVICES', 'jump to KUBE-EXTERNAL-SERVICES', 'policy']);
  });
});
