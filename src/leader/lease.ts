// The Lease object (coordination.k8s.io/v1) the candidates compete for, and the canonical form that keeps
// the leader-election state space finite.
// Times are model seconds on the one clock the API server and every candidate share (no skew, LEAD-04).
// Two abstractions, both exact for what the model reads:
// - resourceVersion is opaque and compared only for equality (API-03): every write makes all earlier
//   versions stale for ever, so the stored version becomes "1" and a candidate's copy "1" (current) or "0"
//   (stale) after every step;
// - time is relative: nothing compares instants further apart than `horizon` (the longest timeout plus one
//   tick), so once `now` passes the horizon, every instant shifts down and older ones stop at 0.
import { createObject, objectKey, updateObject, type Store, type StoredObject, type WriteResult } from '../system/store.ts';

export const LEASE_NAMESPACE = 'kube-system';
export const LEASE_NAME = 'kube-scheduler';

/** Lease spec as leaselock.go writes it (LEAD-02); acquireTime and renewTime in model seconds. */
export interface LeaseSpec {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: number;
  renewTime: number;
  leaseTransitions: number;
}

export interface LeaseObject extends StoredObject {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  spec: LeaseSpec;
}

const KEY = objectKey('Lease', LEASE_NAME, LEASE_NAMESPACE);

export function readLease(store: Store): LeaseObject | undefined {
  return store.objects.get(KEY) as LeaseObject | undefined;
}

/** Create when the candidate saw no Lease, else update with the resourceVersion it read (API-03). */
export function writeLease(store: Store, spec: LeaseSpec, readVersion: string | null): WriteResult {
  const metadata = { name: LEASE_NAME, namespace: LEASE_NAMESPACE };
  if (readVersion === null) return createObject(store, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata, spec });
  const current = readLease(store);
  return updateObject(store, { ...(current ?? { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' }), metadata: { ...current?.metadata, ...metadata, resourceVersion: readVersion }, spec });
}

/** The store with the Lease at resourceVersion "1", and how a candidate's remembered version maps. */
export function canonicalStore(store: Store, shift: number): { store: Store; version: (rv: string | null) => string | null } {
  const lease = readLease(store);
  if (!lease) return { store: { objects: store.objects, revision: 0 }, version: (rv) => (rv === null ? null : '0') };
  const current = lease.metadata.resourceVersion;
  const spec = shift === 0 ? lease.spec : { ...lease.spec, acquireTime: Math.max(lease.spec.acquireTime - shift, 0), renewTime: Math.max(lease.spec.renewTime - shift, 0) };
  const stored: LeaseObject = { ...lease, metadata: { ...lease.metadata, resourceVersion: '1' }, spec };
  return {
    store: { objects: new Map([[KEY, stored]]), revision: 1 },
    version: (rv) => (rv === null ? null : rv === current ? '1' : '0'),
  };
}
