// RollingUpdate guarantees (ROLL-05), on the replica counts of src/rollout: while no Pod has failed,
// available Pods never drop below replicas − maxUnavailable, and the ReplicaSets' spec.replicas never add up
// to more than replicas + maxSurge; once settled, the rollout is complete.
import type { RolloutState } from '../src/rollout/system.ts';
import { NEW } from '../src/rollout/system.ts';

export interface RolloutBounds {
  replicas: number;
  surge: number;
  unavailable: number;
}

export interface RolloutProperty {
  id: string;
  description: string;
  behaviours: string[];
  holds: (s: RolloutState, b: RolloutBounds) => boolean;
}

const available = (s: RolloutState) => s.rses.reduce((n, r) => n + r.available, 0);

export const rolloutInvariants: RolloutProperty[] = [
  {
    id: 'min-available',
    description: 'while no Pod has failed, available Pods ≥ replicas − maxUnavailable',
    behaviours: ['ROLL-05'],
    holds: (s, b) => s.faults > 0 || available(s) >= b.replicas - b.unavailable,
  },
  {
    id: 'min-available-always',
    description: 'available Pods ≥ replicas − maxUnavailable, even after a Pod failed (not guaranteed: a crash is not the rollout\'s doing)',
    behaviours: ['ROLL-05'],
    holds: (s, b) => available(s) >= b.replicas - b.unavailable,
  },
  {
    id: 'max-surge',
    description: "the ReplicaSets' spec.replicas add up to at most replicas + maxSurge",
    behaviours: ['ROLL-05'],
    holds: (s, b) => s.rses.reduce((n, r) => n + r.spec, 0) <= b.replicas + b.surge,
  },
];

export const rolloutStableInvariants: RolloutProperty[] = [
  {
    id: 'rollout-complete',
    description: 'once settled, the new ReplicaSet runs every replica available and the old one is at 0',
    behaviours: ['ROLL-05', 'ROLL-02'],
    holds: (s, b) =>
      s.rses.every((r) => (r.name === NEW ? r.spec === b.replicas && r.available + r.unavailable === b.replicas : r.spec === 0 && r.available + r.unavailable === 0)) &&
      s.rses.some((r) => r.name === NEW),
  },
];
