// getPodsToDelete's order on whole Pods: each criterion of ActivePodsWithRanks.Less alone, in combination
// with the one before it, and ties (ROLL-01, POD-13).
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/k8s/types.ts';
import { deletionCost } from '../../src/replicaset/facts.ts';
import { logBucket, podsToDelete, type DeletionOptions } from '../../src/replicaset/pods-to-delete.ts';
import { NOW, T0, names, pod } from './support.ts';

interface Row {
  name: string;
  pods: Pod[];
  diff: number;
  opts?: Partial<DeletionOptions>;
  deleted: string[];
}

const rows: Row[] = [
  { name: 'ROLL-01: the unscheduled Pod goes, not the scheduled Pending one', pods: [pod('scheduled', { phase: 'Pending', node: 'n1' }), pod('unscheduled', { phase: 'Pending' })], diff: 1, deleted: ['unscheduled'] },
  { name: 'ROLL-01: an unscheduled Pod goes before a Ready Running one', pods: [pod('ready', { readyFor: 600 }), pod('unscheduled', { phase: 'Pending' })], diff: 1, deleted: ['unscheduled'] },
  { name: 'ROLL-01: Pending goes before Running when both are scheduled', pods: [pod('running'), pod('pending', { phase: 'Pending', node: 'n1' })], diff: 1, deleted: ['pending'] },
  { name: 'POD-13: Unknown goes before Running even when the Running Pod is not Ready', pods: [pod('running'), pod('unknown', { phase: 'Unknown', readyFor: 600 })], diff: 1, deleted: ['unknown'] },
  { name: 'ROLL-01: Pending goes before Unknown', pods: [pod('unknown', { phase: 'Unknown' }), pod('pending', { phase: 'Pending', node: 'n1' })], diff: 1, deleted: ['pending'] },
  { name: 'ROLL-01: the not-Ready Pod goes, the Ready one stays', pods: [pod('ready', { readyFor: 600 }), pod('not-ready')], diff: 1, deleted: ['not-ready'] },
  { name: 'ROLL-01: readiness outranks the deletion cost: a Ready Pod with cost -100 stays', pods: [pod('ready-cheap', { readyFor: 600, cost: '-100' }), pod('not-ready', { cost: '100' })], diff: 1, deleted: ['not-ready'] },
  { name: 'ROLL-01: the lower pod-deletion-cost goes first', pods: [pod('cost-10', { readyFor: 600, cost: '10' }), pod('cost-0', { readyFor: 600 })], diff: 1, deleted: ['cost-0'] },
  { name: 'ROLL-01: an invalid cost "+10" counts as 0, so "-1" goes first', pods: [pod('plus', { readyFor: 600, cost: '+10' }), pod('minus', { readyFor: 600, cost: '-1' })], diff: 1, deleted: ['minus'] },
  {
    name: 'ROLL-01: the Pod on the node with more related Pods goes first',
    pods: [pod('alone', { readyFor: 600, node: 'n1' }), pod('crowded', { readyFor: 600, node: 'n2' })],
    diff: 1,
    opts: { relatedPods: [pod('alone', { node: 'n1' }), pod('crowded', { node: 'n2' }), pod('other-rs', { node: 'n2', owner: 'rs-old' })] },
    deleted: ['crowded'],
  },
  {
    name: 'ROLL-01: related Pods that are being deleted do not count towards co-location',
    pods: [pod('a', { readyFor: 600, node: 'n1', age: 100 }), pod('b', { readyFor: 600, node: 'n2', age: 7000 })],
    diff: 1,
    opts: { relatedPods: [pod('a', { node: 'n1' }), pod('b', { node: 'n2' }), pod('gone', { node: 'n2', deleting: true })], logarithmicScaleDown: false },
    deleted: ['a'],
  },
  {
    name: 'ROLL-01: the deletion cost outranks co-location',
    pods: [pod('crowded', { readyFor: 600, node: 'n2', cost: '5' }), pod('alone', { readyFor: 600, node: 'n1' })],
    diff: 1,
    opts: { relatedPods: [pod('x', { node: 'n2' }), pod('y', { node: 'n2' }), pod('z', { node: 'n1' })] },
    deleted: ['alone'],
  },
  { name: 'ROLL-01: without relatedPods (no owning Deployment) co-location is ignored and the newer Pod goes', pods: [pod('old', { readyFor: 600, node: 'n2', age: 7000 }), pod('new', { readyFor: 600, node: 'n1', age: 60 })], diff: 1, opts: { logarithmicScaleDown: false }, deleted: ['new'] },
  { name: 'ROLL-01: linear order: the Pod Ready for 60 s goes before the one Ready for 100 s', pods: [pod('ready-100', { readyFor: 100, uid: 'a' }), pod('ready-60', { readyFor: 60, uid: 'z' })], diff: 1, opts: { logarithmicScaleDown: false }, deleted: ['ready-60'] },
  { name: 'ROLL-01: logarithmic order: Ready 60 s (bucket 35) goes before Ready 100 s (bucket 36)', pods: [pod('ready-100', { readyFor: 100, uid: 'a' }), pod('ready-60', { readyFor: 60, uid: 'z' })], diff: 1, deleted: ['ready-60'] },
  { name: 'ROLL-01: logarithmic order: Ready 100 s and 120 s share a bucket, so the lower UID goes', pods: [pod('ready-100', { readyFor: 100, uid: 'z' }), pod('ready-120', { readyFor: 120, uid: 'a' })], diff: 1, deleted: ['ready-120'] },
  { name: 'ROLL-01: logarithmic order: in one ready bucket the UID decides even against 9 restarts', pods: [pod('restarts-9', { readyFor: 100, uid: 'z', restarts: 9 }), pod('restarts-0', { readyFor: 120, uid: 'a' })], diff: 1, deleted: ['restarts-0'] },
  { name: 'ROLL-01: a Ready Pod without a transition time goes before one Ready for 30 s', pods: [pod('ready-30', { readyFor: 30 }), pod('no-time', { readyFor: null })], diff: 1, deleted: ['no-time'] },
  { name: 'ROLL-01: equal ready times: the Pod with more restarts goes', pods: [pod('calm', { readyFor: 600 }), pod('flaky', { readyFor: 600, restarts: 3 })], diff: 1, deleted: ['flaky'] },
  { name: 'ROLL-01: not Ready either: the Pod with more restarts goes, whatever its age', pods: [pod('young-calm', { age: 10 }), pod('old-flaky', { age: 7000, restarts: 1 })], diff: 1, deleted: ['old-flaky'] },
  { name: 'ROLL-01: linear order: the newer Pod goes', pods: [pod('old', { age: 1000, uid: 'a' }), pod('new', { age: 600, uid: 'z' })], diff: 1, opts: { logarithmicScaleDown: false }, deleted: ['new'] },
  { name: 'ROLL-01: logarithmic order: created 600 s and 1000 s ago share bucket 39, so the lower UID goes', pods: [pod('old', { age: 1000, uid: 'a' }), pod('new', { age: 600, uid: 'z' })], diff: 1, deleted: ['old'] },
  { name: 'ROLL-01: logarithmic order: created 300 s ago (bucket 38) goes before 3600 s ago (bucket 41)', pods: [pod('old', { age: 3600, uid: 'a' }), pod('new', { age: 300, uid: 'z' })], diff: 1, deleted: ['new'] },
  { name: 'ROLL-01: a Pod without creationTimestamp goes before any dated one', pods: [pod('dated', { age: 1 }), pod('undated', { age: null })], diff: 1, deleted: ['undated'] },
  {
    name: 'ROLL-01, POD-13: 5 → 2 keeps the two best: unscheduled, Unknown and not-Ready go',
    pods: [pod('ready-a', { readyFor: 600 }), pod('not-ready'), pod('unknown', { phase: 'Unknown' }), pod('ready-b', { readyFor: 900 }), pod('unscheduled', { phase: 'Pending' })],
    diff: 3,
    deleted: ['unscheduled', 'unknown', 'not-ready'],
  },
  { name: 'ROLL-01: a tie on every key keeps the input order', pods: [pod('first', { uid: 'same-1' }), pod('second', { uid: 'same-2' })], diff: 1, opts: { logarithmicScaleDown: false }, deleted: ['first'] },
  { name: 'ROLL-01: deleting every Pod returns them unsorted, as Kubernetes skips the sort', pods: [pod('ready', { readyFor: 600 }), pod('pending', { phase: 'Pending' })], diff: 2, deleted: ['ready', 'pending'] },
  { name: 'ROLL-01: diff 0 deletes nothing', pods: [pod('a')], diff: 0, deleted: [] },
];

