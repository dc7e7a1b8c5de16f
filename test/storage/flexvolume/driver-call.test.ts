import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { flexCall, flexCallSequence, flexDriverExecutable, flexOptions, goJson, type FlexVolumeSpec } from '../../../src/storage/flexvolume/driver-call.ts';

const spec: FlexVolumeSpec = { driver: 'k8s/nfs', specName: 'pv-flex', fsType: 'ext4', options: { server: '10.0.0.1', share: '/exports' } };
const exe = '/usr/libexec/kubernetes/kubelet-plugins/volume/exec/k8s~nfs/nfs';
const baseJson = '{"kubernetes.io/fsType":"ext4","kubernetes.io/pvOrVolumeName":"pv-flex","kubernetes.io/readwrite":"rw","server":"10.0.0.1","share":"/exports"}';

describe('FlexVolume driver calls', () => {
  it('VOL-07: the executable is exec/<vendor>~<driver>/<driver>', () => {
    expect(flexDriverExecutable('k8s/nfs')).toBe(exe);
    expect(flexDriverExecutable('acme.com/lvm')).toBe('/usr/libexec/kubernetes/kubelet-plugins/volume/exec/acme.com~lvm/lvm');
  });

  it.each([
    ['VOL-07: init takes no arguments, run by kubelet', 'init', {}, ['init'], 'kubelet'],
    ['VOL-08: attach <json> <node>, run by the controller', 'attach', { nodeName: 'node-1' }, ['attach', baseJson, 'node-1'], 'kube-controller-manager'],
    ['VOL-08: waitforattach <device> <json>, run by kubelet', 'waitforattach', { devicePath: '/dev/xvdf' }, ['waitforattach', '/dev/xvdf', baseJson], 'kubelet'],
    ['VOL-08: mountdevice <dir> <device> <json>', 'mountdevice', { mountDir: '/var/lib/kubelet/plugins/kubernetes.io/flexvolume/k8s/nfs/mounts/pv-flex', devicePath: '/dev/xvdf' }, ['mountdevice', '/var/lib/kubelet/plugins/kubernetes.io/flexvolume/k8s/nfs/mounts/pv-flex', '/dev/xvdf', baseJson], 'kubelet'],
    ['VOL-07: unmount <dir>', 'unmount', { mountDir: '/var/lib/kubelet/pods/u/volumes/k8s~nfs/pv-flex' }, ['unmount', '/var/lib/kubelet/pods/u/volumes/k8s~nfs/pv-flex'], 'kubelet'],
    ['VOL-08: unmountdevice <dir>', 'unmountdevice', { mountDir: '/m' }, ['unmountdevice', '/m'], 'kubelet'],
    ['VOL-08: detach <volume name> <node>, the name defaulting to the spec name', 'detach', { nodeName: 'node-1' }, ['detach', 'pv-flex', 'node-1'], 'kube-controller-manager'],
    ['VOL-08: isattached <json> <node>', 'isattached', { nodeName: 'node-1' }, ['isattached', baseJson, 'node-1'], 'kube-controller-manager'],
  ] as const)('%s', (_n, op, args, argv, caller) => {
    const call = flexCall(op, spec, args);
    expect(call.args).toEqual(argv);
    expect(call.caller).toBe(caller);
    expect(call.executable).toBe(exe);
  });

  it('VOL-07: mount <dir> <json> adds pod metadata, service account, secrets and fsGroup; source options win', () => {
    const call = flexCall('mount', { ...spec, readOnly: true, options: { 'kubernetes.io/readwrite': 'rw!', server: 's' } }, {
      mountDir: '/var/lib/kubelet/pods/u1/volumes/k8s~nfs/pv-flex',
      mountExtras: { pod: { name: 'web', namespace: 'shop', uid: 'u1', serviceAccountName: 'default' }, fsGroup: 2000, secrets: { password: 'cGFzcw==' } },
    });
    expect(call.args[1]).toBe('/var/lib/kubelet/pods/u1/volumes/k8s~nfs/pv-flex');
    expect(JSON.parse(call.args[2] as string)).toEqual({
      'kubernetes.io/fsType': 'ext4',
      'kubernetes.io/mounterArgs.FsGroup': '2000',
      'kubernetes.io/pod.name': 'web',
      'kubernetes.io/pod.namespace': 'shop',
      'kubernetes.io/pod.uid': 'u1',
      'kubernetes.io/pvOrVolumeName': 'pv-flex',
      'kubernetes.io/readwrite': 'rw!',
      'kubernetes.io/secret/password': 'cGFzcw==',
      'kubernetes.io/serviceAccount.name': 'default',
      server: 's',
    });
  });

  it('VOL-07: options are JSON with sorted keys and Go\'s HTML escapes', () => {
    expect(goJson({ b: '1', a: '<x & y>' })).toBe('{"a":"\\u003cx \\u0026 y\\u003e","b":"1"}');
    expect(flexOptions({ driver: 'd', specName: 'v' })).toEqual({ 'kubernetes.io/fsType': '', 'kubernetes.io/readwrite': 'rw', 'kubernetes.io/pvOrVolumeName': 'v' });
  });

  it('VOL-07: the command line quotes the JSON argument for a shell', () => {
    expect(flexCall('attach', { driver: 'k8s/nfs', specName: 'v' }, { nodeName: 'n1' }).commandLine).toBe(
      `${exe} attach '{"kubernetes.io/fsType":"","kubernetes.io/pvOrVolumeName":"v","kubernetes.io/readwrite":"rw"}' n1`,
    );
  });

  it('rejected, VOL-07: a call missing a positional argument is an InputError naming it', () => {
    expect(() => flexCall('attach', spec)).toThrow(InputError);
    expect(() => flexCall('mount', spec)).toThrow(/mount needs mountDir/);
  });

  it('VOL-08: with attach support the sequence is init, attach, waitforattach, mountdevice, mount, unmount, unmountdevice, detach', () => {
    const calls = flexCallSequence(spec, true, { nodeName: 'node-1', devicePath: '/dev/xvdf', mountDir: '/pod/dir' });
    expect(calls.map((c) => c.operation)).toEqual(['init', 'attach', 'waitforattach', 'mountdevice', 'mount', 'unmount', 'unmountdevice', 'detach']);
    expect(calls[3]?.args[1]).toBe('/var/lib/kubelet/plugins/kubernetes.io/flexvolume/k8s/nfs/mounts/pv-flex');
  });

  it('VOL-08: without attach support only init, mount and unmount run', () => {
    expect(flexCallSequence(spec, false, { mountDir: '/pod/dir' }).map((c) => c.operation)).toEqual(['init', 'mount', 'unmount']);
  });
});
