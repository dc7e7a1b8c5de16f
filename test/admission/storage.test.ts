// DefaultStorageClass and StorageObjectInUseProtection (PVC-07, PVC-08, API-11) on their own and in the
// chain, after DefaultTolerationSeconds as in kube-apiserver's AllOrderedPlugins.
import { describe, expect, it } from 'vitest';
import { admit, MUTATING_PLUGINS } from '../../src/admission/chain.ts';
import { defaultStorageClassMutate } from '../../src/admission/default-storage-class.ts';
import { defaultClasses } from '../../src/storage/binding/classes.ts';
import { finalizersOf, storageObjectInUseProtection } from '../../src/admission/storage-protection.ts';
import type { Attributes } from '../../src/admission/types.ts';
import type { KubeObject, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../src/k8s/types.ts';
import { cluster, pod, container } from './support.ts';

function storageClass(name: string, isDefault: string | undefined, created = '2026-01-01T00:00:00Z', beta = false): StorageClass {
  const key = beta ? 'storageclass.beta.kubernetes.io/is-default-class' : 'storageclass.kubernetes.io/is-default-class';
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, creationTimestamp: created, ...(isDefault !== undefined ? { annotations: { [key]: isDefault } } : {}) },
    provisioner: 'ebs.csi.aws.com',
  };
}

function claim(name: string, spec: Partial<PersistentVolumeClaim['spec']> = {}, annotations?: Record<string, string>): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  };
}

const volume = (name: string): PersistentVolume => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], nfs: { server: 'nfs.example.com', path: '/exports/a' } },
});

const attrs = (object: KubeObject, extra: Partial<Attributes> = {}): Attributes => ({
  operation: 'CREATE',
  object,
  kind: object.kind,
  name: object.metadata.name,
  namespace: object.kind === 'PersistentVolume' ? undefined : 'default',
  minor: 37,
  ...extra,
});

const classOf = (step: ReturnType<typeof defaultStorageClassMutate>) => ('object' in step ? (step.object as PersistentVolumeClaim).spec.storageClassName : step.status.message);

describe('DefaultStorageClass (PVC-07, PVC-08)', () => {
  // [row name stating verdict and reason, claim, classes, minor, class written or rejection]
  const rows: [string, PersistentVolumeClaim, StorageClass[], number, string | undefined][] = [
    ['PVC-07: defaulted, a claim without class gets the one default class', claim('data'), [storageClass('standard', 'true'), storageClass('fast', undefined)], 37, 'standard'],
    ['PVC-07: defaulted, the beta annotation storageclass.beta.kubernetes.io/is-default-class counts too', claim('data'), [storageClass('old', 'true', undefined, true)], 37, 'old'],
    ['PVC-07: untouched, no class is default ("True" is not "true")', claim('data'), [storageClass('standard', 'True')], 37, undefined],
    ['PVC-07: untouched, no StorageClass exists at all', claim('data'), [], 37, undefined],
    ['PVC-07: kept, an explicit class is never replaced', claim('data', { storageClassName: 'fast' }), [storageClass('standard', 'true')], 37, 'fast'],
    ['PVC-08: kept, storageClassName "" asks for no class and stays ""', claim('data', { storageClassName: '' }), [storageClass('standard', 'true')], 37, ''],
    ['PVC-07: untouched, the beta annotation volume.beta.kubernetes.io/storage-class already names a class',
      claim('data', {}, { 'volume.beta.kubernetes.io/storage-class': 'fast' }), [storageClass('standard', 'true')], 37, undefined],
    ['PVC-07: defaulted to the newest of two defaults (since 1.26)', claim('data'),
      [storageClass('older', 'true', '2026-01-01T00:00:00Z'), storageClass('newer', 'true', '2026-03-01T00:00:00Z')], 37, 'newer'],
    ['PVC-07: defaulted to the first name when two defaults were created in the same second', claim('data'),
      [storageClass('b-class', 'true'), storageClass('a-class', 'true')], 26, 'a-class'],
    ['PVC-07: rejected before 1.26, two defaults are an internal error', claim('data'), [storageClass('a', 'true'), storageClass('b', 'true')], 25,
      'persistentvolumeclaims "data" is forbidden: Internal error occurred: 2 default StorageClasses were found'],
  ];
  it.each(rows)('%s', (_name, pvc, classes, minor, expected) => {
    expect(classOf(defaultStorageClassMutate(attrs(pvc, { minor }), cluster({ storageClasses: classes })))).toBe(expected);
  });

  it('PVC-07: PersistentVolumes are never given a class, even with a default class around', () => {
    const pv = volume('pv0');
    expect(defaultStorageClassMutate(attrs(pv), cluster({ storageClasses: [storageClass('standard', 'true')] }))).toEqual({ object: pv });
  });

  it('PVC-07: only CREATE is defaulted; an UPDATE of a class-less claim passes unchanged', () => {
    const pvc = claim('data');
    const step = defaultStorageClassMutate(attrs(pvc, { operation: 'UPDATE' }), cluster({ storageClasses: [storageClass('standard', 'true')] }));
    expect(step).toEqual({ object: pvc });
  });

  it('PVC-07: defaultClasses orders newest first, then by name; a class without creationTimestamp is oldest', () => {
    const noTime: StorageClass = { ...storageClass('zero', 'true'), metadata: { name: 'zero', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } };
    const order = defaultClasses([noTime, storageClass('b', 'true'), storageClass('new', 'true', '2026-02-01T00:00:00Z'), storageClass('a', 'true'), storageClass('x', 'false')]);
    expect(order.map((c) => c.metadata.name)).toEqual(['new', 'a', 'b', 'zero']);
  });
});