describe('podsToDelete', () => {
  it.each(rows)('$name', ({ pods, diff, opts, deleted }) => {
    expect(names(podsToDelete(pods, diff, { now: NOW, ...opts }))).toEqual(deleted);
  });

  it('ROLL-01: the input array is left as it was', () => {
    const pods = [pod('ready', { readyFor: 600 }), pod('pending', { phase: 'Pending' })];
    podsToDelete(pods, 1, { now: NOW });
    expect(names(pods)).toEqual(['ready', 'pending']);
  });
});

describe('logBucket (logarithmicRankDiff)', () => {
  it.each([
    ['ROLL-01: 60 s old is bucket 35', 60, 35],
    ['ROLL-01: 100 s old is bucket 36', 100, 36],
    ['ROLL-01: 120 s old is also bucket 36', 120, 36],
    ['ROLL-01: 600 s old is bucket 39', 600, 39],
    ['ROLL-01: 1000 s old is also bucket 39', 1000, 39],
    ['ROLL-01: 3600 s old is bucket 41', 3600, 41],
    ['ROLL-01: a time equal to now is bucket -1', 0, -1],
    ['ROLL-01: a time in the future is bucket -1', -5, -1],
  ])('%s', (_name, seconds, bucket) => {
    expect(logBucket(T0 - seconds * 1000, T0)).toBe(bucket);
  });
});

describe('deletionCost (GetDeletionCostFromPodAnnotations)', () => {
  it.each([
    ['ROLL-01: "-5" is -5', '-5', -5],
    ['ROLL-01: "0" is 0', '0', 0],
    ['ROLL-01: "2147483647" is the int32 maximum', '2147483647', 2147483647],
    ['ROLL-01: "+10" is invalid (leading plus), so 0', '+10', 0],
    ['ROLL-01: "008" is invalid (leading zero), so 0', '008', 0],
    ['ROLL-01: "3000000000" overflows int32, so 0', '3000000000', 0],
    ['ROLL-01: "1.5" is not an integer, so 0', '1.5', 0],
    ['ROLL-01: "-" alone is invalid, so 0', '-', 0],
  ])('%s', (_name, value, cost) => {
    expect(deletionCost(pod('p', { cost: value }))).toBe(cost);
  });
});
