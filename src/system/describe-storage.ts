// Storage steps as a Kubernetes user sees them: the Events the PersistentVolumeController, the external
// provisioner and attacher, the AttachDetachController and kubelet record (wording of the selected
// release), and for steps that record none (a successful mount has had no Event since 1.11) one sentence
// naming the CSI call or kubelet operation and the path it works on.
import type { KubeEvent } from '../kubelet/event-messages.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../k8s/types.ts';
import { provisioningStarted, provisioningSucceeded, claimLost, volumeFailedDelete, volumeRecycled, type StorageEvent } from '../storage/binding/events.ts';
import { multiAttachEvent, volumeEvent } from '../storage/volume/events.ts';
import { csiStagingPath, flexDeviceMountPath, volumeAttachmentName, volumeMountPath } from '../storage/volume/paths.ts';
import { flexCall, type FlexOperation } from '../storage/flexvolume/driver-call.ts';
import type { ActionDescription } from './describe.ts';
import type { ClusterSystem } from './system.ts';
import { storageFacts } from './storage-facts.ts';
import { podVolumeOf } from './storage-instances.ts';
import { deterministicUid } from './store.ts';
import { instanceRef, type Action, type SystemState } from './types.ts';

function toKube(e: StorageEvent, source: string): KubeEvent {
  const kind = e.involved.kind === 'PersistentVolumeClaim' ? 'persistentvolumeclaim' : 'persistentvolume';
  return { type: e.type, reason: e.reason, message: e.message, source, involvedObject: `${kind}/${e.involved.name}` };
}

const claimOf = (s: SystemState, key: string) => s.store.objects.get(key) as unknown as PersistentVolumeClaim | undefined;
const volumeOf = (s: SystemState, name: string) => s.store.objects.get(`PersistentVolume/${name}`) as unknown as PersistentVolume | undefined;

/** Pods on `node` whose volumes use `pv`, as the AttachDetachController reports events on them. */
function podsUsing(system: ClusterSystem, s: SystemState, pv: string, node?: string): Pod[] {
  const facts = storageFacts(s, system.machines);
  return [...facts.podObjects.values()].filter(
    (p) =>
      (node === undefined ? p.spec.nodeName !== undefined : p.spec.nodeName === node) &&
      (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim && facts.claims.get(`${p.metadata.namespace ?? 'default'}/${v.persistentVolumeClaim.claimName}`)?.spec.volumeName === pv),
  );
}

