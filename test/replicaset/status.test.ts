// calculateStatus (CTRL-01, ROLL-01, POD-13): counts over claimed active Pods, availability with
// minReadySeconds, terminatingReplicas behind its gate, the ReplicaFailure condition.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/k8s/types.ts';
import { isPodAvailable, replicaSetStatus, type ReplicaSetStatusView, type StatusOptions } from '../../src/replicaset/status.ts';
import { ago, NOW, pod, replicaSet, type RsOptions } from './support.ts';

const front = { app: 'web', tier: 'front' };

interface Row {
  name: string;
  rs?: RsOptions;
  pods: Pod[];
  opts?: StatusOptions;
  expected: Partial<ReplicaSetStatusView>;
}

const rows: Row[] = [
  {
    name: 'ROLL-01: Ready for 5 s with minReadySeconds 10 is ready but not available',
    rs: { minReadySeconds: 10 },
    pods: [pod('a', { readyFor: 5 })],
    expected: { replicas: 1, readyReplicas: 1, availableReplicas: 0 },
  },
  {
    name: 'ROLL-01: Ready for exactly 10 s with minReadySeconds 10 is still not available (strictly before now)',
    rs: { minReadySeconds: 10 },
    pods: [pod('a', { readyFor: 10 })],
    expected: { readyReplicas: 1, availableReplicas: 0 },
  },
  {
    name: 'ROLL-01: Ready for 11 s with minReadySeconds 10 is available',
    rs: { minReadySeconds: 10 },
    pods: [pod('a', { readyFor: 11 })],
    expected: { readyReplicas: 1, availableReplicas: 1 },
  },
  {
    name: 'ROLL-01: minReadySeconds 0: every Ready Pod is available at once',
    pods: [pod('a', { readyFor: 0 }), pod('b')],
    expected: { replicas: 2, readyReplicas: 1, availableReplicas: 1 },
  },
  {
    name: 'POD-13: a Pod being deleted is not a replica; it is counted as terminating (gate on by default)',
    pods: [pod('a', { readyFor: 60 }), pod('b', { readyFor: 60, deleting: true })],
    expected: { replicas: 1, readyReplicas: 1, terminatingReplicas: 1 },
  },
  {
    name: 'CTRL-01: with DeploymentReplicaSetTerminatingReplicas off, terminatingReplicas is absent',
    pods: [pod('a'), pod('b', { deleting: true })],
    opts: { terminatingReplicas: false },
    expected: { replicas: 1, terminatingReplicas: undefined },
  },
  {
    name: 'CTRL-01: Succeeded and Failed Pods count nowhere, not even as terminating',
    pods: [pod('a'), pod('done', { phase: 'Succeeded' }), pod('failed', { phase: 'Failed', deleting: true })],
    expected: { replicas: 1, terminatingReplicas: 0 },
  },
  {
    name: 'ROLL-01: fullyLabeledReplicas counts Pods carrying every template label, not just the selector',
    pods: [pod('a', { labels: front }), pod('b', { labels: { ...front, extra: 'x' } }), pod('c')],
    expected: { replicas: 3, fullyLabeledReplicas: 2 },
  },
  {
    name: 'ROLL-01: an orphan matching the selector is adopted and counted; Pods of other owners are not',
    pods: [pod('a'), pod('orphan', { owner: null }), pod('theirs', { owner: 'rs-other' })],
    expected: { replicas: 2 },
  },
  {
    name: 'ROLL-01: an owned Pod whose labels no longer match is released and not counted',
    pods: [pod('a'), pod('debug', { labels: { app: 'debug' } })],
    expected: { replicas: 1 },
  },
  {
    name: 'CTRL-01: a terminating Pod relabelled out of the selector is not counted as terminating',
    pods: [pod('gone', { deleting: true, labels: { app: 'debug' } })],
    expected: { replicas: 0, terminatingReplicas: 0 },
  },
  {
    name: 'CTRL-01: observedGeneration is the ReplicaSet generation seen',
    rs: { generation: 7 },
    pods: [],
    expected: { observedGeneration: 7, replicas: 0, conditions: undefined },
  },
];

describe('replicaSetStatus', () => {
  it.each(rows)('$name', ({ rs, pods, opts, expected }) => {
    const status = replicaSetStatus(replicaSet(rs), pods, NOW, opts);
    for (const [key, value] of Object.entries(expected)) expect(status[key as keyof ReplicaSetStatusView], key).toEqual(value);
  });

  it('CTRL-01: the example in the doc comment: replicas 3, ready 2, available 1, terminating 1', () => {
    const pods = [pod('a', { readyFor: 60 }), pod('b', { readyFor: 5 }), pod('c', { phase: 'Pending' }), pod('d', { deleting: true })];
    expect(replicaSetStatus(replicaSet({ minReadySeconds: 10 }), pods, NOW)).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 0,
      readyReplicas: 2,
      availableReplicas: 1,
      terminatingReplicas: 1,
      observedGeneration: 1,
    });
  });
});

describe('ReplicaFailure condition', () => {
  it('CTRL-01: a failed create with too few Pods adds ReplicaFailure True, reason FailedCreate', () => {
    const status = replicaSetStatus(replicaSet({ replicas: 3 }), [pod('a')], NOW, { manageReplicasError: 'pods "web-x" is forbidden: exceeded quota' });
    expect(status.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-x" is forbidden: exceeded quota', lastTransitionTime: NOW },
    ]);
  });

  it('CTRL-01: a failed delete with too many Pods gives reason FailedDelete', () => {
    const status = replicaSetStatus(replicaSet({ replicas: 1 }), [pod('a'), pod('b')], NOW, { manageReplicasError: 'timeout' });
    expect(status.conditions?.[0]?.reason).toBe('FailedDelete');
  });

  it('CTRL-01: while failures continue the existing condition is kept unchanged', () => {
    const existing = { type: 'ReplicaFailure' as const, status: 'True' as const, reason: 'FailedCreate', message: 'first error', lastTransitionTime: ago(600) };
    const status = replicaSetStatus(replicaSet({ conditions: [existing] }), [], NOW, { manageReplicasError: 'second error' });
    expect(status.conditions).toEqual([existing]);
  });

  it('CTRL-01: a successful sync removes the condition', () => {
    const existing = { type: 'ReplicaFailure' as const, status: 'True' as const, reason: 'FailedCreate', message: 'quota', lastTransitionTime: ago(600) };
    expect(replicaSetStatus(replicaSet({ conditions: [existing] }), [], NOW).conditions).toBeUndefined();
  });
});

describe('isPodAvailable', () => {
  it.each([
    ['ROLL-01: Ready 5 s, minReadySeconds 10 → not available', pod('a', { readyFor: 5 }), 10, false],
    ['ROLL-01: Ready 11 s, minReadySeconds 10 → available', pod('a', { readyFor: 11 }), 10, true],
    ['ROLL-01: not Ready → not available even with minReadySeconds 0', pod('a'), 0, false],
    ['ROLL-01: Ready without transition time, minReadySeconds 5 → not available', pod('a', { readyFor: null }), 5, false],
  ] as const)('%s', (_name, p, minReady, expected) => {
    expect(isPodAvailable(p, minReady, NOW)).toBe(expected);
  });
});
