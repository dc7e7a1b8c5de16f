// Storage objects in the transition system: one instance per PersistentVolumeClaim and PersistentVolume,
// one per (volume, node) attachment the AttachDetachController works on, and one per Pod volume that kubelet
// has to wait for (claims, ConfigMaps, Secrets; emptyDir, hostPath and downwardAPI are ready at once). Ids
// and store keys live here so that every module names them the same way.
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from '../k8s/types.ts';
import { persistentVolumeClaimContext } from '../../machines/persistentvolumeclaim.ts';
import { persistentVolumeContext } from '../../machines/persistentvolume.ts';
import { volumeAttachmentContext } from '../../machines/volume-attachment.ts';
import { volumeContext } from '../../machines/volume.ts';
import type { CompiledStatechart } from './statechart.ts';
import type { Instance } from './types.ts';

export function claimKey(namespace: string, name: string): string {
  return `PersistentVolumeClaim/${namespace}/${name}`;
}

export function volumeKey(name: string): string {
  return `PersistentVolume/${name}`;
}

export function claimInstance(pvc: PersistentVolumeClaim, machine: CompiledStatechart): Instance {
  const ns = pvc.metadata.namespace ?? 'default';
  const name = `${ns}/${pvc.metadata.name}`;
  let state = machine.initial(persistentVolumeClaimContext(name));
  // A claim already bound in the input (spec.volumeName and phase Bound) starts Bound.
  if (pvc.spec.volumeName && pvc.status?.phase === 'Bound') state = machine.transition(state, { type: 'BIND', volumeName: pvc.spec.volumeName }) ?? state;
  return { id: `persistentvolumeclaim/${name}`, machine: 'persistentvolumeclaim', object: claimKey(ns, pvc.metadata.name), state };
}

export function volumeInstance(pv: PersistentVolume, machine: CompiledStatechart): Instance {
  const ref = pv.spec.claimRef;
  const claim = ref?.name ? `${ref.namespace ?? 'default'}/${ref.name}` : undefined;
  return { id: `persistentvolume/${pv.metadata.name}`, machine: 'persistentvolume', object: volumeKey(pv.metadata.name), state: machine.initial(persistentVolumeContext(pv.metadata.name, claim)) };
}

/** The claim's phase: its machine's `phase` region (Pending, Bound, Lost). */
export function claimPhase(machine: CompiledStatechart, state: Instance['state']): 'Pending' | 'Bound' | 'Lost' {
  return machine.matches(state, 'phase.Bound') ? 'Bound' : machine.matches(state, 'phase.Lost') ? 'Lost' : 'Pending';
}

export function attachmentInstance(volume: string, node: string, machine: CompiledStatechart): Instance {
  return { id: `attachment/${volume}/${node}`, machine: 'volume-attachment', object: `Attachment/${volume}/${node}`, state: machine.initial(volumeAttachmentContext(volume, node)) };
}

/** Whether kubelet has to wait for this Pod volume: a claim, or a ConfigMap/Secret that could be missing. */
export function volumeMayWait(v: Volume): boolean {
  if (v.persistentVolumeClaim || v.configMap || v.secret) return true;
  return (v.projected?.sources ?? []).some((s) => s.configMap !== undefined || s.secret !== undefined);
}

/** The Pod's volume instances (`volume/<ns>/<pod>/<volume>`), one per volume kubelet may wait for. */
export function podVolumeInstances(pod: Pod, machine: CompiledStatechart): Instance[] {
  const ns = pod.metadata.namespace ?? 'default';
  return (pod.spec.volumes ?? []).filter(volumeMayWait).map((v) => {
    const name = `${ns}/${pod.metadata.name}/${v.name}`;
    return { id: `volume/${name}`, machine: 'volume', object: `PodVolume/${name}`, state: machine.initial(volumeContext(name)) };
  });
}

/** The Pod's store key from a volume instance's object (`PodVolume/ns/pod/vol` → `Pod/ns/pod`). */
export function podKeyOfVolume(inst: Instance): string {
  const [, ns, pod] = inst.object.split('/');
  return `Pod/${ns}/${pod}`;
}

/** The Pod volume a volume instance stands for. */
export function podVolumeOf(pod: Pod | undefined, inst: Instance): Volume | undefined {
  const name = inst.object.split('/')[3];
  return pod?.spec.volumes?.find((v) => v.name === name);
}