export function describeStorageStep(system: ClusterSystem, before: SystemState, after: SystemState, action: Action, kubernetesVersion: string): ActionDescription {
  const ref = instanceRef(action.instance);
  const t = action.event.type;
  const inst = before.instances.find((i) => i.id === action.instance)!;
  if (ref.machine === 'persistentvolumeclaim') {
    const key = inst.object;
    const claim = claimOf(before, key)!;
    const object = `persistentvolumeclaim/${ref.name}`;
    const name = `${ref.namespace}/${ref.name}`;
    if (t === 'BIND') return { actor: 'persistentvolume-controller', object, events: [], summary: `the PersistentVolumeController bound claim ${name} to volume ${String(action.event.volumeName)} (claim spec.volumeName and volume spec.claimRef)` };
    if (t === 'PROVISIONED') {
      const created = [...after.store.objects.keys()].find((k) => k.startsWith('PersistentVolume/') && !before.store.objects.has(k))?.slice('PersistentVolume/'.length) ?? '';
      const provisioner = volumeOf(after, created)?.spec.csi?.driver ?? '';
      // ExternalProvisioning is the PV controller's resync Event, recorded by src/simulate/storage-events.ts while the claim waits.
      const events = [toKube(provisioningStarted(claim), provisioner), toKube(provisioningSucceeded(claim, created), provisioner)];
      return { actor: provisioner, object, events, summary: `external-provisioner called CreateVolume and created volume ${created} for claim ${name}` };
    }
    if (t === 'LOSE') return { actor: 'persistentvolume-controller', object, events: [toKube(claimLost(claim, 'volume'), 'persistentvolume-controller')], summary: `claim ${name} lost its volume: phase Lost` };
    if (t === 'DELETE') return { actor: 'user', object, events: [], summary: `kubectl delete pvc ${ref.name}: deletionTimestamp set; the kubernetes.io/pvc-protection finalizer holds it while a Pod uses it` };
    if (t === 'FINALIZED') return { actor: 'pvc-protection-controller', object, events: [], summary: `no Pod uses claim ${name} any more: the pvc-protection finalizer is removed and the claim is gone` };
    return { actor: action.actor, object, events: [], summary: t };
  }
  if (ref.machine === 'persistentvolume') {
    const pv = volumeOf(before, ref.volume!)!;
    const object = `persistentvolume/${ref.volume}`;
    const summaries: Record<string, string> = {
      AVAILABLE: `volume ${ref.volume} is Available`,
      RELEASE: `the claim of volume ${ref.volume} is gone: phase Released (reclaim policy ${pv.spec.persistentVolumeReclaimPolicy ?? 'Retain'})`,
      RECYCLE: `volume ${ref.volume} was scrubbed by a recycler Pod and is Available again`,
      DELETE_VOLUME: `volume ${ref.volume} and its backing storage were deleted (reclaim policy Delete${pv.spec.csi ? ', CSI DeleteVolume' : ''})`,
      RECLAIM_FAILED: `reclaiming volume ${ref.volume} failed: phase Failed`,
      CLEAR_CLAIM_REF: `an administrator removed spec.claimRef from volume ${ref.volume}: it is Available for any claim`,
    };
    const events: KubeEvent[] = [];
    if (t === 'RECYCLE') events.push(toKube(volumeRecycled(pv), 'persistentvolume-controller'));
    if (t === 'RECLAIM_FAILED' && pv.spec.persistentVolumeReclaimPolicy === 'Delete') events.push(toKube(volumeFailedDelete(pv, 'rpc error: code = Internal desc = DeleteVolume failed'), 'persistentvolume-controller'));
    return { actor: action.actor === 'admin' ? 'admin' : 'persistentvolume-controller', object, events, summary: summaries[t] ?? t };
  }
  if (ref.machine === 'volume-attachment') {
    const pv = volumeOf(before, ref.volume!);
    const object = `persistentvolume/${ref.volume}`;
    const onPods = (e: KubeEvent, pods: Pod[]): KubeEvent[] => pods.map((p) => ({ ...e, involvedObject: `pod/${p.metadata.name}` }));
    const users = podsUsing(system, before, ref.volume!, ref.node);
    const va = pv?.spec.csi ? volumeAttachmentName(pv.spec.csi.volumeHandle, pv.spec.csi.driver, ref.node!) : undefined;
    const flex = pv?.spec.flexVolume ? flexLine(pv, t === 'DETACH' || t === 'DETACHED' ? 'detach' : 'attach', { nodeName: ref.node! }) : '';
    if (t === 'ATTACH') return { actor: 'attachdetach-controller', object, events: [], summary: va ? `the AttachDetachController created VolumeAttachment ${va} for volume ${ref.volume} on ${ref.node}` : `the AttachDetachController attaches volume ${ref.volume} to ${ref.node}${flex}` };
    if (t === 'ATTACHED') {
      const events = onPods(volumeEvent('SuccessfulAttachVolume', { volume: ref.volume! }, kubernetesVersion), users);
      return { actor: pv?.spec.csi ? 'external-attacher' : 'attachdetach-controller', object, events, summary: `volume ${ref.volume} attached to ${ref.node}${va ? ` (ControllerPublishVolume; ${va} status.attached=true)` : ''}` };
    }
    if (t === 'ATTACH_FAILED') {
      const events = onPods(volumeEvent('FailedAttachVolume', { volume: ref.volume!, error: 'rpc error: code = Internal desc = ControllerPublishVolume failed' }, kubernetesVersion), users);
      return { actor: 'attachdetach-controller', object, events, summary: `attaching volume ${ref.volume} to ${ref.node} failed; the controller retries` };
    }
    if (t === 'MULTI_ATTACH_BLOCKED') {
      const elsewhere = podsUsing(system, before, ref.volume!).filter((p) => p.spec.nodeName !== ref.node);
      const events = users.map((p) => ({
        ...multiAttachEvent({ volume: ref.volume!, podNamespace: p.metadata.namespace ?? 'default', podsOnOtherNodes: elsewhere.map((o) => ({ name: o.metadata.name, namespace: o.metadata.namespace ?? 'default' })) }, kubernetesVersion),
        involvedObject: `pod/${p.metadata.name}`,
      }));
      return { actor: 'attachdetach-controller', object, events, summary: `volume ${ref.volume} is still attached to another node: not attached to ${ref.node} (Multi-Attach)` };
    }
    if (t === 'DETACH') return { actor: 'attachdetach-controller', object, events: [], summary: `no Pod on ${ref.node} needs volume ${ref.volume} and kubelet unmounted it: detaching${va ? ` (VolumeAttachment ${va} deleted)` : ''}` };
    return { actor: pv?.spec.csi ? 'external-attacher' : 'attachdetach-controller', object, events: [], summary: `volume ${ref.volume} detached from ${ref.node}${pv?.spec.csi ? ' (ControllerUnpublishVolume)' : flex}` };
  }
  // A Pod volume: kubelet's VolumeManager.
  const pod = (before.store.objects.get(ref.podKey!) ?? after.store.objects.get(ref.podKey!)) as unknown as Pod | undefined;
  const object = `pod/${ref.name}`;
  const v = podVolumeOf(pod, inst);
  const ctx = (after.instances.find((i) => i.id === action.instance) ?? inst).state.context as { node: string | null; pv: string | null };
  const pv = ctx.pv ? (volumeOf(before, ctx.pv) ?? volumeOf(after, ctx.pv)) : undefined;
  const specName = pv?.metadata.name ?? ref.volume!;
  const facts = storageFacts(before, system.machines);
  const plugin = pv ? facts.plugin(pv) : undefined;
  const uid = pod?.metadata.uid ?? deterministicUid(ref.podKey!);
  const target = plugin ? volumeMountPath(uid, plugin, specName) : `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~${v?.configMap ? 'configmap' : v?.secret ? 'secret' : 'projected'}/${ref.volume}`;
  const host = ctx.node ?? pod?.spec.nodeName;
  const withHost = (e: KubeEvent): KubeEvent => (host ? { ...e, host } : e);
  // FlexVolume: kubelet execs the driver once per operation and reads its JSON reply (VOL-07, VOL-08).
  const flexOf = (op: FlexOperation) => (pv?.spec.flexVolume ? flexLine(pv, op, { mountDir: op.endsWith('device') ? flexDeviceMountPath(pv.spec.flexVolume.driver, pv.metadata.name) : target, ...(host ? { nodeName: host } : {}) }) : '');
  const staging = pv?.spec.csi ? csiStagingPath({ pvName: pv.metadata.name, driver: pv.spec.csi.driver, volumeHandle: pv.spec.csi.volumeHandle }, kubernetesVersion) : undefined;
  switch (t) {
    case 'MOUNT_DEVICE':
      return { actor: 'kubelet', object, events: [], summary: `kubelet: MountVolume.MountDevice succeeded for volume "${specName}"${staging ? ` (NodeStageVolume to ${staging})` : flexOf('mountdevice')}` };
    case 'SET_UP':
      return { actor: 'kubelet', object, events: [], summary: `kubelet: MountVolume.SetUp succeeded for volume "${specName}"${pv?.spec.csi ? ' (NodePublishVolume)' : ''} at ${target}${flexOf('mount')}` };
    case 'SET_UP_FAILED': {
      const missing = v ? configMissingMessage(v, ref.namespace!, facts) : 'not found';
      const e = withHost(volumeEvent('FailedMountSetUp', { volume: ref.volume!, error: missing }, kubernetesVersion));
      return { actor: 'kubelet', object, events: [e], summary: e.message };
    }
    case 'MOUNT_FAILED': {
      const e = withHost(volumeEvent(pv?.spec.csi && plugin?.stages ? 'FailedMountMountDevice' : 'FailedMountSetUp', { volume: specName, error: 'rpc error: code = Internal desc = mount failed: exit status 32' }, kubernetesVersion));
      return { actor: 'kubelet', object, events: [e], summary: `${e.message}; kubelet retries` };
    }
    case 'TEAR_DOWN':
      return { actor: 'kubelet', object, events: [], summary: `kubelet: UnmountVolume.TearDown succeeded for volume "${specName}"${pv?.spec.csi ? ' (NodeUnpublishVolume)' : flexOf('unmount')}` };
    default:
      return { actor: 'kubelet', object, events: [], summary: `kubelet: UnmountDevice succeeded for volume "${specName}"${staging ? ` (NodeUnstageVolume of ${staging})` : flexOf('unmountdevice')}` };
  }
}

