// Input shapes of the rules under rules/volume/ (volume plugin phases, pkg/volume/*). src/storage/volume/
// plugins.ts builds every one of these inputs.
import { defineShape, type Shape } from './shapes.ts';

const booleanOrNull: Shape = { oneOf: ['boolean', 'null'] };

/**
 * One volume source as the phase rules see it: `source` is the API field naming it (csi, flexVolume, nfs,
 * local, hostPath, configMap, secret, projected, downwardAPI, emptyDir); `inline` is true for a Pod volume,
 * false for a PersistentVolume; null means the cluster did not say (VOL-08, VOL-10).
 */
defineShape('VolumePhaseInput', {
  object: {
    source: 'string',
    inline: 'boolean',
    csiDriverFound: 'boolean',
    csiAttachRequired: booleanOrNull,
    csiStageUnstage: 'boolean',
    flexAttach: booleanOrNull,
  },
});
