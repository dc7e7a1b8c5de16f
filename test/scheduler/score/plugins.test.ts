// Hand-computed scores of small clusters, plugin by plugin (kube-scheduler 1.37 unless a row says otherwise).
// Every node is 4 cpu / 16Gi unless stated; the default image is on no node, so ImageLocality scores 0.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/k8s/types.ts';
import { scoreNodes, scorePlugins, selectHost } from '../../../src/scheduler/score/index.ts';
import type { ScorePluginsFn } from '../../../src/scheduler/types.ts';
import { cluster, MiB, node, pod } from './fixtures.ts';

type Breakdown = Record<string, [raw: number, normalized: number, weight: number]>;

function scores(incoming: Pod, nodes: ReturnType<typeof node>[], pods: Pod[], version?: string, feasible?: string[]) {
  const c = cluster(nodes, pods, feasible);
  const result = scoreNodes(incoming, c.feasible, c.snapshot, version ? { kubernetesVersion: version } : {});
  return Object.fromEntries(
    result.map((r) => [r.node, { total: r.total, plugins: Object.fromEntries(r.plugins.map((p) => [p.plugin, [p.raw, p.normalized, p.weight]])) as Breakdown }]),
  );
}

const busy = pod('busy', { nodeName: 'b', requests: { cpu: '3', memory: '1Gi' } });

