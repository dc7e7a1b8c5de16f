// FindMatchingVolume and the controller's findBestMatchForClaim (PVC-02, PVC-03, PVC-10, PVC-11, PVC-12):
// k8s.io/component-helpers/storage/volume/pv_helpers.go and pkg/controller/volume/persistentvolume/index.go.
// The verdict on each PV is the rule storage/volume-candidate; this module only iterates and keeps the
// smallest candidate. Without a node it is the controller's search: access-mode groups fewest modes first,
// the first group with an answer wins (a 5Gi RWO PV beats a 1Gi RWO+ROX PV for an RWO claim). With a node
// it is the scheduler's single pass over the list it is given, access modes and nodeAffinity checked per PV.
// Ties in capacity go to the earlier PV in the list (Kubernetes iterates an informer cache, in no set order).
import type { Node, PersistentVolume, PersistentVolumeClaim } from '../../k8s/types.ts';
import { parseQuantity, type Quantity } from '../../k8s/quantity.ts';
import { getRule } from '../../rules/registry.ts';
import { accessModeGroups } from './access-modes.ts';
import { claimClass, volumeClass } from './classes.ts';
import { volumeNodeAffinityMatches } from './topology.ts';

export interface MatchOptions {
  /** The claim's class is WaitForFirstConsumer and this is the controller: only pre-bound PVs count (PVC-10). */
  delayBinding?: boolean;
  /** The scheduler's path: the PV's nodeAffinity must admit this node's labels (PVC-11, PVC-12). */
  node?: Node;
  /** PV names already chosen for the Pod's other claims in this scheduling cycle. */
  excluded?: ReadonlySet<string>;
}

export type CandidateVerdict = 'skip' | 'prebound' | 'prebound-unusable' | 'candidate';

const storageOf = (list: Record<string, string> | undefined): string => list?.storage ?? '0';

/** The rule's verdict on one PV for one claim. */
export function volumeVerdict(claim: PersistentVolumeClaim, pv: PersistentVolume, opts: MatchOptions = {}): CandidateVerdict {
  const ref = pv.spec.claimRef;
  const view = {
    excluded: opts.excluded?.has(pv.metadata.name) ?? false,
    boundToClaim: {
      claimRef: ref ? { name: ref.name ?? '', namespace: ref.namespace ?? '', uid: ref.uid ?? '' } : null,
      claim: { name: claim.metadata.name, namespace: claim.metadata.namespace ?? 'default', uid: claim.metadata.uid ?? '' },
    },
    capacity: { request: storageOf(claim.spec.resources?.requests), capacity: storageOf(pv.spec.capacity) },
    volumeMode: { claimMode: claim.spec.volumeMode ?? null, volumeMode: pv.spec.volumeMode ?? null },
    deleting: pv.metadata.deletionTimestamp !== undefined,
    scheduler: opts.node !== undefined,
    nodeAffinityOk: opts.node === undefined || volumeNodeAffinityMatches(pv, opts.node.metadata.labels ?? {}),
    delayBinding: opts.delayBinding ?? false,
    phase: pv.status?.phase ?? '',
    selector: { selector: claim.spec.selector ?? null, labels: pv.metadata.labels ?? {} },
    classes: { claimClass: claimClass(claim), volumeClass: volumeClass(pv) },
    accessModes: { requested: claim.spec.accessModes ?? [], offered: pv.spec.accessModes ?? [] },
  };
  return getRule('storage/volume-candidate').evaluate(view) as CandidateVerdict;
}

/** One FindMatchingVolume pass: a pre-bound PV, else the smallest candidate; null when a pre-bound PV is unusable. */
function findIn(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], opts: MatchOptions): PersistentVolume | null | undefined {
  let best: { pv: PersistentVolume; size: Quantity } | undefined;
  for (const pv of volumes) {
    const verdict = volumeVerdict(claim, pv, opts);
    if (verdict === 'prebound') return pv;
    if (verdict === 'prebound-unusable') return null;
    if (verdict !== 'candidate') continue;
    const size = parseQuantity(storageOf(pv.spec.capacity));
    if (!best || best.size.cmp(size) > 0) best = { pv, size };
  }
  return best?.pv;
}

/**
 * The PV the claim would bind to, or undefined. Without opts.node: the PV controller's search (access-mode
 * groups, fewest modes first). With opts.node: the scheduler binder's pass over `volumes` (it passes only the
 * PVs of the claim's class).
 */
export function findMatchingVolume(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], opts: MatchOptions = {}): string | undefined {
  if (opts.node) return findIn(claim, volumes, opts)?.metadata.name;
  for (const group of accessModeGroups(claim.spec.accessModes, volumes)) {
    const found = findIn(claim, group, opts);
    if (found) return found.metadata.name;
  }
  return undefined;
}
