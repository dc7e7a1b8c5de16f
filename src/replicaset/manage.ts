// manageReplicas (pkg/controller/replicaset/replica_set.go): one sync compares the owned active Pods with
// spec.replicas and creates or deletes the difference (ROLL-01, CTRL-01), at most burstReplicas (500) per
// sync; rule replicaset-controller/manage-replicas decides. Creates go out in slow-start batches of 1, 2,
// 4, … and stop after the first batch with a failure, so a quota refusal costs one call, not 500 (CTRL-03).
// Expectations (waiting to observe its own creates/deletes before acting again) are the caller's: pass
// expectationsSatisfied: false to get the no-op syncReplicaSet performs while they are pending.
import type { Pod, ReplicaSet } from '../k8s/types.ts';
import { getRule } from '../rules/registry.ts';
import { successfulDelete, type ReplicaSetEvent } from './events.ts';
import { podsToDelete, type DeletionOptions } from './pods-to-delete.ts';

/** kube-controller-manager's BurstReplicas for the ReplicaSet controller. */
export const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface ManageOptions extends DeletionOptions {
  burstReplicas?: number;
  /** rsc.expectations.SatisfiedExpectations; default true. */
  expectationsSatisfied?: boolean;
}

export type ManageReplicasResult =
  /** Pods to create from the template, named generateName + 5 random characters by the API server. */
  | { create: number; generateName: string; batches: number[] }
  /** Pods to delete, in deletion order, and the Event each successful delete records. */
  | { delete: Pod[]; events: ReplicaSetEvent[] }
  | Record<string, never>;

/**
 * slowStartBatch's batch sizes: start at `initial`, double after each fully successful batch, never past
 * what remains. Examples: 1 → [1]; 7 → [1, 2, 4]; 10 → [1, 2, 4, 3]; 500 → [1, 2, 4, …, 128, 245].
 */
export function slowStartBatches(count: number, initial = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const batches: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    batches.push(size);
    remaining -= size;
  }
  return batches;
}

/**
 * slowStartBatch's outcome when call number `i` (0-based, in batch order) fails iff `fails(i)`: the batch
 * holding the first failure still runs to its end, later batches are skipped. Example: 10 creates, call 4
 * fails → batches [1, 2] succeed, batch [3..6] runs with one failure: attempted 7, succeeded 6, skipped 3.
 */
export function slowStart(count: number, fails: (call: number) => boolean, initial = SLOW_START_INITIAL_BATCH_SIZE): { attempted: number; succeeded: number; skipped: number } {
  let attempted = 0;
  let succeeded = 0;
  for (const size of slowStartBatches(count, initial)) {
    let failures = 0;
    for (let i = attempted; i < attempted + size; i++) if (fails(i)) failures++;
    attempted += size;
    succeeded += size - failures;
    if (failures > 0) break;
  }
  return { attempted, succeeded, skipped: count - attempted };
}

/**
 * One sync's action. `ownedActivePods` is what claimPods returned over the active Pods. Example: replicas 2,
 * 4 owned Pods (one Pending, one not ready, two ready) → delete the Pending and the not-ready Pod.
 */
export function manageReplicas(rs: ReplicaSet, ownedActivePods: readonly Pod[], opts: ManageOptions): ManageReplicasResult {
  // syncReplicaSet only calls manageReplicas when expectations are met and the ReplicaSet is not being deleted.
  if (opts.expectationsSatisfied === false || rs.metadata.deletionTimestamp !== undefined) return {};
  const facts = { active: ownedActivePods.length, replicas: rs.spec.replicas ?? 1, burstReplicas: opts.burstReplicas ?? BURST_REPLICAS };
  const [action, count] = getRule('replicaset-controller/manage-replicas').evaluate(facts) as ['create' | 'delete' | 'none', number];
  if (action === 'create') return { create: count, generateName: `${rs.metadata.name}-`, batches: slowStartBatches(count) };
  if (action === 'delete') {
    const doomed = podsToDelete(ownedActivePods, count, opts);
    return { delete: doomed, events: doomed.map((p) => successfulDelete(p.metadata.name)) };
  }
  return {};
}
