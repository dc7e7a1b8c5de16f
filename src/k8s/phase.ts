// The Pod phase is never stored in the model: it is recomputed from spec + status the way kubelet does in
// getPhase (pkg/kubelet/kubelet_pods.go, Kubernetes 1.35+), by two rules:
//   kubelet/container-state  classifies one container status (running / exited / waiting ... );
//   kubelet/pod-phase        decides the phase from those classifications (POD-05..POD-10, POD-14).
// The join of spec containers to their statuses by name happens here because a json-logic-js rule cannot
// reach outside the element it iterates over (no outer scope inside map/filter/some).
// Left out: static pods (kubelet skips the podIsTerminal shortcut for them; every pod here is an API pod) and
// the container-level restartPolicy/restartPolicyRules of KEP-5307 (the model has only the Pod's restartPolicy).
import { getRule } from '../rules/registry.ts';
import type { Container, ContainerStatus, Pod, PodPhase, RestartPolicy } from './types.ts';

/** How getPhase sees one container (rule kubelet/container-state). */
export type ContainerPhaseState =
  | 'absent'
  | 'unknown'
  | 'waiting'
  | 'starting'
  | 'running'
  | 'exited-zero'
  | 'exited-nonzero'
  | 'waiting-after-zero'
  | 'waiting-after-nonzero';

/** Data of rule kubelet/container-state (input shape "ContainerStatusInput" once registered; "Any" until then). */
export interface ContainerStatusInput {
  status: ContainerStatus | null;
}

/** Data of rule kubelet/pod-phase (input shape "PodPhaseInput" once registered; "Any" until then). */
export interface PodPhaseInput {
  restartPolicy: RestartPolicy;
  /** kubelet's podIsTerminal: the pod is done and nothing will be restarted, whatever restartPolicy says. */
  terminal: boolean;
  /** A regular container exists in the current sandbox; null derives it from the container states. */
  initialized: boolean | null;
  /** Regular init containers, in spec order. */
  initContainers: ContainerPhaseState[];
  /** Restartable init containers (restartPolicy Always, KEP-753), in spec order. */
  sidecars: ContainerPhaseState[];
  containers: ContainerPhaseState[];
}

export interface PodPhaseOptions {
  /** kubelet's podIsTerminal flag (default false). */
  terminal?: boolean;
  /**
   * kubelet reads "has a regular container been created in the current sandbox" from the runtime, which the
   * API object does not show. By default a regular container that runs, has exited or waits to restart counts;
   * pass false after a sandbox rebuild (POD-04), when the old containers belong to the previous sandbox.
   */
  initialized?: boolean;
}

export function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

/** kubelet looks a container's status up by name among app and init container statuses (podutil.GetContainerStatus). */
function statusOf(pod: Pod, name: string): ContainerStatus | null {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return statuses.find((s) => s.name === name) ?? null;
}

export function containerPhaseState(status: ContainerStatus | null): ContainerPhaseState {
  const input: ContainerStatusInput = { status };
  return getRule('kubelet/container-state').evaluate(input) as ContainerPhaseState;
}

export function podPhaseInput(pod: Pod, opts: PodPhaseOptions = {}): PodPhaseInput {
  const stateOf = (c: Container) => containerPhaseState(statusOf(pod, c.name));
  const inits = pod.spec.initContainers ?? [];
  return {
    restartPolicy: pod.spec.restartPolicy ?? 'Always',
    terminal: opts.terminal ?? false,
    initialized: opts.initialized ?? null,
    initContainers: inits.filter((c) => !isSidecar(c)).map(stateOf),
    sidecars: inits.filter(isSidecar).map(stateOf),
    containers: pod.spec.containers.map(stateOf),
  };
}

/** The phase kubelet would report for this pod now (POD-05): Pending, Running, Succeeded or Failed. */
export function podPhase(pod: Pod, opts: PodPhaseOptions = {}): PodPhase {
  return getRule('kubelet/pod-phase').evaluate(podPhaseInput(pod, opts)) as PodPhase;
}
