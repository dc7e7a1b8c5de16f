import { describe, expect, it } from 'vitest';
import { findMatchingVolume, statefulSetClaim, statefulSetClaimName } from '../../../src/storage/binding/index.ts';
import type { PersistentVolume } from '../../../src/k8s/types.ts';

describe('StatefulSet claims (claim side of volumeClaimTemplates)', () => {
  it('STS-05: ordinal 0 of set web with template www uses claim www-web-0', () => {
    expect(statefulSetClaimName('www', 'web', 0)).toBe('www-web-0');
  });

  it('STS-05, STS-06, PVC-03: the claim from a template carries the set labels and binds like any claim', () => {
    const claim = statefulSetClaim(
      { metadata: { name: 'www', labels: { tier: 'web' } }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '1Gi' } } } },
      { name: 'web', namespace: 'prod', selectorLabels: { app: 'nginx' } },
      2,
    );
    expect(claim.metadata).toEqual({ name: 'www-web-2', namespace: 'prod', labels: { tier: 'web', app: 'nginx' } });
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-1g' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: '', nfs: { server: 'nfs', path: '/a' } },
      status: { phase: 'Available' },
    };
    expect(findMatchingVolume(claim, [pv])).toBe('pv-1g');
  });
});