describe('StorageObjectInUseProtection (PVC-02, PVC-14)', () => {
  const rows: [string, KubeObject, string[]][] = [
    ['PVC-14: a new PVC gets kubernetes.io/pvc-protection', claim('data'), ['kubernetes.io/pvc-protection']],
    ['PVC-14: a new PV gets kubernetes.io/pv-protection', volume('pv0'), ['kubernetes.io/pv-protection']],
    ['PVC-14: a finalizer already present is not added twice, others are kept',
      { ...claim('data'), metadata: { name: 'data', namespace: 'default', finalizers: ['example.com/keep', 'kubernetes.io/pvc-protection'] } as PersistentVolumeClaim['metadata'] },
      ['example.com/keep', 'kubernetes.io/pvc-protection']],
    ['API-11: a Pod is not touched', pod('web', [container('app')]), []],
  ];
  it.each(rows)('%s', (_name, object, expected) => {
    const step = storageObjectInUseProtection(attrs(object));
    expect('object' in step && finalizersOf(step.object)).toEqual(expected);
  });

  it('PVC-14: only CREATE adds the finalizer', () => {
    const pvc = claim('data');
    expect(storageObjectInUseProtection(attrs(pvc, { operation: 'UPDATE' }))).toEqual({ object: pvc });
  });
});

describe('the storage plugins in the chain (API-11, API-04)', () => {
  it("API-11: DefaultStorageClass then StorageObjectInUseProtection follow DefaultTolerationSeconds, as in AllOrderedPlugins", () => {
    const names = MUTATING_PLUGINS.map(([name]) => name);
    expect(names.slice(names.indexOf('DefaultTolerationSeconds'))).toEqual(['DefaultTolerationSeconds', 'DefaultStorageClass', 'StorageObjectInUseProtection']);
  });

  it('PVC-07, PVC-14: a class-less claim comes out of admit with the default class and the protection finalizer, the input untouched', () => {
    const input = claim('data');
    const before = structuredClone(input);
    const result = admit({ operation: 'CREATE', object: input }, cluster({ storageClasses: [storageClass('standard', 'true')] }));
    expect(input).toEqual(before);
    expect(result.allowed).toBe(true);
    const admitted = (result.allowed ? result.object : input) as PersistentVolumeClaim;
    expect([admitted.spec.storageClassName, finalizersOf(admitted)]).toEqual(['standard', ['kubernetes.io/pvc-protection']]);
  });

  it('API-04: a claim with an unknown access mode is 422 Invalid after mutation', () => {
    const bad = claim('data', { accessModes: ['ReadWriteSometimes' as 'ReadWriteOnce'] });
    expect(admit({ operation: 'CREATE', object: bad }, cluster())).toEqual({
      allowed: false,
      status: {
        code: 422,
        reason: 'Invalid',
        message: 'PersistentVolumeClaim "data" is invalid: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      },
    });
  });

  it('API-04: an invalid StorageClass is reported under its group, StorageClass.storage.k8s.io', () => {
    const bad: StorageClass = { ...storageClass('fast', undefined), volumeBindingMode: 'Later' as 'Immediate' };
    const result = admit({ operation: 'CREATE', object: bad }, cluster());
    expect(!result.allowed && result.status.message).toBe(
      'StorageClass.storage.k8s.io "fast" is invalid: volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
    );
  });

  it('PVC-07: before 1.26 two defaults make admit a 403 Forbidden', () => {
    const result = admit({ operation: 'CREATE', object: claim('data') }, cluster({ storageClasses: [storageClass('a', 'true'), storageClass('b', 'true')] }), { kubernetesVersion: '1.25' });
    expect(!result.allowed && result.status).toEqual({
      code: 403,
      reason: 'Forbidden',
      message: 'persistentvolumeclaims "data" is forbidden: Internal error occurred: 2 default StorageClasses were found',
    });
  });
});
