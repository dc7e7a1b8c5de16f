// NamespaceLifecycle (API-15), Priority (SCHED-23) and DefaultTolerationSeconds (SCHED-13, NODE-04) in the
// chain, with the API server's messages and status codes.
import { describe, expect, it } from 'vitest';
import { admit } from '../../src/admission/chain.ts';
import type { KubeObject, Pod, Toleration } from '../../src/k8s/types.ts';
import { cluster, container, namespace, pod, priorityClass } from './support.ts';

const create = (object: KubeObject, c = cluster()) => admit({ operation: 'CREATE', object }, c);
const spec = (r: ReturnType<typeof admit>): Pod['spec'] | undefined => (r.allowed && r.object.kind === 'Pod' ? r.object.spec : undefined);

describe('NamespaceLifecycle (API-15)', () => {
  it.each<[string, ReturnType<typeof admit>['allowed'], KubeObject, 'CREATE' | 'UPDATE' | 'DELETE', object | undefined]>([
    ['API-15: rejected 404, a Pod created in a namespace that does not exist', false, pod('x', [container('app')], { namespace: 'nope' }), 'CREATE',
      { code: 404, reason: 'NotFound', message: 'namespaces "nope" not found' }],
    ['API-15: rejected 403, a Pod created in a Terminating namespace', false, pod('x', [container('app')], { namespace: 'old' }), 'CREATE',
      { code: 403, reason: 'Forbidden', message: 'pods "x" is forbidden: unable to create new content in namespace old because it is being terminated' }],
    ['API-15: rejected 403, deleting the default namespace', false, namespace('default'), 'DELETE',
      { code: 403, reason: 'Forbidden', message: 'namespaces "default" is forbidden: this namespace may not be deleted' }],
    ['API-15: admitted, updating a Pod in a Terminating namespace', true, pod('x', [container('app')], { namespace: 'old' }), 'UPDATE', undefined],
    ['API-15: admitted, a Pod in kube-system even when the view lists no namespaces', true, pod('x', [container('app')], { namespace: 'kube-system' }), 'CREATE', undefined],
    ['API-15: admitted, deleting a namespace that is not immortal', true, namespace('old', 'Terminating'), 'DELETE', undefined],
  ])('%s', (_name, allowed, object, operation, status) => {
    const result = admit({ operation, object, ...(operation === 'UPDATE' ? { oldObject: object } : {}) }, cluster({ namespaces: [namespace('old', 'Terminating')] }));
    expect(result.allowed).toBe(allowed);
    if (!result.allowed) expect(result.status).toEqual(status);
  });

  it('API-11: NamespaceLifecycle runs first: a missing namespace is reported even when quota would also reject', () => {
    const result = create(pod('x', [container('app')], { namespace: 'nope' }));
    expect(!result.allowed && result.status.code).toBe(404);
  });
});

describe('Priority (SCHED-23)', () => {
  const classes = cluster({ priorityClasses: [priorityClass('high-priority', 100000), priorityClass('medium', 1000, { globalDefault: true })] });

  it('SCHED-23: priorityClassName high-priority resolves to spec.priority 100000', () => {
    expect(spec(create(pod('x', [container('app')], { spec: { priorityClassName: 'high-priority' } }), classes))?.priority).toBe(100000);
  });

  it('SCHED-23: a Pod without a class gets the global default class, its name and value', () => {
    const s = spec(create(pod('x', [container('app')]), classes));
    expect([s?.priorityClassName, s?.priority, s?.preemptionPolicy]).toEqual(['medium', 1000, 'PreemptLowerPriority']);
  });

  it('SCHED-23: without any global default a Pod gets priority 0', () => {
    expect(spec(create(pod('x', [container('app')])))?.priority).toBe(0);
  });

  it('SCHED-23: system-node-critical exists without being listed: 2000001000', () => {
    expect(spec(create(pod('x', [container('app')], { spec: { priorityClassName: 'system-node-critical' } })))?.priority).toBe(2000001000);
  });

  it('SCHED-23: a Never class gives the Pod preemptionPolicy Never (SCHED-24)', () => {
    const c = cluster({ priorityClasses: [priorityClass('batch', 10, { preemptionPolicy: 'Never' })] });
    expect(spec(create(pod('x', [container('app')], { spec: { priorityClassName: 'batch' } }), c))?.preemptionPolicy).toBe('Never');
  });

  it('SCHED-23: before 1.19 no preemptionPolicy is copied into the Pod', () => {
    const r = admit({ operation: 'CREATE', object: pod('x', [container('app')]) }, cluster(), { kubernetesVersion: '1.18' });
    expect(spec(r)?.preemptionPolicy).toBeUndefined();
  });

  it.each<[string, Partial<Pod['spec']>, string]>([
    ['SCHED-23: rejected, an unknown class name', { priorityClassName: 'gold' }, 'pods "x" is forbidden: no PriorityClass with name gold was found'],
    ['SCHED-23: rejected, spec.priority that differs from the class value', { priorityClassName: 'high-priority', priority: 5 },
      'pods "x" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 100000 from the given PriorityClass name'],
    ['SCHED-23: rejected, a preemptionPolicy that differs from the class', { priorityClassName: 'high-priority', preemptionPolicy: 'Never' },
      'pods "x" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name'],
  ])('%s', (_name, extra, message) => {
    expect(create(pod('x', [container('app')], { spec: extra }), classes)).toEqual({ allowed: false, status: { code: 403, reason: 'Forbidden', message } });
  });

  it('SCHED-23: rejected, a second globalDefault PriorityClass', () => {
    expect(create(priorityClass('other', 5, { globalDefault: true }), classes)).toEqual({
      allowed: false,
      status: { code: 403, reason: 'Forbidden', message: 'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass medium is already marked as default. Only one default can exist' },
    });
  });

  it('SCHED-23: an update keeps the stored priority when the new object omits it', () => {
    const old = pod('x', [container('app')], { spec: { priority: 1000, priorityClassName: 'medium' } });
    const next = pod('x', [container('app')], { spec: { priorityClassName: 'medium' } });
    expect(spec(admit({ operation: 'UPDATE', object: next, oldObject: old }, classes))?.priority).toBe(1000);
  });
});

describe('DefaultTolerationSeconds (SCHED-13, NODE-04)', () => {
  const notReady: Toleration = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  const unreachable: Toleration = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

  it.each<[string, Toleration[], Toleration[]]>([
    ['SCHED-13: a Pod without tolerations gets not-ready then unreachable, 300 s each', [], [notReady, unreachable]],
    ['SCHED-13: a Pod tolerating not-ready for 60 s keeps it and gets only unreachable', [{ ...notReady, tolerationSeconds: 60 }], [{ ...notReady, tolerationSeconds: 60 }, unreachable]],
    ['SCHED-12: a Pod tolerating every taint (empty key, Exists) gets nothing', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
    ['SCHED-13: a NoSchedule toleration for not-ready does not count', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable]],
  ])('%s', (_name, tolerations, expected) => {
    expect(spec(create(pod('x', [container('app')], { spec: { tolerations } })))?.tolerations).toEqual(expected);
  });

  it('NODE-04: non-Pod objects are untouched', () => {
    const r = create(priorityClass('p', 1));
    expect(r.allowed && r.object).toEqual(priorityClass('p', 1));
  });
});
