// StorageClass lookups shared by the controller and the scheduler (PVC-06, PVC-07, PVC-08, PVC-10):
// GetPersistentVolumeClaimClass / GetPersistentVolumeClass (beta annotation first), PersistentVolumeClaimHasClass,
// util.GetDefaultClass and IsDelayBindingMode (k8s.io/component-helpers/storage/volume, pkg/volume/util).
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../k8s/types.ts';
import { ANN_BETA_DEFAULT_CLASS, ANN_BETA_STORAGE_CLASS, ANN_DEFAULT_CLASS } from './constants.ts';

/** The class a claim asks for: the beta annotation if present, else spec.storageClassName, else "". */
export function claimClass(claim: PersistentVolumeClaim): string {
  const beta = claim.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (beta !== undefined) return beta;
  return claim.spec.storageClassName ?? '';
}

/** The class a PV belongs to: the beta annotation if present, else spec.storageClassName ("" when unset). */
export function volumeClass(pv: PersistentVolume): string {
  const beta = pv.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (beta !== undefined) return beta;
  return pv.spec.storageClassName ?? '';
}

/**
 * The user asked for a class, even "" (PVC-08): only a claim with neither the field nor the annotation gets
 * the default written by admission (PVC-07) or, since 1.28, retroactively by the controller.
 */
export function claimHasClass(claim: PersistentVolumeClaim): boolean {
  return claim.spec.storageClassName !== undefined || claim.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined;
}

export const isDefaultClass = (sc: StorageClass): boolean =>
  sc.metadata.annotations?.[ANN_DEFAULT_CLASS] === 'true' || sc.metadata.annotations?.[ANN_BETA_DEFAULT_CLASS] === 'true';

/** A class without creationTimestamp sorts as the oldest, like Go's zero time. */
const created = (sc: StorageClass): number => {
  const t = sc.metadata.creationTimestamp === undefined ? Number.NaN : Date.parse(sc.metadata.creationTimestamp);
  return Number.isNaN(t) ? -Infinity : t;
};

/** Every default class, in the order GetDefaultClass prefers them: newest by creationTimestamp, then name. */
export function defaultClasses(classes: readonly StorageClass[]): StorageClass[] {
  return classes
    .filter(isDefaultClass)
    .sort((a, b) => created(b) - created(a) || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

/**
 * PVC-07: the class annotated is-default-class "true"; when several are, the newest by creationTimestamp,
 * then the lowest name (two defaults created 10:00 and 10:05 → the 10:05 one).
 */
export function defaultStorageClass(classes: readonly StorageClass[]): StorageClass | undefined {
  return defaultClasses(classes)[0];
}

export function findClass(classes: readonly StorageClass[], name: string): StorageClass | undefined {
  return classes.find((sc) => sc.metadata.name === name);
}

/**
 * PVC-10: the claim's class exists and says WaitForFirstConsumer. A claim without class, or naming a class
 * that does not exist, binds immediately. An unset volumeBindingMode is the API default, Immediate.
 */
export function isDelayBinding(claim: PersistentVolumeClaim, classes: readonly StorageClass[]): boolean {
  const name = claimClass(claim);
  if (name === '') return false;
  return findClass(classes, name)?.volumeBindingMode === 'WaitForFirstConsumer';
}
