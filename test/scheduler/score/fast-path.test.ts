// The score phase's caches and skips change no score (SCHED-02, SCHED-15, SCHED-18..SCHED-22): on random
// clusters scoreNodes equals reference.ts (the per-cycle rebuild it replaced), for plain NodeInfos and for
// MutableNodeInfos updated across many cycles, with the snapshot's Pod list growing, shrinking and reordered.
// fast-check prints the seed of a failing run; replay with { seed, path }.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Container, Node, Pod, PodAffinityTerm, PodPhase } from '../../../src/k8s/types.ts';
import { buildNodeInfos } from '../../../src/scheduler/node-info.ts';
import { scheduleOn } from '../../../src/scheduler/schedule.ts';
import { scoreNodes } from '../../../src/scheduler/score/index.ts';
import type { ClusterSnapshot, NodeInfo } from '../../../src/scheduler/types.ts';
import { MiB, nodeInfo } from './fixtures.ts';
import { referenceScores } from './reference.ts';

const VERSIONS = ['1.18', '1.21', '1.22', '1.25', '1.26', '1.32', '1.33', '1.36', '1.37'] as const;
const IMAGES = ['registry.example/app:1.0', 'nginx', 'busybox:1.36'] as const;
const APPS = ['web', 'db'] as const;
const KEYS = ['kubernetes.io/hostname', 'zone'] as const;

const arbNode = (i: number): fc.Arbitrary<Node> =>
  fc
    .record({
      cpu: fc.constantFrom('2', '4', '16', '1500m'),
      memory: fc.constantFrom('4Gi', '16Gi', '3000Mi'),
      zone: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
      bare: fc.boolean(),
      taints: fc.subarray(['spot', 'gpu']),
      images: fc.subarray([...IMAGES.map((n) => (n.includes(':') ? n : `${n}:latest`))]),
      size: fc.constantFrom(10 * MiB, 300 * MiB, 2000 * MiB),
    })
    .map((o) => ({
      apiVersion: 'v1' as const,
      kind: 'Node' as const,
      // A node without any label is skipped by InterPodAffinity; one without zone is ignored by zone spreading.
      metadata: { name: `n${i}`, labels: o.bare ? {} : { 'kubernetes.io/hostname': `n${i}`, ...(o.zone ? { zone: o.zone } : {}) } },
      spec: { taints: o.taints.map((key) => ({ key, effect: key === 'gpu' ? ('NoSchedule' as const) : ('PreferNoSchedule' as const) })) },
      status: { allocatable: { cpu: o.cpu, memory: o.memory, pods: '110' }, images: o.images.map((n) => ({ names: [n], sizeBytes: o.size })) },
    }));

/** Requests with the cases that differ between real and non-zero figures, init phases, sidecars and rounding. */
const arbContainers: fc.Arbitrary<{ containers: Container[]; initContainers?: Container[] }> = fc
  .record({
    requests: fc.option(fc.record({ cpu: fc.constantFrom('0', '100m', '250.5m', '1'), memory: fc.constantFrom('0', '128Mi', '1.5Gi') }, { requiredKeys: [] }), { nil: undefined }),
    second: fc.boolean(),
    init: fc.option(fc.constantFrom('500m', '2'), { nil: undefined }),
    sidecar: fc.boolean(),
    image: fc.constantFrom(...IMAGES),
  })
  .map((o) => {
    const app: Container = { name: 'app', image: o.image, ...(o.requests ? { resources: { requests: o.requests as Record<string, string> } } : {}) };
    const containers = o.second ? [app, { name: 'log', image: 'busybox:1.36' }] : [app];
    const initContainers: Container[] = [
      ...(o.sidecar ? [{ name: 'proxy', image: 'nginx', restartPolicy: 'Always' as const, resources: { requests: { cpu: '50m' } } }] : []),
      ...(o.init ? [{ name: 'setup', image: 'busybox:1.36', resources: { requests: { cpu: o.init } } }] : []),
    ];
    return initContainers.length > 0 ? { containers, initContainers } : { containers };
  });

const term = (key: string, app: string): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey: key });
const weighted = ([key, app, weight]: [string, string, number]): { weight: number; podAffinityTerm: PodAffinityTerm } => ({ weight, podAffinityTerm: term(key, app) });
const arbWeighted = fc.option(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...APPS), fc.integer({ min: 1, max: 100 })), { nil: undefined });

