// What the PersistentVolumeController does with one claim in one reconcile (syncClaim → syncUnboundClaim /
// syncBoundClaim, pv_controller.go): PVC-02, PVC-04, PVC-07..PVC-10, PVC-14. The branch is the rule
// storage/claim-decision; this module looks up what the rule reads and words the Events.
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../k8s/types.ts';
import { getRule } from '../../rules/registry.ts';
import { accessModesSatisfied } from './access-modes.ts';
import { claimClass, claimHasClass, defaultStorageClass, isDelayBinding, volumeClass } from './classes.ts';
import { ANN_BIND_COMPLETED, ANN_SELECTED_NODE } from './constants.ts';
import * as ev from './events.ts';
import type { StorageEvent } from './events.ts';
import { findMatchingVolume } from './match.ts';
import { provisionerFor } from './provision.ts';

type Phase = 'Pending' | 'Bound' | 'Lost';

export type ClaimDecision =
  /** Claim and PV already name each other; nothing to write. */
  | { kind: 'bound'; phase: 'Bound'; volume: string; events: StorageEvent[] }
  /** bind(): claimRef (with uid) on the PV, volumeName and bind-completed on the claim, both Bound. */
  | { kind: 'bind'; phase: 'Bound'; volume: string; events: StorageEvent[] }
  /** Retroactive default class (1.28+): the claim gets storageClassName and is synced again. */
  | { kind: 'assign-default-class'; phase: 'Pending'; storageClass: string; events: StorageEvent[] }
  /** The named provisioner may now create the volume from the class (ExternalProvisioning recorded). */
  | { kind: 'provision'; phase: 'Pending'; provisioner: string; storageClass: StorageClass; events: StorageEvent[] }
  | { kind: 'wait-for-first-consumer'; phase: 'Pending'; events: StorageEvent[] }
  | { kind: 'pending'; phase: 'Pending'; events: StorageEvent[] }
  | { kind: 'lost'; phase: 'Lost'; events: StorageEvent[] };

export interface SyncClaimOptions {
  /** Pods of the cluster: unscheduled ones using the claim turn WaitForFirstConsumer into WaitForPodScheduled. */
  pods?: readonly Pod[];
}

/** checkVolumeSatisfyClaim: why a PV named by spec.volumeName cannot take the claim, or null. */
export function volumeSatisfyError(pv: PersistentVolume, claim: PersistentVolumeClaim): string | null {
  if (pv.metadata.deletionTimestamp !== undefined) return `the volume is marked for deletion "${pv.metadata.name}"`;
  const capacity = { request: claim.spec.resources?.requests?.storage ?? '0', capacity: pv.spec.capacity?.storage ?? '0' };
  if (getRule('storage/capacity-fits').evaluate(capacity) !== true) return 'requested PV is too small';
  if (getRule('storage/class-matches').evaluate({ claimClass: claimClass(claim), volumeClass: volumeClass(pv) }) !== true) return 'storageClassName does not match';
  if (getRule('storage/volume-mode-matches').evaluate({ claimMode: claim.spec.volumeMode ?? null, volumeMode: pv.spec.volumeMode ?? null }) !== true) {
    return 'incompatible volumeMode';
  }
  if (!accessModesSatisfied(claim.spec.accessModes, pv.spec.accessModes)) return 'incompatible accessMode';
  return null;
}

function refersTo(pv: PersistentVolume, claim: PersistentVolumeClaim): 'none' | 'this' | 'other' {
  const ref = pv.spec.claimRef;
  if (!ref) return 'none';
  const bound = getRule('storage/bound-to-claim').evaluate({
    claimRef: { name: ref.name ?? '', namespace: ref.namespace ?? '', uid: ref.uid ?? '' },
    claim: { name: claim.metadata.name, namespace: claim.metadata.namespace ?? 'default', uid: claim.metadata.uid ?? '' },
  });
  return bound === true ? 'this' : 'other';
}

/** findNonScheduledPodsByPVC: names of Pods using the claim, not yet on a node, not terminated. */
function unscheduledPods(claim: PersistentVolumeClaim, pods: readonly Pod[]): string[] {
  const ns = claim.metadata.namespace ?? 'default';
  return pods
    .filter((p) => (p.metadata.namespace ?? 'default') === ns && !p.spec.nodeName)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .filter((p) => (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name))
    .map((p) => p.metadata.name);
}

export function syncClaim(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  classes: readonly StorageClass[],
  opts: SyncClaimOptions = {},
): ClaimDecision {
  const volumeName = claim.spec.volumeName ?? '';
  const named = volumeName === '' ? undefined : volumes.find((v) => v.metadata.name === volumeName);
  const bindCompleted = claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
  const delayBinding = isDelayBinding(claim, classes);
  const match = !bindCompleted && volumeName === '' ? findMatchingVolume(claim, volumes, { delayBinding }) : undefined;
  const fallback = defaultStorageClass(classes);
  const view = {
    bindCompleted,
    volumeName,
    volumeFound: named !== undefined,
    claimRef: named ? refersTo(named, claim) : 'none',
    refUidMatches: named?.spec.claimRef !== undefined && (named.spec.claimRef.uid ?? '') === (claim.metadata.uid ?? ''),
    satisfyError: named && !bindCompleted ? volumeSatisfyError(named, claim) : null,
    matchFound: match !== undefined,
    hasClass: claimHasClass(claim),
    hasDefaultClass: fallback !== undefined,
    delayBinding,
    selectedNode: claim.metadata.annotations?.[ANN_SELECTED_NODE] !== undefined,
    claimClass: claimClass(claim),
  };
  const branch = getRule('storage/claim-decision').evaluate(view) as string;
  const pending = (events: StorageEvent[]): ClaimDecision => ({ kind: 'pending', phase: 'Pending', events });
  // updateClaimStatusWithEvent records ClaimLost/ClaimMisbound only when the phase actually changes.
  const lost = (event: StorageEvent): ClaimDecision => ({ kind: 'lost', phase: 'Lost', events: claim.status?.phase === 'Lost' ? [] : [event] });
  switch (branch) {
    case 'bound':
      return { kind: 'bound', phase: 'Bound', volume: volumeName, events: [] };
    case 'bind':
      return { kind: 'bind', phase: 'Bound', volume: match ?? volumeName, events: [] };
    case 'lost-reference':
      return lost(ev.claimLost(claim, 'reference'));
    case 'lost-volume':
      return lost(ev.claimLost(claim, 'volume'));
    case 'misbound':
      return lost(ev.claimMisbound(claim));
    case 'assign-default-class':
      return { kind: 'assign-default-class', phase: 'Pending', storageClass: (fallback as StorageClass).metadata.name, events: [] };
    case 'wait-for-first-consumer':
      return { kind: 'wait-for-first-consumer', phase: 'Pending', events: [ev.waitForConsumer(claim, unscheduledPods(claim, opts.pods ?? []))] };
    case 'provision': {
      const found = provisionerFor(claim, classes);
      if (!found.ok) return pending([ev.provisioningFailed(claim, found.error)]);
      return {
        kind: 'provision',
        phase: 'Pending',
        provisioner: found.provisioner,
        storageClass: found.storageClass,
        events: [ev.externalProvisioning(claim, found.provisioner)],
      };
    }
    case 'no-class':
      return pending([ev.failedBindingNoClass(claim)]);
    case 'volume-mismatch':
      return pending([ev.volumeMismatch(claim, volumeName, view.satisfyError ?? '')]);
    case 'requested-taken':
      return pending([ev.failedBindingTaken(claim, volumeName)]);
    default:
      return pending([]);
  }
}