describe('NodeResourcesFit (LeastAllocated)', () => {
  it('SCHED-19, SCHED-02: the empty node (97) beats the node with 3 cpu requested (57); a best-effort Pod skips BalancedAllocation', () => {
    const s = scores(pod('web'), [node('a'), node('b')], [busy]);
    expect(s.a).toEqual({ total: 3 * 100 + 97 + 0, plugins: { TaintToleration: [0, 100, 3], NodeResourcesFit: [97, 97, 1], ImageLocality: [0, 0, 1] } });
    expect(s.b).toEqual({ total: 3 * 100 + 57 + 0, plugins: { TaintToleration: [0, 100, 3], NodeResourcesFit: [57, 57, 1], ImageLocality: [0, 0, 1] } });
  });

  it('SCHED-19: containers without requests count 100m cpu and 200Mi memory on the node too', () => {
    const s = scores(pod('web', { requests: { cpu: '100m', memory: '200Mi' } }), [node('a'), node('b')], [pod('idle', { nodeName: 'b' })]);
    // b: cpu 200m → 3800*100/4000 = 95, memory 400Mi → 97 (97.558…), (95 + 97) / 2 = 96; a: 97.
    expect(s.a?.plugins.NodeResourcesFit).toEqual([97, 97, 1]);
    expect(s.b?.plugins.NodeResourcesFit).toEqual([96, 96, 1]);
  });

  it('SCHED-20: a node whose Pods are gone scores highest and attracts the next Pod', () => {
    const c = cluster([node('a'), node('b')], [busy]);
    const scored = scoreNodes(pod('web'), c.feasible, c.snapshot);
    for (const seed of [1, 2, 3, 42]) expect(selectHost(scored, seed)).toBe('a');
  });

  it('SCHED-19: until 1.21 the plugin is called NodeResourcesLeastAllocated and BalancedAllocation still scores best-effort Pods', () => {
    const s = scores(pod('web'), [node('a'), node('b')], [busy], '1.21');
    expect(s.b?.plugins.NodeResourcesLeastAllocated).toEqual([57, 57, 1]);
    // Non-zero figures before 1.22: cpu 3100/4000 = .775, memory 1224Mi/16Gi = .0747 → std .3501 → 64.98 → 64.
    expect(s.b?.plugins.NodeResourcesBalancedAllocation).toEqual([64, 64, 1]);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  const incoming = pod('web', { requests: { cpu: '1', memory: '2Gi' } });
  const lopsided = pod('cache', { nodeName: 'b', requests: { cpu: '1', memory: '6Gi' } });

  it('SCHED-19: since 1.36 the change in balance counts: a goes 100 → 93 (71), b goes 93 → 100 (78)', () => {
    const s = scores(incoming, [node('a'), node('b')], [lopsided]);
    expect(s.a?.plugins.NodeResourcesBalancedAllocation).toEqual([71, 71, 1]);
    expect(s.b?.plugins.NodeResourcesBalancedAllocation).toEqual([78, 78, 1]);
  });

  it('SCHED-19: until 1.35 only the balance with the Pod counts: a (cpu .25, memory .125) 93, b (.5, .5) 100', () => {
    const s = scores(incoming, [node('a'), node('b')], [lopsided], '1.35');
    expect(s.a?.plugins.NodeResourcesBalancedAllocation).toEqual([93, 93, 1]);
    expect(s.b?.plugins.NodeResourcesBalancedAllocation).toEqual([100, 100, 1]);
  });

  it('SCHED-19: from 1.33 a best-effort Pod is skipped; in 1.32 it is scored (a 100, b 65)', () => {
    expect(scores(pod('web'), [node('a'), node('b')], [busy], '1.33').a?.plugins.NodeResourcesBalancedAllocation).toBeUndefined();
    const old = scores(pod('web'), [node('a'), node('b')], [busy], '1.32');
    expect(old.a?.plugins.NodeResourcesBalancedAllocation).toEqual([100, 100, 1]);
    expect(old.b?.plugins.NodeResourcesBalancedAllocation).toEqual([65, 65, 1]);
  });
});

describe('NodeAffinity', () => {
  const incoming = pod('web', {
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
          { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
        ],
      },
    },
  });

  it('SCHED-15: preferred weights 80 vs 20 normalise to 100 and 25, weighted by 2', () => {
    const s = scores(incoming, [node('ssd', { labels: { disk: 'ssd' } }), node('zone-a', { labels: { zone: 'a' } }), node('plain')], []);
    expect(s.ssd?.plugins.NodeAffinity).toEqual([80, 100, 2]);
    expect(s['zone-a']?.plugins.NodeAffinity).toEqual([20, 25, 2]);
    expect(s.plain?.plugins.NodeAffinity).toEqual([0, 0, 2]);
    expect(s.ssd?.total).toBe(300 + 200 + 97);
  });

  it('SCHED-15: Gt compares the label as an integer; an empty term matches no node', () => {
    const p = pod('web', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, preference: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] } },
            { weight: 5, preference: {} },
          ],
        },
      },
    });
    const s = scores(p, [node('big', { labels: { cores: '16' } }), node('small', { labels: { cores: '4' } })], []);
    expect(s.big?.plugins.NodeAffinity).toEqual([10, 100, 2]);
    expect(s.small?.plugins.NodeAffinity).toEqual([0, 0, 2]);
  });

  it('SCHED-15: a Pod without preferred terms skips the plugin', () => {
    expect(scores(pod('web'), [node('a')], []).a?.plugins.NodeAffinity).toBeUndefined();
  });
});

