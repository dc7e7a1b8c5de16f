// The VolumeBinding plugin (SCHED-08, PVC-05, PVC-10, PVC-11, PVC-12), after kube-scheduler's
// plugins/volumebinding (volume_binding.go PreFilter/Filter/Reserve/PreBind, binder.go GetPodVolumeClaims,
// FindPodVolumes, AssumePodVolumes). PreFilter sorts the Pod's claims: a missing, Lost or deleting claim and an
// unbound Immediate claim reject the Pod before any node is tried (PVC-05); a Pod without claims skips the
// plugin. Filter checks per node that bound claims' PVs admit it (PVC-12) and that each unbound
// WaitForFirstConsumer claim finds a PV usable there or can be provisioned there (PVC-11).
// Left out: generic ephemeral volumes, CSIStorageCapacity ("did not have enough free storage"), CSI
// migration's translation of in-tree PVs, the VolumeBinding score.
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../k8s/types.ts';
import { parseQuantity } from '../../k8s/quantity.ts';
import { InputError } from '../../errors.ts';
import { CURRENT_KUBERNETES_VERSION, parseKubernetesMinor } from '../../k8s/version.ts';
import {
  ANN_BIND_COMPLETED,
  ANN_SELECTED_NODE,
  NO_PROVISIONER,
  allowedTopologiesMatch,
  claimClass,
  findClass,
  findMatchingVolume,
  isDelayBinding,
  volumeClass,
  volumeNodeAffinityMatches,
} from '../../storage/binding/index.ts';
import type { ClusterSnapshot, PluginStatus } from '../types.ts';
import { reasonsFor, type ReasonKey } from '../wording.ts';

const PLUGIN = 'VolumeBinding';

/** What PreFilter hands to Filter (the plugin's stateData). */
export interface VolumeBindingState {
  /** Claims with volumeName and bind-completed: their PV must admit the node. */
  bound: readonly PersistentVolumeClaim[];
  /** Unbound claims of WaitForFirstConsumer classes, smallest request first (byPVCSize). */
  delayed: readonly PersistentVolumeClaim[];
  /** The PVs of each delayed claim's class (pvCache.ListPVs), by class name. */
  volumesByClass: ReadonlyMap<string, readonly PersistentVolume[]>;
  volumes: ReadonlyMap<string, PersistentVolume>;
  classes: readonly StorageClass[];
}

export type VolumePreFilter = { kind: 'skip' } | { kind: 'reject'; status: PluginStatus } | { kind: 'state'; state: VolumeBindingState };

const reject = (minor: number, key: ReasonKey, args: Record<string, string> = {}): VolumePreFilter => ({
  kind: 'reject',
  status: { plugin: PLUGIN, code: 'UnschedulableAndUnresolvable', reasons: reasonsFor(minor, key, args) },
});

const requestOf = (c: PersistentVolumeClaim) => parseQuantity(c.spec.resources?.requests?.storage ?? '0');

