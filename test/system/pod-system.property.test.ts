// Random walks through the composed Pod system (pod + container machines, kubelet rules, faults) for random
// Pod specs, checking every invariant of properties/pod.ts on every state and every step. The seed is
// printed by fast-check on failure; replay with { seed, path }.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ModelFile } from '../../src/checker/pod-model.ts';
import { walkModel } from '../support/walk.ts';
import type { Pod } from '../../src/k8s/types.ts';
import { arbLifecyclePod } from '../arbitraries/pod-spec.ts';

function model(pod: Pod, rebind?: ModelFile['rebind']): ModelFile {
  return {
    id: 'random',
    description: 'random pod',
    machines: ['pod', 'container'],
    objects: [pod],
    constants: { maxRestarts: 3, maxFaults: 3, allowDelete: true },
    ...(rebind ? { rebind } : {}),
    expect: {},
  };
}

const walk = walkModel;

const choices = fc.array(fc.nat(), { minLength: 1, maxLength: 60 });

describe('the Pod lifecycle system under random event sequences', () => {
  it('POD-05, POD-08, POD-09, POD-11, POD-14, PROBE-03: every invariant holds on every reachable state and step', () => {
    fc.assert(
      fc.property(arbLifecyclePod, choices, (pod, picks) => {
        expect(walk(model(pod), picks)).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('POD-11: the same walks catch a container machine whose restart guard ignores restartPolicy', () => {
    const broken = {
      container: {
        guards: {
          restartNow: {
            and: [{ '==': [{ var: 'context.backoff' }, 0] }, { '==': [{ var: 'context.hasReadinessProbe' }, { var: 'params.readinessProbe' }] }],
          },
        },
      },
    };
    const result = fc.check(
      fc.property(arbLifecyclePod, choices, (pod, picks) => walk(model(pod, broken), picks) === undefined),
      { numRuns: 2000, seed: 7 },
    );
    expect(result.failed).toBe(true);
  });
});

describe('the Pod lifecycle system, checked exhaustively for random specs', () => {
  it('POD-12, POD-14, POD-15, NODE-04: every random Pod spec has no violation and always converges (1 fault, 1 restart)', async () => {
    const { checkModel } = await import('../../src/checker/run.ts');
    fc.assert(
      fc.property(arbLifecyclePod, (pod) => {
        const r = checkModel({ ...model(pod), constants: { maxRestarts: 1, maxFaults: 1, allowDelete: true } }, { kubernetesVersion: '1.37' });
        expect(r.violations.map((v) => `${v.id}: ${v.steps.map((s) => s.event.type).join(' → ')}`)).toEqual([]);
        expect(r.complete).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