describe('TaintToleration', () => {
  const prefer = (key: string) => ({ key, effect: 'PreferNoSchedule' as const });

  it('SCHED-21, SCHED-11: 0, 1 and 2 intolerable PreferNoSchedule taints normalise (reversed) to 100, 50 and 0, weighted by 3', () => {
    const s = scores(pod('web'), [node('n0'), node('n1', { taints: [prefer('spot')] }), node('n2', { taints: [prefer('spot'), prefer('gpu')] })], []);
    expect(s.n0?.plugins.TaintToleration).toEqual([0, 100, 3]);
    expect(s.n1?.plugins.TaintToleration).toEqual([1, 50, 3]);
    expect(s.n2?.plugins.TaintToleration).toEqual([2, 0, 3]);
  });

  it('SCHED-12: a tolerated PreferNoSchedule taint does not count', () => {
    const p = pod('web', { tolerations: [{ key: 'spot', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    const s = scores(p, [node('n0'), node('n1', { taints: [prefer('spot')] })], []);
    expect(s.n1?.plugins.TaintToleration).toEqual([0, 100, 3]);
  });

  it('SCHED-21: until 1.22 TaintToleration weighs 1', () => {
    expect(scores(pod('web'), [node('n0')], [], '1.22').n0?.plugins.TaintToleration).toEqual([0, 100, 1]);
  });
});

describe('ImageLocality', () => {
  const image = { names: ['registry.example/big:2.0'], sizeBytes: 500 * MiB };

  it('SCHED-21: a 500Mi image on 1 of 3 nodes scores 14 there (spread 1/3), 0 elsewhere', () => {
    const s = scores(pod('web', { image: 'registry.example/big:2.0' }), [node('n0'), node('n1', { images: [image] }), node('n2')], []);
    expect(s.n1?.plugins.ImageLocality).toEqual([14, 14, 1]);
    expect(s.n0?.plugins.ImageLocality).toEqual([0, 0, 1]);
  });

  it('SCHED-21: the spread counts nodes that are not feasible: on all 3 nodes it scores 48 even if only one is feasible', () => {
    const nodes = ['n0', 'n1', 'n2'].map((n) => node(n, { images: [image] }));
    const s = scores(pod('web', { image: 'registry.example/big:2.0' }), nodes, [], undefined, ['n1']);
    expect(s.n1?.plugins.ImageLocality).toEqual([48, 48, 1]);
  });

  it('SCHED-21: an image without a tag is looked up as ":latest"', () => {
    const s = scores(pod('web', { image: 'nginx' }), [node('n0', { images: [{ names: ['nginx:latest'], sizeBytes: 1000 * MiB }] })], []);
    expect(s.n0?.plugins.ImageLocality).toEqual([100, 100, 1]);
  });
});

describe('InterPodAffinity', () => {
  const db = pod('db', { nodeName: 'n1', labels: { app: 'db' } });
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };

  it('SCHED-18: preferred podAffinity weight 50 towards app=db: raw 50 on the db node, min-max normalised to 100 and 0', () => {
    const p = pod('web', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term }] } } });
    const s = scores(p, [node('n0'), node('n1')], [db]);
    expect(s.n1?.plugins.InterPodAffinity).toEqual([50, 100, 2]);
    expect(s.n0?.plugins.InterPodAffinity).toEqual([0, 0, 2]);
  });

  it('SCHED-18: preferred podAntiAffinity weight 30: raw -30 on the db node, normalised to 0 there and 100 elsewhere', () => {
    const p = pod('web', { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, podAffinityTerm: term }] } } });
    const s = scores(p, [node('n0'), node('n1')], [db]);
    expect(s.n1?.plugins.InterPodAffinity).toEqual([-30, 0, 2]);
    expect(s.n0?.plugins.InterPodAffinity).toEqual([0, 100, 2]);
  });

  it("SCHED-18: an existing Pod's required podAffinity that selects the incoming Pod adds 1 (hardPodAffinityWeight) to its domain", () => {
    const cache = pod('cache', {
      nodeName: 'n1',
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    });
    const s = scores(pod('web', { labels: { app: 'web' } }), [node('n0'), node('n1')], [cache]);
    expect(s.n1?.plugins.InterPodAffinity).toEqual([1, 100, 2]);
    expect(s.n0?.plugins.InterPodAffinity).toEqual([0, 0, 2]);
  });

  it("SCHED-18: a term without namespaces only selects Pods of the owner's namespace, so nothing matches and the plugin skips", () => {
    const other = pod('db', { nodeName: 'n1', labels: { app: 'db' }, namespace: 'data' });
    const p = pod('web', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term }] } } });
    expect(scores(p, [node('n0'), node('n1')], [other]).n1?.plugins.InterPodAffinity).toBeUndefined();
  });

  it('SCHED-18: a zone term credits every node of the zone', () => {
    const zoneTerm = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' };
    const p = pod('web', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: zoneTerm }] } } });
    const nodes = [node('n0', { labels: { zone: 'a' } }), node('n1', { labels: { zone: 'b' } }), node('n2', { labels: { zone: 'b' } })];
    const s = scores(p, nodes, [pod('db', { nodeName: 'n2', labels: { app: 'db' } })]);
    expect([s.n0?.plugins.InterPodAffinity, s.n1?.plugins.InterPodAffinity, s.n2?.plugins.InterPodAffinity]).toEqual([[0, 0, 2], [10, 100, 2], [10, 100, 2]]);
  });
});

