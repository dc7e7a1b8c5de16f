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
  /** Whether an administrator may cordon and uncordon nodes. */
  allowCordon: boolean;
  /** Whether a user may delete PersistentVolumeClaims (reclaim policies come into play). */
  allowDeleteClaims?: boolean;
  /** Whether an administrator may clear a Released or Failed volume's claimRef. */
  allowVolumeAdmin?: boolean;
  /**
   * What users may do to Deployments, each at most once per run: `kubectl set image` (`[container=]image`),
   * `kubectl scale --replicas`, `kubectl rollout undo`, and pause/resume.
   */
  deploymentActions?: { setImage?: string; scaleTo?: number; undo?: boolean; pause?: boolean; delete?: 'Background' | 'Foreground' | 'Orphan' };
  /** Seed of the scheduler's random choice among equally scored nodes (simulation; the checker explores all). */
  seed: number;
}

export const defaultConstants: ModelConstants = { maxRestarts: 2, maxFaults: 2, allowDelete: true, allowCordon: false, seed: 1 };

export type Actor =
  | 'kubelet'
  | 'env'
  | 'user'
  | 'admin'
  | 'timer'
  | 'scheduler'
  | 'node-controller'
  | 'taint-eviction'
  | 'controller'
  | 'pv-controller'
  | 'pvc-protection'
  | 'provisioner'
  | 'external-provisioner'
  | 'attach-detach-controller'
  | 'external-attacher'
  | 'deployment-controller'
  | 'garbage-collector';

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

/**
 * What an instance id names: `node/<node>`, `replicaset/<ns>/<rs>`, `deployment/<ns>/<name>`, `scheduling/<ns>/<pod>`, `pod/<ns>/<pod>`,
 * `pod/<ns>/<pod>/<list>/<container>`, `persistentvolumeclaim/<ns>/<claim>`, `persistentvolume/<pv>`,
 * `attachment/<pv>/<node>`, `volume/<ns>/<pod>/<volume>`.
 */
export interface InstanceRef {
  machine: 'node' | 'scheduler' | 'pod' | 'container' | 'replicaset' | 'deployment' | 'garbage-collector' | 'persistentvolumeclaim' | 'persistentvolume' | 'volume-attachment' | 'volume';
  node?: string;
  namespace?: string;
  name?: string;
  list?: 'initContainers' | 'containers';
  container?: string;
  /** The store key of the Pod, for Pod, container, scheduler and volume instances. */
  podKey?: string;
  /** A PersistentVolume's name (volume and attachment instances), or a Pod's volume name (volume instances). */
  volume?: string;
}

export function instanceRef(id: string): InstanceRef {
  const parts = id.split('/');
  if (parts[0] === 'node') return { machine: 'node', node: parts[1]! };
  if (parts[0] === 'replicaset') return { machine: 'replicaset', namespace: parts[1]!, name: parts[2]! };
  if (parts[0] === 'deployment') return { machine: 'deployment', namespace: parts[1]!, name: parts[2]! };
  if (parts[0] === 'garbage-collector') return { machine: 'garbage-collector' };
  if (parts[0] === 'persistentvolumeclaim') return { machine: 'persistentvolumeclaim', namespace: parts[1]!, name: parts[2]! };
  if (parts[0] === 'persistentvolume') return { machine: 'persistentvolume', name: parts[1]!, volume: parts[1]! };
  if (parts[0] === 'attachment') return { machine: 'volume-attachment', volume: parts[1]!, node: parts[2]! };
  if (parts[0] === 'volume') return { machine: 'volume', namespace: parts[1]!, name: parts[2]!, volume: parts[3]!, podKey: `Pod/${parts[1]}/${parts[2]}` };
  const [, namespace, name, list, container] = parts as [string, string, string, string?, string?];
  const podKey = `Pod/${namespace}/${name}`;
  if (parts[0] === 'scheduling') return { machine: 'scheduler', namespace, name, podKey };
  if (list === 'initContainers' || list === 'containers') return { machine: 'container', namespace, name, list, container: container!, podKey };
  return { machine: 'pod', namespace, name, podKey };
}
