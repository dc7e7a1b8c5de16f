// The scheduler inside the cluster system: binding, FailedScheduling with retries only when the cluster
// changed, random tie-breaking explored as branches, and the examples/scheduling timeline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterSystem } from '../../src/system/system.ts';
import { defaultConstants, type SystemState } from '../../src/system/types.ts';
import type { Node, Pod } from '../../src/k8s/types.ts';
import { applyPodDefaults, isModelled, parseManifests } from '../../src/k8s/parse-manifests.ts';
import { simulate } from '../../src/simulate/simulate.ts';

const node = (name: string, cpu: string, labels: Record<string, string> = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  status: { allocatable: { cpu, memory: '4Gi', pods: '110' } },
});
const pod = (name: string, cpu: string, extra: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu } } }], ...extra },
});

const system = new ClusterSystem(defaultConstants);
const schedulerSteps = (s: SystemState) => system.successors(s).filter((x) => x.action.actor === 'scheduler');

describe('scheduling in the cluster system', () => {
  it('SCHED-01: a pending Pod is bound by the scheduler, which writes spec.nodeName', () => {
    const s0 = system.initial({ nodes: [node('node01', '2')], pods: [pod('web', '500m')] });
    const [bind] = schedulerSteps(s0);
    expect(bind?.action.event).toEqual({ type: 'SCHEDULED', nodeName: 'node01' });
    expect(system.podOf(bind!.next, 'Pod/default/web')?.spec.nodeName).toBe('node01');
    expect(bind!.next.instances.some((i) => i.machine === 'scheduler')).toBe(false);
  });

  it('SCHED-02: equally scored nodes are each a possible binding (the random tie-break, explored)', () => {
    const s0 = system.initial({ nodes: [node('node01', '2'), node('node02', '2')], pods: [pod('web', '500m')] });
    expect(schedulerSteps(s0).map((x) => x.action.event.nodeName)).toEqual(['node01', 'node02']);
  });

  it('SCHED-03, SCHED-04: no node fits → FailedScheduling with the current wording', () => {
    const s0 = system.initial({ nodes: [node('node01', '1')], pods: [pod('big', '1500m')] });
    const [fail] = schedulerSteps(s0);
    expect(fail?.action.event.type).toBe('UNSCHEDULABLE');
    expect(String(fail?.action.event.message)).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it('SCHED-24: a parked Pod is retried only when the cluster changed (here: another Pod went away)', () => {
    const blocker = pod('blocker', '800m', { nodeName: 'node01' });
    let s = system.initial({ nodes: [node('node01', '1')], pods: [blocker, pod('waiting', '500m')] });
    s = schedulerSteps(s)[0]!.next;
    expect(schedulerSteps(s)).toEqual([]);
    // Delete the blocker and let kubelet finish it: the cluster changed, so the scheduler may retry.
    const step = (type: string, instance?: string) => {
      const next = system.successors(s).find((x) => x.action.event.type === type && (instance === undefined || x.action.instance === instance));
      if (!next) throw new Error(`${type} not enabled`);
      s = next.next;
    };
    step('DELETE', 'pod/default/blocker');
    step('CONTAINERS_STOPPED');
    expect(schedulerSteps(s).map((x) => x.action.event.type)).toEqual(['CLUSTER_CHANGED']);
    step('CLUSTER_CHANGED');
    expect(schedulerSteps(s)[0]?.action.event).toEqual({ type: 'SCHEDULED', nodeName: 'node01' });
  });

  it('SCHED-10, NODE-04: while a node is unreachable it is tainted and the scheduler avoids it', () => {
    let s = system.initial({ nodes: [node('node01', '2'), node('node02', '2')], pods: [] });
    for (const type of ['KUBELET_STOPPED', 'GRACE_PERIOD_PASSED']) s = system.successors(s).find((x) => x.action.event.type === type && x.action.instance === 'node/node01')!.next;
    const snap = system.snapshot(s);
    expect(snap.nodes.find((n) => n.metadata.name === 'node01')?.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
  });
});

describe('examples/scheduling', () => {
  const dir = join(import.meta.dirname, '..', '..', 'examples', 'scheduling');
  const load = (...files: string[]) => {
    const parsed = parseManifests(files.map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') })));
    const objects = parsed.objects.filter(isModelled).map((o) => o.object);
    return {
      nodes: objects.filter((o): o is Node => o.kind === 'Node'),
      pods: objects.filter((o): o is Pod => o.kind === 'Pod').map(applyPodDefaults),
    };
  };

  it('SCHED-07: the disktype=ssd Pod waits until node01 is labelled at 60s, then lands there', () => {
    const r = simulate(load('cluster.yaml', 'nodeselector-ssd.yaml'), { durationSeconds: 120, kubernetesVersion: '1.37' });
    const events = r.events.filter((e) => e.object === 'pod/httpserver-7b9c6d5f4-ssd01');
    expect(events[0]).toMatchObject({ reason: 'FailedScheduling', at: expect.any(Number) });
    expect(events[0]!.message).toContain("2 node(s) didn't match Pod's node affinity/selector");
    const scheduled = events.find((e) => e.reason === 'Scheduled');
    expect(scheduled?.message).toBe('Successfully assigned default/httpserver-7b9c6d5f4-ssd01 to node01');
    expect(scheduled!.at).toBeGreaterThanOrEqual(60);
  });

  it('RES-14: the GPU Pod lands on the only node with nvidia.com/gpu', () => {
    const r = simulate(load('cluster.yaml', 'gpu.yaml'), { durationSeconds: 30, kubernetesVersion: '1.37' });
    expect(r.pods[0]?.spec.nodeName).toBe('node02');
  });

  it('SCHED-03: the seeds\' 2021 FailedScheduling message comes back with --kubernetes-version 1.21', () => {
    const r = simulate(load('cluster.yaml', 'httpserver-10-cpus.yaml'), { durationSeconds: 10, kubernetesVersion: '1.21' });
    expect(r.events[0]?.message).toBe("0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 Insufficient cpu.");
  });

  it('SCHED-10, SCHED-12: the tainted workers take only the tolerating nginx', () => {
    const r = simulate(load('tainted-workers.yaml', 'nginx-no-toleration.yaml', 'nginx-toleration.yaml'), { durationSeconds: 30, kubernetesVersion: '1.21' });
    const byName = new Map(r.pods.map((p) => [p.metadata.name, p.spec.nodeName]));
    expect(byName.get('nginx-deployment-85b98978db-llj69')).toBeUndefined();
    expect(['node01', 'node02']).toContain(byName.get('nginx-deployment-56f4bddcbd-wb6w9'));
    expect(r.events.find((e) => e.reason === 'FailedScheduling')?.message).toBe(
      "0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 node(s) had taint {for-special-user: cadmin}, that the pod didn't tolerate.",
    );
  });
});

describe('cordon and drain', () => {
  const cordoning = new ClusterSystem({ ...defaultConstants, allowCordon: true });
  it('SCHED-09: kubectl drain cordons the node and evicts its Pods; the scheduler then avoids it', () => {
    const bound = pod('web', '100m', { nodeName: 'node01' });
    const s0 = cordoning.initial({ nodes: [node('node01', '2'), node('node02', '2')], pods: [bound] });
    const drained = cordoning.successors(s0).find((x) => x.action.event.type === 'DRAIN' && x.action.instance === 'node/node01')!.next;
    expect(cordoning.podOf(drained, 'Pod/default/web')?.metadata.deletionTimestamp).toBeDefined();
    const snap = cordoning.snapshot(drained);
    const n1 = snap.nodes.find((n) => n.metadata.name === 'node01')!;
    expect(n1.spec?.unschedulable).toBe(true);
    expect(n1.spec?.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
  });
});

describe('node-pressure eviction', () => {
  it('NODE-12, NODE-13: below memory.available<100Mi kubelet evicts the BestEffort Pod first, with the kubelet message', () => {
    const dir = join(import.meta.dirname, '..', '..', 'examples', 'scheduling');
    const parsed = parseManifests([{ file: 'memory-pressure.yaml', text: readFileSync(join(dir, 'memory-pressure.yaml'), 'utf8') }]);
    const objects = parsed.objects.filter(isModelled).map((o) => o.object);
    const r = simulate(
      { nodes: objects.filter((o): o is Node => o.kind === 'Node'), pods: objects.filter((o): o is Pod => o.kind === 'Pod').map(applyPodDefaults) },
      { durationSeconds: 300, kubernetesVersion: '1.37' },
    );
    const evicted = r.events.filter((e) => e.reason === 'Evicted');
    expect(evicted.map((e) => e.object)).toEqual(['pod/batch-scratch']);
    expect(evicted[0]!.message).toBe(
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. Container worker was using 600Mi, request is 0, has larger consumption of memory. ',
    );
    expect(r.pods.find((p) => p.metadata.name === 'batch-scratch')?.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
    expect(r.pods.find((p) => p.metadata.name === 'web')?.status?.phase).toBe('Running');
  });
});

describe('static Pods', () => {
  it('NODE-05, NODE-06: a static Pod manifest appears as mirror <name>-<node>; deleting the mirror stops nothing', async () => {
    const { mirrorPod } = await import('../../src/k8s/static-pods.ts');
    const manifest: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'etcd', namespace: 'kube-system', annotations: { 'kubernetes.io/config.source': 'file' } },
      spec: { nodeName: 'master01', containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.21-0' }] },
    };
    const mirror = mirrorPod(manifest);
    expect(mirror.metadata.name).toBe('etcd-master01');
    let s = system.initial({ nodes: [node('master01', '2')], pods: [mirror] });
    for (const type of ['SANDBOX_CREATED', 'CONTAINER_STARTED']) s = system.successors(s).find((x) => x.action.event.type === type)!.next;
    const offered = system.successors(s).filter((x) => x.action.actor === 'user').map((x) => x.action.event.type);
    expect(offered).toEqual(['DELETE_MIRROR']);
    const after = system.successors(s).find((x) => x.action.event.type === 'DELETE_MIRROR')!.next;
    const { group } = system.podGroups(after)[0]!;
    expect(system.machines.container.leafPath(group[1]!.state)).toBe('Running.Ready');
    expect(system.podOf(after, 'Pod/kube-system/etcd-master01')?.metadata.uid).not.toBe(system.podOf(s, 'Pod/kube-system/etcd-master01')?.metadata.uid);
  });
});

describe('preemption', () => {
  it('SCHED-23, SCHED-24: a high-priority Pod that fits nowhere preempts a lower-priority one and then binds', () => {
    const dir = join(import.meta.dirname, '..', '..', 'examples', 'scheduling');
    const parsed = parseManifests([{ file: 'preemption.yaml', text: readFileSync(join(dir, 'preemption.yaml'), 'utf8') }]);
    const objects = parsed.objects.filter(isModelled).map((o) => o.object);
    const policies = objects.filter((o) => o.kind === 'PriorityClass');
    const pods = objects.filter((o): o is Pod => o.kind === 'Pod').map(applyPodDefaults);
    // Priority admission resolves priorityClassName into spec.priority, as the API server does.
    const byName = new Map(policies.map((p) => [p.metadata.name, (p as { value: number }).value]));
    const admitted = pods.map((p) => ({ ...p, spec: { ...p.spec, priority: byName.get(p.spec.priorityClassName ?? '') ?? 0 } }));
    const r = simulate({ nodes: objects.filter((o): o is Node => o.kind === 'Node'), pods: admitted, policies }, { durationSeconds: 60, kubernetesVersion: '1.37' });
    expect(r.events.map((e) => `${e.reason} ${e.object}`)).toEqual(expect.arrayContaining(['FailedScheduling pod/checkout', 'Preempted pod/batch', 'Scheduled pod/checkout']));
    expect(r.pods.map((p) => p.metadata.name)).toEqual(['checkout']);
  });
});