describe('PodTopologySpread', () => {
  const spread = [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' as const, labelSelector: { matchLabels: { app: 'web' } } }];
  const web = (name: string, nodeName: string) => pod(name, { nodeName, labels: { app: 'web' } });

  it('SCHED-18: 0, 1 and 2 matching Pods per node: raw round(n × ln 5) = 0, 2, 3 → 100, 33, 0, weighted by 2', () => {
    const s = scores(pod('web', { labels: { app: 'web' }, spread }), [node('n0'), node('n1'), node('n2')], [web('w1', 'n1'), web('w2', 'n2'), web('w3', 'n2')]);
    expect([s.n0?.plugins.PodTopologySpread, s.n1?.plugins.PodTopologySpread, s.n2?.plugins.PodTopologySpread]).toEqual([[0, 100, 2], [2, 33, 2], [3, 0, 2]]);
  });

  it('SCHED-18: a node without the zone label is ignored (0); the others count their zone: zone a has 2 Pods, zone b 0', () => {
    const zone = [{ ...spread[0]!, topologyKey: 'zone' }];
    const nodes = [node('n0', { labels: { zone: 'a' } }), node('n1', { labels: { zone: 'a' } }), node('n2', { labels: { zone: 'b' } }), node('bare')];
    const s = scores(pod('web', { labels: { app: 'web' }, spread: zone }), nodes, [web('w1', 'n0'), web('w2', 'n1')]);
    // 2 zones → weight ln 4 ≈ 1.386; zone a raw round(2 × 1.386) = 3; zone b 0. Normalised: 100*(3+0-3)/3 = 0, 100.
    expect([s.n0?.plugins.PodTopologySpread, s.n1?.plugins.PodTopologySpread, s.n2?.plugins.PodTopologySpread, s.bare?.plugins.PodTopologySpread]).toEqual([
      [3, 0, 2], [3, 0, 2], [0, 100, 2], [0, 0, 2],
    ]);
  });

  it('SCHED-18: DoNotSchedule constraints are the filter\'s business: the score plugin skips', () => {
    const hard = [{ ...spread[0]!, whenUnsatisfiable: 'DoNotSchedule' as const }];
    expect(scores(pod('web', { labels: { app: 'web' }, spread: hard }), [node('n0')], []).n0?.plugins.PodTopologySpread).toBeUndefined();
  });

  it('SCHED-18: terminating Pods and Pods of other namespaces are not counted', () => {
    const gone = { ...web('w1', 'n1'), metadata: { ...web('w1', 'n1').metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
    const elsewhere = pod('w2', { nodeName: 'n1', labels: { app: 'web' }, namespace: 'other' });
    const s = scores(pod('web', { labels: { app: 'web' }, spread }), [node('n0'), node('n1')], [gone, elsewhere]);
    expect(s.n1?.plugins.PodTopologySpread).toEqual([0, 100, 2]);
  });
});

describe('scorePlugins (the ScorePluginsFn schedule() calls)', () => {
  it('SCHED-02: gives each node its plugin breakdown in nodeInfos order, the same as scoreNodes', () => {
    const fn: ScorePluginsFn = scorePlugins;
    const c = cluster([node('a'), node('b')], [busy]);
    expect(fn(pod('web'), c.feasible, c.snapshot, { seed: 1 })).toEqual(scoreNodes(pod('web'), c.feasible, c.snapshot).map((r) => r.plugins));
  });
});
