// POD-10 / NODE-04 against real Kubernetes: the Unknown phase has not been set since 2015 (core/v1 PodPhase
// docs); when a node stops heartbeating the node controller marks its Pods not Ready and the last reported
// phase stays. kubelet's actions stop reaching the API server until the node recovers.
import { describe, expect, it } from 'vitest';
import { PodSystem } from '../../src/system/system.ts';
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

function run(system: PodSystem, state: SystemState, types: string[]): SystemState {
  for (const type of types) {
    const next = system.successors(state).find((s) => s.action.event.type === type);
    if (!next) throw new Error(`${type} is not enabled`);
    state = next.next;
  }
  return state;
}

function observed(system: PodSystem, state: SystemState) {
  const stored = system.podOf(state, 'Pod/default/web')!;
  const status = projectStatus(system.machines, stored, state.instances);
  return { phase: podPhase({ ...stored, status }), ready: status.conditions?.find((c) => c.type === 'Ready')?.status };
}

describe('node loss', () => {
  const system = new PodSystem(defaultConstants);
  const running = run(system, system.initial([pod]), ['SANDBOX_CREATED', 'CONTAINER_STARTED']);

  it('POD-07: before the loss the Pod is Running and Ready', () => {
    expect(observed(system, running)).toEqual({ phase: 'Running', ready: 'True' });
  });

  it('POD-10, NODE-04: after the loss the phase stays Running and Ready turns False', () => {
    expect(observed(system, run(system, running, ['NODE_LOST']))).toEqual({ phase: 'Running', ready: 'False' });
  });

  it('NODE-04: while the node is unreachable kubelet does nothing; a delete leaves the Pod Terminating', () => {
    const lost = run(system, running, ['NODE_LOST', 'DELETE']);
    const types = system.successors(lost).map((s) => s.action.event.type);
    expect(types).toEqual(['NODE_RECOVERED']);
  });

  it('NODE-04: after recovery kubelet stops the containers and the Pod is removed', () => {
    const gone = run(system, running, ['NODE_LOST', 'DELETE', 'NODE_RECOVERED', 'KILL', 'CONTAINERS_STOPPED']);
    expect(gone.instances).toEqual([]);
    expect(gone.store.objects.size).toBe(0);
  });
});
