// A Deployment as its controller and its users drive it (pkg/controller/deployment, current release). The
// controller's sync is one event, RECONCILE, whose writes (create the new ReplicaSet, scale ReplicaSets,
// delete old ones beyond revisionHistoryLimit) are computed by src/deployment/round.ts from the rules in
// rules/deployment/; it is offered only when the sync would write something. Users change the template
// (`kubectl set image`), spec.replicas (`kubectl scale`), pause and resume, and roll back (`kubectl rollout
// undo`). progressDeadlineSeconds passing without progress sets Progressing=False (ProgressDeadlineExceeded);
// a new rollout starts it again. Status counts are derived from the ReplicaSets whenever they are read.
// Deleting it hands its ReplicaSets and Pods to the garbage collector (machines/garbage-collector.ts).
// Covers GC-03, GC-04, ROLL-02, ROLL-03, ROLL-04, ROLL-05, ROLL-06, ROLL-07, ROLL-08, ROLL-09, ROLL-10, CTRL-01, CTRL-03.

export interface DeploymentContext {
  /** `namespace/name`. */
  name: string;
  /** User changes made so far (each allowed once in a model run). */
  imageSet: boolean;
  scaled: boolean;
  undone: boolean;
}

/** Users' changes carry what they change; the model checker fills it from its allowed actions. */
export type DeploymentEvent =
  | { type: 'RECONCILE' }
  | { type: 'SET_IMAGE'; image?: string }
  | { type: 'SCALE'; replicas?: number }
  | { type: 'UNDO'; toRevision?: number }
  | { type: 'PAUSE' }
  | { type: 'RESUME' }
  | { type: 'DEADLINE_EXCEEDED' }
  | { type: 'DELETE'; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' };

export const bindings = {
  guards: {},
  actions: {
    recordImageSet: 'deployment-user/record-image-set',
    recordScaled: 'deployment-user/record-scaled',
    recordUndone: 'deployment-user/record-undone',
  },
} as const;

export const deploymentMachineConfig = {
  id: 'deployment',
  type: 'parallel',
  states: {
    rollout: {
      initial: 'Active',
      states: {
        Active: { on: { PAUSE: { target: 'Paused' } } },
        // spec.paused: template changes start no rollout until resumed (ROLL-08).
        Paused: { on: { RESUME: { target: 'Active' } } },
      },
    },
    // kubectl delete deployment --cascade=…: Deleting while finalizers (foregroundDeletion, orphan) hold it.
    lifecycle: {
      initial: 'Active',
      states: {
        Active: { on: { DELETE: { target: 'Deleting' } } },
        Deleting: {},
      },
    },
    progress: {
      initial: 'Progressing',
      states: {
        Progressing: { on: { DEADLINE_EXCEEDED: { target: 'DeadlineExceeded' } } },
        DeadlineExceeded: {},
      },
      on: {
        // A new template is a new rollout: Progressing again (NewReplicaSetCreated / FoundNewReplicaSet).
        SET_IMAGE: { target: '.Progressing', actions: 'recordImageSet' },
        UNDO: { target: '.Progressing', actions: 'recordUndone' },
      },
    },
  },
  on: {
    RECONCILE: {},
    SCALE: { actions: 'recordScaled' },
  },
} as const;

export const deploymentEvents: DeploymentEvent[] = [
  { type: 'RECONCILE' },
  { type: 'SET_IMAGE' },
  { type: 'SCALE' },
  { type: 'UNDO' },
  { type: 'PAUSE' },
  { type: 'RESUME' },
  { type: 'DEADLINE_EXCEEDED' },
  { type: 'DELETE', propagationPolicy: 'Foreground' },
];

/** Who sends each event and when (rules over the Deployment's view, src/system/deployments.ts). */
export const deploymentOffers = [
  { event: { type: 'RECONCILE' }, actor: 'deployment-controller', when: 'deployment-controller/may-sync' },
  { event: { type: 'SET_IMAGE' }, actor: 'user', when: 'deployment-user/may-set-image' },
  { event: { type: 'SCALE' }, actor: 'user', when: 'deployment-user/may-scale' },
  { event: { type: 'UNDO' }, actor: 'user', when: 'deployment-user/may-undo' },
  { event: { type: 'PAUSE' }, actor: 'user', when: 'deployment-user/may-pause' },
  { event: { type: 'RESUME' }, actor: 'user', when: 'deployment-user/may-resume' },
  { event: { type: 'DEADLINE_EXCEEDED' }, actor: 'timer', when: 'deployment-controller/deadline-may-pass' },
  { event: { type: 'DELETE' }, actor: 'user', when: 'deployment-user/may-delete' },
] as const;

export function deploymentContext(name: string): DeploymentContext {
  return { name, imageSet: false, scaled: false, undone: false };
}
