// DefaultStorageClass (PVC-07, PVC-08): plugin/pkg/admission/storage/storageclass/setdefault/admission.go,
// choosing with GetDefaultClass in pkg/apis/storage/util/helpers.go. On CREATE of a PersistentVolumeClaim
// that asks for no class — spec.storageClassName absent and no beta annotation
// volume.beta.kubernetes.io/storage-class — it writes the default class's name into spec.storageClassName.
// A class is default when annotation storageclass.kubernetes.io/is-default-class (or its beta twin) is
// exactly "true". storageClassName "" is a request for "no class" and is left alone (PVC-08); PVs and
// updates pass untouched (PVC-07). No default class: the claim is admitted as it is.
//
// Several defaults: since 1.26 (kubernetes#110559) the newest by creationTimestamp wins, ties going to the
// alphabetically first name (classes "b" and "a" created in the same second → "a"); before, the claim was
// rejected: `persistentvolumeclaims "data" is forbidden: Internal error occurred: 2 default StorageClasses
// were found`.
import type { PersistentVolumeClaim } from '../k8s/types.ts';
import { claimHasClass, defaultClasses } from '../storage/binding/classes.ts';
import { forbidden, type Attributes, type ClusterState, type MutationStep } from './types.ts';

const NEWEST_DEFAULT_WINS_SINCE_MINOR = 26;

export function defaultStorageClassMutate(attrs: Attributes, cluster: ClusterState): MutationStep {
  if (attrs.kind !== 'PersistentVolumeClaim' || attrs.operation !== 'CREATE') return { object: attrs.object };
  const pvc = attrs.object as PersistentVolumeClaim;
  if (claimHasClass(pvc)) return { object: pvc };
  const defaults = defaultClasses(cluster.storageClasses ?? []);
  const chosen = defaults[0];
  if (chosen === undefined) return { object: pvc };
  if (defaults.length > 1 && attrs.minor < NEWEST_DEFAULT_WINS_SINCE_MINOR)
    return { status: forbidden(attrs.kind, attrs.name, `Internal error occurred: ${defaults.length} default StorageClasses were found`) };
  return { object: { ...pvc, spec: { ...pvc.spec, storageClassName: chosen.metadata.name } } };
}