/** PreFilter: podHasPVCs, then GetPodVolumeClaims. */
export function volumeBindingPreFilter(pod: Pod, snapshot: ClusterSnapshot, minor: number): VolumePreFilter {
  const names = (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
  if (names.length === 0) return { kind: 'skip' };
  const ns = pod.metadata.namespace ?? 'default';
  const all = snapshot.persistentVolumeClaims ?? [];
  const claims: PersistentVolumeClaim[] = [];
  for (const name of names) {
    const claim = all.find((c) => (c.metadata.namespace ?? 'default') === ns && c.metadata.name === name);
    if (!claim) return reject(minor, 'volumeClaimNotFound', { claim: name });
    if (claim.status?.phase === 'Lost' && minor >= 23) return reject(minor, 'volumeClaimLost', { claim: name, volume: claim.spec.volumeName ?? '' });
    if (claim.metadata.deletionTimestamp !== undefined) return reject(minor, 'volumeClaimDeleting', { claim: name });
    claims.push(claim);
  }
  const classes = snapshot.storageClasses ?? [];
  const bound: PersistentVolumeClaim[] = [];
  const delayed: PersistentVolumeClaim[] = [];
  let immediate = 0;
  for (const claim of claims) {
    const volumeName = claim.spec.volumeName ?? '';
    if (volumeName !== '' && claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined) bound.push(claim);
    // A pre-bound claim (volumeName set, binding unfinished) counts as immediate whatever its class.
    else if (volumeName === '' && isDelayBinding(claim, classes)) delayed.push(claim);
    else immediate += 1;
  }
  if (immediate > 0) return reject(minor, 'volumeUnboundImmediate');
  const pvs = snapshot.persistentVolumes ?? [];
  const volumesByClass = new Map<string, PersistentVolume[]>();
  for (const c of delayed) {
    const cls = claimClass(c);
    if (!volumesByClass.has(cls)) volumesByClass.set(cls, pvs.filter((pv) => volumeClass(pv) === cls));
  }
  delayed.sort((a, b) => requestOf(a).cmp(requestOf(b)));
  return { kind: 'state', state: { bound, delayed, volumesByClass, volumes: new Map(pvs.map((pv) => [pv.metadata.name, pv])), classes } };
}

export interface PodVolumes {
  /** Conflict reasons in FindPodVolumes' order; [] = the node fits. */
  reasons: ReasonKey[];
  /** Static bindings: claim name → PV name. */
  bind: { claim: string; volume: string }[];
  /** Claims to provision on this node (annotated with selected-node at Reserve). */
  provision: string[];
}

/** checkVolumeProvisions: every claim's class has a real provisioner whose allowedTopologies admit the node. */
function canProvision(claims: readonly PersistentVolumeClaim[], state: VolumeBindingState, labels: Readonly<Record<string, string>>): boolean {
  return claims.every((c) => {
    const sc = findClass(state.classes, claimClass(c));
    return sc !== undefined && sc.provisioner !== '' && sc.provisioner !== NO_PROVISIONER && allowedTopologiesMatch(sc, labels);
  });
}

/** FindPodVolumes for one node; the reasons come out in its order: node conflict, bind conflict, missing PV. */
export function findPodVolumes(state: VolumeBindingState, node: Node): PodVolumes {
  const labels = node.metadata.labels ?? {};
  const bind: PodVolumes['bind'] = [];
  const provision: string[] = [];
  let boundSatisfied = true;
  let boundFound = true;
  let unboundSatisfied = true;
  const done = (): PodVolumes => {
    const reasons: ReasonKey[] = [];
    if (!boundSatisfied) reasons.push('volumeNodeConflict');
    if (!unboundSatisfied) reasons.push('volumeBindConflict');
    if (!boundFound) reasons.push('volumePVNotExist');
    return { reasons, bind, provision };
  };
  // checkBoundClaims stops at the first claim that fails.
  for (const claim of state.bound) {
    const pv = state.volumes.get(claim.spec.volumeName ?? '');
    if (!pv) {
      boundFound = false;
      break;
    }
    if (!volumeNodeAffinityMatches(pv, labels)) {
      boundSatisfied = false;
      break;
    }
  }
  const toFind: PersistentVolumeClaim[] = [];
  const toProvision: PersistentVolumeClaim[] = [];
  for (const claim of state.delayed) {
    const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected === undefined) toFind.push(claim);
    else if (selected === node.metadata.name) toProvision.push(claim);
    else {
      // Provisioning is already under way for another node: this one cannot take the Pod.
      unboundSatisfied = false;
      return done();
    }
  }
  const chosen = new Set<string>();
  for (const claim of toFind) {
    const pvs = state.volumesByClass.get(claimClass(claim)) ?? [];
    const volume = findMatchingVolume(claim, pvs, { node, excluded: chosen, delayBinding: true });
    if (volume === undefined) toProvision.push(claim);
    else {
      chosen.add(volume);
      bind.push({ claim: claim.metadata.name, volume });
    }
  }
  // Claims without a PV here are fine if all of them can be provisioned here (checkVolumeProvisions).
  if (toProvision.length > 0) {
    unboundSatisfied = canProvision(toProvision, state, labels);
    if (unboundSatisfied) provision.push(...toProvision.map((c) => c.metadata.name));
  }
  return done();
}

/** Filter: UnschedulableAndUnresolvable with every conflict reason, or undefined when the node fits. */
export function volumeBindingFilter(state: VolumeBindingState, node: Node, minor: number): PluginStatus | undefined {
  const { reasons } = findPodVolumes(state, node);
  if (reasons.length === 0) return undefined;
  return { plugin: PLUGIN, code: 'UnschedulableAndUnresolvable', reasons: reasons.flatMap((k) => reasonsFor(minor, k)) };
}

/**
 * What Reserve (AssumePodVolumes) and PreBind (BindPodVolumes) do for the chosen node: PVs to pre-bind to
 * claims, and claims to annotate with volume.kubernetes.io/selected-node so their provisioner creates the
 * volume there. Both empty when the Pod has no claims to bind, or the node does not fit.
 */
export function volumesToBind(pod: Pod, nodeName: string, snapshot: ClusterSnapshot): { bind: { claim: string; volume: string }[]; provision: string[] } {
  const node = snapshot.nodes.find((n) => n.metadata.name === nodeName);
  if (!node) throw new InputError(`volumesToBind: no node "${nodeName}" in the snapshot`);
  const pre = volumeBindingPreFilter(pod, snapshot, parseKubernetesMinor(CURRENT_KUBERNETES_VERSION));
  if (pre.kind !== 'state') return { bind: [], provision: [] };
  const found = findPodVolumes(pre.state, node);
  return found.reasons.length > 0 ? { bind: [], provision: [] } : { bind: found.bind, provision: found.provision };
}
