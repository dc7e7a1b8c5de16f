// Random PVs and claims for the binding properties (PVC-02, PVC-03, PVC-10, PVC-12): a few sizes whose byte
// values the oracle knows without the quantity parser, every access-mode subset, classes "", a and b, every
// phase, pre-bindings to the claim (with and without uid), to a namesake with another uid and to another
// claim, volumeModes, a tier label, deletion, and local PVs on node01 or node02. Could move to
// test/arbitraries/ once other suites need PVs.
import fc from 'fast-check';
import type { PersistentVolume, PersistentVolumeAccessMode, PersistentVolumeClaim } from '../../../src/k8s/types.ts';

/** Sizes and their bytes, so an oracle compares plain numbers. */
export const SIZES: Readonly<Record<string, number>> = { '500Mi': 524288000, '1G': 1e9, '1Gi': 1073741824, '2Gi': 2147483648, '5Gi': 5368709120, '10Gi': 10737418240 };
const MODES: PersistentVolumeAccessMode[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const CLAIM = { name: 'c', namespace: 'default', uid: 'uid-c' };

const arbVolumeFields = fc.record({
  size: fc.constantFrom(...Object.keys(SIZES)),
  // Common sets often, so groups hold several PVs and "smallest" is a real choice; any subset sometimes.
  modes: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<PersistentVolumeAccessMode[]>(['ReadWriteOnce'], ['ReadWriteOnce', 'ReadOnlyMany'], ['ReadWriteMany']) },
    { weight: 1, arbitrary: fc.subarray(MODES, { minLength: 1 }) },
  ),
  cls: fc.constantFrom('', '', 'a', 'b'),
  phase: fc.constantFrom('Available', 'Available', 'Available', 'Available', 'Bound', 'Released', 'Pending'),
  ref: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'claim', 'claim-uid', 'namesake', 'other'),
  mode: fc.constantFrom(undefined, undefined, 'Filesystem', 'Block'),
  tier: fc.constantFrom(undefined, 'x', 'y'),
  deleting: fc.constantFrom(false, false, false, false, false, true),
  node: fc.constantFrom(undefined, undefined, 'node01', 'node02'),
});

type VolumeFields = typeof arbVolumeFields extends fc.Arbitrary<infer T> ? T : never;

function volume(i: number, f: VolumeFields): PersistentVolume {
  const refs = {
    claim: { name: CLAIM.name, namespace: CLAIM.namespace },
    'claim-uid': { name: CLAIM.name, namespace: CLAIM.namespace, uid: CLAIM.uid },
    namesake: { name: CLAIM.name, namespace: CLAIM.namespace, uid: 'uid-old' },
    other: { name: 'other', namespace: 'default', uid: 'uid-other' },
  } as const;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: `pv-${i}`, ...(f.tier ? { labels: { tier: f.tier } } : {}), ...(f.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      capacity: { storage: f.size },
      accessModes: f.modes,
      storageClassName: f.cls,
      ...(f.mode ? { volumeMode: f.mode } : {}),
      ...(f.ref !== 'none' ? { claimRef: refs[f.ref] } : {}),
      ...(f.node
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In' as const, values: [f.node] }] }] } } }
        : {}),
      local: { path: `/mnt/disks/${i}` },
    },
    status: { phase: f.phase },
  };
}

export const arbVolumes: fc.Arbitrary<PersistentVolume[]> = fc.array(arbVolumeFields, { minLength: 1, maxLength: 12 }).map((fs) => fs.map((f, i) => volume(i, f)));

export const arbClaim: fc.Arbitrary<PersistentVolumeClaim> = fc
  .record({
    size: fc.constantFrom('500Mi', '500Mi', '1G', '1Gi', '2Gi', '5Gi'),
    modes: fc.oneof(fc.constantFrom<PersistentVolumeAccessMode[]>(['ReadWriteOnce'], []), fc.subarray(MODES, { maxLength: 2 })),
    cls: fc.constantFrom('', '', 'a', 'b'),
    mode: fc.constantFrom(undefined, undefined, undefined, 'Filesystem', 'Block'),
    tier: fc.constantFrom(undefined, undefined, undefined, 'x'),
  })
  .map((f) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: CLAIM.name, namespace: CLAIM.namespace, uid: CLAIM.uid },
    spec: {
      accessModes: f.modes,
      resources: { requests: { storage: f.size } },
      storageClassName: f.cls,
      ...(f.mode ? { volumeMode: f.mode } : {}),
      ...(f.tier ? { selector: { matchLabels: { tier: f.tier } } } : {}),
    },
  }));
