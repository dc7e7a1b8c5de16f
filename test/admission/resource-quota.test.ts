// ResourceQuota admission (RES-13, API-16): "exceeded quota" and "must specify" exactly as the API server
// words them (staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go,
// pkg/quota/v1/evaluator/core/pods.go), usage from the namespace's non-terminal Pods, and order in the chain.
import { describe, expect, it } from 'vitest';
import { admit } from '../../src/admission/chain.ts';
import { podUsage, quotaUsed } from '../../src/admission/quota-usage.ts';
import type { Pod, ResourceQuota } from '../../src/k8s/types.ts';
import { cluster, container, limitRange, pod, quota } from './support.ts';

const create = (p: Pod, quotas: ResourceQuota[], pods: Pod[] = [], version?: string) =>
  admit({ operation: 'CREATE', object: p }, cluster({ resourceQuotas: quotas, pods }), version ? { kubernetesVersion: version } : {});
const rejected = (message: string) => ({ allowed: false, status: { code: 403, reason: 'Forbidden', message } });
const cpu = (n: string) => container('app', { cpu: n, memory: '64Mi' }, { cpu: n, memory: '64Mi' });

describe('exceeded quota (RES-13)', () => {
  const compute = quota('compute-quota', { 'limits.cpu': '2' });
  const running = pod('a', [cpu('1')]);

  it('RES-13: rejected, limits.cpu 2 requested with 1 of 2 used', () => {
    expect(create(pod('x', [cpu('2')]), [compute], [running])).toEqual(
      rejected('pods "x" is forbidden: exceeded quota: compute-quota, requested: limits.cpu=2, used: limits.cpu=1, limited: limits.cpu=2'),
    );
  });

  it('RES-13: admitted, 1 more reaches hard 2 exactly', () => {
    expect(create(pod('x', [cpu('1')]), [compute], [running]).allowed).toBe(true);
  });

  it('RES-13: only the exceeded resources are listed, sorted as Go sorts them', () => {
    const q = quota('q', { pods: '10', 'requests.memory': '1Gi', 'limits.cpu': '1', 'requests.cpu': '1' });
    const p = pod('x', [container('app', { cpu: '2', memory: '64Mi' }, { cpu: '2', memory: '64Mi' })]);
    expect(create(p, [q])).toEqual(
      rejected('pods "x" is forbidden: exceeded quota: q, requested: limits.cpu=2,requests.cpu=2, used: limits.cpu=0,requests.cpu=0, limited: limits.cpu=1,requests.cpu=1'),
    );
  });

  it('RES-13: the bare cpu alias is charged with the request', () => {
    const q = quota('q', { cpu: '500m' });
    expect(create(pod('x', [cpu('750m')]), [q])).toEqual(
      rejected('pods "x" is forbidden: exceeded quota: q, requested: cpu=750m, used: cpu=0, limited: cpu=500m'),
    );
  });

  it('RES-13: object counts: pods counts non-terminal Pods, count/pods every Pod', () => {
    const done = pod('done', [cpu('1')], { phase: 'Succeeded' });
    expect(create(pod('x', [cpu('1')]), [quota('pods', { pods: '1' })], [done]).allowed).toBe(true);
    expect(create(pod('x', [cpu('1')]), [quota('count', { 'count/pods': '1' })], [done])).toEqual(
      rejected('pods "x" is forbidden: exceeded quota: count, requested: count/pods=1, used: count/pods=1, limited: count/pods=1'),
    );
  });

  it('RES-13: Succeeded and Failed Pods use no compute quota', () => {
    const pods = [pod('ok', [cpu('1')], { phase: 'Succeeded' }), pod('bad', [cpu('1')], { phase: 'Failed' })];
    expect(create(pod('x', [cpu('2')]), [compute], pods).allowed).toBe(true);
  });

  it('RES-13: memory sums keep Kubernetes quantity forms (1536Mi, not 1.5Gi)', () => {
    const mem = (n: string) => container('app', { cpu: '1', memory: n }, { cpu: '1', memory: n });
    const q = quota('mem', { 'requests.memory': '2Gi' });
    expect(create(pod('x', [mem('1Gi')]), [q], [pod('a', [mem('1Gi')]), pod('b', [mem('512Mi')])])).toEqual(
      rejected('pods "x" is forbidden: exceeded quota: mem, requested: requests.memory=1Gi, used: requests.memory=1536Mi, limited: requests.memory=2Gi'),
    );
  });

  it('RES-13: quotas of other namespaces and Pods of other namespaces do not count', () => {
    const elsewhere = quota('compute-quota', { 'limits.cpu': '1' }, { namespace: 'other' });
    expect(create(pod('x', [cpu('2')]), [elsewhere]).allowed).toBe(true);
    expect(create(pod('x', [cpu('1')]), [compute], [pod('a', [cpu('2')], { namespace: 'other' })]).allowed).toBe(true);
  });

  it('RES-13: a BestEffort-scoped quota ignores Pods with resources; NotBestEffort counts them', () => {
    const be = quota('be', { pods: '0' }, { scopes: ['BestEffort'] });
    expect(create(pod('x', [cpu('1')]), [be]).allowed).toBe(true);
    expect(create(pod('x', [container('app')]), [be])).toEqual(rejected('pods "x" is forbidden: exceeded quota: be, requested: pods=1, used: pods=0, limited: pods=0'));
    expect(create(pod('x', [cpu('1')]), [quota('nbe', { pods: '0' }, { scopes: ['NotBestEffort'] })]).allowed).toBe(false);
  });

  it('RES-13: Pod updates are not charged (the Pod evaluator handles CREATE only)', () => {
    const p = pod('x', [cpu('2')]);
    expect(admit({ operation: 'UPDATE', object: p, oldObject: p }, cluster({ resourceQuotas: [compute], pods: [running, p] })).allowed).toBe(true);
  });

  it('RES-13, SCHED-22: usage sums app containers and sidecars and takes the largest init container', () => {
    const p = pod('x', [container('app', { cpu: '200m' })], {
      spec: { initContainers: [{ ...container('side', { cpu: '100m' }), restartPolicy: 'Always' }, container('init', { cpu: '500m' })] },
    });
    expect(podUsage(p).get('requests.cpu')?.toString()).toBe('600m');
  });

  it('RES-13: used is "0" for a tracked resource no Pod uses, and absent for untracked ones', () => {
    const used = quotaUsed(quota('q', { 'limits.memory': '1Gi', secrets: '3' }), []);
    expect([...used].map(([k, v]) => `${k}=${v}`)).toEqual(['limits.memory=0']);
  });
});

