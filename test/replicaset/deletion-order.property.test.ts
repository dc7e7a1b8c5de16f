// Properties of podsToDelete (ROLL-01): it returns `diff` Pods, never deletes a Ready Pod while a not-Ready
// one survives, and agrees with a brute-force reference comparator written here straight from the Pod
// objects (independent of the rule and of src/replicaset/facts.ts). A deliberately broken comparator must
// fail the same properties. Seeds are pinned and printed on failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/k8s/types.ts';
import { activePodsPerNode, compareForDeletion, deletionFacts, podsToDelete, type DeletionComparator } from '../../src/replicaset/pods-to-delete.ts';
import { arbPods } from './arbitraries.ts';
import { NOW, pod } from './support.ts';

const SEED = 20260101;
const NOW_MS = Date.parse(NOW);

// ---- the reference: ActivePodsWithRanks.Less transcribed step by step over Pod objects ----------------
const time = (t: string | undefined): number => (t === undefined ? 0 : Date.parse(t));
const readyOf = (p: Pod): boolean => p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
const readyTime = (p: Pod): number => (readyOf(p) ? time(p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime) : 0);
const phaseOrd = (p: Pod): number => ({ Pending: 0, Unknown: 1, Running: 2 } as Record<string, number>)[p.status?.phase ?? ''] ?? 0;
const cost = (p: Pod): number => {
  const v = p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  return v !== undefined && /^(-?[1-9]\d*|0)$/.test(v) && Math.abs(Number(v)) < 2 ** 31 ? Number(v) : 0;
};
const restarts = (p: Pod): number => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));
const afterOrZero = (t1: number, t2: number): boolean => (t1 === 0 || t2 === 0 ? t1 === 0 : t1 > t2);
const rank2 = (t: number): number => (NOW_MS - t > 0 ? Math.floor(Math.log2((NOW_MS - t) * 1e6)) : -1);

function referenceLess(a: Pod, b: Pod, ranks: Map<string, number>, log: boolean): boolean {
  const na = a.spec.nodeName ?? '';
  const nb = b.spec.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  if (phaseOrd(a) !== phaseOrd(b)) return phaseOrd(a) < phaseOrd(b);
  if (readyOf(a) !== readyOf(b)) return !readyOf(a);
  if (cost(a) !== cost(b)) return cost(a) < cost(b);
  const ra = ranks.get(na) ?? 0;
  const rb = ranks.get(nb) ?? 0;
  if (ra !== rb) return ra > rb;
  const uidLess = (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
  const timeLess = (t1: number, t2: number): boolean => {
    if (!log || t1 === 0 || t2 === 0) return afterOrZero(t1, t2);
    const diff = rank2(t1) - rank2(t2);
    return diff === 0 ? uidLess : diff < 0;
  };
  if (readyOf(a) && readyOf(b) && readyTime(a) !== readyTime(b)) return timeLess(readyTime(a), readyTime(b));
  if (restarts(a) !== restarts(b)) return restarts(a) > restarts(b);
  const ca = time(a.metadata.creationTimestamp);
  const cb = time(b.metadata.creationTimestamp);
  if (ca !== cb) return timeLess(ca, cb);
  return false;
}

function ranksOf(related: readonly Pod[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of related) m.set(p.spec.nodeName ?? '', (m.get(p.spec.nodeName ?? '') ?? 0) + 1);
  return m;
}

// ---- the properties, parameterised by the comparator under test ------------------------------------
const arbCase = fc.tuple(arbPods({ distinctTimes: true, minLength: 2 }), fc.boolean(), fc.boolean()).chain(([pods, log, related]) =>
  fc.record({ pods: fc.constant(pods), log: fc.constant(log), related: fc.constant(related), diff: fc.integer({ min: 1, max: pods.length - 1 }) }),
);

function deletionProperty(compare: DeletionComparator) {
  return fc.property(arbCase, ({ pods, log, related, diff }) => {
    const relatedPods = related ? pods : [];
    const deleted = podsToDelete(pods, diff, { now: NOW, logarithmicScaleDown: log, relatedPods }, compare);
    const survivors = pods.filter((p) => !deleted.includes(p));
    expect(deleted).toHaveLength(diff);
    expect(new Set(deleted).size).toBe(diff);
    if (deleted.some(readyOf)) expect(survivors.filter((p) => !readyOf(p)).map((p) => p.metadata.name)).toEqual([]);
    // Brute force: no survivor strictly precedes a deleted Pod under the reference comparator.
    const ranks = ranksOf(relatedPods);
    for (const d of deleted) for (const s of survivors) expect(referenceLess(s, d, ranks, log) && !referenceLess(d, s, ranks, log)).toBe(false);
  });
}

describe('podsToDelete properties', () => {
  it('ROLL-01: returns diff Pods, keeps not-Ready Pods from outliving Ready ones, and agrees with the reference', () => {
    fc.assert(deletionProperty(compareForDeletion), { seed: SEED, numRuns: 400 });
  });

  it('ROLL-01: the rule comparator agrees with the reference on every pair, colliding times included', () => {
    const arbPair = fc.tuple(arbPods({ distinctTimes: false, minLength: 2 }), fc.boolean());
    fc.assert(
      fc.property(arbPair, ([pods, log]) => {
        const perNode = activePodsPerNode(pods);
        const ranks = ranksOf(pods);
        for (const a of pods) {
          for (const b of pods) {
            const expected = referenceLess(a, b, ranks, log) ? -1 : referenceLess(b, a, ranks, log) ? 1 : 0;
            expect(compareForDeletion(deletionFacts(a, perNode, NOW_MS), deletionFacts(b, perNode, NOW_MS), log)).toBe(expected);
          }
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it.each<[string, DeletionComparator]>([
    ['ROLL-01: a comparator that deletes Ready Pods first is caught', (a, b, log) => (a.ready !== b.ready ? (a.ready ? -1 : 1) : compareForDeletion(a, b, log))],
    ['ROLL-01: a comparator that ignores the pod-deletion-cost is caught', (a, b, log) => compareForDeletion({ ...a, deletionCost: 0 }, { ...b, deletionCost: 0 }, log)],
    ['ROLL-01: a comparator that deletes the fewest restarts first is caught', (a, b, log) => compareForDeletion({ ...a, restarts: -a.restarts }, { ...b, restarts: -b.restarts }, log)],
  ])('%s', (_name, broken) => {
    const result = fc.check(deletionProperty(broken), { seed: SEED, numRuns: 400 });
    expect(result.failed).toBe(true);
  });
});

describe('Kubernetes quirk kept on purpose', () => {
  it('ROLL-01: LogarithmicScaleDown makes Less intransitive when two Ready times are equal and a third shares their bucket', () => {
    // A and C were Ready at the same instant, so Less falls through to restarts (C has more: C first);
    // B shares their bucket at a different instant, so the UID decides against both (A < B < C).
    const a = pod('a', { uid: 'a', readyFor: 100, restarts: 0 });
    const b = pod('b', { uid: 'b', readyFor: 120, restarts: 5 });
    const c = pod('c', { uid: 'c', readyFor: 100, restarts: 9 });
    const perNode = activePodsPerNode([]);
    const cmp = (x: Pod, y: Pod) => compareForDeletion(deletionFacts(x, perNode, NOW_MS), deletionFacts(y, perNode, NOW_MS), true);
    expect([cmp(a, b), cmp(b, c), cmp(c, a)]).toEqual([-1, -1, -1]);
  });
});
