// kubectl's side of cascading deletion (GC-03, GC-04): --cascade parsing with its deprecation warnings, the
// line `kubectl delete` prints, and what `kubectl get` shows of an object still being deleted.
import { describe, expect, it } from 'vitest';
import { deletedLine, getView, parseCascadeFlag, type CascadeFlag } from '../../src/gc/index.ts';
import { D, chain, obj, userDelete } from './support.ts';

describe('kubectl delete --cascade', () => {
  const rows: [name: string, value: string | undefined, expected: CascadeFlag][] = [
    ['GC-03: flag absent → background', undefined, { propagationPolicy: 'Background' }],
    ['GC-03: bare --cascade → background (NoOptDefVal)', '', { propagationPolicy: 'Background' }],
    ['GC-03: --cascade=background', 'background', { propagationPolicy: 'Background' }],
    ['GC-03: --cascade=foreground', 'foreground', { propagationPolicy: 'Foreground' }],
    ['GC-04: --cascade=orphan', 'orphan', { propagationPolicy: 'Orphan' }],
    ['GC-03: --cascade=true → background, with a deprecation warning', 'true', {
      propagationPolicy: 'Background',
      warning: 'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.',
    }],
    ['GC-04: --cascade=false (the seed\'s "--casecade=false") → orphan, with a deprecation warning', 'false', {
      propagationPolicy: 'Orphan',
      warning: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.',
    }],
    ['GC-04: --cascade=0 is a Go boolean too → orphan, warning quotes "0"', '0', {
      propagationPolicy: 'Orphan',
      warning: 'warning: --cascade=0 is deprecated (boolean value) and can be replaced with --cascade=orphan.',
    }],
  ];
  for (const [name, value, expected] of rows) it(name, () => expect(parseCascadeFlag(value)).toEqual(expected));

  it('GC-03: an unknown value is rejected with kubectl\'s message', () => {
    expect(() => parseCascadeFlag('Foreground')).toThrow('invalid cascade value (Foreground). Must be "background", "foreground", or "orphan"');
  });
});

describe('the line kubectl delete prints', () => {
  const web = { kind: 'Deployment', name: 'web', namespace: 'default' };
  const rows: [name: string, object: { kind: string; name: string; namespace?: string }, opts: Parameters<typeof deletedLine>[1], expected: string][] = [
    ['GC-03: kubectl 1.33 → deployment.apps "web" deleted', web, { minor: 33 }, 'deployment.apps "web" deleted'],
    ['GC-03: kubectl 1.34+ names the namespace', web, { minor: 34 }, 'deployment.apps "web" deleted from default namespace'],
    ['GC-03: the current kubectl by default', web, {}, 'deployment.apps "web" deleted from default namespace'],
    ['GC-03: core group kinds have no group suffix', { kind: 'Pod', name: 'web-1-a', namespace: 'default' }, { minor: 30 }, 'pod "web-1-a" deleted'],
    ['GC-03: cluster-scoped objects name no namespace', { kind: 'Namespace', name: 'dev' }, { minor: 35 }, 'namespace "dev" deleted'],
    ['GC-03: --force --grace-period=0 → force deleted', { kind: 'Pod', name: 'p', namespace: 'default' }, { minor: 30, force: true }, 'pod "p" force deleted'],
    ['GC-03: --dry-run=server', web, { minor: 30, dryRun: 'server' }, 'deployment.apps "web" deleted (server dry run)'],
  ];
  for (const [name, object, opts, expected] of rows) it(name, () => expect(deletedLine(object, opts)).toBe(expected));

  it('GC-04: --cascade=orphan prints the same line as background — the wording does not depend on the policy', () => {
    expect(deletedLine(web, { minor: 33 })).toBe('deployment.apps "web" deleted');
  });
});

describe('kubectl get while the garbage collector works', () => {
  it('GC-03: a foreground-deleted Deployment is listed with no status change; -o yaml shows deletionTimestamp and [foregroundDeletion]', () => {
    const d = userDelete(chain(), D, 'Foreground').find((o) => o.key === D);
    expect(d && getView(d)).toEqual({ listed: true, metadata: { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['foregroundDeletion'] } });
  });

  it('GC-03: a Pod being deleted shows STATUS Terminating', () => {
    expect(getView(obj('Pod', 'p', { deletionTimestamp: 't', finalizers: ['example.com/hold'] })).status).toBe('Terminating');
  });

  it('GC-02: an object not being deleted shows nothing extra', () => {
    expect(getView(obj('ReplicaSet', 'web-1'))).toEqual({ listed: true, metadata: {} });
  });
});
