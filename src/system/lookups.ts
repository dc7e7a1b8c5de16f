// Small reads of a state's store that the interpreter needs in several places: a Pod's minReadySeconds, the
// storage objects the scheduler reads, whether a Pod's claims are bound.
import type { PersistentVolume, PersistentVolumeClaim, Pod, ReplicaSet, StorageClass } from '../k8s/types.ts';
import type { ClusterSnapshot } from '../scheduler/types.ts';
import type { SystemState } from './types.ts';

/** spec.minReadySeconds of the ReplicaSet controlling the Pod (0 for Pods no ReplicaSet controls). */
export function minReadySecondsOf(state: SystemState, pod: Pod | undefined): number {
  const owner = pod?.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'ReplicaSet');
  if (!owner || !pod) return 0;
  const rs = state.store.objects.get(`ReplicaSet/${pod.metadata.namespace ?? 'default'}/${owner.name}`) as unknown as ReplicaSet | undefined;
  return rs?.spec.minReadySeconds ?? 0;
}

/** The storage objects the scheduler's VolumeBinding plugin reads. */
export function storageOf(state: SystemState): Pick<ClusterSnapshot, 'persistentVolumeClaims' | 'persistentVolumes' | 'storageClasses'> {
  const persistentVolumeClaims: PersistentVolumeClaim[] = [];
  const persistentVolumes: PersistentVolume[] = [];
  const storageClasses: StorageClass[] = [];
  for (const o of state.store.objects.values()) {
    if (o.kind === 'PersistentVolumeClaim') persistentVolumeClaims.push(o as unknown as PersistentVolumeClaim);
    else if (o.kind === 'PersistentVolume') persistentVolumes.push(o as unknown as PersistentVolume);
    else if (o.kind === 'StorageClass') storageClasses.push(o as unknown as StorageClass);
  }
  return { persistentVolumeClaims, persistentVolumes, storageClasses };
}

/** Every claim the Pod's volumes name exists and is Bound. */
export function podClaimsBound(state: SystemState, pod: Pod): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  return (pod.spec.volumes ?? []).every((v) => {
    if (!v.persistentVolumeClaim) return true;
    const claim = state.store.objects.get(`PersistentVolumeClaim/${ns}/${v.persistentVolumeClaim.claimName}`) as unknown as PersistentVolumeClaim | undefined;
    return claim?.status?.phase === 'Bound';
  });
}
