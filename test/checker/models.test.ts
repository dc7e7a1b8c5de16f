// Model runs are data (properties/models/*.json). CI re-checks each model's pinned state count and depth:
// when a count drifts the semantics changed, and whoever changed them must say why in the model file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/checker/run.ts';
import type { ModelFile } from '../../src/checker/pod-model.ts';

const dir = join(import.meta.dirname, '..', '..', 'properties', 'models');
const models = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ModelFile & { kind?: string })
  // Leader-election, rollout and network models have their own runners and tests.
  .filter((m) => m.kind !== 'leader-election' && m.kind !== 'rollout' && m.kind !== 'network');

describe('bundled models keep their pinned results', () => {
  for (const model of models) {
    const expected = model.expect.violation;
    it(`POD-05: model ${model.id} explores ${model.expect.states} states to depth ${model.expect.depth}${expected ? ` and fails ${expected.id}` : ' with no violation'}`, () => {
      const r = checkModel(model, { kubernetesVersion: '1.37' });
      expect({ states: r.states, depth: r.depth }).toEqual({ states: model.expect.states, depth: model.expect.depth });
      if (!expected) {
        expect(r.violations).toEqual([]);
        expect(r.complete).toBe(true);
      } else {
        expect(r.violations.map((v) => v.id)).toEqual([expected.id]);
        expect(r.violations[0]!.steps.map((s) => s.event.type)).toEqual(expected.steps);
      }
    });
  }

  it('POD-11: the broken model is caught with its minimal trace, told in Event vocabulary', () => {
    const broken = models.find((m) => m.id === 'pod-broken')!;
    const r = checkModel(broken, { kubernetesVersion: '1.37' });
    const steps = r.violations[0]!.steps;
    expect(steps[1]!.what).toContain('Normal Started: Container started');
    expect(steps[3]!.changes.join(' ')).toContain('RESTARTS 0 → 1');
    // With the wording of Kubernetes 1.21 (the seeds' era) the same trace reads as kubelet wrote it then.
    const old = checkModel(broken, { kubernetesVersion: '1.21' });
    expect(old.violations[0]!.steps[1]!.what).toContain('Normal Started: Started container task');
  });

  it('POD-12: a model whose bounds are raised grows and still holds (the checker is not pinned to one size)', () => {
    const pod = models.find((m) => m.id === 'pod')!;
    const r = checkModel(pod, { kubernetesVersion: '1.37', constants: { maxRestarts: 3, maxFaults: 3 } });
    expect(r.states).toBeGreaterThan(pod.expect.states!);
    expect(r.violations).toEqual([]);
  });
});
