// Properties of the admission chain over random Pods and clusters (API-11, RES-13): admit never changes its
// inputs, and an admitted Pod never takes a quota beyond hard for anything it charges. The quota oracle
// here is written independently of src/admission/quota-usage.ts: it sums containers directly (the
// arbitraries have no init containers or overhead). fast-check prints the seed of any failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admit } from '../../src/admission/chain.ts';
import { applyPodDefaults } from '../../src/k8s/parse-manifests.ts';
import { parseQuantity, Quantity } from '../../src/k8s/quantity.ts';
import type { Pod } from '../../src/k8s/types.ts';
import { arbCluster, arbPod } from './arbitraries.ts';

/** Oracle: what one Pod charges, by quota resource name. */
function charge(pod: Pod): Map<string, Quantity> {
  const out = new Map<string, Quantity>([['count/pods', Quantity.of(1n)]]);
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return out;
  out.set('pods', Quantity.of(1n));
  const add = (key: string, text: string | undefined) => {
    if (text === undefined) return;
    out.set(key, (out.get(key) ?? Quantity.of(0n)).add(parseQuantity(text)));
  };
  for (const c of pod.spec.containers) {
    add('requests.cpu', c.resources?.requests?.cpu);
    add('cpu', c.resources?.requests?.cpu);
    add('limits.cpu', c.resources?.limits?.cpu);
    add('requests.memory', c.resources?.requests?.memory);
    add('limits.memory', c.resources?.limits?.memory);
  }
  return out;
}

describe('admission properties', () => {
  it('API-11: admit never changes the request object or the cluster view', () => {
    fc.assert(
      fc.property(arbPod('new'), arbCluster, (p, c) => {
        const object = applyPodDefaults(p);
        const [objectBefore, clusterBefore] = [structuredClone(object), structuredClone(c)];
        admit({ operation: 'CREATE', object }, c);
        expect(object).toEqual(objectBefore);
        expect(c).toEqual(clusterBefore);
      }),
      { numRuns: 300 },
    );
  });

  it('RES-13: an admitted Pod never pushes a quota resource it charges beyond hard', () => {
    fc.assert(
      fc.property(arbPod('new'), arbCluster, (p, c) => {
        const result = admit({ operation: 'CREATE', object: applyPodDefaults({ ...p, status: {} }) }, c);
        if (!result.allowed || result.object.kind !== 'Pod') return;
        const mine = charge(result.object);
        for (const q of c.resourceQuotas) {
          for (const [name, hardText] of Object.entries(q.spec.hard ?? {})) {
            const delta = mine.get(name);
            if (!delta || delta.isZero()) continue;
            const used = c.pods.map(charge).reduce((sum, u) => sum.add(u.get(name) ?? Quantity.of(0n)), Quantity.of(0n));
            expect(used.add(delta).cmp(parseQuantity(hardText)), `${q.metadata.name} ${name}`).toBeLessThanOrEqual(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('RES-13: the oracle is not vacuous: some random Pods are admitted and some are rejected by quota', () => {
    const verdicts = fc.sample(fc.tuple(arbPod('new'), arbCluster), { numRuns: 300, seed: 42 }).map(([p, c]) => {
      const r = admit({ operation: 'CREATE', object: applyPodDefaults({ ...p, status: {} }) }, c);
      return r.allowed ? 'allowed' : r.status.message.includes('exceeded quota') ? 'exceeded' : 'other';
    });
    expect(verdicts).toContain('allowed');
    expect(verdicts).toContain('exceeded');
  });
});
