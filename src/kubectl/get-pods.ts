// The columns of `kubectl get pods` (NAME READY STATUS RESTARTS AGE), as the API server's table printer
// writes them: printPod in pkg/printers/internalversion/printers.go (Kubernetes 1.35+).
//
// STATUS starts from the phase, replaced by status.reason ("Evicted") and by "SchedulingGated"; then the
// first init container that is not done sets "Init:<reason>", "Init:Signal:N", "Init:ExitCode:N" or
// "Init:N/M" (N = init containers done); once initialized, app containers are read from last to first, so
// the first container listed wins: its waiting reason ("CrashLoopBackOff"), terminated reason
// ("Completed", "OOMKilled"), or "Signal:N" / "ExitCode:N"; "Completed" turns back into "Running" (pod Ready)
// or "NotReady" while another container still runs ready. Finally a deleted pod shows "Terminating", or
// "Unknown" when the node controller marked it NodeLost.
// READY counts ready app containers plus started-and-ready sidecars, out of app containers plus sidecars.
// RESTARTS sums restartCount, with "(<age> ago)" of the latest lastState.terminated.finishedAt.
//
// The model does not store the phase: status.phase is used when set (e.g. Failed after an eviction),
// otherwise kubelet's phase is recomputed (src/k8s/phase.ts).
import { podPhase, isSidecar } from '../k8s/phase.ts';
import type { Container, ContainerStatus, Pod, PodStatus } from '../k8s/types.ts';
import { humanDuration, timestampAge } from './age.ts';

export interface PodStatusColumns {
  name: string;
  ready: string;
  status: string;
  restarts: string;
  age: string;
}

/** A time as Go compares it; undefined is the zero time, before every other. */
type Instant = number | undefined;
const instant = (t: string | undefined): Instant => (t ? Date.parse(t) : undefined);
const before = (a: Instant, b: Instant): boolean => (a ?? -Infinity) < (b ?? -Infinity);

const isInitializedConditionTrue = (status: PodStatus): boolean =>
  status.conditions?.find((c) => c.type === 'Initialized')?.status === 'True';
const hasPodReadyCondition = (status: PodStatus): boolean =>
  (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Last restart: the latest lastState.terminated.finishedAt seen so far. */
function laterRestart(latest: Instant, s: ContainerStatus): Instant {
  const finished = s.lastState?.terminated ? instant(s.lastState.terminated.finishedAt) : undefined;
  return s.lastState?.terminated && before(latest, finished) ? finished : latest;
}

export function podStatusColumns(pod: Pod, now: Date): PodStatusColumns {
  const status: PodStatus = pod.status ?? {};
  const phase = status.phase ?? podPhase(pod);
  let reason: string = status.reason || phase;
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initSpecs = new Map<string, Container>((pod.spec.initContainers ?? []).map((c) => [c.name, c]));
  const sidecar = (name: string): boolean => {
    const spec = initSpecs.get(name);
    return spec !== undefined && isSidecar(spec);
  };
  const total = pod.spec.containers.length + [...initSpecs.values()].filter(isSidecar).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: Instant;
  let lastSidecarRestart: Instant;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, c] of initStatuses.entries()) {
    restarts += c.restartCount;
    lastRestart = laterRestart(lastRestart, c);
    if (sidecar(c.name)) {
      sidecarRestarts += c.restartCount;
      lastSidecarRestart = laterRestart(lastSidecarRestart, c);
    }
    const terminated = c.state.terminated;
    const waitingReason = c.state.waiting?.reason ?? '';
    if (terminated && terminated.exitCode === 0) continue;
    if (sidecar(c.name) && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) {
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
      else reason = `Init:ExitCode:${terminated.exitCode}`;
    } else if (c.state.waiting && waitingReason !== '' && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${pod.spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isInitializedConditionTrue(status)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as ContainerStatus;
      restarts += c.restartCount;
      lastRestart = laterRestart(lastRestart, c);
      const terminated = c.state.terminated;
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      else if (c.ready && c.state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasPodReadyCondition(status) ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return {
    name: pod.metadata.name,
    ready: `${ready}/${total}`,
    status: reason,
    restarts:
      restarts !== 0 && lastRestart !== undefined
        ? `${restarts} (${humanDuration((now.getTime() - lastRestart) / 1000)} ago)`
        : String(restarts),
    age: timestampAge(pod.metadata.creationTimestamp, now),
  };
}
