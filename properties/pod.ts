// Invariants of the Pod lifecycle (pod + container machines composed), checked on every reachable state.
// The view (PodModelView) lists each Pod with its derived phase and its containers' states in spec order.
import type { StateProperty, StepProperty } from './types.ts';

export interface ContainerFacts {
  name: string;
  role: 'init' | 'sidecar' | 'app';
  /** Machine state path: "Waiting.CrashLoopBackOff", "Running.Ready", "Terminated". */
  state: string;
  restartCount: number;
  backoff: number;
  exitCode: number | null;
  ready: boolean;
  started: boolean;
  completed: boolean;
}

export interface PodFacts {
  name: string;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  phase: string;
  /** status.reason, e.g. Evicted. */
  reason: string | null;
  nodeName: string | null;
  ready: string;
  containers: ContainerFacts[];
}

export interface PodModelView {
  faults: number;
  pods: PodFacts[];
}

// json-logic's `all` is false on an empty list; "none fails" is true on one, which is what "every" means here.
const every = (list: string, logic: unknown) => ({ none: [{ var: list }, { '!': logic }] });
const everyPod = (logic: unknown) => every('pods', logic);

export const podInvariants: StateProperty<PodModelView>[] = [
  {
    id: 'pod-type',
    description: 'type correctness: every container is in a state of the container machine, with restartCount ≥ 0 and a back-off delay kubelet can have',
    behaviours: ['POD-05', 'POD-12'],
    logic: everyPod(
      every('containers', {
          and: [
            { in: [{ var: 'state' }, ['Waiting.ContainerCreating', 'Waiting.ErrImagePull', 'Waiting.ImagePullBackOff', 'Waiting.CreateContainerConfigError', 'Waiting.CrashLoopBackOff', 'Running.NotReady', 'Running.Ready', 'Terminated']] },
            { '>=': [{ var: 'restartCount' }, 0] },
            { in: [{ var: 'backoff' }, [0, 10, 20, 40, 80, 160, 300]] },
          ],
      }),
    ),
  },
  {
    id: 'pod-phase-domain',
    description: 'status.phase is exactly one of Pending, Running, Succeeded, Failed, Unknown',
    behaviours: ['POD-05'],
    logic: everyPod({ in: [{ var: 'phase' }, ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']] }),
  },
  {
    id: 'init-containers-first',
    description: 'no app container has started while a regular init container has not completed with exit code 0',
    behaviours: ['POD-14'],
    logic: everyPod({
      or: [
        { none: [{ var: 'containers' }, { and: [{ '==': [{ var: 'role' }, 'app'] }, { var: 'started' }] }] },
        { none: [{ var: 'containers' }, { and: [{ '==': [{ var: 'role' }, 'init'] }, { '!': { var: 'completed' } }] }] },
      ],
    }),
  },
  {
    id: 'never-means-no-restart',
    description: 'under restartPolicy Never no init or app container is ever restarted (sidecars still are)',
    behaviours: ['POD-11'],
    logic: everyPod({
      or: [
        { '!=': [{ var: 'restartPolicy' }, 'Never'] },
        { none: [{ var: 'containers' }, { and: [{ '!=': [{ var: 'role' }, 'sidecar'] }, { '>': [{ var: 'restartCount' }, 0] }] }] },
      ],
    }),
  },
  {
    id: 'ready-needs-ready-containers',
    description: 'the Pod is Ready only while every app container runs and passes its readiness probe',
    behaviours: ['PROBE-03'],
    logic: everyPod({
      or: [
        { '!=': [{ var: 'ready' }, 'True'] },
        { none: [{ var: 'containers' }, { and: [{ '==': [{ var: 'role' }, 'app'] }, { '!': { var: 'ready' } }] }] },
      ],
    }),
  },
  {
    id: 'succeeded-means-all-exited-zero',
    description: 'a Succeeded Pod has every app container terminated with exit code 0',
    behaviours: ['POD-08'],
    logic: everyPod({
      or: [
        { '!=': [{ var: 'phase' }, 'Succeeded'] },
        every('containers', { or: [{ '!=': [{ var: 'role' }, 'app'] }, { and: [{ '==': [{ var: 'state' }, 'Terminated'] }, { '==': [{ var: 'exitCode' }, 0] }] }] }),
      ],
    }),
  },
  {
    id: 'always-never-fails',
    description: 'container exits never make a restartPolicy Always Pod Failed: kubelet restarts them and the Pod stays Running (only an eviction ends it Failed)',
    behaviours: ['POD-09', 'POD-11', 'NODE-13'],
    logic: everyPod({ or: [{ '!=': [{ var: 'restartPolicy' }, 'Always'] }, { '!=': [{ var: 'phase' }, 'Failed'] }, { '==': [{ var: 'reason' }, 'Evicted'] }] }),
  },
];

export const podStepInvariants: StepProperty<PodModelView>[] = [
  {
    id: 'terminal-phase-absorbing',
    description: 'a Pod that reached Succeeded or Failed never changes phase again',
    behaviours: ['POD-08', 'POD-09'],
    holds: (before, after) =>
      before.pods.every((p) => {
        if (p.phase !== 'Succeeded' && p.phase !== 'Failed') return true;
        const later = after.pods.find((q) => q.name === p.name);
        return later === undefined || later.phase === p.phase;
      }),
  },
  {
    id: 'bound-pod-never-moves',
    description: 'once bound, a Pod keeps its node: kubelet restarts containers in place and never moves the Pod',
    behaviours: ['POD-11', 'POD-13'],
    holds: (before, after) =>
      before.pods.every((p) => {
        const later = after.pods.find((q) => q.name === p.name);
        return p.nodeName === null || later === undefined || later.nodeName === p.nodeName;
      }),
  },
];
