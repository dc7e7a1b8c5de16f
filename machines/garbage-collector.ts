// The garbage collector (pkg/controller/garbagecollector, current release; GC-01..GC-04) as one instance for
// the cluster: each GC_STEP is one action of its workers, computed from the ownerReferences graph by
// src/gc (gcStep: delete a dependent whose owners are gone, delete dependents of an owner deleted in the
// foreground and then lift its foregroundDeletion finalizer, or drop the ownerReferences to an owner
// deleted with orphan propagation and then lift its orphan finalizer). The action is the event's payload.
// Covers GC-01, GC-02, GC-03, GC-04, ROLL-02.

export interface GarbageCollectorContext {
  name: string;
}

export type GarbageCollectorEvent = { type: 'GC_STEP'; action: unknown };

export const bindings = { guards: {}, actions: {} } as const;

export const garbageCollectorMachineConfig = {
  id: 'garbage-collector',
  initial: 'Running',
  states: {
    Running: { on: { GC_STEP: {} } },
  },
} as const;

export const garbageCollectorEvents: GarbageCollectorEvent[] = [{ type: 'GC_STEP', action: { type: 'delete', key: 'Pod/default/web-1' } }];

export function garbageCollectorContext(): GarbageCollectorContext {
  return { name: 'garbage-collector' };
}
