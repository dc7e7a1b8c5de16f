// The documented library API, used the way the README shows it.
import { describe, expect, it } from 'vitest';
import { checkObjects, exitCodeFor, loadPolicySet, readCluster, validateManifests, findMatchingVolume, matchesSelector, parseQuantity, parseSelector, podPhase, podStatusColumns, qosClass, toleratesTaint, type PersistentVolume, type Pod } from '../src/index.ts';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { restartPolicy: 'Always', containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
  status: {
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:05Z' } } }],
  },
};

describe('library API (README examples)', () => {
  it('PVC-03: findMatchingVolume picks the smallest volume that fits, exact access-mode sets first', () => {
    const pv = (name: string, size: string, modes: PersistentVolume['spec']['accessModes']): PersistentVolume => ({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name },
      spec: { capacity: { storage: size }, accessModes: modes, storageClassName: 'standard', nfs: { server: 'nfs', path: `/${name}` } },
      status: { phase: 'Available' },
    });
    const claim = { apiVersion: 'v1' as const, kind: 'PersistentVolumeClaim' as const, metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce' as const], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } } };
    const volumes = [pv('big', '10Gi', ['ReadWriteOnce']), pv('small', '2Gi', ['ReadWriteOnce']), pv('tiny-rwx', '1Gi', ['ReadWriteOnce', 'ReadWriteMany'])];
    expect(findMatchingVolume(claim, volumes)).toBe('small');
    expect(findMatchingVolume(claim, volumes.slice(2))).toBe('tiny-rwx');
  });
  it('POD-07: podPhase and podStatusColumns of a running Pod', () => {
    expect(podPhase(pod)).toBe('Running');
    expect(podStatusColumns(pod, new Date('2026-01-01T00:05:00Z'))).toEqual({ name: 'web', ready: '1/1', status: 'Running', restarts: '0', age: '5m' });
  });
  it('RES-07: qosClass of a Pod with requests but no limits is Burstable', () => {
    expect(qosClass(pod)).toBe('Burstable');
  });
  it('RES-03, RES-04: parseQuantity is exact', () => {
    expect(parseQuantity('1.5Gi').toString()).toBe('1536Mi');
    expect(parseQuantity('100m').milliValue()).toBe(100n);
    expect(parseQuantity('1Mi').value()).toBe(1_048_576n);
  });
  it('ROLL-01: selectors in both forms', () => {
    expect(matchesSelector(parseSelector('app=web,tier notin (db)'), { app: 'web' })).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] }, { app: 'web' })).toBe(false);
  });
  it('NODE-04: toleratesTaint with Exists and an empty effect', () => {
    expect(toleratesTaint({ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' })).toBe(true);
  });
  it('API-04: validateManifests locates a finding; exitCodeFor turns the report into the CLI exit code; checkObjects works on objects in memory', async () => {
    const { policies } = loadPolicySet({ builtin: true, paths: [] });
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {privileged: true}\n';
    const report = await validateManifests({ sources: [{ file: 'app.yaml', text }], policies, cluster: readCluster(), kubernetesVersion: '1.37', today: new Date('2026-12-02') });
    expect(report.findings.find((f) => f.ruleId === 'privileged')).toMatchObject({ severity: 'error', file: 'app.yaml', line: 8, column: 35 });
    expect(exitCodeFor(report, 'error')).toBe(1);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
    expect(checkObjects(policies, [pod], { kubernetesVersion: '1.37' }).map((f) => f.ruleId)).toContain('image-tag-missing');
  });
});
