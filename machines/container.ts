// Container lifecycle as kubelet drives it and containerStatuses report it.
// Follows kubelet (pkg/kubelet/kuberuntime, current release): a container waits (ContainerCreating,
// ErrImagePull → ImagePullBackOff, CreateContainerConfigError, CrashLoopBackOff), runs (Ready or not, which only
// the readiness probe decides), and terminates with an exit code; kubelet then restarts it per restartPolicy with
// a back-off of 0 s for the first restart, then 10 s doubling to 300 s, reset after 10 minutes of running.
// Leaves out: startup probes, image pull back-off doubling, in-place resize, ephemeral containers.
// Covers POD-11, POD-12, POD-14, PROBE-01, PROBE-02, PROBE-03, RES-05, CFG-02.
// The config is pure data: guards and actions are names that the interpreter binds to rules (see `bindings`).

export interface ContainerContext {
  name: string;
  /** init: runs to completion before the next; sidecar: an init container with restartPolicy Always; app. */
  role: 'init' | 'sidecar' | 'app';
  /** The Pod's spec.restartPolicy. */
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  hasLivenessProbe: boolean;
  hasReadinessProbe: boolean;
  /** The container takes env or volumes from a ConfigMap/Secret that may be missing (CFG-02). */
  referencesConfig: boolean;
  restartCount: number;
  /** kubelet's current back-off delay in seconds for this container; 0 = no back-off entry (POD-12). */
  backoff: number;
  /** The current state.terminated, when Terminated. */
  exitCode: number | null;
  reason: string | null;
  /** lastState.terminated after a restart. */
  lastExitCode: number | null;
  lastReason: string | null;
}

export type ContainerInput = Pick<
  ContainerContext,
  'name' | 'role' | 'restartPolicy' | 'hasLivenessProbe' | 'hasReadinessProbe' | 'referencesConfig'
>;

export type ContainerEvent =
  | { type: 'CONTAINER_STARTED' }
  | { type: 'IMAGE_PULL_FAILED' }
  | { type: 'IMAGE_PULL_BACK_OFF' }
  | { type: 'CONFIG_MISSING' }
  | { type: 'CONFIG_AVAILABLE' }
  | { type: 'BACK_OFF_EXPIRED' }
  | { type: 'CONTAINER_EXITED'; exitCode: number }
  | { type: 'OOM_KILLED' }
  | { type: 'LIVENESS_PROBE_FAILED' }
  | { type: 'READINESS_PROBE_SUCCEEDED' }
  | { type: 'READINESS_PROBE_FAILED' }
  | { type: 'RESTART' }
  | { type: 'RAN_10_MINUTES' }
  | { type: 'KILL' };

/** Guard and action names → rule ids under rules/. */
export const bindings = {
  guards: {
    hasReadinessProbe: 'container/has-readiness-probe',
    hasLivenessProbe: 'container/has-liveness-probe',
    referencesConfig: 'container/references-config',
    restartNow: 'kubelet/restart-now',
    restartAfterBackOff: 'kubelet/restart-after-back-off',
    backOffActive: 'kubelet/back-off-active',
  },
  actions: {
    recordExit: 'container/record-exit',
    recordOomKill: 'container/record-oom-kill',
    recordLivenessKill: 'container/record-liveness-kill',
    recordStop: 'container/record-stop',
    restart: 'kubelet/restart-container',
    resetBackOff: 'kubelet/reset-back-off',
  },
} as const;

const running = {
  initial: 'NotReady',
  states: {
    NotReady: { on: { READINESS_PROBE_SUCCEEDED: { target: 'Ready' } } },
    Ready: { on: { READINESS_PROBE_FAILED: { target: 'NotReady', guard: 'hasReadinessProbe' } } },
  },
  on: {
    CONTAINER_EXITED: { target: '#container.Terminated', actions: 'recordExit' },
    OOM_KILLED: { target: '#container.Terminated', actions: 'recordOomKill' },
    LIVENESS_PROBE_FAILED: { target: '#container.Terminated', guard: 'hasLivenessProbe', actions: 'recordLivenessKill' },
    RAN_10_MINUTES: { guard: 'backOffActive', actions: 'resetBackOff' },
    KILL: { target: '#container.Terminated', actions: 'recordStop' },
  },
} as const;

