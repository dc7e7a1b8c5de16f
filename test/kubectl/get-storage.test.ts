// `kubectl get pvc` / `kubectl get pv` columns against printPersistentVolumeClaim / printPersistentVolume and
// their column definitions (pkg/printers/internalversion/printers.go), and GetAccessModesAsString
// (pkg/apis/core/helper/helpers.go).
import { describe, expect, it } from 'vitest';
import { accessModesString, pvcHeaders, pvcRow, pvHeaders, pvRow } from '../../src/kubectl/get-storage.ts';
import type { PersistentVolume, PersistentVolumeClaim } from '../../src/k8s/types.ts';

const NOW = new Date('2026-01-01T01:00:00Z');
const HOUR_AGO = '2026-01-01T00:00:00Z';

function claim(spec: PersistentVolumeClaim['spec'], status?: PersistentVolumeClaim['status'], extra: Partial<PersistentVolumeClaim['metadata']> = {}): PersistentVolumeClaim {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default', creationTimestamp: HOUR_AGO, ...extra }, spec, ...(status ? { status } : {}) };
}

function volume(spec: PersistentVolume['spec'], status?: PersistentVolume['status'], extra: Partial<PersistentVolume['metadata']> = {}): PersistentVolume {
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1', creationTimestamp: HOUR_AGO, ...extra }, spec, ...(status ? { status } : {}) };
}

const request = { requests: { storage: '20Gi' } };

describe('accessModesString (GetAccessModesAsString)', () => {
  const rows: [name: string, modes: string[] | undefined, expected: string][] = [
    ['PVC-03: one mode → its abbreviation "RWO"', ['ReadWriteOnce'], 'RWO'],
    ['PVC-03: modes print in the fixed order RWO,ROX,RWX whatever the spec order', ['ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOnce'], 'RWO,ROX,RWX'],
    ['PVC-03: ReadWriteOncePod prints last as "RWOP"', ['ReadWriteOncePod', 'ReadWriteOnce'], 'RWO,RWOP'],
    ['PVC-03: a repeated mode prints once', ['ReadWriteOnce', 'ReadWriteOnce'], 'RWO'],
    ['PVC-03: no modes → empty cell', undefined, ''],
  ];
  it.each(rows)('%s', (_name, modes, expected) => {
    expect(accessModesString(modes)).toBe(expected);
  });
});

describe('kubectl get pvc', () => {
  it('PVC-01: 1.29+ headers are NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE', () => {
    expect(pvcHeaders('1.37')).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
  });
  it('PVC-01: before 1.29 (no VolumeAttributesClass API) there is no VOLUMEATTRIBUTESCLASS column', () => {
    expect(pvcHeaders('1.28')).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'AGE']);
  });
  it('PVC-13: -o wide adds VOLUMEMODE last', () => {
    expect(pvcHeaders('1.37', { wide: true }).at(-1)).toBe('VOLUMEMODE');
  });

  const rows: [name: string, c: PersistentVolumeClaim, version: string, expected: string[]][] = [
    [
      'PVC-05: a Pending claim shows no VOLUME, CAPACITY or ACCESS MODES although it requests 20Gi RWO',
      claim({ accessModes: ['ReadWriteOnce'], resources: request, storageClassName: 'fast' }, { phase: 'Pending' }),
      '1.37',
      ['data', 'Pending', '', '', '', 'fast', '<unset>', '60m'],
    ],
    [
      'PVC-02, PVC-03: a Bound claim shows the volume and its status capacity (10Gi, not the 2Gi requested), modes in fixed order',
      claim(
        { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '2Gi' } }, storageClassName: '', volumeName: 'nfs-10g' },
        { phase: 'Bound', accessModes: ['ReadWriteMany', 'ReadWriteOnce'], capacity: { storage: '10Gi' } },
      ),
      '1.37',
      ['data', 'Bound', 'nfs-10g', '10Gi', 'RWO,RWX', '', '<unset>', '60m'],
    ],
    [
      'PVC-02: a claim with volumeName but no status capacity yet shows CAPACITY "0" (the zero Quantity)',
      claim({ accessModes: ['ReadWriteOnce'], resources: request, volumeName: 'pv-1' }, { phase: 'Pending' }),
      '1.37',
      ['data', 'Pending', 'pv-1', '0', '', '', '<unset>', '60m'],
    ],
    [
      'PVC-14: a deleted claim held by the pvc-protection finalizer shows STATUS Terminating, not Bound',
      claim(
        { accessModes: ['ReadWriteOnce'], resources: request, storageClassName: 'fast', volumeName: 'pv-1' },
        { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '20Gi' } },
        { deletionTimestamp: '2026-01-01T00:59:00Z' },
      ),
      '1.37',
      ['data', 'Terminating', 'pv-1', '20Gi', 'RWO', 'fast', '<unset>', '60m'],
    ],
    [
      'PVC-07: the beta storage-class annotation wins over storageClassName in STORAGECLASS',
      claim({ resources: request, storageClassName: 'fast' }, { phase: 'Pending' }, { annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } }),
      '1.37',
      ['data', 'Pending', '', '', '', 'slow', '<unset>', '60m'],
    ],
    [
      'PVC-01: an old release (1.21) prints the row without the VOLUMEATTRIBUTESCLASS cell',
      claim({ accessModes: ['ReadWriteOnce'], resources: request, storageClassName: 'fast' }, { phase: 'Pending' }),
      '1.21',
      ['data', 'Pending', '', '', '', 'fast', '60m'],
    ],
    [
      'PVC-01: a status capacity of 1024Mi prints as Quantity.String() does: "1Gi"',
      claim({ volumeName: 'pv-1', resources: request }, { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1024Mi' } }),
      '1.37',
      ['data', 'Bound', 'pv-1', '1Gi', 'RWO', '', '<unset>', '60m'],
    ],
  ];
  it.each(rows)('%s', (_name, c, version, expected) => {
    expect(pvcRow(c, NOW, version)).toEqual(expected);
    expect(pvcRow(c, NOW, version)).toHaveLength(pvcHeaders(version).length);
  });

  it('PVC-13: -o wide prints the claim volumeMode, "<unset>" when the spec has none', () => {
    expect(pvcRow(claim({ volumeMode: 'Block' }), NOW, '1.37', { wide: true }).at(-1)).toBe('Block');
    expect(pvcRow(claim({}), NOW, '1.37', { wide: true }).at(-1)).toBe('<unset>');
  });
});

