// The CSI gRPC calls one PersistentVolume goes through, in order, and who makes each (VOL-09..11, VOL-05):
// external-provisioner → Controller.CreateVolume when a claim is provisioned; the attach/detach controller
// creates a VolumeAttachment and external-attacher → Controller.ControllerPublishVolume (attachable drivers
// only); kubelet → Node.NodeStageVolume (STAGE_UNSTAGE_VOLUME only) then Node.NodePublishVolume; teardown
// runs the mirror image: NodeUnpublishVolume, NodeUnstageVolume, ControllerUnpublishVolume, DeleteVolume.
// Sources: pkg/volume/csi (csi_attacher.go, csi_mounter.go), kubernetes-csi external-provisioner and
// external-attacher. Left out: NodeGetCapabilities/GetPluginInfo probing, expansion, snapshots, retries.
import type { PersistentVolume } from '../../k8s/types.ts';
import { CURRENT_KUBERNETES_VERSION } from '../../k8s/version.ts';
import { csiStagingPath, volumeAttachmentName, volumeMountPath } from './paths.ts';
import { volumePlugin, type VolumePluginContext } from './plugins.ts';
import { InputError } from '../../errors.ts';

export type CsiStep = 'provision' | 'attach' | 'mount' | 'unmount' | 'detach' | 'delete';
export type CsiRpc =
  | 'CreateVolume'
  | 'ControllerPublishVolume'
  | 'NodeStageVolume'
  | 'NodePublishVolume'
  | 'NodeUnpublishVolume'
  | 'NodeUnstageVolume'
  | 'ControllerUnpublishVolume'
  | 'DeleteVolume';

export interface CsiCall {
  step: CsiStep;
  rpc: CsiRpc;
  service: 'Controller' | 'Node';
  caller: 'external-provisioner' | 'external-attacher' | 'kubelet';
  volumeHandle: string;
  /** NodeStage/NodeUnstage staging_target_path; also passed to NodePublishVolume when the driver stages. */
  stagingTargetPath?: string;
  /** NodePublish/NodeUnpublish target_path. */
  targetPath?: string;
  /** ControllerPublish/Unpublish: the node, and the VolumeAttachment whose status carries the result. */
  nodeName?: string;
  volumeAttachment?: string;
}

export interface CsiSequenceInput {
  pv: PersistentVolume;
  podUid: string;
  nodeName: string;
  /** CSIDriver objects and STAGE_UNSTAGE_VOLUME drivers, as for volumePlugin. */
  context?: VolumePluginContext;
  /** False for a pre-provisioned PV: no CreateVolume, and with reclaim policy Retain no DeleteVolume. */
  dynamicallyProvisioned?: boolean;
  kubernetesVersion?: string;
}

/**
 * Every call for provision → attach → mount → unmount → detach → delete of one PV used by one Pod.
 * Example: attachRequired false, no STAGE_UNSTAGE_VOLUME → CreateVolume, NodePublishVolume,
 * NodeUnpublishVolume, DeleteVolume.
 */
export function csiCallSequence(input: CsiSequenceInput): CsiCall[] {
  const { pv, podUid, nodeName } = input;
  const source = pv.spec.csi;
  if (!source) throw new InputError(`PersistentVolume "${pv.metadata.name}" has no csi source`);
  const plugin = volumePlugin(pv, input.context);
  const handle = source.volumeHandle;
  const staging = plugin.stages
    ? csiStagingPath({ pvName: pv.metadata.name, driver: source.driver, volumeHandle: handle }, input.kubernetesVersion ?? CURRENT_KUBERNETES_VERSION)
    : undefined;
  const target = volumeMountPath(podUid, plugin, plugin.specName);
  const attachment = { nodeName, volumeAttachment: volumeAttachmentName(handle, source.driver, nodeName) };
  const dynamic = input.dynamicallyProvisioned ?? true;
  // The external-provisioner deletes only what it owns under reclaim policy Delete (PVC-*).
  const deletes = dynamic && (pv.spec.persistentVolumeReclaimPolicy ?? 'Delete') === 'Delete';
  const calls: CsiCall[] = [];
  const add = (call: Omit<CsiCall, 'volumeHandle'>) => calls.push({ ...call, volumeHandle: handle });
  if (dynamic) add({ step: 'provision', rpc: 'CreateVolume', service: 'Controller', caller: 'external-provisioner' });
  if (plugin.attachable) add({ step: 'attach', rpc: 'ControllerPublishVolume', service: 'Controller', caller: 'external-attacher', ...attachment });
  if (staging) add({ step: 'mount', rpc: 'NodeStageVolume', service: 'Node', caller: 'kubelet', stagingTargetPath: staging });
  add({ step: 'mount', rpc: 'NodePublishVolume', service: 'Node', caller: 'kubelet', targetPath: target, ...(staging ? { stagingTargetPath: staging } : {}) });
  // VOL-05: unmount on the node before the controller detaches.
  add({ step: 'unmount', rpc: 'NodeUnpublishVolume', service: 'Node', caller: 'kubelet', targetPath: target });
  if (staging) add({ step: 'unmount', rpc: 'NodeUnstageVolume', service: 'Node', caller: 'kubelet', stagingTargetPath: staging });
  if (plugin.attachable) add({ step: 'detach', rpc: 'ControllerUnpublishVolume', service: 'Controller', caller: 'external-attacher', ...attachment });
  if (deletes) add({ step: 'delete', rpc: 'DeleteVolume', service: 'Controller', caller: 'external-provisioner' });
  return calls;
}

/** One line per call, as the tracer prints it: "kubelet → Node.NodePublishVolume target=/var/lib/…". */
export function formatCsiCall(call: CsiCall): string {
  const where = [
    call.nodeName !== undefined ? `node=${call.nodeName}` : '',
    call.volumeAttachment !== undefined ? `va=${call.volumeAttachment}` : '',
    call.stagingTargetPath !== undefined ? `staging=${call.stagingTargetPath}` : '',
    call.targetPath !== undefined ? `target=${call.targetPath}` : '',
  ].filter((s) => s !== '');
  return [`${call.caller} → ${call.service}.${call.rpc}`, `volume=${call.volumeHandle}`, ...where].join(' ');
}
