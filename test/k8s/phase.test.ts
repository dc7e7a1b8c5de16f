// Pod phase (rules kubelet/container-state + kubelet/pod-phase) against kubelet's getPhase,
// pkg/kubelet/kubelet_pods.go as of Kubernetes 1.35+ (ContainerRestartRules beta, on by default).
//
// Where the seed differs (BEHAVIOURS POD-09): the seed says one abnormal container exit makes the Pod Failed.
// In Kubernetes a non-zero exit under restartPolicy Always (or OnFailure) only restarts that container and the
// Pod stays Running; Failed needs every app container stopped with at least one failure and none to be
// restarted (restartPolicy Never, or kubelet has decided the pod is terminal).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { podPhase } from '../../src/k8s/phase.ts';
import type { Container, ContainerStatus, Pod, PodPhase, RestartPolicy } from '../../src/k8s/types.ts';
import { arbPod } from '../arbitraries/pod.ts';

type StatusPart = Omit<ContainerStatus, 'name' | 'ready' | 'restartCount'> & Partial<ContainerStatus>;
interface C {
  name: string;
  sidecar?: boolean;
  /** undefined: no status reported for the container. */
  s?: StatusPart;
}

const running: StatusPart = { state: { running: {} }, started: true, ready: true };
const starting: StatusPart = { state: { running: {} }, started: false };
const exited = (exitCode: number, reason?: string): StatusPart => ({ state: { terminated: { exitCode, ...(reason ? { reason } : {}) } } });
const waiting = (reason: string): StatusPart => ({ state: { waiting: { reason } } });
const backOff = (exitCode: number): StatusPart => ({
  state: { waiting: { reason: 'CrashLoopBackOff' } },
  lastState: { terminated: { exitCode } },
  restartCount: 1,
});
const noState: StatusPart = { state: {} };

function pod(restartPolicy: RestartPolicy | undefined, inits: C[], apps: C[]): Pod {
  const container = (c: C): Container => (c.sidecar ? { name: c.name, restartPolicy: 'Always' } : { name: c.name });
  const status = (c: C): ContainerStatus[] => (c.s ? [{ name: c.name, ready: false, restartCount: 0, ...c.s }] : []);
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: apps.map(container), initContainers: inits.map(container) },
    status: { initContainerStatuses: inits.flatMap(status), containerStatuses: apps.flatMap(status) },
  };
  if (restartPolicy) p.spec.restartPolicy = restartPolicy;
  return p;
}

type Row = [name: string, pod: Pod, opts: { terminal?: boolean; initialized?: boolean }, expected: PodPhase];
const app = (s?: StatusPart, name = 'app'): C => (s ? { name, s } : { name });
const init = (s?: StatusPart, name = 'init'): C => (s ? { name, s } : { name });
const sidecar = (s?: StatusPart, name = 'proxy'): C => (s ? { name, sidecar: true, s } : { name, sidecar: true });

