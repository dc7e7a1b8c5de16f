// Property: random manifests, valid or malformed, never crash the validator, and the exit code always
// agrees with the findings (0 none at or above --fail-on, 1 some, 2 only when nothing could be validated).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicySet } from '../../src/io/policy-set.ts';
import { SEVERITY_RANK } from '../../src/policy/types.ts';
import { readCluster } from '../../src/io/cluster-file.ts';
import { exitCodeFor, validateManifests, type FailOn } from '../../src/validate/validate.ts';
import { arbManifestFile } from '../arbitraries/manifest.ts';

const { policies } = loadPolicySet({ builtin: true, paths: [] });
const cluster = readCluster();

describe('validate never crashes on random input (API-04)', () => {
  it('exit codes follow the findings, whatever the input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbManifestFile, { minLength: 1, maxLength: 3 }), fc.constantFrom<FailOn>('error', 'warning', 'info', 'none'), async (files, failOn) => {
        const sources = files.map((f, i) => ({ file: `${i}-${f.file}`, text: f.text }));
        const report = await validateManifests({ sources, policies, cluster, kubernetesVersion: '1.37', today: new Date('2026-12-02') });
        const code = exitCodeFor(report, failOn);
        const failing = report.findings.some((f) => !f.suppressed && failOn !== 'none' && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
        const nothingValidated = report.resources.length === 0 && report.findings.some((f) => f.ruleId === 'invalid-input');
        expect(code).toBe(nothingValidated ? 2 : failing ? 1 : 0);
        for (const f of report.findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.column).toBeGreaterThanOrEqual(1);
          expect(f.message).not.toMatch(/\{\{\s*[\w.]+\s*\}\}|undefined|\[object Object\]/);
          expect(sources.some((s) => s.file === f.file)).toBe(true);
        }
      }),
      { numRuns: 150, seed: 20261202 },
    );
  }, 120_000);
});
