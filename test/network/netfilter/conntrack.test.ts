// Conntrack around the walk (NET-NAT-01..03): the first packet's NAT is recorded, later packets follow the
// entry instead of the nat chains, replies are un-NATed, INVALID packets are dropped, and Services
// without endpoints are REJECTed.
import { describe, expect, it } from 'vitest';
import {
  conntrackLookup,
  emptyConntrack,
  packetPath,
  parseIptablesSave,
  walkHook,
  type ConntrackTable,
  type RouteDecision,
} from '../../../src/network/netfilter/index.ts';
import type { Packet } from '../../../src/network/types.ts';
import { CNI0, CURRENT, FLANNEL1, KUBIA_2019, LOCAL, NODE_IP, pickEndpoint, SVC_IP, tcp } from './fixtures.ts';

const kubia = parseIptablesSave(KUBIA_2019);
const current = parseIptablesSave(CURRENT);
const route = (p: { dst: string }): RouteDecision =>
  LOCAL.includes(p.dst) ? { local: true } : p.dst.startsWith('192.168.132.') ? { local: false, outInterface: 'cni0', egressAddress: CNI0 } : { local: false, outInterface: 'flannel.1', egressAddress: FLANNEL1 };
const reply = (p: Packet): Packet => ({ protocol: p.protocol, src: p.dst, srcPort: p.dstPort, dst: p.src, dstPort: p.srcPort });
const arrive = (packet: Packet, conntrack: ConntrackTable, choose?: (p: number) => boolean) =>
  packetPath(kubia, packet, { locallyGenerated: false, route, localAddresses: LOCAL, conntrack, ...(choose ? { choose } : {}) });

