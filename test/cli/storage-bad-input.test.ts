// `kubemodel simulate` with a bad PersistentVolumeClaim next to a good file (API-04, PVC-01): the bad claim
// is one line on stderr at file:line:col and exit 2; the good file's claim is a known kind (no warning) and
// its Pod still runs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubemodel, root } from '../support/cli.ts';

const fixtures = join(root, 'test', 'fixtures', 'storage');


describe('kubemodel simulate with storage manifests', () => {
  it('PVC-01, API-04: an unknown access mode exits 2 with one line naming file:line:col, the object and the field; the good file is still simulated', () => {
    const bad = join(fixtures, 'cli-bad-access-mode.yaml');
    const r = kubemodel(['simulate', bad, join(fixtures, 'cli-good.yaml'), '--duration', '30s']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([
      `error: ${bad}:8:5: PersistentVolumeClaim "data": spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"`,
    ]);
    expect(r.err).not.toMatch(/warning|\n\s+at /);
    expect(r.out).toMatch(/hello\s+1\/1\s+Running/);
  });
});
