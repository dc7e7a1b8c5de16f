// The count-level rollout model's data: its constants (one model file's "constants"), its state (each
// ReplicaSet's spec.replicas, annotations and Pod counts, plus the Deployment fields users change: replicas,
// template, paused) and its actions. The Deployment object the controller reads is rebuilt from the state.
import type { Deployment, IntOrString } from '../k8s/types.ts';
import type { ReplicaSetState } from '../deployment/replica-sets.ts';

export type RolloutStrategy = 'RollingUpdate' | 'Recreate';

/**
 * 'real' is the Deployment controller; 'broken-ignores-max-unavailable' is a deliberately wrong variant
 * (src/rollout/broken.ts) that only a model file can select, so the checker can show it failing.
 */
export type ControllerVariant = 'real' | 'broken-ignores-max-unavailable';

export interface RolloutConstants {
  replicas: number;
  maxSurge: IntOrString;
  maxUnavailable: IntOrString;
  /** Available Pods that may crash (become unavailable) during the rollout. */
  maxFaults: number;
  /** Default RollingUpdate (ROLL-05); Recreate is ROLL-06. */
  strategy?: RolloutStrategy;
  /** false: the new template's image never pulls, so its Pods never become available. */
  newPodsBecomeAvailable?: boolean;
  /** Model spec.progressDeadlineSeconds passing while the rollout has not finished. */
  progressDeadline?: boolean;
  /**
   * Deleted Pods keep running (terminating, with a deletionTimestamp) until a later step removes them.
   * Default: on for Recreate, whose gate waits for them (ROLL-06); off for RollingUpdate, where the
   * controllers never look at terminating Pods, so the pinned RollingUpdate counts stay small.
   */
  podsTerminate?: boolean;
  /** A user runs `kubectl scale --replicas=<scaleTo>` once, at any point (ROLL-07). */
  scaleTo?: number;
  /** A user runs `kubectl rollout undo` once, at any point where there is a previous revision (ROLL-10). */
  undo?: boolean;
  /** A user runs `kubectl rollout pause` once and may later run `kubectl rollout resume` (ROLL-08). */
  pause?: boolean;
  controller?: ControllerVariant;
}

/** One ReplicaSet: spec.replicas, its Pods (not yet available, available, terminating) and annotations. */
export interface ReplicaCounts {
  name: string;
  spec: number;
  unavailable: number;
  available: number;
  /** Deleted Pods still running; status.replicas no longer counts them (IsPodActive). */
  terminating: number;
  /** deployment.kubernetes.io/desired-replicas and max-replicas, written with every scale (ROLL-07). */
  desired: number;
  max: number;
  /** deployment.kubernetes.io/revision (ROLL-09). */
  revision: number;
}

export type PauseState = 'never' | 'paused' | 'resumed';

export interface RolloutState {
  /** In creation order: the first template's ReplicaSet, then the second one once created. */
  rses: readonly ReplicaCounts[];
  faults: number;
  /** Progressing=False with reason ProgressDeadlineExceeded has been recorded. */
  timedOut?: boolean;
  /** The Deployment's spec.replicas (changes once when a user scales). */
  replicas: number;
  /** The ReplicaSet whose Pod template the Deployment currently has (OLD again after an undo). */
  current: string;
  paused: PauseState;
}

export interface RolloutAction {
  actor: 'deployment-controller' | 'replicaset-controller' | 'env' | 'user';
  step:
    | 'reconcile' | 'create-pod' | 'delete-pod' | 'pod-available' | 'pod-crash' | 'pod-gone' | 'progress-deadline'
    | 'scale' | 'undo' | 'pause' | 'resume';
  rs?: string;
  /** Which branch of syncDeployment ran, for reconcile steps. */
  path?: 'rolling' | 'recreate' | 'sync-paused' | 'sync-scaling';
  fault: boolean;
}

export const OLD = 'web-old';
export const NEW = 'web-new';

export const podsOf = (rs: ReplicaCounts): number => rs.unavailable + rs.available;
export const existingPodsOf = (rs: ReplicaCounts): number => rs.unavailable + rs.available + rs.terminating;
export const availableIn = (s: RolloutState): number => s.rses.reduce((n, r) => n + r.available, 0);

export function strategyOf(c: RolloutConstants): RolloutStrategy {
  return c.strategy ?? 'RollingUpdate';
}

export function podsTerminate(c: RolloutConstants): boolean {
  return c.podsTerminate ?? strategyOf(c) === 'Recreate';
}

/** The Deployment as the controller reads it in a state: spec.replicas, strategy and paused vary. */
export function rolloutDeployment(c: RolloutConstants, replicas = c.replicas, paused = false): Deployment {
  const strategy =
    strategyOf(c) === 'Recreate'
      ? { type: 'Recreate' as const }
      : { type: 'RollingUpdate' as const, rollingUpdate: { maxSurge: c.maxSurge, maxUnavailable: c.maxUnavailable } };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      paused,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:v2' }] } },
      strategy,
    },
  } as Deployment;
}

/** What the Deployment controller reads of one ReplicaSet; index is creation order. */
export function replicaSetView(rs: ReplicaCounts, index: number): ReplicaSetState {
  const pods = podsOf(rs);
  return {
    name: rs.name,
    creationTimestamp: `2026-01-01T00:00:0${index}Z`,
    replicas: rs.spec,
    statusReplicas: pods,
    readyReplicas: rs.available,
    availableReplicas: rs.available,
    revision: rs.revision,
    desiredReplicas: rs.desired,
    maxReplicas: rs.max,
  };
}