describe('must specify (RES-13)', () => {
  const compute = quota('compute-quota', { 'limits.cpu': '2', 'requests.cpu': '2' });

  it('RES-13: rejected, current wording names the containers per resource', () => {
    const p = pod('x', [container('app'), container('sidecar', { cpu: '1' })]);
    expect(create(p, [compute])).toEqual(
      rejected('pods "x" is forbidden: failed quota: compute-quota: must specify limits.cpu for: app,sidecar; requests.cpu for: app'),
    );
  });

  it('RES-13: rejected, before 1.24 only the resources were listed', () => {
    expect(create(pod('x', [container('app')]), [compute], [], '1.23')).toEqual(
      rejected('pods "x" is forbidden: failed quota: compute-quota: must specify limits.cpu,requests.cpu'),
    );
  });

  it('RES-13: init containers must set them too', () => {
    const p = pod('x', [cpu('1')], { spec: { initContainers: [container('setup')] } });
    expect(create(p, [compute])).toEqual(
      rejected('pods "x" is forbidden: failed quota: compute-quota: must specify limits.cpu for: setup; requests.cpu for: setup'),
    );
  });

  it('RES-13: a quota on pods only never requires resources', () => {
    expect(create(pod('x', [container('app')]), [quota('count', { pods: '5' })]).allowed).toBe(true);
  });

  it('RES-13: "must specify" of any quota wins over "exceeded" of another (constraints are checked first)', () => {
    const full = quota('a-full', { pods: '0' });
    expect(create(pod('x', [container('app')]), [full, compute])).toEqual(
      rejected('pods "x" is forbidden: failed quota: compute-quota: must specify limits.cpu for: app; requests.cpu for: app'),
    );
  });

  it('API-16, RES-12: LimitRanger defaults run before ResourceQuota, so a defaulted Pod satisfies "must specify"', () => {
    const c = cluster({
      resourceQuotas: [compute],
      limitRanges: [limitRange('defaults', [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' } }])],
    });
    expect(admit({ operation: 'CREATE', object: pod('x', [container('app')]) }, c).allowed).toBe(true);
  });
});