const rows: Row[] = [
  ['POD-06: just created, no container status yet → Pending', pod(undefined, [], [app()]), {}, 'Pending'],
  ['POD-06: ContainerCreating → Pending', pod('Always', [], [app(waiting('ContainerCreating'))]), {}, 'Pending'],
  ['POD-06: ErrImagePull, the image never arrived → Pending', pod('Always', [], [app(waiting('ErrImagePull'))]), {}, 'Pending'],
  ['POD-06: one running, the other still ContainerCreating → Pending (waiting wins)', pod('Always', [], [app(running, 'a'), app(waiting('ContainerCreating'), 'b')]), {}, 'Pending'],
  ['POD-06: one running, the other not reported → Pending (unknown container)', pod('Always', [], [app(running, 'a'), app(undefined, 'b')]), {}, 'Pending'],
  ['POD-06: one running, the other with an empty state → Pending (unknown state)', pod('Always', [], [app(running, 'a'), app(noState, 'b')]), {}, 'Pending'],
  ['POD-07: all containers running → Running', pod('Always', [], [app(running, 'a'), app(running, 'b')]), {}, 'Running'],
  ['POD-07: running but not ready → Running (readiness is not part of the phase)', pod('Always', [], [app({ ...running, ready: false })]), {}, 'Running'],
  ['POD-07: one running, one exited 0 under Never → Running (something still runs)', pod('Never', [], [app(running, 'a'), app(exited(0), 'b')]), {}, 'Running'],
  ['POD-09: Always + one container exited 1 → Running (it will be restarted)', pod('Always', [], [app(exited(1, 'Error'))]), {}, 'Running'],
  ['POD-09: Always + CrashLoopBackOff after exit 1 → Running (restarting)', pod('Always', [], [app(backOff(1))]), {}, 'Running'],
  ['POD-09: default restartPolicy is Always: exited 1 → Running', pod(undefined, [], [app(exited(1))]), {}, 'Running'],
  ['POD-09: OnFailure + exited 1 → Running (it will be restarted)', pod('OnFailure', [], [app(exited(1))]), {}, 'Running'],
  ['POD-08: OnFailure + all exited 0 → Succeeded (nothing to restart)', pod('OnFailure', [], [app(exited(0), 'a'), app(exited(0), 'b')]), {}, 'Succeeded'],
  ['POD-08: Never + exited 0 → Succeeded', pod('Never', [], [app(exited(0, 'Completed'))]), {}, 'Succeeded'],
  ['POD-08: Always + exited 0 → Running (Always restarts even a success)', pod('Always', [], [app(exited(0))]), {}, 'Running'],
  ['POD-08: Always + exited 0 on a terminal pod → Succeeded (nothing restarts any more)', pod('Always', [], [app(exited(0))]), { terminal: true }, 'Succeeded'],
  ['POD-09: Always + exited 143 on a terminal pod → Failed', pod('Always', [], [app(exited(143))]), { terminal: true }, 'Failed'],
  ['POD-09: Never + one exited 0, one exited 1 → Failed', pod('Never', [], [app(exited(0), 'a'), app(exited(1), 'b')]), {}, 'Failed'],
  ['POD-09: Never + OOMKilled (137) → Failed', pod('Never', [], [app(exited(137, 'OOMKilled'))]), {}, 'Failed'],
  ['POD-09: OnFailure + waiting to restart after exit 0 → Failed (1.35+: not restartable, not a terminated success)', pod('OnFailure', [], [app(backOff(0))]), {}, 'Failed'],
  ['POD-14: the first init container runs → Pending', pod('Always', [init(running)], [app(waiting('PodInitializing'))]), {}, 'Pending'],
  ['POD-14: first init done, second not started → Pending', pod('Always', [init(exited(0), 'i1'), init(waiting('PodInitializing'), 'i2')], [app(waiting('PodInitializing'))]), {}, 'Pending'],
  ['POD-14: Never + an init container exited 1 → Failed (no retry)', pod('Never', [init(exited(1))], [app(waiting('PodInitializing'))]), {}, 'Failed'],
  ['POD-14: Always + an init container exited 1 → Pending (it is retried)', pod('Always', [init(exited(1))], [app(waiting('PodInitializing'))]), {}, 'Pending'],
  ['POD-14: OnFailure + init in CrashLoopBackOff after exit 1 → Pending (retried)', pod('OnFailure', [init(backOff(1))], [app(waiting('PodInitializing'))]), {}, 'Pending'],
  ['POD-14: Never + init waiting after exit 1 → Failed', pod('Never', [init(backOff(1))], [app(waiting('PodInitializing'))]), {}, 'Failed'],
  ['POD-14: all init containers exited 0, app runs → Running', pod('Always', [init(exited(0), 'i1'), init(exited(0), 'i2')], [app(running)]), {}, 'Running'],
  ['POD-14: sidecar started and app runs → Running', pod('Always', [sidecar(running)], [app(running)]), {}, 'Running'],
  ['POD-14: sidecar running but not started, app not created → Pending', pod('Always', [sidecar(starting)], [app(waiting('PodInitializing'))]), {}, 'Pending'],
  ['POD-14: sidecar restarting (not started) after the app ran → Running (pod already initialized)', pod('Always', [sidecar(starting)], [app(running)]), {}, 'Running'],
  ['POD-14: same, but the sandbox was rebuilt (POD-04) → Pending', pod('Always', [sidecar(starting)], [app(running)]), { initialized: false }, 'Pending'],
  ['POD-14: sidecar waiting for its first start after initialization → Pending (waiting counts)', pod('Always', [sidecar(waiting('ImagePullBackOff'))], [app(running)]), {}, 'Pending'],
  ['POD-14: Never + app exited 0 while the sidecar still runs → Running', pod('Never', [sidecar(running)], [app(exited(0))]), {}, 'Running'],
  ['POD-08: Never + app exited 0, sidecar killed (137) → Succeeded (sidecars never decide)', pod('Never', [sidecar(exited(137))], [app(exited(0))]), {}, 'Succeeded'],
  ['POD-09: Never + app exited 1, sidecar exited 0 → Failed (sidecars never decide)', pod('Never', [sidecar(exited(0))], [app(exited(1))]), {}, 'Failed'],
  ['POD-06: sidecar not reported, app exited 0 under Never → Pending (unknown container)', pod('Never', [sidecar()], [app(exited(0))]), {}, 'Pending'],
  [
    'POD-05: a stored status.phase is ignored, the phase is recomputed → Running',
    { ...pod('Always', [], [app(running)]), status: { phase: 'Failed', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, ...running }] } },
    {},
    'Running',
  ],
];

describe('podPhase (kubelet getPhase)', () => {
  it.each(rows)('%s', (_name, p, opts, expected) => {
    expect(podPhase(p, opts)).toBe(expected);
  });
});

