// What the PersistentVolumeController does with one PV in one reconcile (syncVolume, reclaimVolume,
// deleteVolumeOperation, recycleVolumeOperation in pv_controller.go): PVC-02, PVC-14. The branches are the
// rules storage/volume-decision and storage/reclaim; this module looks up their inputs and words the Events.
// Left out: CSI migration's stand-down (pv.kubernetes.io/migrated-to), finalizers, and the API re-reads the
// controller does against stale caches.
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../k8s/types.ts';
import { getRule } from '../../rules/registry.ts';
import { ANN_BOUND_BY_CONTROLLER, ANN_PROVISIONED_BY } from './constants.ts';
import * as ev from './events.ts';
import type { StorageEvent } from './events.ts';

type Phase = NonNullable<NonNullable<PersistentVolume['status']>['phase']>;

export type VolumeDecision =
  /** No claimRef, or pre-bound by name only: waiting for a claim. */
  | { kind: 'available'; phase: 'Available'; events: StorageEvent[] }
  | { kind: 'bound'; phase: 'Bound'; claim: string; events: StorageEvent[] }
  /** The claim exists but names no volume yet; its sync finishes the binding (e.g. a freshly provisioned PV). */
  | { kind: 'claim-sync'; phase: Phase; claim: string; events: StorageEvent[] }
  | { kind: 'volume-mode-mismatch'; phase: Phase; claim: string; events: StorageEvent[] }
  /** unbindVolume: claimRef removed (bound by the controller) or only its uid (pre-bound by the user). */
  | { kind: 'unbind'; phase: 'Available'; clearClaimRef: boolean; events: StorageEvent[] }
  /** Retain: stays Released until an admin removes claimRef. */
  | { kind: 'retain'; phase: Phase; events: StorageEvent[] }
  /** The PV and its storage go: the controller's in-tree deleter does it, or an external provisioner. */
  | { kind: 'delete'; phase: Phase; deleter: 'controller' | 'external'; events: StorageEvent[] }
  /** Scrubbed and Available again. */
  | { kind: 'recycle'; phase: 'Available'; clearClaimRef: boolean; events: StorageEvent[] }
  | { kind: 'recycle-blocked'; phase: Phase; events: StorageEvent[] }
  | { kind: 'failed'; phase: 'Failed'; message: string; events: StorageEvent[] };

export interface SyncVolumeOptions {
  /** Pods of the cluster: Recycle waits while a non-terminated Pod uses the released claim. */
  pods?: readonly Pod[];
}

function sourceOf(pv: PersistentVolume): string {
  for (const s of ['csi', 'hostPath', 'nfs', 'local'] as const) if (pv.spec[s] !== undefined) return s;
  return 'other';
}