function configMissingMessage(v: NonNullable<ReturnType<typeof podVolumeOf>>, namespace: string, facts: ReturnType<typeof storageFacts>): string {
  if (v.configMap && !v.configMap.optional && !facts.configMaps.has(`${namespace}/${v.configMap.name}`)) return `configmap "${v.configMap.name}" not found`;
  if (v.secret && !v.secret.optional && !facts.secrets.has(`${namespace}/${v.secret.secretName}`)) return `secret "${v.secret.secretName}" not found`;
  for (const s of v.projected?.sources ?? []) {
    if (s.configMap && !s.configMap.optional && !facts.configMaps.has(`${namespace}/${s.configMap.name}`)) return `configmap "${s.configMap.name}" not found`;
    if (s.secret && !s.secret.optional && !facts.secrets.has(`${namespace}/${s.secret.name}`)) return `secret "${s.secret.name}" not found`;
  }
  return 'not found';
}

/** `; exec <driver> <op> … → {"status": "Success"}`: one FlexVolume driver call as kubelet or the controller runs it. */
function flexLine(pv: PersistentVolume, op: FlexOperation, args: { nodeName?: string; mountDir?: string }): string {
  const f = pv.spec.flexVolume!;
  const call = flexCall(op, { driver: f.driver, specName: pv.metadata.name, ...(f.fsType ? { fsType: f.fsType } : {}), ...(f.readOnly !== undefined ? { readOnly: f.readOnly } : {}), ...(f.options ? { options: f.options } : {}) }, args);
  return `; ${call.caller} runs ${call.commandLine} → {"status": "Success"}`;
}