// --- Oracle: getPhase transcribed directly over the Pod (gates of 1.35: ContainerRestartRules on,
// RestartAllContainersOnContainerExits off; only the Pod's restartPolicy). ---
function oraclePhase(p: Pod, podIsTerminal: boolean, initialized: boolean | undefined): PodPhase {
  const info = [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])];
  const find = (name: string) => info.find((s) => s.name === name);
  const policy = p.spec.restartPolicy ?? 'Always';
  const shouldRestart = (exitCode: number) => (policy === 'Never' ? false : policy === 'OnFailure' ? exitCode !== 0 : true);
  const restartable = (c: Container) => c.restartPolicy === 'Always';

  let pendingRestartableInit = 0;
  let pendingRegularInit = 0;
  let failedInitNotRestartable = 0;
  for (const c of p.spec.initContainers ?? []) {
    if (restartable(c)) continue;
    const s = find(c.name);
    if (!s) { pendingRegularInit++; continue; }
    if (s.state.running) pendingRegularInit++;
    else if (s.state.terminated) {
      const code = s.state.terminated.exitCode;
      if (code !== 0 && !shouldRestart(code)) failedInitNotRestartable++;
    } else if (s.state.waiting) {
      const last = s.lastState?.terminated;
      if (last) { if (last.exitCode !== 0 && !shouldRestart(last.exitCode)) failedInitNotRestartable++; }
      else pendingRegularInit++;
    } else pendingRegularInit++;
  }

  let unknown = 0, runningN = 0, waitingN = 0, stopped = 0, stoppedNotRestartable = 0, succeeded = 0;
  for (const c of p.spec.initContainers ?? []) {
    if (!restartable(c)) continue;
    const s = find(c.name);
    if (!s) { unknown++; continue; }
    if (s.state.running) { if (s.started !== true) pendingRestartableInit++; runningN++; }
    else if (s.state.terminated) { /* stopped sidecars do not count */ }
    else if (s.state.waiting) { if (!s.lastState?.terminated) { pendingRestartableInit++; waitingN++; } }
    else { pendingRestartableInit++; unknown++; }
  }
  for (const c of p.spec.containers) {
    const s = find(c.name);
    if (!s) { unknown++; continue; }
    if (s.state.running) runningN++;
    else if (s.state.terminated) {
      stopped++;
      const code = s.state.terminated.exitCode;
      if (!shouldRestart(code)) stoppedNotRestartable++;
      if (code === 0) succeeded++;
    } else if (s.state.waiting) {
      const last = s.lastState?.terminated;
      if (last) { stopped++; if (!shouldRestart(last.exitCode)) stoppedNotRestartable++; }
      else waitingN++;
    } else unknown++;
  }
  // Stand-in for HasAnyActiveRegularContainerStarted (runtime view): an app container runs, exited, or waits to restart.
  const podHasInitialized = initialized ?? p.spec.containers.some((c) => {
    const s = find(c.name);
    return !!s && (!!s.state.running || !!s.state.terminated || (!!s.state.waiting && !!s.lastState?.terminated));
  });

  if (failedInitNotRestartable > 0) return 'Failed';
  if (pendingRegularInit > 0 || (pendingRestartableInit > 0 && !podHasInitialized) || waitingN > 0) return 'Pending';
  if (runningN > 0 && unknown === 0) return 'Running';
  if (runningN === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (stopped !== stoppedNotRestartable) return 'Running';
    return stopped === succeeded ? 'Succeeded' : 'Failed';
  }
  return 'Pending';
}

describe('podPhase against a transcription of getPhase', () => {
  it('POD-05, POD-06, POD-07, POD-08, POD-09, POD-14: the rules agree with the oracle on random pods', () => {
    fc.assert(
      fc.property(arbPod(), fc.boolean(), fc.option(fc.boolean(), { nil: undefined }), (p, terminal, initialized) => {
        const opts = initialized === undefined ? { terminal } : { terminal, initialized };
        expect(podPhase(p, opts)).toBe(oraclePhase(p, terminal, initialized));
      }),
      { numRuns: 2000 },
    );
  });

  it('POD-05, POD-10: kubelet only ever computes Pending, Running, Succeeded or Failed, never Unknown', () => {
    fc.assert(
      fc.property(arbPod(), fc.boolean(), (p, terminal) => {
        expect(['Pending', 'Running', 'Succeeded', 'Failed']).toContain(podPhase(p, { terminal }));
      }),
      { numRuns: 500 },
    );
  });

  it('POD-09: the oracle catches a seed-style rule where one failed container fails the pod', () => {
    const seedStyle = (p: Pod): PodPhase =>
      (p.status?.containerStatuses ?? []).some((s) => (s.state.terminated?.exitCode ?? 0) !== 0) ? 'Failed' : oraclePhase(p, false, undefined);
    const result = fc.check(
      fc.property(arbPod(), (p) => {
        expect(seedStyle(p)).toBe(oraclePhase(p, false, undefined));
      }),
      { numRuns: 2000, seed: 7 },
    );
    expect(result.failed).toBe(true);
  });
});
