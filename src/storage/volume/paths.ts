// Where kubelet mounts a volume on the node and what the CSI attacher names its VolumeAttachment.
// Sources: pkg/kubelet/kubelet_getters.go (GetPodVolumeDir: <root>/pods/<uid>/volumes/<escaped plugin>/<name>),
// pkg/volume/csi/csi_mounter.go (GetPath: the CSI publish target is that directory + "/mount", with the spec
// name escaped), pkg/volume/csi/csi_attacher.go (makeDeviceMountPath, getAttachmentName),
// pkg/volume/flexvolume/attacher.go (device mounts under plugins/kubernetes.io/flexvolume/<driver>/mounts).
// Behaviours: VOL-01 (Pod volume directory), VOL-10 (VolumeAttachment name), VOL-11 (staging directory).
import { createHash } from 'node:crypto';
import { CURRENT_KUBERNETES_VERSION, parseKubernetesMinor } from '../../k8s/version.ts';
import { PLUGIN_NAMES, escapeQualifiedName, type VolumePlugin } from './plugins.ts';

/** kubelet --root-dir default. */
export const KUBELET_ROOT_DIR = '/var/lib/kubelet';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * /var/lib/kubelet/pods/<uid>/volumes/<plugin dir>/<spec name> (VOL-01). The spec name is the PV name for a
 * claim-backed volume (e.g. .../kubernetes.io~csi/pvc-0a1b/...), the Pod's volume name otherwise.
 */
export function podVolumeDir(podUid: string, plugin: Pick<VolumePlugin, 'directory' | 'source'>, specName: string): string {
  // Only the CSI mounter escapes the spec name; the others join it as it is.
  const name = plugin.source === 'csi' ? escapeQualifiedName(specName) : specName;
  return `${KUBELET_ROOT_DIR}/pods/${podUid}/volumes/${plugin.directory}/${name}`;
}

/**
 * The directory the container runtime bind-mounts into the container: the Pod volume directory, plus "/mount"
 * for CSI, where it is NodePublishVolume's target_path (VOL-11).
 */
export function volumeMountPath(podUid: string, plugin: Pick<VolumePlugin, 'directory' | 'source'>, specName: string): string {
  const dir = podVolumeDir(podUid, plugin, specName);
  return plugin.source === 'csi' ? `${dir}/mount` : dir;
}

const CSI_PLUGIN_DIR = `${KUBELET_ROOT_DIR}/plugins/${PLUGIN_NAMES.csi}`;

/**
 * NodeStageVolume's staging_target_path (VOL-11). Since 1.24 (PR #107065, "PV agnostic" so two PVs naming one
 * volume stage once) it is plugins/kubernetes.io/csi/<driver>/<sha256 hex of volumeHandle>/globalmount;
 * 1.16–1.23 used plugins/kubernetes.io/csi/pv/<pv name>/globalmount.
 */
export function csiStagingPath(
  volume: { pvName: string; driver: string; volumeHandle: string },
  kubernetesVersion: string = CURRENT_KUBERNETES_VERSION,
): string {
  if (parseKubernetesMinor(kubernetesVersion) <= 23) return `${CSI_PLUGIN_DIR}/pv/${volume.pvName}/globalmount`;
  return `${CSI_PLUGIN_DIR}/${volume.driver}/${sha256Hex(volume.volumeHandle)}/globalmount`;
}

/**
 * The VolumeAttachment the CSI attacher creates (VOL-10): "csi-" + sha256 hex of volumeHandle, driver and node
 * name concatenated without separators (68 characters in all).
 */
export function volumeAttachmentName(volumeHandle: string, driver: string, nodeName: string): string {
  return `csi-${sha256Hex(`${volumeHandle}${driver}${nodeName}`)}`;
}

/**
 * An attach-capable FlexVolume's device mount (mountdevice's mount dir, VOL-08):
 * plugins/kubernetes.io/flexvolume/<vendor>/<driver>/mounts/<volume name>; the driver keeps its "/" here.
 */
export function flexDeviceMountPath(driver: string, volumeName: string): string {
  return `${KUBELET_ROOT_DIR}/plugins/kubernetes.io/flexvolume/${driver}/mounts/${volumeName}`;
}
