import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { parseKubernetesMinor } from '../../../src/k8s/version.ts';
import {
  VOLUME_EVENT_WORDING,
  attachOrMountWaitEvent,
  multiAttachEvent,
  volumeEvent,
  volumeWordingRow,
  type VolumeEventKind,
} from '../../../src/storage/volume/events.ts';

const kinds = [...new Set(VOLUME_EVENT_WORDING.map((r) => r.kind))];

describe('volume event wording table', () => {
  it('VOL-03, VOL-04: every kind has exactly one row for every minor 1.16–1.37', () => {
    for (const kind of kinds) {
      for (let minor = 16; minor <= 37; minor++) {
        const rows = VOLUME_EVENT_WORDING.filter((r) => r.kind === kind && minor >= parseKubernetesMinor(r.since) && (r.until === undefined || minor <= parseKubernetesMinor(r.until)));
        expect(rows, `${kind} 1.${minor}`).toHaveLength(1);
      }
      expect(volumeWordingRow(kind, 37)).toBeDefined();
    }
  });
});

// [name, kind, args, version, source, reason, message]
const rows: [string, VolumeEventKind, Parameters<typeof volumeEvent>[1], string, string, string, string][] = [
  ['VOL-03: SuccessfulAttachVolume names the PV and ends in the empty suffix\'s space', 'SuccessfulAttachVolume', { volume: 'pvc-0a1b' }, '1.30', 'attachdetach-controller', 'SuccessfulAttachVolume', 'AttachVolume.Attach succeeded for volume "pvc-0a1b" '],
  ['VOL-03, VOL-10: FailedAttachVolume appends " : <error>"', 'FailedAttachVolume', { volume: 'pvc-0a1b', error: 'rpc error: code = Internal desc = disk busy' }, '1.16', 'attachdetach-controller', 'FailedAttachVolume', 'AttachVolume.Attach failed for volume "pvc-0a1b" : rpc error: code = Internal desc = disk busy'],
  ['VOL-04, CFG-02: MountVolume.SetUp failure for a missing configMap', 'FailedMountSetUp', { volume: 'config', error: 'configmap "app" not found' }, '1.37', 'kubelet', 'FailedMount', 'MountVolume.SetUp failed for volume "config" : configmap "app" not found'],
  ['VOL-04, VOL-11: MountVolume.MountDevice failure (CSI NodeStageVolume)', 'FailedMountMountDevice', { volume: 'pvc-0a1b', error: 'rpc error: code = DeadlineExceeded desc = context deadline exceeded' }, '1.28', 'kubelet', 'FailedMount', 'MountVolume.MountDevice failed for volume "pvc-0a1b" : rpc error: code = DeadlineExceeded desc = context deadline exceeded'],
  ['VOL-04, VOL-10: MountVolume.WaitForAttach failure', 'FailedMountWaitForAttach', { volume: 'pvc-0a1b', error: 'volume attachment is being deleted' }, '1.19', 'kubelet', 'FailedMount', 'MountVolume.WaitForAttach failed for volume "pvc-0a1b" : volume attachment is being deleted'],
];

describe('volumeEvent', () => {
  it.each(rows)('%s', (_n, kind, args, version, source, reason, message) => {
    const e = volumeEvent(kind, args, version);
    expect(e).toMatchObject({ source, reason, message });
    expect(e.type).toBe(kind === 'SuccessfulAttachVolume' ? 'Normal' : 'Warning');
  });

  it('VOL-04: kubelet events carry the node as source.host; controller events do not', () => {
    expect(volumeEvent('FailedMountSetUp', { volume: 'v', error: 'e', node: 'node-1' }).host).toBe('node-1');
    expect(volumeEvent('FailedAttachVolume', { volume: 'v', error: 'e', node: 'node-1' }).host).toBeUndefined();
  });

  it('rejected, VOL-03: a missing placeholder names the arg', () => {
    expect(() => volumeEvent('FailedAttachVolume', { volume: 'v' })).toThrow(/needs args\.error/);
    expect(() => volumeEvent('FailedAttachVolume', { volume: 'v', error: 'e' }, '1.15')).toThrow(InputError);
  });
});

