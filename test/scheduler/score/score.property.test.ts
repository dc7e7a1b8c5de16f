// Properties of the score phase over random small clusters (SCHED-02): every normalised score is in 0..100 and
// totals in [0, 100 × Σ weights]; selectHost returns a node with the best total, the same one for the same
// seed, and over many seeds every tied node (ties are broken at random, not round-robin or first-wins).
// fast-check prints the seed of a failing run; replay with { seed, path }.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKubernetesMinor } from '../../../src/k8s/version.ts';
import type { Pod, Taint } from '../../../src/k8s/types.ts';
import { defaultScoreWeights, scoreNodes, selectHost } from '../../../src/scheduler/score/index.ts';
import { cluster, MiB, node, pod } from './fixtures.ts';

const arbVersion = fc.constantFrom('1.18', '1.21', '1.22', '1.23', '1.32', '1.33', '1.35', '1.36', '1.37');
const arbRequests = fc.option(fc.record({ cpu: fc.constantFrom('0', '100m', '1', '3'), memory: fc.constantFrom('128Mi', '2Gi', '12Gi') }, { requiredKeys: [] }), { nil: undefined });
const arbApp = fc.constantFrom('web', 'db');
const weighted = (key: string, app: string, weight: number) => ({ weight, podAffinityTerm: { labelSelector: { matchLabels: { app } }, topologyKey: key } });
const arbTopologyKey = fc.constantFrom('kubernetes.io/hostname', 'zone');

const arbNode = (i: number) =>
  fc.record({
    cpu: fc.constantFrom('2', '4', '8'),
    memory: fc.constantFrom('4Gi', '16Gi'),
    zone: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
    ssd: fc.boolean(),
    taints: fc.subarray(['spot', 'gpu']),
    image: fc.option(fc.constantFrom(10 * MiB, 300 * MiB, 2000 * MiB), { nil: undefined }),
  }).map((o) =>
    node(`n${i}`, {
      cpu: o.cpu,
      memory: o.memory,
      labels: { ...(o.zone ? { zone: o.zone } : {}), ...(o.ssd ? { disk: 'ssd' } : {}) },
      taints: o.taints.map((key): Taint => ({ key, effect: 'PreferNoSchedule' })),
      images: o.image === undefined ? [] : [{ names: ['registry.example/app:1.0'], sizeBytes: o.image }],
    }),
  );

const arbIncoming: fc.Arbitrary<Pod> = fc
  .record({
    requests: arbRequests,
    nodePref: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    affinity: fc.option(fc.tuple(arbTopologyKey, arbApp, fc.integer({ min: 1, max: 100 })), { nil: undefined }),
    anti: fc.option(fc.tuple(arbTopologyKey, arbApp, fc.integer({ min: 1, max: 100 })), { nil: undefined }),
    spread: fc.option(fc.tuple(arbTopologyKey, fc.integer({ min: 1, max: 3 })), { nil: undefined }),
    tolerateSpot: fc.boolean(),
  })
  .map((o) =>
    pod('incoming', {
      labels: { app: 'web' },
      ...(o.requests ? { requests: o.requests as Record<string, string> } : {}),
      affinity: {
        ...(o.nodePref ? { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: o.nodePref, preference: { matchExpressions: [{ key: 'disk', operator: 'In' as const, values: ['ssd'] }] } }] } } : {}),
        ...(o.affinity ? { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(...o.affinity)] } } : {}),
        ...(o.anti ? { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(...o.anti)] } } : {}),
      },
      ...(o.tolerateSpot ? { tolerations: [{ key: 'spot', operator: 'Exists' as const }] } : {}),
      ...(o.spread ? { spread: [{ topologyKey: o.spread[0], maxSkew: o.spread[1], whenUnsatisfiable: 'ScheduleAnyway' as const, labelSelector: { matchLabels: { app: 'web' } } }] } : {}),
    }),
  );

