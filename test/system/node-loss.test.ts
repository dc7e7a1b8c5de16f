// POD-10 / NODE-04 against real Kubernetes: the Unknown phase has not been set since 2015 (core/v1 PodPhase
// docs); when a node stops heartbeating, after node-monitor-grace-period the node controller sets its Ready
// condition to Unknown, taints it unreachable and marks its Pods not Ready; the last reported phase stays.
// kubelet's actions stop reaching the API server until the node recovers.
import { describe, expect, it } from 'vitest';
import { ClusterSystem } from '../../src/system/system.ts';
import { defaultConstants, type SystemState } from '../../src/system/types.ts';
import { projectStatus } from '../../src/system/pods.ts';
import { podPhase } from '../../src/k8s/phase.ts';
import type { Pod } from '../../src/k8s/types.ts';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default' },
  spec: { nodeName: 'node-1', restartPolicy: 'Always', containers: [{ name: 'app', image: 'nginx:1.27' }] },
};

function run(system: ClusterSystem, state: SystemState, types: string[]): SystemState {
  for (const type of types) {
    const next = system.successors(state).find((s) => s.action.event.type === type);
    if (!next) throw new Error(`${type} is not enabled`);
    state = next.next;
  }
  return state;
}

function observed(system: ClusterSystem, state: SystemState) {
  const { pod: stored, group, node } = system.podGroups(state)[0]!;
  const status = projectStatus(system.machines, stored, group, node);
  return { phase: podPhase({ ...stored, status }), ready: status.conditions?.find((c) => c.type === 'Ready')?.status };
}

describe('node loss', () => {
  const system = new ClusterSystem(defaultConstants);
  const running = run(system, system.initial([pod]), ['SANDBOX_CREATED', 'CONTAINER_STARTED']);

  it('POD-07: before the loss the Pod is Running and Ready', () => {
    expect(observed(system, running)).toEqual({ phase: 'Running', ready: 'True' });
  });

  it('NODE-03: a silent kubelet changes nothing the API shows until the grace period passes', () => {
    expect(observed(system, run(system, running, ['KUBELET_STOPPED']))).toEqual({ phase: 'Running', ready: 'True' });
  });

  it('POD-10, NODE-04: after the grace period the phase stays Running and Ready turns False', () => {
    expect(observed(system, run(system, running, ['KUBELET_STOPPED', 'GRACE_PERIOD_PASSED']))).toEqual({ phase: 'Running', ready: 'False' });
  });

  it('NODE-04: a Pod without a toleration for the unreachable NoExecute taint is evicted; on the lost node it stays Terminating', () => {
    const lost = run(system, running, ['KUBELET_STOPPED', 'GRACE_PERIOD_PASSED']);
    const evict = system.successors(lost).find((s) => s.action.actor === 'taint-eviction');
    expect(evict?.action.event.type).toBe('DELETE');
    const types = system.successors(evict!.next).map((s) => s.action.event.type);
    expect(types).toEqual(['KUBELET_STARTED']);
  });

  it('NODE-04: a toleration without tolerationSeconds keeps the Pod bound through the outage', () => {
    const tolerant: Pod = { ...pod, spec: { ...pod.spec, tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }] } };
    const s = run(system, run(system, system.initial([tolerant]), ['SANDBOX_CREATED', 'CONTAINER_STARTED']), ['KUBELET_STOPPED', 'GRACE_PERIOD_PASSED']);
    expect(system.successors(s).some((x) => x.action.actor === 'taint-eviction')).toBe(false);
  });

  it('NODE-04: after recovery kubelet stops the deleted Pod\'s containers and the Pod is removed', () => {
    const gone = run(system, running, ['KUBELET_STOPPED', 'GRACE_PERIOD_PASSED', 'DELETE', 'KUBELET_STARTED', 'KILL', 'CONTAINERS_STOPPED']);
    expect(gone.instances.map((i) => i.machine)).toEqual(['node']);
    expect([...gone.store.objects.keys()]).toEqual(['Node/node-1']);
  });
});