describe('conntrack', () => {
  const client = tcp('192.168.132.5', 40000, SVC_IP, 8080);
  const first = arrive(client, emptyConntrack, pickEndpoint(2));

  it('NET-NAT-01: the first packet is NEW, walks the nat chains and is recorded with its DNAT in the reply tuple', () => {
    expect(first.ctstate).toBe('NEW');
    expect(first.packet.dst).toBe('192.168.130.9');
    const found = conntrackLookup(first.conntrack, client);
    expect(found?.direction).toBe('original');
    expect(found?.entry.reply).toMatchObject({ src: '192.168.130.9', srcPort: 8080, dst: '192.168.132.5', dstPort: 40000 });
    expect(found?.entry.state).toBe('NEW');
  });

  it('NET-NAT-01: the reply is un-DNATed in POSTROUTING, so the client sees the ClusterIP 192.168.199.234:8080 answer', () => {
    const back = arrive(reply(first.packet), first.conntrack);
    expect(back.ctstate).toBe('ESTABLISHED');
    expect(back.packet).toMatchObject({ src: SVC_IP, srcPort: 8080, dst: '192.168.132.5', dstPort: 40000 });
    expect(back.hops.some((h) => h.table === 'nat' && h.chain !== undefined)).toBe(false);
    expect(back.hops.find((h) => h.rewrite?.startsWith('un-DNAT'))?.rewrite).toBe(`un-DNAT source 192.168.130.9:8080 → ${SVC_IP}:8080 (conntrack)`);
    expect(conntrackLookup(back.conntrack, client)?.entry.state).toBe('ESTABLISHED');
  });

  it('NET-NAT-01, NET-NAT-02: later packets of the connection stay on the recorded endpoint whatever the statistic would pick now', () => {
    const back = arrive(reply(first.packet), first.conntrack);
    const next = arrive(client, back.conntrack, pickEndpoint(5));
    expect(next.ctstate).toBe('ESTABLISHED');
    expect(next.packet.dst).toBe('192.168.130.9');
    expect(next.hops.find((h) => h.rewrite?.startsWith('DNAT'))?.note).toMatch(/nat chains skipped/);
  });

  it('NET-NAT-02: a new connection from the same client (another source port) is balanced afresh', () => {
    const other = arrive(tcp('192.168.132.5', 40001, SVC_IP, 8080), first.conntrack, pickEndpoint(5));
    expect(other.ctstate).toBe('NEW');
    expect(other.packet.dst).toBe('192.168.132.73');
    expect(other.conntrack.entries.size).toBe(2);
  });

  it('NET-NAT-01, NET-IPT-10: a masqueraded host connection: the reply to 192.168.132.0 is un-SNATed to the node and un-DNATed to the ClusterIP, then DELIVERED', () => {
    const out = packetPath(kubia, tcp(NODE_IP, 50000, SVC_IP, 8080), { locallyGenerated: true, route, localAddresses: LOCAL, conntrack: emptyConntrack });
    expect(out.packet).toMatchObject({ src: FLANNEL1, dst: '192.168.131.21' });
    const back = arrive(reply(out.packet), out.conntrack);
    expect(back.hooks).toEqual(['PREROUTING', 'INPUT']);
    expect(back.verdict).toBe('DELIVERED');
    expect(back.packet).toMatchObject({ src: SVC_IP, srcPort: 8080, dst: NODE_IP, dstPort: 50000 });
  });

  it('NET-NAT-03, NET-IPT-13: an INVALID packet is dropped by KUBE-FORWARD when kube-proxy\'s FORWARD jump comes first', () => {
    const r = walkHook(current, 'FORWARD', { ...tcp('10.244.1.5', 8080, '10.244.2.9', 51000), invalid: true }, { localAddresses: LOCAL, conntrack: emptyConntrack });
    expect(r.ctstate).toBe('INVALID');
    expect(r.verdict).toBe('DROP');
    expect(r.hops.at(-1)?.rule).toBe('-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP');
  });

  it('NET-IPT-13: with the seeds\' order flannel\'s "-s 192.168.128.0/18 -j ACCEPT" comes first and lets an INVALID Pod packet through', () => {
    const r = walkHook(kubia, 'FORWARD', { ...tcp('192.168.132.5', 40000, '192.168.131.21', 8080), invalid: true }, { localAddresses: LOCAL, conntrack: emptyConntrack });
    expect(r.verdict).toBe('ACCEPT');
    expect(r.hops.map((h) => h.rule)).toEqual(['-A FORWARD -s 192.168.128.0/18 -j ACCEPT']);
  });

  it('NET-NAT-03: an INVALID packet is never NATed nor recorded', () => {
    const r = arrive({ ...client, invalid: true }, emptyConntrack);
    expect(r.packet.dst).toBe(SVC_IP);
    expect(r.conntrack.entries.size).toBe(0);
  });

  it('NET-IPT-12, NET-IPT-03: a Service without endpoints is REJECTed in filter KUBE-SERVICES, from a host process (OUTPUT) and from a Pod (FORWARD)', () => {
    const fromHost = packetPath(current, tcp(NODE_IP, 50000, '10.96.0.50', 80), { locallyGenerated: true, route: () => ({ local: false, outInterface: 'eth0', egressAddress: NODE_IP }), localAddresses: LOCAL, conntrack: emptyConntrack });
    expect(fromHost.verdict).toBe('REJECT');
    expect(fromHost.hooks).toEqual(['OUTPUT']);
    expect(fromHost.hops.at(-1)).toMatchObject({ table: 'filter', chain: 'KUBE-SERVICES', verdict: 'REJECT', note: 'rejected with icmp-port-unreachable' });
    const fromPod = packetPath(current, tcp('10.244.1.5', 40000, '10.96.0.50', 80), { locallyGenerated: false, route: () => ({ local: false, outInterface: 'eth0', egressAddress: NODE_IP }), localAddresses: LOCAL, conntrack: emptyConntrack });
    expect(fromPod.hooks).toEqual(['PREROUTING', 'FORWARD']);
    expect(fromPod.verdict).toBe('REJECT');
    expect(fromPod.conntrack.entries.size).toBe(0);
  });

  it('NET-IPT-06, NET-IPT-10: current kube-proxy clears the mark with --xor-mark before MASQUERADE, so the packet leaves unmarked', () => {
    const r = packetPath(current, tcp(NODE_IP, 50000, '10.96.0.10', 80), { locallyGenerated: true, route: () => ({ local: false, outInterface: 'flannel.1', egressAddress: '10.244.0.0' }), localAddresses: LOCAL, conntrack: emptyConntrack });
    expect(r.packet).toMatchObject({ src: '10.244.0.0', dst: '10.244.1.5', mark: 0 });
    expect(r.hops.filter((h) => h.chain === 'KUBE-POSTROUTING').map((h) => h.rewrite)).toEqual(['mark 0x4000 → 0x0', 'MASQUERADE source 10.0.0.12:50000 → 10.244.0.0:50000']);
  });

  it('NET-SVC-08: ClientIP affinity: "-m recent --set" records the client, and its next connection takes the same endpoint via --rcheck', () => {
    const ctx = { locallyGenerated: false, route: () => ({ local: false, outInterface: 'flannel.1', egressAddress: '10.244.0.0' }), localAddresses: LOCAL, conntrack: emptyConntrack, now: 100 };
    const one = packetPath(current, tcp('10.244.1.9', 40000, '10.96.0.10', 80), { ...ctx, choose: pickEndpoint(1) });
    expect(one.packet.dst).toBe('10.244.2.6');
    expect(one.recent.get('KUBE-SEP-WEB2')?.get('10.244.1.9')).toBe(100);
    const two = packetPath(current, tcp('10.244.1.9', 40001, '10.96.0.10', 80), { ...ctx, conntrack: one.conntrack, recent: one.recent, now: 200, choose: () => true });
    expect(two.packet.dst).toBe('10.244.2.6');
    expect(two.hops.find((h) => h.rule?.includes('--rcheck'))?.rule).toContain('KUBE-SEP-WEB2');
    const late = packetPath(current, tcp('10.244.1.9', 40002, '10.96.0.10', 80), { ...ctx, conntrack: one.conntrack, recent: one.recent, now: 100 + 10801, choose: () => true });
    expect(late.packet.dst).toBe('10.244.1.5');
  });
});