const arbCluster = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.record({
    nodes: fc.tuple(...Array.from({ length: n }, (_, i) => arbNode(i))),
    existing: fc.array(
      fc.record({ on: fc.integer({ min: 0, max: n - 1 }), app: arbApp, requests: arbRequests, likes: fc.option(fc.tuple(arbTopologyKey, arbApp, fc.integer({ min: 1, max: 100 })), { nil: undefined }) }),
      { maxLength: 8 },
    ),
    feasible: fc.subarray(Array.from({ length: n }, (_, i) => `n${i}`), { minLength: 1 }),
    incoming: arbIncoming,
    version: arbVersion,
  }),
);

describe('scoreNodes properties', () => {
  it('SCHED-02: normalised scores are in 0..100, totals are Σ normalised × weight and lie in [0, 100 × Σ weights]', () => {
    fc.assert(
      fc.property(arbCluster, (c) => {
        const pods = c.existing.map((e, i) =>
          pod(`e${i}`, {
            nodeName: `n${e.on}`,
            labels: { app: e.app },
            ...(e.requests ? { requests: e.requests as Record<string, string> } : {}),
            ...(e.likes ? { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(...e.likes)] } } } : {}),
          }),
        );
        const { snapshot, feasible } = cluster([...c.nodes], pods, c.feasible);
        const scored = scoreNodes(c.incoming, feasible, snapshot, { kubernetesVersion: c.version });
        const maxTotal = 100 * defaultScoreWeights(parseKubernetesMinor(c.version)).reduce((a, w) => a + w.weight, 0);
        expect(scored.map((s) => s.node)).toEqual(c.feasible);
        for (const s of scored) {
          for (const p of s.plugins) expect(p.normalized >= 0 && p.normalized <= 100 && Number.isInteger(p.normalized)).toBe(true);
          expect(s.total).toBe(s.plugins.reduce((a, p) => a + p.normalized * p.weight, 0));
          expect(s.total >= 0 && s.total <= maxTotal).toBe(true);
        }
      }),
      { numRuns: 300, seed: 2037 },
    );
  });
});

const arbScored = fc
  .array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 8 })
  .map((totals) => totals.map((total, i) => ({ node: `n${i}`, total: total * 100, plugins: [] })));

describe('selectHost properties', () => {
  it('SCHED-02: the chosen node has the highest total, and the same seed chooses the same node', () => {
    fc.assert(
      fc.property(arbScored, fc.integer(), (scored, seed) => {
        const best = Math.max(...scored.map((s) => s.total));
        const chosen = selectHost(scored, seed);
        expect(scored.find((s) => s.node === chosen)?.total).toBe(best);
        expect(selectHost(scored, seed)).toBe(chosen);
      }),
      { numRuns: 1000, seed: 37 },
    );
  });

  /** Every tied node is picked over seeds 0..runs-1, each at least 60% as often as a fair share. */
  const coversTies = (pick: typeof selectHost, scored: { node: string; total: number }[], runs: number): boolean => {
    const best = Math.max(...scored.map((s) => s.total));
    const tied = scored.filter((s) => s.total === best).map((s) => s.node);
    const counts = new Map<string, number>();
    for (let seed = 0; seed < runs; seed++) {
      const n = pick(scored, seed);
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    return tied.every((n) => (counts.get(n) ?? 0) >= (0.6 * runs) / tied.length) && [...counts.keys()].every((n) => tied.includes(n));
  };

  it('SCHED-02: over 1000 seeds every node tied for the best total is chosen, about equally often', () => {
    fc.assert(
      fc.property(arbScored, (scored) => {
        expect(coversTies(selectHost, scored, 1000)).toBe(true);
      }),
      { numRuns: 60, seed: 137 },
    );
  });

  it('SCHED-02: the tie check catches a first-wins selectHost (the broken variant)', () => {
    const firstWins: typeof selectHost = (scored) => [...scored].sort((a, b) => b.total - a.total)[0]?.node ?? '';
    const tied = [{ node: 'a', total: 500 }, { node: 'b', total: 500 }, { node: 'c', total: 100 }];
    expect(coversTies(firstWins, tied, 1000)).toBe(false);
    expect(coversTies(selectHost, tied, 1000)).toBe(true);
  });

  it('SCHED-02: an empty list is an error, as in kube-scheduler ("empty priorityList")', () => {
    expect(() => selectHost([], 1)).toThrow('empty priorityList');
  });
});
