// The scheduler in the transition system: one scheduler-machine instance per pending Pod that the default
// scheduler owns (SCHED-01, SCHED-25). A cycle runs src/scheduler's filter and score plugins on the cluster
// as the state shows it; every node with the top score is a possible binding (the real scheduler picks one
// at random, so the checker explores each), and no feasible node gives FailedScheduling with the exact
// message. A parked Pod is retried only when the cluster it was judged against has changed.
import type { Pod } from '../k8s/types.ts';
import { schedule } from '../scheduler/schedule.ts';
import type { ClusterSnapshot, ScheduleResult } from '../scheduler/types.ts';
import type { CompiledStatechart } from './statechart.ts';
import type { Instance } from './types.ts';
import { schedulerContext } from '../../machines/scheduler.ts';

export const DEFAULT_SCHEDULER = 'default-scheduler';

export function needsScheduler(pod: Pod): boolean {
  return !pod.spec.nodeName && (pod.spec.schedulerName ?? DEFAULT_SCHEDULER) === DEFAULT_SCHEDULER;
}

export function schedulerInstance(pod: Pod, machine: CompiledStatechart): Instance {
  const ns = pod.metadata.namespace ?? 'default';
  const key = `${ns}/${pod.metadata.name}`;
  return { id: `scheduling/${key}`, machine: 'scheduler', object: `SchedulingQueue/${key}`, state: machine.initial(schedulerContext(key)) };
}

/** The store key of the Pod a scheduler instance schedules: `SchedulingQueue/ns/name` → `Pod/ns/name`. */
export function podKeyOf(inst: Instance): string {
  return `Pod/${inst.object.slice('SchedulingQueue/'.length)}`;
}

/**
 * What a scheduling cycle must be re-run for: the nodes as the scheduler sees them and where Pods are bound.
 * Two states with the same key give the same cycle result.
 */
export function clusterKey(snapshot: ClusterSnapshot): string {
  const nodes = snapshot.nodes.map(
    (n) =>
      `${n.metadata.name}:${n.spec?.unschedulable ? 'u' : ''}:${(n.spec?.taints ?? []).map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`).join(';')}:${JSON.stringify(n.metadata.labels ?? {})}`,
  );
  const pods = snapshot.pods.filter((p) => p.spec.nodeName).map((p) => `${p.metadata.namespace}/${p.metadata.name}@${p.spec.nodeName}`);
  // VolumeBinding reads claims and volumes: a binding or a new volume can make a parked Pod schedulable.
  const claims = (snapshot.persistentVolumeClaims ?? []).map((c) => `${c.metadata.namespace}/${c.metadata.name}:${c.spec.volumeName ?? ''}:${c.status?.phase ?? ''}`);
  const volumes = (snapshot.persistentVolumes ?? []).map((v) => `${v.metadata.name}:${v.status?.phase ?? ''}:${v.spec.claimRef?.name ?? ''}`);
  const storage = claims.length + volumes.length > 0 ? `#${claims.sort().join('|')}#${volumes.sort().join('|')}` : '';
  return `${nodes.join('|')}#${pods.sort().join('|')}${storage}`;
}

export type CycleOutcome =
  | { kind: 'bind'; nodes: string[]; result: ScheduleResult }
  | { kind: 'fail'; message: string; result: ScheduleResult; preempt?: { node: string; victims: string[] } };

/** One scheduling cycle for `pod`; `nodes` are every node with the top total score, in name order. */
export function runCycle(pod: Pod, snapshot: ClusterSnapshot, kubernetesVersion: string, seed: number): CycleOutcome {
  const result = schedule(pod, snapshot, { kubernetesVersion, seed });
  if (!result.ok) return { kind: 'fail', message: result.message, result, ...(result.nominated ? { preempt: result.nominated } : {}) };
  const best = Math.max(...result.scores.map((s) => s.total));
  const nodes = result.scores.filter((s) => s.total === best).map((s) => s.node).sort();
  return { kind: 'bind', nodes: nodes.length > 0 ? nodes : [result.node], result };
}
