// API server validation of the storage kinds, ConfigMap, Secret and Pod volumes (API-04): each bad fixture
// under test/fixtures/storage is rejected with the server's one-line field errors at file:line:col; the
// good fixture passes with every object modelled.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isModelled, parseManifests } from '../../src/k8s/parse-manifests.ts';
import { supportFor } from '../../src/k8s/validate-objects.ts';
import { validatePersistentVolumeClaim } from '../../src/k8s/validate-storage.ts';

const DIR = 'test/fixtures/storage';
const load = (name: string) => parseManifests([{ file: `${DIR}/${name}`, text: readFileSync(`${DIR}/${name}`, 'utf8') }]);
const located = (name: string) => load(name).errors.map((e) => e.located);

const ACCESS_MODES = '"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"';
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUALIFIED =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const QUANTITY_REGEX = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

describe('storage validation: one-line errors at file:line:col', () => {
  // [row name stating verdict and reason, fixture, every expected error after `file:`]
  const rows: [string, string, string[]][] = [
    ['PVC-01, API-04: rejected, ReadWriteSometimes is no access mode (located at the bad item)', 'pvc-unknown-access-mode.yaml',
      [`7:5: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: ${ACCESS_MODES}`]],
    ['PVC-01: rejected, a claim needs at least one access mode', 'pvc-no-access-modes.yaml',
      ['6:3: spec.accessModes: Required value: at least 1 access mode is required']],
    ['PVC-01: rejected, ReadWriteOncePod may not be combined with ReadWriteOnce', 'pvc-rwop-with-others.yaml',
      ['6:16: spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']],
    ['PVC-01: rejected, no storage request (the server names it spec.resources[storage])', 'pvc-no-storage-request.yaml',
      ['9:7: spec.resources[storage]: Required value']],
    ['PVC-01: rejected, a storage request of -5Gi is not greater than zero', 'pvc-negative-storage.yaml',
      ['9:16: spec.resources[storage]: Invalid value: "-5Gi": must be greater than zero']],
    ['PVC-01: rejected, a storage request of 0 is not greater than zero', 'pvc-zero-storage.yaml',
      ['9:16: spec.resources[storage]: Invalid value: "0": must be greater than zero']],
    ['PVC-01, RES-03: rejected, "ten-gigs" is no quantity (reported like a Pod request)', 'pvc-malformed-storage.yaml',
      [`9:16: spec.resources.requests[storage]: Invalid value: "ten-gigs": ${QUANTITY_REGEX}`]],
    ['PVC-03, PVC-06: rejected, class Fast_SSD is no DNS subdomain and volumeMode Raw is unknown', 'pvc-bad-volume-mode.yaml',
      [`8:21: spec.storageClassName: Invalid value: "Fast_SSD": ${SUBDOMAIN}`,
        '7:15: spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"']],
    ['PVC-03: rejected, a PV without capacity (Required, and storage is the one supported key)', 'pv-no-capacity.yaml',
      ['6:3: spec.capacity: Required value', '6:3: spec.capacity: Unsupported value: {}: supported values: "storage"']],
    ['PVC-03: rejected, PV capacity -1Gi is negative (Value() check) and not greater than zero', 'pv-negative-capacity.yaml',
      ['7:14: spec.capacity[storage]: Invalid value: -1073741824: must be a valid resource quantity',
        '7:14: spec.capacity[storage]: Invalid value: "-1Gi": must be greater than zero']],
    ['PVC-13: rejected, volumeMode Blocky is neither Block nor Filesystem', 'pv-unknown-volume-mode.yaml',
      ['9:15: spec.volumeMode: Unsupported value: "Blocky": supported values: "Block", "Filesystem"']],
    ['PVC-14: rejected, reclaim policy Keep is not Delete/Recycle/Retain', 'pv-bad-reclaim-policy.yaml',
      ['9:34: spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"']],
    ['PVC-12: rejected, a local PV without nodeAffinity', 'pv-local-without-affinity.yaml',
      ['6:3: spec.nodeAffinity: Required value: Local volume requires node affinity']],
    ['PVC-12: rejected, nodeAffinity without required node constraints (and no second error for local)', 'pv-affinity-without-required.yaml',
      ['12:5: spec.nodeAffinity.required: Required value: must specify required node constraints']],
    ['VOL-02, VOL-09: rejected, hostPath plus csi is two volume types; no source at all is none', 'pv-two-sources.yaml',
      ['12:5: spec.csi: Forbidden: may not specify more than 1 volume type', '20:3: spec: Required value: must specify a volume type']],
    ['PVC-10: rejected, volumeBindingMode WaitForPod is unknown', 'sc-bad-binding-mode.yaml',
      ['6:20: volumeBindingMode: Unsupported value: "WaitForPod": supported values: "Immediate", "WaitForFirstConsumer"']],
    ['PVC-14: rejected, a StorageClass may not Recycle (only Delete or Retain)', 'sc-bad-reclaim-policy.yaml',
      ['6:16: reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    ['PVC-09: rejected, a StorageClass without provisioner', 'sc-no-provisioner.yaml', ['1:1: provisioner: Required value']],
    ['PVC-09: rejected, provisioner a/b/c is no qualified name (two slashes)', 'sc-bad-provisioner.yaml',
      [`5:14: provisioner: Invalid value: "a/b/c": a qualified name ${QUALIFIED} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]],
    ['VOL-12: rejected, lifecycle mode Forever and fsGroupPolicy Sometimes are unknown (modes listed in source order)', 'csidriver-bad-modes.yaml',
      ['8:18: spec.fsGroupPolicy: Unsupported value: "Sometimes": supported values: "File", "None", "ReadWriteOnceWithFSType"',
        '7:38: spec.volumeLifecycleModes: Unsupported value: "Forever": supported values: "Persistent", "Ephemeral"']],
    ['VOL-10: rejected, a VolumeAttachment names neither a PV nor an inline spec', 'volumeattachment-no-source.yaml',
      ['8:11: spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName']],
    ['PVC-01: rejected, a Pod volume persistentVolumeClaim without claimName', 'pod-claim-without-name.yaml',
      ['12:7: spec.volumes[0].persistentVolumeClaim.claimName: Required value']],
    ['PVC-01: rejected, two Pod volumes named cache', 'pod-duplicate-volume.yaml', ['12:11: spec.volumes[1].name: Duplicate value: "cache"']],
    ['PVC-01: rejected, a volumeMount names volume cache that does not exist, and reuses a mountPath', 'pod-mount-unknown-volume.yaml',
      ['12:13: spec.containers[0].volumeMounts[1].name: Not found: "cache"',
        '13:18: spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/var/lib/data": must be unique']],
    ['CFG-01: rejected, configMap and secret in one volume; the rejected volume cannot be mounted either', 'pod-two-volume-sources.yaml',
      ['15:7: spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type',
        '10:13: spec.containers[0].volumeMounts[0].name: Not found: "conf"']],
    ['CFG-04: rejected, keys with a space or a leading "..", and a key in both data and binaryData', 'configmap-bad-keys.yaml',
      [`6:15: data[app config]: Invalid value: "app config": ${CONFIG_KEY}`,
        `7:13: data[..hidden]: Invalid value: "..hidden": must not start with '..'`,
        '8:14: data[log.level]: Invalid value: "log.level": duplicate of key present in binaryData']],
    ['CFG-05: rejected, a kubernetes.io/tls Secret without tls.key (located at its type)', 'secret-tls-missing-key.yaml',
      ['5:7: data[tls.key]: Required value']],
  ];
  it.each(rows)('%s', (_name, file, expected) => {
    expect(located(file)).toEqual(expected.map((e) => `${DIR}/${file}:${e}`));
  });
});

describe('storage kinds are modelled', () => {
  it('API-04, PVC-01, CFG-04: the good fixture of every storage kind loads without errors or warnings', () => {
    const { objects, errors, warnings } = load('good.yaml');
    expect([errors, warnings]).toEqual([[], []]);
    expect(objects.filter(isModelled).map((o) => o.object.kind)).toEqual([
      'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CSIDriver', 'VolumeAttachment', 'ConfigMap', 'Secret', 'Pod',
    ]);
  });

  it.each([
    ['API-19: PersistentVolume is cluster-scoped', 'v1', 'PersistentVolume', false],
    ['API-19: PersistentVolumeClaim is namespaced', 'v1', 'PersistentVolumeClaim', true],
    ['API-19: StorageClass is cluster-scoped', 'storage.k8s.io/v1', 'StorageClass', false],
    ['API-19: CSIDriver is cluster-scoped', 'storage.k8s.io/v1', 'CSIDriver', false],
    ['API-19: VolumeAttachment is cluster-scoped', 'storage.k8s.io/v1', 'VolumeAttachment', false],
    ['CFG-02: ConfigMap is namespaced', 'v1', 'ConfigMap', true],
    ['CFG-02: Secret is namespaced', 'v1', 'Secret', true],
  ] as const)('%s', (_name, apiVersion, kind, namespaced) => {
    expect(supportFor(apiVersion, kind)?.namespaced).toBe(namespaced);
  });

  it('PVC-08: storageClassName "" is valid (it asks for no class) and is not checked as a name', () => {
    const claim = { spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '1Gi' } } } };
    expect(validatePersistentVolumeClaim(claim)).toEqual([]);
  });

  it('PVC-01: a storage request written as a number (storage: 1) is one byte and valid', () => {
    const claim = { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: 1 } } } };
    expect(validatePersistentVolumeClaim(claim)).toEqual([]);
  });
});
