import { describe, expect, it } from 'vitest';
import type { Pod, Volume } from '../../../src/k8s/types.ts';
import {
  SERVICE_ACCOUNT_MOUNT_PATH,
  configVolumeStatus,
  nameSuffix,
  serviceAccountTokenVolume,
  volumeFiles,
} from '../../../src/storage/volume/config-volumes.ts';

const pod = (volumes: Volume[], extra: Record<string, unknown> = {}, annotations?: Record<string, string>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { containers: [{ name: 'web', image: 'nginx' }], volumes, ...extra },
});
const available = { configMaps: ['app', 'kube-root-ca.crt'], secrets: ['db'] };

describe('configVolumeStatus', () => {
  it.each([
    ['CFG-02: configMap that exists is ready', { name: 'config', configMap: { name: 'app' } }, { ready: true, skippedOptional: [] }],
    ['CFG-02: missing non-optional configMap fails SetUp with the singular resource name', { name: 'config', configMap: { name: 'nope' } }, { ready: false, error: 'configmap "nope" not found', message: 'MountVolume.SetUp failed for volume "config" : configmap "nope" not found' }],
    ['CFG-02: missing optional configMap is skipped, volume ready', { name: 'config', configMap: { name: 'nope', optional: true } }, { ready: true, skippedOptional: ['configmap "nope"'] }],
    ['CFG-02, CFG-05: missing secret fails with `secret "x" not found`', { name: 'creds', secret: { secretName: 'tls' } }, { ready: false, error: 'secret "tls" not found', message: 'MountVolume.SetUp failed for volume "creds" : secret "tls" not found' }],
    ['CFG-01, CFG-02: projected with one missing source reports that error alone', { name: 'all', projected: { sources: [{ secret: { name: 'db' } }, { configMap: { name: 'gone' } }] } }, { ready: false, error: 'configmap "gone" not found' }],
    ['CFG-01, CFG-02: projected with two missing sources aggregates them "[a, b]"', { name: 'all', projected: { sources: [{ secret: { name: 'user' } }, { secret: { name: 'pass' } }] } }, { ready: false, error: '[secret "user" not found, secret "pass" not found]', message: 'MountVolume.SetUp failed for volume "all" : [secret "user" not found, secret "pass" not found]' }],
    ['CFG-01, CFG-02: projected missing only optional sources is ready', { name: 'all', projected: { sources: [{ secret: { name: 'user', optional: true } }, { configMap: { name: 'app' } }, { downwardAPI: {} }] } }, { ready: true, skippedOptional: ['secret "user"'] }],
  ] as [string, Volume, Record<string, unknown>][])('%s', (_n, volume, expected) => {
    const [status] = configVolumeStatus(pod([volume]), available);
    expect(status).toMatchObject({ volume: volume.name, ...expected });
  });

  it('CFG-02: only configMap, secret and projected volumes are reported', () => {
    const statuses = configVolumeStatus(pod([{ name: 'scratch', emptyDir: {} }, { name: 'config', configMap: { name: 'app' } }]), available);
    expect(statuses.map((s) => s.volume)).toEqual(['config']);
    expect(statuses[0]?.source).toBe('configMap');
  });
});

describe('volumeFiles', () => {
  const data = { configMaps: { app: ['app.properties', 'log.level'] }, secrets: { user: ['user'], pass: ['pass'] } };
  it.each([
    ['CFG-01: projected Secrets "user" and "pass" appear as files user and pass', { name: 'projected-volume', projected: { sources: [{ secret: { name: 'user' } }, { secret: { name: 'pass' } }] } }, ['user', 'pass']],
    ['CFG-03: a configMap volume without items shows every key as a file', { name: 'config', configMap: { name: 'app' } }, ['app.properties', 'log.level']],
    ['CFG-03: with items only the listed keys appear, at their paths', { name: 'config', configMap: { name: 'app', items: [{ key: 'log.level', path: 'conf/level' }] } }, ['conf/level']],
    ['CFG-06: downwardAPI files are the item paths', { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }, ['labels']],
    ['CFG-01: a missing object contributes no file', { name: 'p', projected: { sources: [{ secret: { name: 'absent' } }, { secret: { name: 'user' } }] } }, ['user']],
  ] as [string, Volume, string[]][])('%s', (_n, volume, paths) => {
    expect(volumeFiles(volume, data).map((f) => f.path)).toEqual(paths);
  });

  it('CFG-01, CFG-07: the kube-api-access volume shows token, ca.crt and namespace', () => {
    const sa = serviceAccountTokenVolume(pod([]));
    expect(sa && volumeFiles(sa.volume, {}).map((f) => `${f.path}<-${f.from}`)).toEqual([
      'token<-serviceAccountToken',
      'ca.crt<-configmap/kube-root-ca.crt:ca.crt',
      'namespace<-downwardAPI:metadata.namespace',
    ]);
  });
});

describe('serviceAccountTokenVolume', () => {
  it('CFG-07: by default a projected kube-api-access-<5 chars> volume at /var/run/secrets/kubernetes.io/serviceaccount', () => {
    const sa = serviceAccountTokenVolume(pod([]));
    expect(sa?.mountPath).toBe(SERVICE_ACCOUNT_MOUNT_PATH);
    expect(SERVICE_ACCOUNT_MOUNT_PATH).toBe('/var/run/secrets/kubernetes.io/serviceaccount');
    expect(sa?.readOnly).toBe(true);
    expect(sa?.volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(sa?.volume.name).toBe(`kube-api-access-${nameSuffix('shop/web')}`);
  });

  it('CFG-07: the suffix is deterministic per Pod and differs between Pods', () => {
    expect(nameSuffix('shop/web')).toBe(nameSuffix('shop/web'));
    expect(nameSuffix('shop/web')).not.toBe(nameSuffix('shop/api'));
  });

  it.each([
    ['CFG-07: automountServiceAccountToken false on the Pod → no token volume', pod([], { automountServiceAccountToken: false }), {}, false],
    ['CFG-07: false on the ServiceAccount and unset on the Pod → none', pod([]), { serviceAccountAutomount: false }, false],
    ['CFG-07: the Pod\'s true overrides the ServiceAccount\'s false', pod([], { automountServiceAccountToken: true }), { serviceAccountAutomount: false }, true],
    ['CFG-02: a mirror (static) Pod gets no token', pod([], {}, { 'kubernetes.io/config.mirror': 'abc' }), {}, false],
  ] as [string, Pod, { serviceAccountAutomount?: boolean }, boolean][])('%s', (_n, p, opts, mounted) => {
    expect(serviceAccountTokenVolume(p, opts) !== undefined).toBe(mounted);
  });

  it('CFG-07: up to 1.20 it is the ServiceAccount\'s token Secret, named <sa>-token-<5 chars>', () => {
    const sa = serviceAccountTokenVolume(pod([], { serviceAccountName: 'builder' }), { kubernetesVersion: '1.20' });
    expect(sa?.volume.name).toBe(`builder-token-${nameSuffix('shop/builder')}`);
    expect(sa?.volume.secret?.secretName).toBe(sa?.volume.name);
    expect(serviceAccountTokenVolume(pod([]), { kubernetesVersion: '1.21' })?.volume.projected).toBeDefined();
  });
});
