// The FailedScheduling message as each release writes it (SCHED-03, SCHED-24): histogram counting and Go
// string order, PreFilter forms, the preemption suffix and its doubled period, the DRA note, an empty cluster.
import { describe, expect, it } from 'vitest';
import { reasonHistogram } from '../../src/scheduler/fit-error.ts';
import { schedule } from '../../src/scheduler/schedule.ts';
import type { ClusterSnapshot } from '../../src/scheduler/types.ts';
import { container, lab, node, pod } from './fixtures.ts';

const big = pod('big', { containers: [container('c', { cpu: '10000m', memory: '100Mi' })] });
const message = (snapshot: ClusterSnapshot, version: string, p = big): string => {
  const r = schedule(p, snapshot, { kubernetesVersion: version });
  if (r.ok) throw new Error(`scheduled on ${r.node}`);
  return r.message;
};

describe('FailedScheduling for the seeds\' lab: master01 tainted, node01/node02 with 2 cpu, Pod asking 10000m', () => {
  const rows: [string, string, string][] = [
    ['SCHED-03: 1.21 (the seeds) names the taint and has no preemption part', '1.21', "0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 Insufficient cpu."],
    ['SCHED-03: 1.17 had the anonymous taint wording', '1.17', "0/3 nodes are available: 1 node(s) had taints that the pod didn't tolerate, 2 Insufficient cpu."],
    [
      'SCHED-24: 1.24 adds the preemption part, doubling its final period',
      '1.24',
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    ],
    [
      'SCHED-24: 1.30 writes one period',
      '1.30',
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ],
    [
      'SCHED-24: 1.34 adds the DynamicResources note before preemption',
      '1.34',
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ],
    [
      'SCHED-03: the current release no longer names the taint',
      '1.37',
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ],
  ];
  for (const [name, version, expected] of rows) it(name, () => expect(message(lab(), version)).toBe(expected));
});

describe('message shape', () => {
  it('SCHED-03: a node with two failing reasons of one plugin counts in both', () => {
    const p = pod('p', { containers: [container('c', { cpu: '3', memory: '5Gi' })] });
    expect(message({ nodes: [node('a'), node('b')], pods: [] }, '1.21', p)).toBe('0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory.');
  });

  it('SCHED-03: the histogram sorts as Go strings, so "10 …" comes before "2 …"', () => {
    expect(reasonHistogram([...Array(10).fill(['b']), ['a'], ['a']])).toEqual(['10 b', '2 a']);
  });

  it('SCHED-07: 3 nodes without the label, no preemption part in 1.23', () => {
    expect(message({ nodes: [node('a'), node('b'), node('c')], pods: [] }, '1.23', pod('p', { nodeSelector: { disktype: 'ssd' } }))).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
    );
  });

  it('SCHED-03: an empty cluster says "no nodes available to schedule pods"', () => {
    expect(message({ nodes: [], pods: [] }, '1.37')).toBe('no nodes available to schedule pods');
  });

  const conflicting = pod('p', {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }],
        },
      },
    },
  });
  it('SCHED-15: a PreFilter rejection is written once since 1.26', () => {
    expect(message({ nodes: [node('a'), node('b')], pods: [] }, '1.30', conflicting)).toBe(
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });
  it('SCHED-15: in 1.25 every node carried the PreFilter status', () => {
    expect(message({ nodes: [node('a'), node('b')], pods: [] }, '1.25', conflicting)).toBe(
      '0/2 nodes are available: 2 pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..',
    );
  });

  it('SCHED-15: nodes a metadata.name term leaves out count as not satisfying NodeAffinity (1.31+)', () => {
    const p = pod('p', {
      containers: [container('c', { cpu: '10' })],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }] } } },
    });
    expect(message({ nodes: [node('a'), node('b'), node('c')], pods: [] }, '1.37', p)).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('SCHED-24: preemptionPolicy Never is not eligible', () => {
    const p = { ...big, spec: { ...big.spec, preemptionPolicy: 'Never' as const } };
    expect(message(lab(), '1.37', p)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('SCHED-25: a Pod for another scheduler is not taken at all', () => {
    const r = schedule(pod('p', { schedulerName: 'my-scheduler' }), lab());
    expect(r.ok === false && r.ignored).toBe('otherScheduler');
  });
});
