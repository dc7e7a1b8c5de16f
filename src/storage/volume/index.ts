// Public surface of the volume plugin model (VOL-*, CFG-*): plugin phases, node paths, CSI calls, Event
// wording and config volumes.
export { PLUGIN_NAMES, escapeQualifiedName, volumePlugin } from './plugins.ts';
export type { FlexInitCapabilities, VolumePlugin, VolumePluginContext, VolumeSourceKind } from './plugins.ts';
export { KUBELET_ROOT_DIR, csiStagingPath, flexDeviceMountPath, podVolumeDir, volumeAttachmentName, volumeMountPath } from './paths.ts';
export { csiCallSequence, formatCsiCall } from './csi-calls.ts';
export type { CsiCall, CsiRpc, CsiSequenceInput, CsiStep } from './csi-calls.ts';
export { VOLUME_EVENT_WORDING, attachOrMountWaitEvent, goList, multiAttachEvent, volumeEvent, volumeWordingRow } from './events.ts';
export type { PodRef, VolumeEventArgs, VolumeEventKind, VolumeWordingRow } from './events.ts';
export { SERVICE_ACCOUNT_MOUNT_PATH, configVolumeStatus, nameSuffix, serviceAccountTokenVolume, volumeFiles } from './config-volumes.ts';
export type { ConfigVolumeStatus, VolumeFile } from './config-volumes.ts';
