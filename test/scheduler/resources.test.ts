// The worked examples of src/scheduler/resources.ts: a Pod's effective requests (SCHED-22, RES-01, RES-14).
import { describe, expect, it } from 'vitest';
import { isSchedulerResource, podRequests } from '../../src/scheduler/resources.ts';
import { container, pod } from './fixtures.ts';

const cpu = (p: ReturnType<typeof pod>): bigint | undefined => podRequests(p).get('cpu');

describe('podRequests', () => {
  const rows: [string, ReturnType<typeof pod>, string, bigint | undefined][] = [
    ['RES-01: two app containers add up: 100m + 200m = 300m', pod('a', { containers: [container('a', { cpu: '100m' }), container('b', { cpu: '200m' })] }), 'cpu', 300n],
    [
      'SCHED-22: an init container larger than the apps sets the figure: max(300m, 500m) = 500m',
      pod('a', { initContainers: [container('i', { cpu: '500m' })], containers: [container('a', { cpu: '100m' }), container('b', { cpu: '200m' })] }),
      'cpu',
      500n,
    ],
    [
      'SCHED-22: init containers do not add up, the largest counts: max(200m, 300m) = 300m',
      pod('a', { initContainers: [container('i1', { cpu: '300m' }), container('i2', { cpu: '300m' })], containers: [container('a', { cpu: '200m' })] }),
      'cpu',
      300n,
    ],
    [
      'SCHED-22: a sidecar runs beside later init containers and the apps: max(100m+500m, 200m+100m) = 600m',
      pod('a', {
        initContainers: [container('s', { cpu: '100m' }, { restartPolicy: 'Always' }), container('i', { cpu: '500m' })],
        containers: [container('a', { cpu: '200m' })],
      }),
      'cpu',
      600n,
    ],
    ['RES-01: overhead is added on top: 100m + 50m = 150m', pod('a', { containers: [container('a', { cpu: '100m' })], overhead: { cpu: '50m' } }), 'cpu', 150n],
    ['RES-04: memory counts bytes: 100Mi = 104857600', pod('a', { containers: [container('a', { memory: '100Mi' })] }), 'memory', 104857600n],
    ['RES-14: nvidia.com/gpu counts devices', pod('a', { containers: [container('a', { 'nvidia.com/gpu': '1' })] }), 'nvidia.com/gpu', 1n],
    ['RES-02: a limit-only container requests nothing here (admission defaults it)', pod('a', { containers: [{ name: 'a', resources: { limits: { cpu: '1' } } }] }), 'cpu', undefined],
  ];
  for (const [name, p, resource, expected] of rows) {
    it(name, () => {
      expect(podRequests(p).get(resource)).toBe(expected);
    });
  }

  it('RES-03: cpu is counted in millicores, 0.5 = 500m', () => {
    expect(cpu(pod('a', { containers: [container('a', { cpu: '0.5' })] }))).toBe(500n);
  });
});

describe('isSchedulerResource', () => {
  const rows: [string, string, boolean][] = [
    ['RES-14: nvidia.com/gpu is an extended resource', 'nvidia.com/gpu', true],
    ['RES-14: a bare "gpu" is no resource the scheduler knows', 'gpu', false],
    ['SCHED-04: cpu, memory and ephemeral-storage are native', 'ephemeral-storage', true],
    ['SCHED-04: hugepages-2Mi counts', 'hugepages-2Mi', true],
    ['RES-14: kubernetes.io/ names are not extended resources', 'kubernetes.io/foo', false],
  ];
  for (const [name, resource, expected] of rows) it(name, () => expect(isSchedulerResource(resource)).toBe(expected));
});