describe('kubectl get pv', () => {
  it('PVC-14: 1.29+ headers put VOLUMEATTRIBUTESCLASS between STORAGECLASS and REASON', () => {
    expect(pvHeaders('1.37')).toEqual(['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE']);
  });
  it('PVC-14: before 1.29 the headers have no VOLUMEATTRIBUTESCLASS; -o wide adds VOLUMEMODE', () => {
    expect(pvHeaders('1.28', { wide: true })).toEqual(['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'REASON', 'AGE', 'VOLUMEMODE']);
  });

  const rows: [name: string, v: PersistentVolume, version: string, expected: string[]][] = [
    [
      'PVC-14: a Released Retain volume keeps naming its deleted claim in CLAIM',
      volume(
        { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'local-storage', claimRef: { namespace: 'default', name: 'data', uid: 'u1' } },
        { phase: 'Released' },
      ),
      '1.37',
      ['pv-1', '5Gi', 'RWO', 'Retain', 'Released', 'default/data', 'local-storage', '<unset>', '', '60m'],
    ],
    [
      'PVC-06: an Available volume without claimRef has an empty CLAIM and an empty class when storageClassName is ""',
      volume({ capacity: { storage: '10Gi' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '' }, { phase: 'Available' }),
      '1.37',
      ['pv-1', '10Gi', 'RWX', 'Retain', 'Available', '', '', '<unset>', '', '60m'],
    ],
    [
      'PVC-14: a volume whose reclaim failed shows phase Failed and status.reason in REASON',
      volume({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'default', name: 'data' } }, { phase: 'Failed', reason: 'VolumeFailedDelete' }),
      '1.37',
      ['pv-1', '1Gi', 'RWO', 'Delete', 'Failed', 'default/data', '', '<unset>', 'VolumeFailedDelete', '60m'],
    ],
    [
      'PVC-14: a deleted volume shows STATUS Terminating, not its phase',
      volume({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete' }, { phase: 'Bound' }, { deletionTimestamp: HOUR_AGO }),
      '1.37',
      ['pv-1', '1Gi', 'RWO', 'Delete', 'Terminating', '', '', '<unset>', '', '60m'],
    ],
    [
      'PVC-14: an old release (1.16) prints the row without the VOLUMEATTRIBUTESCLASS cell; a volume without capacity shows "0"',
      volume({ accessModes: ['ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Retain' }, { phase: 'Available' }),
      '1.16',
      ['pv-1', '0', 'ROX', 'Retain', 'Available', '', '', '', '60m'],
    ],
    [
      'PVC-14: a volume naming a VolumeAttributesClass shows it',
      volume({ capacity: { storage: '1Gi' }, persistentVolumeReclaimPolicy: 'Delete', volumeAttributesClassName: 'gold' }, { phase: 'Available' }),
      '1.37',
      ['pv-1', '1Gi', '', 'Delete', 'Available', '', '', 'gold', '', '60m'],
    ],
  ];
  it.each(rows)('%s', (_name, v, version, expected) => {
    expect(pvRow(v, NOW, version)).toEqual(expected);
    expect(pvRow(v, NOW, version)).toHaveLength(pvHeaders(version).length);
  });

  it('PVC-13: -o wide prints the volume volumeMode', () => {
    expect(pvRow(volume({ volumeMode: 'Filesystem' }), NOW, '1.37', { wide: true }).at(-1)).toBe('Filesystem');
  });
});
