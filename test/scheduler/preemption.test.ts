// DefaultPreemption (SCHED-23, SCHED-24): priority resolution, minimal victims, the node choice and the
// preemption part of the message when no node helps.
import { describe, expect, it } from 'vitest';
import type { Pod, PriorityClass } from '../../src/k8s/types.ts';
import { podPriority } from '../../src/scheduler/priority.ts';
import { schedule } from '../../src/scheduler/schedule.ts';
import { container, node, pod } from './fixtures.ts';

const cls = (name: string, value: number, globalDefault = false): PriorityClass => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  ...(globalDefault ? { globalDefault } : {}),
});
const withPriority = (p: Pod, priority: number): Pod => ({ ...p, spec: { ...p.spec, priority } });
const running = (name: string, nodeName: string, cpu: string, priority: number, startTime = '2026-01-01T00:00:00Z'): Pod =>
  withPriority(pod(name, { nodeName, containers: [container('c', { cpu })] }, { startTime }), priority);

describe('podPriority', () => {
  const classes = [cls('high-priority', 100000), cls('default', 10, true)];
  const rows: [string, Pod, number][] = [
    ['SCHED-23: spec.priority wins', withPriority(pod('a', { priorityClassName: 'high-priority' }), 5), 5],
    ['SCHED-23: priorityClassName high-priority gives 100000', pod('a', { priorityClassName: 'high-priority' }), 100000],
    ['SCHED-23: a class-less Pod gets the globalDefault value', pod('a'), 10],
    ['SCHED-23: system-node-critical is built in: 2000001000', pod('a', { priorityClassName: 'system-node-critical' }), 2000001000],
  ];
  for (const [name, p, expected] of rows) it(name, () => expect(podPriority(p, classes)).toBe(expected));
  it('SCHED-23: without any class the priority is 0', () => expect(podPriority(pod('a'), [])).toBe(0));
});

describe('preemption', () => {
  const nodes = [node('n1'), node('n2')];
  const preemptor = withPriority(pod('urgent', { containers: [container('c', { cpu: '1500m' })] }), 1000);

  it('SCHED-24: evicts only as many lower-priority Pods as needed, reprieving the more important first', () => {
    const pods = [running('low1', 'n1', '1', 1), running('low2', 'n1', '400m', 2), running('peer', 'n2', '1900m', 1000)];
    const r = schedule(preemptor, { nodes, pods });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.nominated).toEqual({ node: 'n1', victims: ['default/low1'] });
      expect(r.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    }
  });

  it('SCHED-24: prefers the node whose highest victim has the lowest priority', () => {
    const pods = [running('a', 'n1', '1900m', 50), running('b', 'n2', '1900m', 10)];
    const r = schedule(preemptor, { nodes, pods });
    expect(!r.ok && r.nominated).toEqual({ node: 'n2', victims: ['default/b'] });
  });

  it('SCHED-24: on equal priorities prefers fewer victims', () => {
    const pods = [running('a1', 'n1', '1', 10), running('a2', 'n1', '900m', 10), running('b', 'n2', '1900m', 10)];
    const r = schedule(preemptor, { nodes, pods });
    expect(!r.ok && r.nominated).toEqual({ node: 'n2', victims: ['default/b'] });
  });

  it('SCHED-24: equal Pods of equal priority: the node whose victims started latest', () => {
    const pods = [running('old', 'n1', '1900m', 10, '2026-01-01T00:00:00Z'), running('new', 'n2', '1900m', 10, '2026-01-02T00:00:00Z')];
    const r = schedule(preemptor, { nodes, pods });
    expect(!r.ok && r.nominated).toEqual({ node: 'n2', victims: ['default/new'] });
  });

  it('SCHED-24: Pods of equal or higher priority are never victims', () => {
    const pods = [running('same', 'n1', '1900m', 1000), running('higher', 'n2', '1900m', 5000)];
    const r = schedule(preemptor, { nodes, pods });
    expect(!r.ok && r.message).toBe(
      '0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it('SCHED-24: a node too small even when emptied reports its filter reason', () => {
    const huge = withPriority(pod('huge', { containers: [container('c', { cpu: '3' })] }), 1000);
    const r = schedule(huge, { nodes: [node('n1')], pods: [running('low', 'n1', '1', 1)] }, { kubernetesVersion: '1.30' });
    expect(!r.ok && r.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('SCHED-24: preemption does not help against a taint (UnschedulableAndUnresolvable)', () => {
    const r = schedule(preemptor, { nodes: [node('t', { taints: [{ key: 'x', effect: 'NoSchedule' }] })], pods: [running('low', 't', '1900m', 1)] }, { kubernetesVersion: '1.33' });
    expect(!r.ok && r.message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {x: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    expect(!r.ok && r.nominated).toBeUndefined();
  });
});