/** isVolumeUsed: non-terminated Pods using the claim, as namespace/name, sorted. */
function podsUsing(namespace: string, claim: string, pods: readonly Pod[]): string[] {
  return pods
    .filter((p) => (p.metadata.namespace ?? 'default') === namespace && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .filter((p) => (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim))
    .map((p) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`)
    .sort();
}

function reclaim(pv: PersistentVolume, claims: readonly PersistentVolumeClaim[], pods: readonly Pod[]): VolumeDecision {
  const now = pv.status?.phase;
  // Released, but a Failed phase is kept so the user sees it while the controller retries.
  const phase: Phase = now === 'Released' || now === 'Failed' ? now : 'Released';
  const ref = pv.spec.claimRef ?? {};
  const ns = ref.namespace ?? '';
  const provisionedBy = pv.metadata.annotations?.[ANN_PROVISIONED_BY];
  const source = sourceOf(pv);
  const inUse = podsUsing(ns, ref.name ?? '', pods);
  const nameTaken = claims.some((c) => (c.metadata.namespace ?? 'default') === ns && c.metadata.name === ref.name);
  const view = {
    policy: pv.spec.persistentVolumeReclaimPolicy ?? 'Retain',
    externalDeleter: source === 'csi' || (provisionedBy !== undefined && provisionedBy !== '' && !provisionedBy.startsWith('kubernetes.io/')),
    source,
    hostPathUnderTmp: /\/tmp\/.+/.test(pv.spec.hostPath?.path ?? ''),
    usedByPods: inUse.length > 0 && !nameTaken,
  };
  // updateVolumePhaseWithEvent: the Event comes with the change to Failed, not on every retry.
  const failed = (event: StorageEvent): VolumeDecision => ({ kind: 'failed', phase: 'Failed', message: event.message, events: phase === 'Failed' ? [] : [event] });
  const clearClaimRef = pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] !== undefined;
  switch (getRule('storage/reclaim').evaluate(view) as string) {
    case 'retain':
      return { kind: 'retain', phase, events: [] };
    case 'delete-external':
      return { kind: 'delete', phase, deleter: 'external', events: [] };
    case 'delete':
      return { kind: 'delete', phase, deleter: 'controller', events: [] };
    case 'delete-refused':
      return failed(ev.volumeFailedDelete(pv, `host_path deleter only supports /tmp/.+ but received provided ${pv.spec.hostPath?.path ?? ''}`));
    case 'delete-failed':
      return failed(ev.volumeFailedDelete(pv, `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`));
    case 'recycle':
      return { kind: 'recycle', phase: 'Available', clearClaimRef, events: [ev.volumeRecycled(pv)] };
    case 'recycle-blocked':
      return { kind: 'recycle-blocked', phase, events: [ev.recycleInUse(pv, inUse)] };
    case 'recycle-failed':
      return failed(ev.recycleNoPlugin(pv));
    default:
      return failed(ev.unknownReclaimPolicy(pv));
  }
}

export function syncVolume(
  volume: PersistentVolume,
  claims: readonly PersistentVolumeClaim[],
  // Kept for symmetry with syncClaim: syncVolume reads classes only for metrics in Kubernetes.
  _classes: readonly StorageClass[] = [],
  opts: SyncVolumeOptions = {},
): VolumeDecision {
  const ref = volume.spec.claimRef;
  const refUid = ref?.uid ?? '';
  const byName = ref ? claims.find((c) => (c.metadata.namespace ?? 'default') === (ref.namespace ?? '') && c.metadata.name === ref.name) : undefined;
  // A claim of the same name but another uid is a new claim: the one this PV was bound to is gone.
  const claim = byName && (byName.metadata.uid ?? '') === refUid ? byName : undefined;
  const modeMismatch =
    claim !== undefined &&
    getRule('storage/volume-mode-matches').evaluate({ claimMode: claim.spec.volumeMode ?? null, volumeMode: volume.spec.volumeMode ?? null }) !== true;
  const view = {
    hasClaimRef: ref !== undefined,
    refUid,
    claimFound: claim !== undefined,
    claimVolumeName: claim?.spec.volumeName ?? '',
    volumeName: volume.metadata.name,
    modeMismatch,
    boundByController: volume.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] !== undefined,
    provisioned: volume.metadata.annotations?.[ANN_PROVISIONED_BY] !== undefined,
    policy: volume.spec.persistentVolumeReclaimPolicy ?? 'Retain',
  };
  const phase: Phase = volume.status?.phase ?? 'Pending';
  const claimName = claim ? ev.claimKey(claim) : '';
  switch (getRule('storage/volume-decision').evaluate(view) as string) {
    case 'available':
      return { kind: 'available', phase: 'Available', events: [] };
    case 'bound':
      return { kind: 'bound', phase: 'Bound', claim: claimName, events: [] };
    case 'claim-sync':
      return { kind: 'claim-sync', phase, claim: claimName, events: [] };
    case 'volume-mode-mismatch':
      return { kind: 'volume-mode-mismatch', phase, claim: claimName, events: ev.volumeModeMismatch(volume, claim as PersistentVolumeClaim) };
    case 'unbind':
      return { kind: 'unbind', phase: 'Available', clearClaimRef: view.boundByController, events: [] };
    default:
      return reclaim(volume, claims, opts.pods ?? []);
  }
}
