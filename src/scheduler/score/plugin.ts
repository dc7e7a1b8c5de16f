// What one score plugin is to scoreNodes: raw scores for the feasible nodes (or undefined when its PreScore
// returns Skip, so it takes no part in the sum) and, where Kubernetes has one, its NormalizeScore.
import type { Pod } from '../../k8s/types.ts';
import type { ClusterSnapshot, NodeInfo } from '../types.ts';
import type { BoundPods } from './bound-pods.ts';

export interface NodeWithPods {
  readonly node: ClusterSnapshot['nodes'][number];
  readonly pods: readonly Pod[];
}

export interface ScoreContext {
  readonly pod: Pod;
  readonly feasible: readonly NodeInfo[];
  readonly snapshot: ClusterSnapshot;
  /** Kubernetes minor version being reproduced, e.g. 37. */
  readonly minor: number;
  /** Every node of the snapshot with the Pods bound to it (spec.nodeName), in snapshot order; built on first use. */
  readonly allNodes: readonly NodeWithPods[];
  /** The snapshot's Pods grouped by node (bound-pods.ts); built on first use. */
  readonly bound: BoundPods;
}

export interface ScorePlugin {
  readonly name: string;
  /** Raw score per feasible node, in `feasible` order; undefined when PreScore says Skip. */
  score(ctx: ScoreContext): number[] | undefined;
  /** NormalizeScore over the raw scores of all feasible nodes; absent when the plugin has no ScoreExtensions. */
  normalize?(raw: readonly number[], ctx: ScoreContext): number[];
}

/** Pod namespace as the API server defaults it. */
export const namespaceOf = (pod: Pod): string => pod.metadata.namespace ?? 'default';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint that must fit a JS number exactly (scores, millicores, bytes below 2^53). */
export function safeNumber(n: bigint, what: string): number {
  if (n > MAX_SAFE || n < -MAX_SAFE) {
    throw new RangeError(`${what} ${n} is beyond 2^53 and cannot be scored exactly`);
  }
  return Number(n);
}
