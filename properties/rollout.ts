// Rollout guarantees on the replica counts of src/rollout (ROLL-05 … ROLL-10). Bounds follow spec.replicas:
// before a user scales they are the first value's, afterwards the looser of the two values' (3 → 5 replicas
// with maxUnavailable 0: at least 3 available, not 5, since the two new Pods must first start; 5 → 3 with
// maxSurge 1: up to 6 asked for until the controller has scaled down).
import type { RolloutState } from '../src/rollout/state.ts';
import { availableIn, existingPodsOf, OLD } from '../src/rollout/state.ts';

/** The resolved fenceposts in Pods for one spec.replicas value. */
export interface Fenceposts {
  surge: number;
  unavailable: number;
}

export interface RolloutBounds {
  /** spec.replicas in the initial state. */
  initialReplicas: number;
  fenceposts: (replicas: number) => Fenceposts;
}

export interface RolloutProperty {
  id: string;
  description: string;
  behaviours: string[];
  holds: (s: RolloutState, b: RolloutBounds) => boolean;
}

const replicaValues = (s: RolloutState, b: RolloutBounds) => (s.replicas === b.initialReplicas ? [s.replicas] : [b.initialReplicas, s.replicas]);
const minAvailable = (s: RolloutState, b: RolloutBounds) => Math.min(...replicaValues(s, b).map((r) => r - b.fenceposts(r).unavailable));
const maxPods = (s: RolloutState, b: RolloutBounds) => Math.max(...replicaValues(s, b).map((r) => r + b.fenceposts(r).surge));
const activeNames = (s: RolloutState) => s.rses.filter((r) => r.spec > 0).map((r) => r.name);

export const rolloutInvariants: RolloutProperty[] = [
  {
    id: 'min-available',
    description: 'while no Pod has failed, available Pods ≥ replicas − maxUnavailable',
    behaviours: ['ROLL-05'],
    holds: (s, b) => s.faults > 0 || availableIn(s) >= minAvailable(s, b),
  },
  {
    id: 'min-available-always',
    description: 'available Pods ≥ replicas − maxUnavailable, even after a Pod failed (not guaranteed: a crash is not the rollout\'s doing)',
    behaviours: ['ROLL-05'],
    holds: (s, b) => availableIn(s) >= minAvailable(s, b),
  },
  {
    id: 'max-surge',
    description: "the ReplicaSets' spec.replicas add up to at most replicas + maxSurge",
    behaviours: ['ROLL-05', 'ROLL-06'],
    holds: (s, b) => s.rses.reduce((n, r) => n + r.spec, 0) <= maxPods(s, b),
  },
  {
    id: 'max-surge-pods',
    description:
      'while no Pod has failed, Pods that exist (terminating ones included) ≤ replicas + maxSurge. NOT guaranteed by Kubernetes: ' +
      'the controller bounds the ReplicaSets\' spec.replicas, reads Pod counts from status.replicas, which leaves out terminating ' +
      'Pods (IsPodActive), and grows the new ReplicaSet before the ReplicaSet controller has deleted the old Pods it was told to',
    behaviours: ['ROLL-05'],
    holds: (s, b) => s.faults > 0 || s.rses.reduce((n, r) => n + existingPodsOf(r), 0) <= maxPods(s, b),
  },
  {
    id: 'recreate-never-mixes',
    description: "Recreate: Pods of two templates never exist at the same time (the new ReplicaSet waits until the old one's Pods are gone)",
    behaviours: ['ROLL-06'],
    holds: (s) => s.rses.filter((r) => existingPodsOf(r) > 0).length <= 1,
  },
];

export const rolloutStableInvariants: RolloutProperty[] = [
  {
    id: 'rollout-complete',
    description: 'once settled and not paused, the ReplicaSet of the current template runs spec.replicas Pods, all available, and no other Pod exists',
    behaviours: ['ROLL-05', 'ROLL-06', 'ROLL-07', 'ROLL-02'],
    holds: (s) =>
      s.paused === 'paused' ||
      (s.rses.some((r) => r.name === s.current) &&
        s.rses.every((r) =>
          r.name === s.current
            ? r.spec === s.replicas && r.available === s.replicas && r.unavailable === 0 && r.terminating === 0
            : r.spec === 0 && existingPodsOf(r) === 0,
        )),
  },
  {
    id: 'rollback-restores-previous-hash',
    description: "once settled after kubectl rollout undo (and not paused), the only ReplicaSet with replicas is the previous template's, and it carries the highest revision",
    behaviours: ['ROLL-09', 'ROLL-10'],
    holds: (s) => {
      if (s.current !== OLD || s.paused === 'paused') return true;
      const old = s.rses.find((r) => r.name === OLD);
      const active = activeNames(s);
      const top = Math.max(...s.rses.map((r) => r.revision));
      return active.length === (s.replicas > 0 ? 1 : 0) && (s.replicas === 0 || active[0] === OLD) && old !== undefined && old.revision === top;
    },
  },
  {
    id: 'paused-serves-one-version',
    description:
      'a paused Deployment settles with available Pods of one template only. FALSE by design (ROLL-08): a witness whose ' +
      'counterexample is a rollout paused midway with old and new Pods serving side by side',
    behaviours: ['ROLL-08'],
    holds: (s) => !(s.paused === 'paused' && s.rses.filter((r) => r.available > 0).length > 1),
  },
];
