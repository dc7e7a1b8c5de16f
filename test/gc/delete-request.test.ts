// What the API server does at once with a DELETE (GC-03, GC-04): remove the object, or leave it with a
// deletionTimestamp and the foregroundDeletion / orphan finalizer; and each resource's default policy.
import { describe, expect, it } from 'vitest';
import { defaultGarbageCollectionPolicy, deleteRequest, type DeleteRequestOptions, type PropagationPolicy } from '../../src/gc/index.ts';
import { obj } from './support.ts';

interface Row {
  name: string;
  kind: string;
  finalizers?: string[];
  deleting?: boolean;
  policy: PropagationPolicy | undefined;
  opts: DeleteRequestOptions;
  /** 'deleted', or the finalizers left on the object being deleted. */
  expected: 'deleted' | string[];
}

const rows: Row[] = [
  { name: 'GC-03: kubectl delete deployment (background) → removed at once', kind: 'Deployment', policy: undefined, opts: { viaKubectl: true }, expected: 'deleted' },
  { name: 'GC-03: plain API DELETE of an apps/v1 Deployment → DeleteDependents default, removed at once', kind: 'Deployment', policy: undefined, opts: {}, expected: 'deleted' },
  { name: 'GC-03: Foreground → kept with [foregroundDeletion]', kind: 'Deployment', policy: 'Foreground', opts: { viaKubectl: true }, expected: ['foregroundDeletion'] },
  { name: 'GC-04: Orphan → kept with [orphan]', kind: 'ReplicaSet', policy: 'Orphan', opts: { viaKubectl: true }, expected: ['orphan'] },
  { name: 'GC-04: plain API DELETE of a batch/v1 Job → OrphanDependents default, kept with [orphan]', kind: 'Job', policy: undefined, opts: {}, expected: ['orphan'] },
  { name: 'GC-03: kubectl delete job sends Background → removed at once, Pods collected', kind: 'Job', policy: undefined, opts: { viaKubectl: true }, expected: 'deleted' },
  { name: 'GC-04: plain API DELETE of a v1 ReplicationController → orphans', kind: 'ReplicationController', policy: undefined, opts: {}, expected: ['orphan'] },
  { name: 'GC-04: plain API DELETE of an extensions/v1beta1 Deployment (≤ 1.15) → orphans', kind: 'Deployment', policy: undefined, opts: { apiVersion: 'extensions/v1beta1' }, expected: ['orphan'] },
  { name: 'GC-03: another finalizer keeps a background-deleted object, with only that finalizer', kind: 'ConfigMap', finalizers: ['example.com/hold'], policy: 'Background', opts: {}, expected: ['example.com/hold'] },
  { name: 'GC-03: Foreground appends after other finalizers', kind: 'ConfigMap', finalizers: ['example.com/hold'], policy: 'Foreground', opts: {}, expected: ['example.com/hold', 'foregroundDeletion'] },
  { name: 'GC-04: Orphan replaces a pending foregroundDeletion on an object already being deleted', kind: 'Deployment', finalizers: ['foregroundDeletion'], deleting: true, policy: 'Orphan', opts: {}, expected: ['orphan'] },
  { name: 'GC-03: Background on an object waiting in foreground drops the finalizer → removed now', kind: 'Deployment', finalizers: ['foregroundDeletion'], deleting: true, policy: 'Background', opts: {}, expected: 'deleted' },
  { name: 'GC-03: no policy keeps the foregroundDeletion already there', kind: 'Deployment', finalizers: ['foregroundDeletion'], deleting: true, policy: undefined, opts: {}, expected: ['foregroundDeletion'] },
  { name: 'GC-04: the deprecated orphanDependents=true wins over Background', kind: 'Deployment', policy: 'Background', opts: { orphanDependents: true }, expected: ['orphan'] },
];

describe('deleteRequest: the API server\'s immediate answer to a DELETE', () => {
  for (const row of rows) {
    it(row.name, () => {
      const object = obj(row.kind, 'x', {
        ...(row.finalizers ? { finalizers: row.finalizers } : {}),
        ...(row.deleting ? { deletionTimestamp: '2025-12-31T23:59:00Z' } : {}),
      });
      const outcome = deleteRequest(object, row.policy, { ...row.opts, now: '2026-01-01T00:00:00Z' });
      if (row.expected === 'deleted') {
        expect(outcome.result).toBe('deleted');
      } else {
        expect(outcome.result === 'deleting' && outcome.object.finalizers).toEqual(row.expected);
        expect(outcome.result === 'deleting' && outcome.object.deletionTimestamp).toBe(row.deleting ? '2025-12-31T23:59:00Z' : '2026-01-01T00:00:00Z');
      }
    });
  }

  it('GC-03: kubectl\'s DELETE names Background explicitly; a plain API DELETE names none', () => {
    expect(deleteRequest(obj('Deployment', 'web'), undefined, { viaKubectl: true }).propagationPolicy).toBe('Background');
    expect(deleteRequest(obj('Deployment', 'web'), undefined, {}).propagationPolicy).toBeUndefined();
  });
});

describe('defaultGarbageCollectionPolicy per resource', () => {
  const rows: [name: string, kind: string, apiVersion: string | undefined, expected: string][] = [
    ['GC-03: apps/v1 Deployment → DeleteDependents', 'Deployment', undefined, 'DeleteDependents'],
    ['GC-03: apps/v1 ReplicaSet → DeleteDependents', 'ReplicaSet', 'apps/v1', 'DeleteDependents'],
    ['GC-04: apps/v1beta2 StatefulSet → OrphanDependents (back-compat)', 'StatefulSet', 'apps/v1beta2', 'OrphanDependents'],
    ['GC-04: batch/v1 Job → OrphanDependents (back-compat)', 'Job', undefined, 'OrphanDependents'],
    ['GC-03: batch/v1 CronJob → DeleteDependents', 'CronJob', 'batch/v1', 'DeleteDependents'],
    ['GC-04: batch/v1beta1 CronJob → OrphanDependents', 'CronJob', 'batch/v1beta1', 'OrphanDependents'],
    ['GC-04: v1 ReplicationController → OrphanDependents', 'ReplicationController', undefined, 'OrphanDependents'],
    ['GC-03: Pod (no strategy default) → DeleteDependents', 'Pod', undefined, 'DeleteDependents'],
  ];
  for (const [name, kind, apiVersion, expected] of rows) it(name, () => expect(defaultGarbageCollectionPolicy(kind, apiVersion)).toBe(expected));
});
