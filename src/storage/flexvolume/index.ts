// Public surface of the FlexVolume exec protocol model (VOL-07, VOL-08).
export { FLEX_CALLER, FLEX_EXEC_DIR, flexCall, flexCallSequence, flexDriverExecutable, flexOptions, goJson } from './driver-call.ts';
export type { FlexCall, FlexCallArgs, FlexMountExtras, FlexOperation, FlexVolumeSpec } from './driver-call.ts';
export { DEFAULT_FLEX_CAPABILITIES, parseFlexReply } from './reply.ts';
export type { FlexCapabilities, FlexReply } from './reply.ts';