describe('multiAttachEvent', () => {
  const volume = 'pvc-8e2b';
  it.each([
    ['VOL-03: users on the other node in the same namespace are named (1.30)', { volume, podNamespace: 'a', podsOnOtherNodes: [{ name: 'web-0', namespace: 'a' }] }, '1.30', 'Multi-Attach error for volume "pvc-8e2b" Volume is already used by pod(s) web-0'],
    ['VOL-03: several local users joined by ", " and other namespaces only counted', { volume, podNamespace: 'a', podsOnOtherNodes: [{ name: 'web-0', namespace: 'a' }, { name: 'web-1', namespace: 'a' }, { name: 'x', namespace: 'b' }] }, '1.36', 'Multi-Attach error for volume "pvc-8e2b" Volume is already used by pod(s) web-0, web-1 and 1 pod(s) in different namespaces'],
    ['VOL-03: only other namespaces → a count, no names', { volume, podNamespace: 'a', podsOnOtherNodes: [{ name: 'x', namespace: 'b' }, { name: 'y', namespace: 'c' }] }, '1.20', 'Multi-Attach error for volume "pvc-8e2b" Volume is already used by 2 pod(s) in different namespaces'],
    ['VOL-03, VOL-05: no Pod uses it any more (awaiting detach) → exclusively attached', { volume, podNamespace: 'a', podsOnOtherNodes: [] }, '1.16', 'Multi-Attach error for volume "pvc-8e2b" Volume is already exclusively attached to one node and can\'t be attached to another'],
    ['VOL-03: 1.37 rewords the prefix "Waiting for detach" (PR #138837)', { volume, podNamespace: 'a', podsOnOtherNodes: [{ name: 'web-0', namespace: 'a' }] }, '1.37', 'Waiting for detach for volume "pvc-8e2b" Volume is already used by pod(s) web-0'],
    ['VOL-03, VOL-05: 1.37 exclusive form says it waits on detach', { volume, podNamespace: 'a', podsOnOtherNodes: [] }, '1.37', 'Waiting for detach for volume "pvc-8e2b" Volume is already exclusively attached to one node, waiting on detach before it can be attached to another node'],
  ])('%s', (_n, args, version, message) => {
    expect(multiAttachEvent(args, version)).toEqual({ type: 'Warning', reason: 'FailedAttachVolume', source: 'attachdetach-controller', message });
  });
});

describe('attachOrMountWaitEvent', () => {
  const lists = { unmounted: ['data'], unattached: ['data', 'kube-api-access-x2b4c'] };
  it.each([
    ['VOL-04: 1.16 timeout lists unmounted and unattached Pod volume names', lists, '1.16', 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-x2b4c]: timed out waiting for the condition'],
    ['VOL-04: 1.25 timeout has no failed-to-process list yet', lists, '1.25', 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data kube-api-access-x2b4c]: timed out waiting for the condition'],
    ['VOL-04: 1.27 timeout adds failed to process volumes', { unmounted: ['data'], unattached: ['data'] }, '1.27', 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[]: timed out waiting for the condition'],
    ['VOL-04, PVC-02: 1.37 processing error (claim not bound) is still recorded', { unmounted: ['data'], unattached: [], unprocessed: ['data'], error: 'error processing PVC default/data: PVC is not bound' }, '1.37', 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: PVC is not bound'],
  ])('%s', (_n, args, version, message) => {
    expect(attachOrMountWaitEvent(args, version)).toMatchObject({ type: 'Warning', reason: 'FailedMount', source: 'kubelet', message });
  });

  it('VOL-04: since 1.28 a plain timeout records no event (wait.Interrupted, PR #117412)', () => {
    expect(attachOrMountWaitEvent(lists, '1.28')).toBeUndefined();
    expect(attachOrMountWaitEvent(lists)).toBeUndefined();
    expect(attachOrMountWaitEvent(lists, '1.27')).toBeDefined();
  });
});
