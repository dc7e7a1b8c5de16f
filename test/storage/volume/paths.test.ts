import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import {
  csiStagingPath,
  flexDeviceMountPath,
  podVolumeDir,
  volumeAttachmentName,
  volumeMountPath,
} from '../../../src/storage/volume/paths.ts';

// Computed here independently of the module under test.
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const uid = '5b1c2d3e-0000-4000-8000-000000000001';
const csi = { source: 'csi', directory: 'kubernetes.io~csi' } as const;
const nfs = { source: 'nfs', directory: 'kubernetes.io~nfs' } as const;
const cm = { source: 'configMap', directory: 'kubernetes.io~configmap' } as const;
const flex = { source: 'flexVolume', directory: 'k8s~nfs' } as const;

describe('node paths', () => {
  it.each([
    ['VOL-01: NFS PV mounts at the Pod volume directory named after the PV', nfs, 'pv-nfs', `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~nfs/pv-nfs`],
    ['VOL-01, CFG-02: configMap volume directory uses the Pod volume name', cm, 'config', `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~configmap/config`],
    ['VOL-07: FlexVolume directory is the escaped driver, not "flexvolume-…"', flex, 'pv-flex', `/var/lib/kubelet/pods/${uid}/volumes/k8s~nfs/pv-flex`],
    ['VOL-11: CSI volume directory before "/mount"', csi, 'pvc-0a1b', `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~csi/pvc-0a1b`],
  ] as const)('%s', (_n, plugin, name, expected) => {
    expect(podVolumeDir(uid, plugin, name)).toBe(expected);
  });

  it('VOL-11: the CSI publish target is the volume directory + /mount; other plugins bind the directory itself', () => {
    expect(volumeMountPath(uid, csi, 'pvc-0a1b')).toBe(`/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~csi/pvc-0a1b/mount`);
    expect(volumeMountPath(uid, nfs, 'pv-nfs')).toBe(`/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~nfs/pv-nfs`);
  });

  it('VOL-11: the CSI mounter escapes "/" in the spec name', () => {
    expect(podVolumeDir(uid, csi, 'a/b')).toBe(`/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~csi/a~b`);
  });

  const vol = { pvName: 'pvc-0a1b', driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0123456789abcdef0' };
  it.each([
    ['VOL-11: staging in 1.16 is per PV name', '1.16', '/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pvc-0a1b/globalmount'],
    ['VOL-11: staging in 1.23 is still per PV name (last release before PR #107065)', 'v1.23.17', '/var/lib/kubelet/plugins/kubernetes.io/csi/pv/pvc-0a1b/globalmount'],
    ['VOL-11: staging in 1.24 is per driver and sha256 of the volume handle', '1.24', `/var/lib/kubelet/plugins/kubernetes.io/csi/ebs.csi.aws.com/${sha('vol-0123456789abcdef0')}/globalmount`],
    ['VOL-11: staging in 1.37 is unchanged since 1.24', '1.37', `/var/lib/kubelet/plugins/kubernetes.io/csi/ebs.csi.aws.com/${sha('vol-0123456789abcdef0')}/globalmount`],
  ])('%s', (_n, version, expected) => {
    expect(csiStagingPath(vol, version)).toBe(expected);
  });

  it('VOL-11: the current default is the sha256 form; a known value pins the hash', () => {
    expect(csiStagingPath(vol)).toBe(csiStagingPath(vol, '1.37'));
    // sha256("abc") is the FIPS 180-2 test vector.
    expect(csiStagingPath({ pvName: 'p', driver: 'd', volumeHandle: 'abc' }, '1.30')).toBe(
      '/var/lib/kubelet/plugins/kubernetes.io/csi/d/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad/globalmount',
    );
  });

  it('rejected, VOL-11: a version outside 1.16–current is an InputError', () => {
    expect(() => csiStagingPath(vol, '1.15')).toThrow(InputError);
  });

  it.each([
    ['VOL-10: VolumeAttachment name is csi- + sha256(handle+driver+node)', 'vol-0123456789abcdef0', 'ebs.csi.aws.com', 'node-1'],
    ['VOL-10: VolumeAttachment name for a hostpath driver volume', '7bfc0d6b-1f0e-11ef-9c4a-0242ac120002', 'hostpath.csi.k8s.io', 'kind-worker'],
  ])('%s', (_n, handle, driver, node) => {
    const name = volumeAttachmentName(handle, driver, node);
    expect(name).toBe(`csi-${sha(handle + driver + node)}`);
    expect(name).toHaveLength(68);
  });

  it('VOL-10: the concatenation has no separator, so moving a character between fields gives the same name', () => {
    expect(volumeAttachmentName('ab', 'c', 'd')).toBe(volumeAttachmentName('a', 'bc', 'd'));
    expect(volumeAttachmentName('a', 'b', 'c')).toBe(`csi-${sha('abc')}`);
  });

  it('VOL-08: an attach-capable FlexVolume mounts its device under plugins/kubernetes.io/flexvolume/<driver>/mounts', () => {
    expect(flexDeviceMountPath('k8s/nfs', 'pv-flex')).toBe('/var/lib/kubelet/plugins/kubernetes.io/flexvolume/k8s/nfs/mounts/pv-flex');
  });
});
