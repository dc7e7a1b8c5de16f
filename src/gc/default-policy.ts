// DefaultGarbageCollectionPolicy per resource (pkg/registry/*/strategy.go): what a DELETE without
// propagationPolicy does (GC-03, GC-04). Every resource whose strategy says nothing deletes dependents in
// background; a few keep their pre-garbage-collector behaviour and orphan. kubectl never relies on this: it
// always sends a policy (background unless --cascade says otherwise).
import type { GarbageCollectionPolicy } from './types.ts';

interface LegacyOrphaning {
  kind: string;
  /** The group/versions that still orphan by default; any other version deletes dependents. */
  orphanIn: readonly string[];
  why: string;
}

const LEGACY_ORPHANING: readonly LegacyOrphaning[] = [
  // pkg/registry/batch/job/strategy.go: "OrphanDependents for batch/v1 for backwards compatibility".
  { kind: 'Job', orphanIn: ['batch/v1'], why: 'batch/v1 Jobs orphan their Pods by default' },
  // pkg/registry/core/replicationcontroller/strategy.go: OrphanDependents for core v1.
  { kind: 'ReplicationController', orphanIn: ['v1'], why: 'v1 ReplicationControllers orphan their Pods by default' },
  // CronJob orphaned in batch/v1beta1 and batch/v2alpha1 (no longer served since 1.25); batch/v1 deletes.
  { kind: 'CronJob', orphanIn: ['batch/v1beta1', 'batch/v2alpha1'], why: 'pre-v1 CronJobs orphaned their Jobs' },
  // apps/v1beta1, apps/v1beta2 and extensions/v1beta1 orphaned (no longer served since 1.16); apps/v1 deletes.
  ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].map((kind) => ({
    kind,
    orphanIn: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'],
    why: 'pre-apps/v1 workloads orphaned by default',
  })),
];

/** The preferred version a client uses for a kind when none is given. */
const PREFERRED_VERSION: Readonly<Record<string, string>> = {
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  ReplicationController: 'v1',
  Pod: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ControllerRevision: 'apps/v1',
};

/**
 * The resource's default when a DELETE names no policy:
 * Job batch/v1 → OrphanDependents; ReplicationController v1 → OrphanDependents; Deployment apps/v1 →
 * DeleteDependents; Deployment extensions/v1beta1 → OrphanDependents; Pod, ConfigMap, … → DeleteDependents.
 */
export function defaultGarbageCollectionPolicy(kind: string, apiVersion?: string): GarbageCollectionPolicy {
  const version = apiVersion ?? PREFERRED_VERSION[kind];
  const legacy = LEGACY_ORPHANING.find((l) => l.kind === kind);
  return legacy !== undefined && version !== undefined && legacy.orphanIn.includes(version) ? 'OrphanDependents' : 'DeleteDependents';
}
