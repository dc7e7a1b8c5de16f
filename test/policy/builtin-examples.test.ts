// Every built-in policy loads, and its examples hold: each "fail" case gives at least one finding of the
// policy, each "pass" case none (of that policy). Names carry the policy's behaviour IDs.
import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../../src/policy/load.ts';
import { builtinPolicySources } from '../../src/io/policy-files.ts';
import { checkObjects } from '../../src/policy/examples.ts';
import { bundledModelContext } from '../../src/io/cluster-file.ts';

const sources = builtinPolicySources();
const { policies, errors } = loadPolicies(sources);
const options = { kubernetesVersion: '1.37', model: bundledModelContext('1.37') };

describe('built-in policies', () => {
  it('all load without errors, ids equal file names', () => {
    expect(errors.map((e) => `${e.file} ${e.jsonPath}: ${e.message}`)).toEqual([]);
    for (const p of policies) expect(p.source).toBe(`rules/policies/${p.id}.json`);
  });

  for (const policy of policies) {
    const ids = policy.file.behaviours.length ? ` (${policy.file.behaviours.join(', ')})` : '';
    describe(`${policy.id}${ids}`, () => {
      policy.file.examples.fail.forEach((objects, i) => {
        it(`fail example ${i + 1} is reported`, () => {
          const found = checkObjects([policy], objects, options);
          expect(found.length).toBeGreaterThan(0);
          for (const f of found) expect(f.message).not.toMatch(/\{\{|\}\}/);
        });
      });
      policy.file.examples.pass.forEach((objects, i) => {
        it(`pass example ${i + 1} is clean`, () => {
          expect(checkObjects([policy], objects, options).map((f) => f.message)).toEqual([]);
        });
      });
    });
  }
});