export const containerMachineConfig = {
  id: 'container',
  initial: 'Waiting',
  states: {
    Waiting: {
      initial: 'ContainerCreating',
      states: {
        ContainerCreating: {
          on: {
            CONTAINER_STARTED: [
              { target: '#container.Running.NotReady', guard: 'hasReadinessProbe' },
              { target: '#container.Running.Ready' },
            ],
            IMAGE_PULL_FAILED: { target: 'ErrImagePull' },
            CONFIG_MISSING: { target: 'CreateContainerConfigError', guard: 'referencesConfig' },
          },
        },
        ErrImagePull: { on: { IMAGE_PULL_BACK_OFF: { target: 'ImagePullBackOff' } } },
        ImagePullBackOff: { on: { BACK_OFF_EXPIRED: { target: 'ContainerCreating' } } },
        CreateContainerConfigError: { on: { CONFIG_AVAILABLE: { target: 'ContainerCreating' } } },
        CrashLoopBackOff: {
          on: {
            BACK_OFF_EXPIRED: [
              { target: '#container.Running.NotReady', guard: 'hasReadinessProbe', actions: 'restart' },
              { target: '#container.Running.Ready', actions: 'restart' },
            ],
          },
        },
      },
    },
    Running: running,
    Terminated: {
      on: {
        RESTART: [
          { target: 'Waiting.CrashLoopBackOff', guard: 'restartAfterBackOff' },
          { target: 'Running.NotReady', guard: { type: 'restartNow', params: { readinessProbe: true } }, actions: 'restart' },
          { target: 'Running.Ready', guard: { type: 'restartNow', params: { readinessProbe: false } }, actions: 'restart' },
        ],
      },
    },
  },
} as const;

export function containerContext(input: ContainerInput): ContainerContext {
  return { ...input, restartCount: 0, backoff: 0, exitCode: null, reason: null, lastExitCode: null, lastReason: null };
}

/** Every event with the payload variants that matter: exit 0 (Completed) and 1 (Error). */
export const containerEvents: ContainerEvent[] = [
  { type: 'CONTAINER_STARTED' },
  { type: 'IMAGE_PULL_FAILED' },
  { type: 'IMAGE_PULL_BACK_OFF' },
  { type: 'CONFIG_MISSING' },
  { type: 'CONFIG_AVAILABLE' },
  { type: 'BACK_OFF_EXPIRED' },
  { type: 'CONTAINER_EXITED', exitCode: 0 },
  { type: 'CONTAINER_EXITED', exitCode: 1 },
  { type: 'OOM_KILLED' },
  { type: 'LIVENESS_PROBE_FAILED' },
  { type: 'READINESS_PROBE_SUCCEEDED' },
  { type: 'READINESS_PROBE_FAILED' },
  { type: 'RESTART' },
  { type: 'RAN_10_MINUTES' },
  { type: 'KILL' },
];

/**
 * Who sends each event and when it may happen: `when` names a rule over the container's view in the running
 * system (src/system/pod-view.ts). Faults draw on the model's fault budget; exits on the restart bound.
 */
export const containerOffers = [
  { event: { type: 'CONTAINER_STARTED' }, actor: 'kubelet', when: 'kubelet/may-start-container' },
  { event: { type: 'IMAGE_PULL_FAILED' }, actor: 'env', fault: true, when: 'kubelet/may-start-container' },
  { event: { type: 'IMAGE_PULL_BACK_OFF' }, actor: 'kubelet', when: 'kubelet/may-sync-container' },
  { event: { type: 'CONFIG_MISSING' }, actor: 'env', fault: true, when: 'kubelet/may-start-container' },
  { event: { type: 'CONFIG_AVAILABLE' }, actor: 'env', when: 'kubelet/may-sync-container' },
  { event: { type: 'BACK_OFF_EXPIRED' }, actor: 'timer', when: 'kubelet/may-restart-container' },
  { event: { type: 'CONTAINER_EXITED', exitCode: 0 }, actor: 'env', when: 'env/container-may-exit' },
  { event: { type: 'CONTAINER_EXITED', exitCode: 1 }, actor: 'env', fault: true, when: 'env/container-may-exit' },
  { event: { type: 'OOM_KILLED' }, actor: 'env', fault: true, when: 'env/container-may-exit' },
  { event: { type: 'LIVENESS_PROBE_FAILED' }, actor: 'env', fault: true, when: 'env/container-may-exit' },
  { event: { type: 'READINESS_PROBE_SUCCEEDED' }, actor: 'env', when: 'kubelet/may-sync-container' },
  { event: { type: 'READINESS_PROBE_FAILED' }, actor: 'env', fault: true, when: 'kubelet/may-sync-container' },
  { event: { type: 'RESTART' }, actor: 'kubelet', when: 'kubelet/may-restart-container' },
  { event: { type: 'RAN_10_MINUTES' }, actor: 'timer', when: 'kubelet/may-sync-container' },
  { event: { type: 'KILL' }, actor: 'kubelet', when: 'kubelet/may-stop-container' },
] as const;