const arbPodShape = fc.record({
  app: fc.constantFrom(...APPS),
  namespace: fc.constantFrom('default', 'default', 'other'),
  body: arbContainers,
  likes: arbWeighted,
  avoids: arbWeighted,
  needs: fc.option(fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...APPS)), { nil: undefined }),
  antiRequired: fc.boolean(),
  phase: fc.constantFrom<PodPhase>('Running', 'Running', 'Running', 'Succeeded', 'Failed'),
  deleting: fc.constantFrom(false, false, false, true),
  nodePref: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  spread: fc.option(fc.tuple(fc.constantFrom(...KEYS), fc.integer({ min: 1, max: 3 })), { nil: undefined }),
  tolerateSpot: fc.boolean(),
});
type PodShape = typeof arbPodShape extends fc.Arbitrary<infer T> ? T : never;

function podFrom(name: string, o: PodShape, nodeName?: string): Pod {
  const podAffinity = {
    ...(o.needs ? { requiredDuringSchedulingIgnoredDuringExecution: [term(...o.needs)] } : {}),
    ...(o.likes ? { preferredDuringSchedulingIgnoredDuringExecution: [weighted(o.likes)] } : {}),
  };
  const podAntiAffinity = {
    ...(o.antiRequired ? { requiredDuringSchedulingIgnoredDuringExecution: [term('kubernetes.io/hostname', o.app)] } : {}),
    ...(o.avoids ? { preferredDuringSchedulingIgnoredDuringExecution: [weighted(o.avoids)] } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace, labels: { app: o.app }, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      ...(nodeName !== undefined ? { nodeName } : {}),
      ...o.body,
      affinity: {
        ...(Object.keys(podAffinity).length > 0 ? { podAffinity } : {}),
        ...(Object.keys(podAntiAffinity).length > 0 ? { podAntiAffinity } : {}),
        ...(o.nodePref ? { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: o.nodePref, preference: { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['a'] }] } }] } } : {}),
      },
      ...(o.tolerateSpot ? { tolerations: [{ key: 'spot', operator: 'Exists' as const }] } : {}),
      ...(o.spread ? { topologySpreadConstraints: [{ topologyKey: o.spread[0], maxSkew: o.spread[1], whenUnsatisfiable: 'ScheduleAnyway' as const, labelSelector: { matchLabels: { app: o.app } } }] } : {}),
    },
    ...(nodeName !== undefined ? { status: { phase: o.phase } } : {}),
  };
}

/** Existing Pods may name a node the snapshot lacks ("gone"): no plugin may count them. */
const arbCluster = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    nodes: fc.tuple(...Array.from({ length: n }, (_, i) => arbNode(i))),
    existing: fc.array(fc.record({ on: fc.integer({ min: 0, max: n }), shape: arbPodShape }), { maxLength: 12 }),
    incoming: fc.array(arbPodShape, { minLength: 1, maxLength: 4 }),
    feasible: fc.subarray(Array.from({ length: n }, (_, i) => `n${i}`), { minLength: 1 }),
    version: fc.constantFrom(...VERSIONS),
  }),
);

const bound = (c: { nodes: Node[] | readonly Node[]; existing: { on: number; shape: PodShape }[] }): Pod[] =>
  c.existing.map((e, i) => podFrom(`e${i}`, e.shape, e.on < c.nodes.length ? `n${e.on}` : 'gone'));

const fast = (pod: Pod, feasible: readonly NodeInfo[], snapshot: ClusterSnapshot, version: string) =>
  scoreNodes(pod, feasible, snapshot, { kubernetesVersion: version }).map((r) => r.plugins);

