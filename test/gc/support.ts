// Fixtures for the garbage-collector tests: the Deployment → ReplicaSet → Pod chain the controllers build
// (GC-01, ROLL-02; both references are controller references with blockOwnerDeletion: true, as
// metav1.NewControllerRef writes them), and helpers to drive the collector and read what vanished when.
import { applyGcAction, deleteRequest, gcKey, gcStep, type GcAction, type GcObject, type PropagationPolicy } from '../../src/gc/index.ts';
import type { OwnerReference } from '../../src/k8s/types.ts';

export function obj(kind: string, name: string, extra: Partial<GcObject> = {}): GcObject {
  return { key: gcKey(kind, name, 'default'), kind, name, namespace: 'default', uid: `uid-${name}`, ...extra };
}

export function ref(owner: GcObject, extra: Partial<OwnerReference> = {}): OwnerReference {
  const apiVersion = owner.kind === 'Pod' ? 'v1' : 'apps/v1';
  return { apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true, ...extra };
}

/** Deployment web → ReplicaSet web-1 → Pods web-1-a, web-1-b; `block` sets every blockOwnerDeletion (null: unset). */
export function chain(blockOwnerDeletion: boolean | null = true): GcObject[] {
  const block = blockOwnerDeletion ?? undefined;
  const d = obj('Deployment', 'web');
  const rs = obj('ReplicaSet', 'web-1', { ownerReferences: [ref(d, { blockOwnerDeletion: block })] });
  const podA = obj('Pod', 'web-1-a', { ownerReferences: [ref(rs, { blockOwnerDeletion: block })] });
  const podB = obj('Pod', 'web-1-b', { ownerReferences: [ref(rs, { blockOwnerDeletion: block })] });
  return [d, rs, podA, podB];
}

export const D = gcKey('Deployment', 'web', 'default');
export const RS = gcKey('ReplicaSet', 'web-1', 'default');
export const POD_A = gcKey('Pod', 'web-1-a', 'default');
export const POD_B = gcKey('Pod', 'web-1-b', 'default');

/** The user's DELETE of `key` (through kubectl when `policy` is undefined and viaKubectl is set). */
export function userDelete(objects: readonly GcObject[], key: string, policy: PropagationPolicy | undefined, viaKubectl = true): GcObject[] {
  const target = objects.find((o) => o.key === key);
  if (!target) throw new Error(`no object ${key}`);
  const outcome = deleteRequest(target, policy, { viaKubectl, now: '2026-01-01T00:00:00Z' });
  return objects.flatMap((o) => (o.key !== key ? [o] : outcome.result === 'deleted' ? [] : [outcome.object]));
}

export interface Snapshot {
  present: string[];
  deleting: string[];
}

const snap = (objects: readonly GcObject[]): Snapshot => ({
  present: objects.map((o) => o.key),
  deleting: objects.filter((o) => o.deletionTimestamp !== undefined).map((o) => o.key),
});

/** Runs the collector to the end, choosing with `choose`; returns every intermediate snapshot and the steps. */
export function drive(objects: readonly GcObject[], choose: (enabled: readonly GcAction[]) => GcAction = (e) => e[0] as GcAction) {
  const snapshots: Snapshot[] = [snap(objects)];
  const trace: GcAction[] = [];
  let current = [...objects];
  for (let i = 0; i < 1000; i++) {
    const enabled = gcStep(current);
    if (enabled.length === 0) break;
    const action = choose(enabled);
    trace.push(action);
    current = applyGcAction(current, action);
    snapshots.push(snap(current));
  }
  return { objects: current, snapshots, trace, settled: gcStep(current).length === 0 };
}

/** Keys in the order they vanished (those gone together share a step; within one, sorted). */
export function vanishOrder(start: readonly GcObject[], snapshots: readonly Snapshot[]): string[][] {
  const steps: string[][] = [];
  let before = start.map((o) => o.key);
  for (const s of snapshots) {
    const gone = before.filter((k) => !s.present.includes(k)).sort();
    if (gone.length > 0) steps.push(gone);
    before = s.present;
  }
  return steps;
}


/** Every worker order: the snapshot sequence of each maximal run (DFS; small graphs only, capped at `limit` runs). */
export function allRuns(objects: readonly GcObject[], limit = 5000): Snapshot[][] {
  const runs: Snapshot[][] = [];
  const walk = (current: GcObject[], path: Snapshot[]): void => {
    if (runs.length >= limit) return;
    const enabled = gcStep(current);
    if (enabled.length === 0) {
      runs.push(path);
      return;
    }
    for (const action of enabled) {
      const next = applyGcAction(current, action);
      walk(next, [...path, snap(next)]);
    }
  };
  walk([...objects], [snap(objects)]);
  return runs;
}

/** The step (index into the run) at which `key` is no longer present; Infinity when it survives. */
export function goneAt(run: readonly Snapshot[], key: string): number {
  const i = run.findIndex((s) => !s.present.includes(key));
  return i === -1 ? Infinity : i;
}
