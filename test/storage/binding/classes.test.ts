// Class lookups (PVC-06, PVC-07, PVC-08, PVC-10): the beta annotation first, the default class, delay binding.
import { describe, expect, it } from 'vitest';
import { claimClass, claimHasClass, defaultStorageClass, isDelayBinding, volumeClass } from '../../../src/storage/binding/index.ts';
import type { StorageClass } from '../../../src/k8s/types.ts';
import { pv, pvc, sc } from './fixtures.ts';

describe('claimClass and volumeClass', () => {
  it('PVC-06: a claim without class asks for ""', () => expect(claimClass(pvc('c'))).toBe(''));
  it('PVC-06: the beta annotation wins over spec.storageClassName on a claim', () =>
    expect(claimClass(pvc('c', { cls: 'fast', annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } }))).toBe('slow'));
  it('PVC-06: the beta annotation wins over spec.storageClassName on a PV', () =>
    expect(volumeClass(pv('v', { cls: 'fast', annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } }))).toBe('slow'));
  it('PVC-08: storageClassName "" counts as a class choice, so no default is written', () => expect(claimHasClass(pvc('c', { cls: '' }))).toBe(true));
  it('PVC-07: no field and no annotation: the claim has no class yet', () => expect(claimHasClass(pvc('c'))).toBe(false));
});

describe('defaultStorageClass', () => {
  const rows: [string, StorageClass[], string | undefined][] = [
    ['PVC-07: none: no class is annotated default', [sc('a'), sc('b')], undefined],
    ['PVC-07: standard: the only class annotated is-default-class "true"', [sc('fast'), sc('standard', { isDefault: true })], 'standard'],
    ['PVC-07: newer: of two defaults the newest creationTimestamp wins', [sc('older', { isDefault: true, created: '2026-01-01T10:00:00Z' }), sc('newer', { isDefault: true, created: '2026-01-01T10:05:00Z' })], 'newer'],
    ['PVC-07: alpha: equal timestamps fall back to the lowest name', [sc('beta', { isDefault: true, created: '2026-01-01T10:00:00Z' }), sc('alpha', { isDefault: true, created: '2026-01-01T10:00:00Z' })], 'alpha'],
  ];
  for (const [name, classes, expected] of rows) it(name, () => expect(defaultStorageClass(classes)?.metadata.name).toBe(expected));

  it('PVC-07: the beta is-default-class annotation still counts', () => {
    const beta: StorageClass = { ...sc('legacy'), metadata: { name: 'legacy', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } } };
    expect(defaultStorageClass([beta])?.metadata.name).toBe('legacy');
  });
});

describe('isDelayBinding', () => {
  const classes = [sc('local', { provisioner: 'kubernetes.io/no-provisioner', wffc: true }), sc('standard')];
  it('PVC-10: true: class local is WaitForFirstConsumer', () => expect(isDelayBinding(pvc('c', { cls: 'local' }), classes)).toBe(true));
  it('PVC-10: false: class standard is Immediate', () => expect(isDelayBinding(pvc('c', { cls: 'standard' }), classes)).toBe(false));
  it('PVC-10: false: a class that does not exist binds immediately', () => expect(isDelayBinding(pvc('c', { cls: 'missing' }), classes)).toBe(false));
  it('PVC-08: false: no class at all', () => expect(isDelayBinding(pvc('c', { cls: '' }), classes)).toBe(false));
});