describe('scoreNodes equals the reference implementation', () => {
  it('SCHED-02, SCHED-18, SCHED-19: plain NodeInfos, every plugin breakdown identical', () => {
    fc.assert(
      fc.property(arbCluster, (c) => {
        const pods = bound(c);
        const snapshot: ClusterSnapshot = { nodes: c.nodes, pods };
        const feasible = c.nodes.filter((n) => c.feasible.includes(n.metadata.name)).map((n) => nodeInfo(n, pods));
        c.incoming.forEach((shape, i) => {
          const pod = podFrom(`in${i}`, shape);
          expect(fast(pod, feasible, snapshot, c.version)).toEqual(referenceScores(pod, feasible, snapshot, c.version));
        });
      }),
      { numRuns: 400, seed: 4211 },
    );
  });

  it('SCHED-02, SCHED-04, SCHED-22: MutableNodeInfos kept up to date while Pods are bound, removed and reordered', () => {
    fc.assert(
      fc.property(arbCluster, fc.array(fc.constantFrom('bind', 'bind', 'remove', 'reverse', 'replace'), { minLength: 1, maxLength: 8 }), (c, steps) => {
        const pods = bound(c);
        const snapshot: ClusterSnapshot & { pods: Pod[] } = { nodes: c.nodes, pods };
        const infos = buildNodeInfos(snapshot);
        const byName = new Map(infos.map((i) => [i.name, i]));
        steps.forEach((step, s) => {
          const shape = c.incoming[s % c.incoming.length] as PodShape;
          const pod = podFrom(`p${s}`, shape);
          const feasible = infos.filter((i) => c.feasible.includes(i.name));
          expect(fast(pod, feasible, snapshot, c.version)).toEqual(referenceScores(pod, feasible, snapshot, c.version));
          const target = feasible[s % feasible.length];
          if (step === 'bind' && target) {
            const placed = podFrom(pod.metadata.name, shape, target.name);
            pods.push(placed);
            target.addPod(placed);
          } else if (step === 'remove' && pods.length > 0) {
            const [gone] = pods.splice(s % pods.length, 1) as [Pod];
            byName.get(gone.spec.nodeName ?? '')?.removePod(gone);
          } else if (step === 'reverse') {
            pods.reverse();
          } else if (step === 'replace' && pods.length > 0) {
            const i = s % pods.length;
            const old = pods[i] as Pod;
            pods[i] = { ...old, metadata: { ...old.metadata, labels: { app: 'web' } } };
            const info = byName.get(old.spec.nodeName ?? '');
            if (info?.removePod(old)) info.addPod(pods[i] as Pod);
          }
        });
      }),
      { numRuns: 200, seed: 977 },
    );
  });

  it('SCHED-02: 300 cycles of scheduleOn bind the same Pods to the same nodes with the same scores as the reference scorer', () => {
    const nodes: Node[] = Array.from({ length: 120 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${String(i).padStart(3, '0')}`, labels: { 'kubernetes.io/hostname': `node-${i}`, zone: `zone-${i % 3}` } },
      spec: i % 10 === 0 ? { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] } : {},
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, images: i % 7 === 0 ? [{ names: ['nginx:latest'], sizeBytes: 500 * MiB }] : [] },
    }));
    const shapes = fc.sample(arbPodShape, { numRuns: 300, seed: 5 });
    const run = (scorer: 'fast' | 'reference') => {
      const snapshot: ClusterSnapshot & { pods: Pod[] } = { nodes, pods: [] };
      const infos = buildNodeInfos(snapshot);
      const byName = new Map(infos.map((n) => [n.name, n]));
      let start = 0;
      return shapes.map((shape, i) => {
        const pod = podFrom(`pod-${i}`, { ...shape, needs: undefined, antiRequired: false });
        const opts = scorer === 'fast' ? {} : { scorePlugins: (p: Pod, f: readonly NodeInfo[], s: ClusterSnapshot, o: { kubernetesVersion?: string }) => referenceScores(p, f, s, o.kubernetesVersion) };
        const result = scheduleOn(pod, infos, snapshot, { ...opts, seed: i, startIndex: start });
        start = result.nextStartIndex ?? start;
        if (result.ok) {
          const placed = podFrom(pod.metadata.name, { ...shape, needs: undefined, antiRequired: false }, result.node);
          byName.get(result.node)?.addPod(placed);
          snapshot.pods.push(placed);
        }
        return result;
      });
    };
    const fastResults = run('fast');
    expect(fastResults.filter((r) => r.ok).length).toBeGreaterThan(250);
    expect(fastResults).toEqual(run('reference'));
  });

  it.each([
    ['allocatable memory 8Pi (2^53) fails, naming allocatable memory', '8Pi', ['1Gi'], '1Gi'],
    ['two 4Pi Pods already on the node (2^53) fail, naming the requested memory', '7Pi', ['4Pi', '4Pi'], '1Gi'],
    ['a safe 4Pi on the node plus a safe 4Pi Pod fails the same way', '7Pi', ['4Pi'], '4Pi'],
    ['3Pi on the node plus a 3Pi Pod, below 2^53, still scores', '7Pi', ['3Pi'], '3Pi'],
  ])('SCHED-19: %s, exactly as before', (_name, allocatable, onNode, incoming) => {
    const n: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n0', labels: {} }, status: { allocatable: { cpu: '4', memory: allocatable, pods: '110' } } };
    const other: Node = { ...n, metadata: { name: 'n1', labels: {} } };
    const asPod = (name: string, memory: string, nodeName?: string): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '1', memory } } }] },
    });
    const pods = onNode.map((m, i) => asPod(`e${i}`, m, 'n0'));
    const snapshot: ClusterSnapshot = { nodes: [n, other], pods };
    const outcome = (f: () => unknown): unknown => {
      try {
        return f();
      } catch (e) {
        return String(e);
      }
    };
    const pod = asPod('in', incoming);
    for (const feasible of [[n, other].map((x) => nodeInfo(x, pods)), buildNodeInfos(snapshot)]) {
      expect(outcome(() => fast(pod, feasible, snapshot, '1.37'))).toEqual(outcome(() => referenceScores(pod, feasible, snapshot, '1.37')));
    }
  });
});
