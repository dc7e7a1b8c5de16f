// NET-IPT-07 as a property: for kube-proxy-shaped KUBE-SVC chains with n endpoints, walkAll gives every
// endpoint probability 1/n, the outcomes add up to 1, and every outcome is a DNAT to one endpoint. The
// probabilities are parsed from the text as kube-proxy prints them: %0.10f today, %0.5f in 2019 (the
// seeds' 0.16667), so the comparison allows the printing's rounding. A broken chain (every rule at 1/n,
// a common misreading) must fail the same check. Seed pinned; fast-check prints it on failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyConntrack, parseIptablesSave, walkAll } from '../../../src/network/netfilter/index.ts';
import { svcDump, tcp } from './fixtures.ts';

const SEED = 20261106;
const arbEndpoints = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map(([a, b]) => `10.244.${a}.${b}`), { minLength: 1, maxLength: 12 });

function endpointShares(dump: string): Map<string, number> {
  const outcomes = walkAll(parseIptablesSave(dump), 'PREROUTING', tcp('10.244.9.9', 40000, '10.96.0.1', 80), { localAddresses: [], conntrack: emptyConntrack });
  const shares = new Map<string, number>();
  for (const o of outcomes) shares.set(o.value.packet.dst, (shares.get(o.value.packet.dst) ?? 0) + o.probability);
  return shares;
}

const uniform = (ips: string[], shares: Map<string, number>, tolerance: number): boolean =>
  shares.size === ips.length && ips.every((ip) => Math.abs((shares.get(ip) ?? 0) - 1 / ips.length) <= tolerance);

describe('walkAll over kube-proxy KUBE-SVC chains', () => {
  it('NET-IPT-07: with n endpoints each is chosen with probability 1/n (%0.10f probabilities)', () => {
    fc.assert(
      fc.property(arbEndpoints, (ips) => {
        const shares = endpointShares(svcDump(ips, 10));
        expect([...shares.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        expect(uniform(ips, shares, 1e-9)).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('NET-IPT-07: the 2019 %0.5f printing is uniform within its rounding (1/6 printed 0.16667)', () => {
    fc.assert(
      fc.property(arbEndpoints, (ips) => {
        expect(uniform(ips, endpointShares(svcDump(ips, 5)), 5e-5)).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('NET-IPT-07: n = 6 gives the seeds\' draws 1/6, 1/5, 1/4, 1/3, 1/2, always, as six outcomes of 1/6', () => {
    const ips = ['10.244.0.1', '10.244.0.2', '10.244.0.3', '10.244.0.4', '10.244.0.5', '10.244.0.6'];
    const outcomes = walkAll(parseIptablesSave(svcDump(ips, 10)), 'PREROUTING', tcp('10.244.9.9', 1, '10.96.0.1', 80), { localAddresses: [], conntrack: emptyConntrack });
    expect(outcomes.map((o) => o.value.packet.dst)).toEqual(ips);
    for (const o of outcomes) expect(o.probability).toBeCloseTo(1 / 6, 9);
    expect(outcomes.map((o) => o.choices.length)).toEqual([1, 2, 3, 4, 5, 5]);
  });

  it('NET-IPT-07: the check catches a broken generator that gives every rule probability 1/n', () => {
    const broken = (ips: string[]): string => svcDump(ips, 10).replace(/--probability [0-9.]+/g, `--probability ${(1 / ips.length).toFixed(10)}`);
    const failure = fc.check(
      fc.property(arbEndpoints, (ips) => uniform(ips, endpointShares(broken(ips)), 1e-6)),
      { seed: SEED, numRuns: 200 },
    );
    expect(failure.failed).toBe(true);
  });
});
