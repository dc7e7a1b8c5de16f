// The generator and the walker together (NET-IPT-03, NET-IPT-05, NET-NAT-02): for random Services with n
// ready endpoints, the rules kube-proxy generates, parsed back from their iptables-save text and walked as
// data from a node's OUTPUT hook, send the connection to each endpoint with probability 1/n and to nothing
// else; a Service without endpoints is rejected. And an end-to-end trace in the seeds' kubia cluster.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { iptablesRules } from '../../src/network/kube-proxy/index.ts';
import { emptyConntrack, parseIptablesSave, walkAll } from '../../src/network/netfilter/index.ts';
import { tracePacket } from '../../src/network/trace.ts';
import { ep, kubia, withService } from './kube-proxy/fixtures.ts';

describe('kube-proxy rules walked as data', () => {
  it('NET-IPT-03, NET-IPT-05: each of n ready endpoints is chosen with probability 1/n, nothing else is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.constantFrom('1.15', '1.37'), (n, version) => {
        const endpoints = Array.from({ length: n }, (_, i) => ep(`192.168.131.${100 + i}`, 'node01'));
        const cluster = withService(kubia(), { name: 'web', clusterIP: '192.168.200.10' }, endpoints);
        const rules = parseIptablesSave(iptablesRules(cluster, { node: 'node01', kubernetesVersion: version }));
        const packet = { src: '10.0.0.11', dst: '192.168.200.10', protocol: 'TCP' as const, srcPort: 40000, dstPort: 80 };
        const outcomes = walkAll(rules, 'OUTPUT', packet, { localAddresses: ['10.0.0.11'], conntrack: emptyConntrack });
        const byDst = new Map<string, number>();
        for (const o of outcomes) byDst.set(o.value.packet.dst, (byDst.get(o.value.packet.dst) ?? 0) + o.probability);
        expect([...byDst.keys()].sort()).toEqual(endpoints.map((e) => e.ip).sort());
        // Five printed digits in 1.15 (kube-proxy's %0.5f), ten today.
        for (const p of byDst.values()) expect(Math.abs(p - 1 / n)).toBeLessThan(version === '1.15' ? 1e-4 : 1e-8);
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });

  it('NET-SVC-05: a Service without ready endpoints is rejected', () => {
    const cluster = withService(kubia(), { name: 'empty', clusterIP: '192.168.200.11' }, [ep('192.168.131.120', 'node01', false)]);
    const rules = parseIptablesSave(iptablesRules(cluster, { node: 'node01' }));
    const packet = { src: '10.0.0.11', dst: '192.168.200.11', protocol: 'TCP' as const, srcPort: 40000, dstPort: 80 };
    const outcomes = walkAll(rules, 'OUTPUT', packet, { localAddresses: ['10.0.0.11'], conntrack: emptyConntrack });
    expect(outcomes.map((o) => o.value.verdict)).toEqual(['REJECT']);
  });

  it('NET-IPT-02, NET-NAT-01, NET-L2-04: from node01 to the kubia ClusterIP: marked, DNATed to an endpoint, MASQUERADEd, delivered over cni0', () => {
    const r = tracePacket(kubia(), { from: 'node:node01', to: 'kubia:8080' });
    expect(r.verdict).toBe('DELIVERED');
    const chains = r.hops.map((h) => h.chain).filter(Boolean);
    expect(chains.slice(0, 3)).toEqual(['OUTPUT', 'KUBE-SERVICES', expect.stringMatching(/^KUBE-SVC-/)]);
    expect(r.hops.some((h) => h.rule?.includes('-j DNAT --to-destination 192.168.131.21:8080'))).toBe(true);
    expect(r.hops.some((h) => h.rule?.includes('MASQUERADE'))).toBe(true);
    expect(r.packet).toMatchObject({ dst: '192.168.131.21', dstPort: 8080 });
  });
});
