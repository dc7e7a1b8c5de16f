// RollingUpdate model-checked at the level of replica counts, with the Deployment controller's real
// arithmetic (src/deployment): pinned counts, the guarantees, and the counterexample once a Pod may crash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRollout, type RolloutModelFile } from '../../src/rollout/check.ts';

const model = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'properties', 'models', `${name}.json`), 'utf8')) as RolloutModelFile;

describe('rollout models', () => {
  for (const name of ['rollout', 'rollout-10-replicas', 'rollout-crash', 'rollout-image-never-pulls']) {
    const file = model(name);
    it(`ROLL-05: ${name} explores ${file.expect.states} states to depth ${file.expect.depth}${file.expect.violation ? ` and fails ${file.expect.violation.id}` : ''}`, () => {
      const r = checkRollout(file);
      expect({ states: r.states, depth: r.depth }).toEqual({ states: file.expect.states, depth: file.expect.depth });
      if (file.expect.violation) {
        expect(r.violations.map((v) => [v.id, v.steps])).toEqual([[file.expect.violation.id, file.expect.violation.steps]]);
      } else {
        expect(r.violations).toEqual([]);
        expect(r.complete).toBe(true);
      }
    });
  }

  it.each([
    [1, 1, 0],
    [2, 0, 1],
    [4, '50%', '50%'],
    [5, 2, 1],
  ])('ROLL-05: %i replicas, maxSurge %s, maxUnavailable %s keeps its bounds and always finishes', (replicas, maxSurge, maxUnavailable) => {
    const r = checkRollout(model('rollout'), { constants: { replicas, maxSurge, maxUnavailable, maxFaults: 0 } });
    expect(r.violations).toEqual([]);
    expect(r.complete).toBe(true);
  });

  it('ROLL-05: with one crash allowed the controller\'s own bound still holds on its steps (faults exempt)', () => {
    const r = checkRollout(model('rollout'), { constants: { maxFaults: 1 } });
    expect(r.violations).toEqual([]);
  });
});
