// StorageObjectInUseProtection (PVC-02, PVC-14): plugin/pkg/admission/storage/storageobjectinuseprotection/
// admission.go. On CREATE it appends finalizer kubernetes.io/pvc-protection to every PersistentVolumeClaim
// and kubernetes.io/pv-protection to every PersistentVolume, unless already there. The finalizers keep a
// claim a running Pod uses, and a volume a claim is bound to, from vanishing on delete: the PVC- and
// PV-protection controllers remove them once nothing refers to the object any more.
// Left out: the subresource check (the model creates no subresources).
import type { ObjectMeta, PersistentVolume, PersistentVolumeClaim } from '../k8s/types.ts';
import type { Attributes, MutationStep } from './types.ts';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** src/k8s/types.ts has no metadata.finalizers yet; this plugin is the first writer. */
export type MetaWithFinalizers = ObjectMeta & { finalizers?: string[] };

export function finalizersOf(object: { metadata: ObjectMeta }): readonly string[] {
  return (object.metadata as MetaWithFinalizers).finalizers ?? [];
}

export function storageObjectInUseProtection(attrs: Attributes): MutationStep {
  if (attrs.operation !== 'CREATE') return { object: attrs.object };
  const finalizer =
    attrs.kind === 'PersistentVolumeClaim' ? PVC_PROTECTION_FINALIZER : attrs.kind === 'PersistentVolume' ? PV_PROTECTION_FINALIZER : undefined;
  if (finalizer === undefined) return { object: attrs.object };
  const object = attrs.object as PersistentVolume | PersistentVolumeClaim;
  const finalizers = finalizersOf(object);
  if (finalizers.includes(finalizer)) return { object };
  const metadata: MetaWithFinalizers = { ...object.metadata, finalizers: [...finalizers, finalizer] };
  return { object: { ...object, metadata } };
}
