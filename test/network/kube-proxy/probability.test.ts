// NET-IPT-07: the probabilities of a KUBE-SVC chain, as kube-proxy writes them and as iptables prints them.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { formatFixed, kubeProxyProbability, kubeProxyRuleset, printedProbability } from '../../../src/network/kube-proxy/index.ts';
import type { ClusterNetwork, EndpointNet } from '../../../src/network/types.ts';

describe('probability formatting', () => {
  it.each([
    [1, '1.00000', '1.0000000000', '1.00000000000'],
    [2, '0.50000', '0.5000000000', '0.50000000000'],
    [3, '0.33333', '0.3333333333', '0.33332999982'],
    [4, '0.25000', '0.2500000000', '0.25000000000'],
    [5, '0.20000', '0.2000000000', '0.20000000019'],
    [6, '0.16667', '0.1666666667', '0.16667000018'],
    [7, '0.14286', '0.1428571429', '0.14286000002'],
  ])('NET-IPT-07: 1/%i is written "%s" up to v1.16, "%s" since v1.17, and the v1.16 value reads back as "%s"', (n, five, ten, printed) => {
    expect(kubeProxyProbability(n, 5)).toBe(five);
    expect(kubeProxyProbability(n, 10)).toBe(ten);
    expect(printedProbability(five)).toBe(printed);
  });

  it.each([
    ['0.1666666667', '0.16666666651'],
    ['0.3333333333', '0.33333333349'],
    ['0.5000000000', '0.50000000000'],
  ])('NET-IPT-07: the v1.17+ value %s reads back as %s (kernel keeps round(p·2^31))', (written, printed) => {
    expect(printedProbability(written)).toBe(printed);
  });

  it('NET-IPT-07: an exact tie rounds to even as Go does: 1/64 at five digits is 0.01562, not toFixed\'s 0.01563', () => {
    expect(formatFixed(1 / 64, 5)).toBe('0.01562');
    expect(formatFixed(1 / 32, 4)).toBe('0.0312');
    expect(formatFixed(0.375, 2)).toBe('0.38');
  });
});

const SEED = 20261106;

/** Random Services (1–12 ready endpoints each) on a one-node cluster. */
const clusterArb = fc
  .array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 })
  .map((counts): ClusterNetwork => ({
    plugin: 'flannel-vxlan',
    proxyMode: 'iptables',
    clusterCIDR: '10.244.0.0/16',
    serviceCIDR: '10.96.0.0/12',
    clusterDomain: 'cluster.local',
    nodes: [{ name: 'n1', ip: '10.0.0.1', podCIDR: '10.244.0.0/24' }],
    pods: [],
    services: counts.map((_, s) => ({ namespace: 'default', name: `s${s}`, type: 'ClusterIP' as const, clusterIP: `10.96.0.${s + 10}`, ports: [{ name: 'http', protocol: 'TCP' as const, port: 80, targetPort: 8080 }] })),
    endpointSlices: counts.map((n, s) => ({
      namespace: 'default',
      service: `s${s}`,
      portName: 'http',
      protocol: 'TCP' as const,
      port: 8080,
      endpoints: Array.from({ length: n }, (__, i): EndpointNet => ({ ip: `10.244.${s}.${i + 2}`, node: 'n1', ready: true, serving: true, terminating: false })),
    })),
  }));

/** Walks each KUBE-SVC chain top-down: a rule with probability p takes p of what is left, one without takes all. */
function chosenProbabilities(cluster: ClusterNetwork, version: string): number[][] {
  const nat = kubeProxyRuleset(cluster, { node: 'n1', kubernetesVersion: version }).tables.nat.chains;
  return Object.entries(nat)
    .filter(([name]) => name.startsWith('KUBE-SVC-'))
    .map(([, chain]) => {
      let left = 1;
      const out: number[] = [];
      for (const rule of chain.rules.filter((r) => r.target.startsWith('KUBE-SEP-'))) {
        const p = rule.match.statisticProbability ?? 1;
        out.push(left * p);
        left *= 1 - p;
      }
      return out;
    });
}

describe('endpoint choice', () => {
  test.prop([clusterArb], { seed: SEED, numRuns: 150 })('NET-IPT-07: every endpoint of every KUBE-SVC chain is chosen with probability 1/n within 1e-9 (10-digit writes, current release)', (cluster) => {
    for (const probs of chosenProbabilities(cluster, '1.33')) {
      for (const p of probs) expect(Math.abs(p - 1 / probs.length)).toBeLessThan(1e-9);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  test.prop([clusterArb], { seed: SEED, numRuns: 100 })('NET-IPT-07: with v1.15\'s five digits the choice is 1/n only within 1e-4 (why PR #83599 added digits)', (cluster) => {
    for (const probs of chosenProbabilities(cluster, '1.15')) {
      for (const p of probs) expect(Math.abs(p - 1 / probs.length)).toBeLessThan(1e-4);
    }
  });

  it('NET-IPT-07: the check catches a broken chain that gives every rule 1/n (the first endpoint then takes 1/n, the last far more)', () => {
    const n = 6;
    let left = 1;
    const probs = Array.from({ length: n }, (_, i) => {
      const p = i < n - 1 ? 1 / n : 1;
      const taken = left * p;
      left *= 1 - p;
      return taken;
    });
    expect(Math.abs((probs[n - 1] ?? 0) - 1 / n)).toBeGreaterThan(1e-9);
  });
});
