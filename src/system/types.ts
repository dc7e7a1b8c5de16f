// The composed transition system: machine instances (one per API object, or per container of a Pod), the
// API store, and the model's bounds. All values are immutable; step() returns new ones.
import type { MState } from './statechart.ts';
import type { Store } from './store.ts';
import type { EventLike } from './statechart.ts';

export interface Instance {
  /** `default/web` for a Pod, `default/web/containers/app` for one of its containers. */
  readonly id: string;
  readonly machine: string;
  /** The store key of the API object this instance belongs to (`Pod/default/web`). */
  readonly object: string;
  readonly state: MState;
}

export interface SystemState {
  /** Sorted by id, so equal systems have equal keys. */
  readonly instances: readonly Instance[];
  readonly store: Store;
  /** Faults spent from the model's budget (ModelConstants.maxFaults). */
  readonly faults: number;
}

/** Bounds that keep the state space finite, and switches for environment behaviour. */
export interface ModelConstants {
  /** Container exits allowed while restartCount is below this. */
  maxRestarts: number;
  /** Environment faults (crashes, pull errors, probe failures, node loss) allowed in one run. */
  maxFaults: number;
  /** Whether a user may delete Pods. */
  allowDelete: boolean;
}

export const defaultConstants: ModelConstants = { maxRestarts: 2, maxFaults: 2, allowDelete: true };

export type Actor = 'kubelet' | 'env' | 'user' | 'timer' | 'scheduler' | 'node-controller' | 'controller';

/** An event a component or the environment may send, declared as data next to each machine. */
export interface Offer {
  event: EventLike;
  actor: Actor;
  fault?: boolean;
  /** Rule id deciding, over the instance's view, whether the event may happen now. */
  when?: string;
}

/** One enabled step of the system. */
export interface Action {
  readonly instance: string;
  readonly event: EventLike;
  readonly actor: Actor;
  readonly fault: boolean;
}
