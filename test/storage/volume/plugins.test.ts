import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import type { CSIDriver, PersistentVolume, Volume } from '../../../src/k8s/types.ts';
import { escapeQualifiedName, volumePlugin, type VolumePluginContext } from '../../../src/storage/volume/plugins.ts';

const pv = (name: string, source: Record<string, unknown>): PersistentVolume => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...source },
});
const csiDriver = (name: string, attachRequired?: boolean): CSIDriver => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'CSIDriver',
  metadata: { name },
  spec: attachRequired === undefined ? {} : { attachRequired },
});
const ebs = pv('pvc-ebs', { csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0abc' } });
const flex = pv('pv-flex', { flexVolume: { driver: 'k8s/nfs', options: { server: '10.0.0.1' } } });

type Row = [name: string, source: Volume | PersistentVolume, ctx: VolumePluginContext, expected: { name: string; directory: string; attachable: boolean; stages: boolean }];
const rows: Row[] = [
  ['VOL-10: CSI PV without a CSIDriver object attaches, and without STAGE_UNSTAGE_VOLUME does not stage', ebs, {}, { name: 'kubernetes.io/csi', directory: 'kubernetes.io~csi', attachable: true, stages: false }],
  ['VOL-10, VOL-11: CSI PV, driver object without attachRequired, driver stages → attach and stage', ebs, { csiDrivers: [csiDriver('ebs.csi.aws.com')], csiStageUnstage: ['ebs.csi.aws.com'] }, { name: 'kubernetes.io/csi', directory: 'kubernetes.io~csi', attachable: true, stages: true }],
  ['VOL-10: CSI PV whose CSIDriver says attachRequired false has no attach phase', ebs, { csiDrivers: [csiDriver('ebs.csi.aws.com', false)] }, { name: 'kubernetes.io/csi', directory: 'kubernetes.io~csi', attachable: false, stages: false }],
  ['VOL-10: a CSIDriver of another driver does not count; attach still required', ebs, { csiDrivers: [csiDriver('nfs.csi.k8s.io', false)] }, { name: 'kubernetes.io/csi', directory: 'kubernetes.io~csi', attachable: true, stages: false }],
  ['VOL-08: FlexVolume whose init said attach false only mounts', flex, { flexInit: { 'k8s/nfs': { attach: false } } }, { name: 'flexvolume-k8s/nfs', directory: 'k8s~nfs', attachable: false, stages: false }],
  ['VOL-08: FlexVolume whose init left attach out attaches and mounts the device (default true)', flex, {}, { name: 'flexvolume-k8s/nfs', directory: 'k8s~nfs', attachable: true, stages: true }],
  ['VOL-02: NFS PV goes straight to mount', pv('pv-nfs', { nfs: { server: 'nfs.local', path: '/exports' } }), {}, { name: 'kubernetes.io/nfs', directory: 'kubernetes.io~nfs', attachable: false, stages: false }],
  ['VOL-02, PVC-12: local PV is named local-volume and is not attachable', pv('pv-local', { local: { path: '/mnt/disks/ssd1' } }), {}, { name: 'kubernetes.io/local-volume', directory: 'kubernetes.io~local-volume', attachable: false, stages: false }],
  ['VOL-02: hostPath PV is named host-path and is not attachable', pv('pv-host', { hostPath: { path: '/data' } }), {}, { name: 'kubernetes.io/host-path', directory: 'kubernetes.io~host-path', attachable: false, stages: false }],
  ['VOL-02, CFG-02: configMap volume is named configmap and is not attachable', { name: 'config', configMap: { name: 'app' } }, {}, { name: 'kubernetes.io/configmap', directory: 'kubernetes.io~configmap', attachable: false, stages: false }],
  ['VOL-02, CFG-05: secret volume is not attachable', { name: 'creds', secret: { secretName: 'db' } }, {}, { name: 'kubernetes.io/secret', directory: 'kubernetes.io~secret', attachable: false, stages: false }],
  ['VOL-02, CFG-01: projected volume is not attachable', { name: 'all', projected: { sources: [] } }, {}, { name: 'kubernetes.io/projected', directory: 'kubernetes.io~projected', attachable: false, stages: false }],
  ['VOL-02, CFG-06: downwardAPI volume is named downward-api', { name: 'info', downwardAPI: { items: [] } }, {}, { name: 'kubernetes.io/downward-api', directory: 'kubernetes.io~downward-api', attachable: false, stages: false }],
  ['VOL-02: emptyDir volume is named empty-dir', { name: 'scratch', emptyDir: {} }, {}, { name: 'kubernetes.io/empty-dir', directory: 'kubernetes.io~empty-dir', attachable: false, stages: false }],
  ['VOL-10, VOL-11: inline ephemeral CSI volume neither attaches nor stages', { name: 'inline', csi: { driver: 'secrets-store.csi.k8s.io' } }, { csiStageUnstage: ['secrets-store.csi.k8s.io'] }, { name: 'kubernetes.io/csi', directory: 'kubernetes.io~csi', attachable: false, stages: false }],
];

describe('volumePlugin', () => {
  it.each(rows)('%s', (_name, source, ctx, expected) => {
    const plugin = volumePlugin(source, ctx);
    expect({ name: plugin.name, directory: plugin.directory, attachable: plugin.attachable, stages: plugin.stages }).toEqual(expected);
  });

  it('VOL-01: the spec name is the PV name for a PersistentVolume and the volume name for a Pod volume', () => {
    expect(volumePlugin(ebs).specName).toBe('pvc-ebs');
    expect(volumePlugin(ebs).inline).toBe(false);
    expect(volumePlugin({ name: 'config', configMap: { name: 'app' } }).specName).toBe('config');
  });

  it('VOL-09: the CSI and FlexVolume driver is reported', () => {
    expect(volumePlugin(ebs).driver).toBe('ebs.csi.aws.com');
    expect(volumePlugin(flex).driver).toBe('k8s/nfs');
    expect(volumePlugin(pv('pv-nfs', { nfs: { server: 's', path: '/' } })).driver).toBeUndefined();
  });

  it('rejected, VOL-01: a Pod volume naming a claim must be resolved to its PV first', () => {
    expect(() => volumePlugin({ name: 'data', persistentVolumeClaim: { claimName: 'data' } })).toThrow(InputError);
    expect(() => volumePlugin({ name: 'data', persistentVolumeClaim: { claimName: 'data' } })).toThrow(/bound PersistentVolume/);
  });

  it('rejected, VOL-01: an unknown source and a CSI source without driver are InputErrors', () => {
    expect(() => volumePlugin({ name: 'odd', gitRepo: { repository: 'x' } })).toThrow(/no volume source kubemodel knows/);
    expect(() => volumePlugin(pv('pv-bad', { csi: { volumeHandle: 'h' } }))).toThrow(/driver is required/);
  });

  it('VOL-01, VOL-07: escapeQualifiedName turns every "/" into "~"', () => {
    expect(escapeQualifiedName('kubernetes.io/csi')).toBe('kubernetes.io~csi');
    expect(escapeQualifiedName('k8s/nfs')).toBe('k8s~nfs');
    expect(escapeQualifiedName('a/b/c')).toBe('a~b~c');
  });
});
