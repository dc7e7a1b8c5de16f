// The columns of `kubectl get pvc` and `kubectl get pv`, as the API server's table printer writes them:
// printPersistentVolumeClaim / printPersistentVolume and their column definitions in
// pkg/printers/internalversion/printers.go (PVC-01, PVC-02, PVC-14).
//
// - ACCESS MODES: GetAccessModesAsString (pkg/apis/core/helper): duplicates dropped, always in the order
//   RWO, ROX, RWX, RWOP whatever the spec's order, joined by "," (["ReadWriteMany","ReadWriteOnce"] → "RWO,RWX").
// - A claim shows VOLUME, CAPACITY and ACCESS MODES only once spec.volumeName is set, and then from its
//   status (status.capacity.storage, "0" if the status has none yet): a Pending claim's request is not shown.
// - A volume's CAPACITY is spec.capacity.storage; CLAIM is "<claimRef.namespace>/<claimRef.name>", empty
//   without a claimRef (a Released volume keeps its claimRef, so the gone claim is still named).
// - STORAGECLASS: the beta annotation volume.beta.kubernetes.io/storage-class wins over storageClassName.
// - STATUS is the phase, or "Terminating" once deletionTimestamp is set (a claim held by pvc-protection).
// - VOLUMEATTRIBUTESCLASS (KEP-3751, kubernetes#121104, 1.29+) shows "<unset>" without
//   spec.volumeAttributesClassName; VOLUMEMODE is a -o wide column (kubernetes#76646, 1.15+), "<unset>" when nil.
// Quantities print as resource.Quantity's String() does: "1Gi" stays, "1024Mi" → "1Gi", "1.5Gi" → "1536Mi",
// and an absent one is the zero Quantity, "0".
import type { PersistentVolume, PersistentVolumeAccessMode, PersistentVolumeClaim } from '../k8s/types.ts';
import { tryParseQuantity } from '../k8s/quantity.ts';
import { parseKubernetesMinor } from '../k8s/version.ts';
import { timestampAge } from './age.ts';

export interface StorageColumnOptions {
  /** `-o wide`: adds VOLUMEMODE. */
  wide?: boolean;
}

const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
/** First release whose printers have the VolumeAttributesClass column. */
const VAC_COLUMN_SINCE = 29;

const ABBREVIATIONS: readonly [PersistentVolumeAccessMode, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** GetAccessModesAsString: ["ReadWriteOncePod","ReadWriteOnce","ReadWriteOnce"] → "RWO,RWOP"; [] → "". */
export function accessModesString(modes: readonly string[] | undefined): string {
  const present = new Set(modes ?? []);
  return ABBREVIATIONS.filter(([mode]) => present.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/** Quantity.String() of a stored quantity; the zero Quantity (absent) prints "0". */
function quantityCell(text: string | undefined): string {
  if (text === undefined) return '0';
  return tryParseQuantity(text)?.toString() ?? text;
}

const hasVacColumn = (kubernetesVersion: string): boolean => parseKubernetesMinor(kubernetesVersion) >= VAC_COLUMN_SINCE;

const optionalName = (value: unknown): string => (typeof value === 'string' ? value : '<unset>');

/** `kubectl get pvc` headers: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS [VOLUMEATTRIBUTESCLASS] AGE [VOLUMEMODE]. */
export function pvcHeaders(kubernetesVersion: string, opts: StorageColumnOptions = {}): string[] {
  return [
    'NAME',
    'STATUS',
    'VOLUME',
    'CAPACITY',
    'ACCESS MODES',
    'STORAGECLASS',
    ...(hasVacColumn(kubernetesVersion) ? ['VOLUMEATTRIBUTESCLASS'] : []),
    'AGE',
    ...(opts.wide ? ['VOLUMEMODE'] : []),
  ];
}

/** `kubectl get pv` headers: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS [VOLUMEATTRIBUTESCLASS] REASON AGE [VOLUMEMODE]. */
export function pvHeaders(kubernetesVersion: string, opts: StorageColumnOptions = {}): string[] {
  return [
    'NAME',
    'CAPACITY',
    'ACCESS MODES',
    'RECLAIM POLICY',
    'STATUS',
    'CLAIM',
    'STORAGECLASS',
    ...(hasVacColumn(kubernetesVersion) ? ['VOLUMEATTRIBUTESCLASS'] : []),
    'REASON',
    'AGE',
    ...(opts.wide ? ['VOLUMEMODE'] : []),
  ];
}

/** GetPersistentVolumeClaimClass: beta annotation, else spec.storageClassName, else "". */
function claimClassCell(claim: PersistentVolumeClaim): string {
  return claim.metadata.annotations?.[BETA_STORAGE_CLASS] ?? claim.spec.storageClassName ?? '';
}

/** GetPersistentVolumeClass: beta annotation, else spec.storageClassName. */
function volumeClassCell(pv: PersistentVolume): string {
  return pv.metadata.annotations?.[BETA_STORAGE_CLASS] ?? pv.spec.storageClassName ?? '';
}

/** One `kubectl get pvc` row, cells in pvcHeaders' order. */
export function pvcRow(claim: PersistentVolumeClaim, now: Date, kubernetesVersion: string, opts: StorageColumnOptions = {}): string[] {
  const volumeName = claim.spec.volumeName ?? '';
  const bound = volumeName !== '';
  const status = claim.metadata.deletionTimestamp !== undefined ? 'Terminating' : (claim.status?.phase ?? '');
  const vac = (claim.spec as { volumeAttributesClassName?: unknown }).volumeAttributesClassName;
  return [
    claim.metadata.name,
    status,
    volumeName,
    bound ? quantityCell(claim.status?.capacity?.storage) : '',
    bound ? accessModesString(claim.status?.accessModes) : '',
    claimClassCell(claim),
    ...(hasVacColumn(kubernetesVersion) ? [optionalName(vac)] : []),
    timestampAge(claim.metadata.creationTimestamp, now),
    ...(opts.wide ? [claim.spec.volumeMode ?? '<unset>'] : []),
  ];
}

/** One `kubectl get pv` row, cells in pvHeaders' order. */
export function pvRow(pv: PersistentVolume, now: Date, kubernetesVersion: string, opts: StorageColumnOptions = {}): string[] {
  const ref = pv.spec.claimRef;
  const status = pv.metadata.deletionTimestamp !== undefined ? 'Terminating' : (pv.status?.phase ?? '');
  return [
    pv.metadata.name,
    quantityCell(pv.spec.capacity?.storage),
    accessModesString(pv.spec.accessModes),
    pv.spec.persistentVolumeReclaimPolicy ?? '',
    status,
    ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
    volumeClassCell(pv),
    ...(hasVacColumn(kubernetesVersion) ? [optionalName(pv.spec.volumeAttributesClassName)] : []),
    pv.status?.reason ?? '',
    timestampAge(pv.metadata.creationTimestamp, now),
    ...(opts.wide ? [pv.spec.volumeMode ?? '<unset>'] : []),
  ];
}
