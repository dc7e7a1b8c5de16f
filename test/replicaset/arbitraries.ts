// Random Pods of one ReplicaSet for the deletion-order properties. Realistic where the properties need it:
// only a scheduled Running Pod is Ready. `distinctTimes` draws every Ready time and creation time apart,
// which keeps the comparison transitive (see the intransitivity test in deletion-order.property.test.ts).
import fc from 'fast-check';
import type { Pod, PodPhase } from '../../src/k8s/types.ts';
import { pod } from './support.ts';

interface Draft {
  scheduled: boolean;
  phase: PodPhase;
  ready: boolean;
  zeroReadyTime: boolean;
  restarts: number;
  noCreationTime: boolean;
  cost: string | undefined;
  node: string;
}

const arbDraft: fc.Arbitrary<Draft> = fc.record({
  scheduled: fc.boolean(),
  phase: fc.constantFrom<PodPhase>('Pending', 'Unknown', 'Running', 'Running'),
  ready: fc.boolean(),
  zeroReadyTime: fc.constantFrom(false, false, false, false, true),
  restarts: fc.nat(2),
  noCreationTime: fc.constantFrom(false, false, false, false, true),
  cost: fc.constantFrom(undefined, undefined, '-1', '0', '5', '+3'),
  node: fc.constantFrom('n1', 'n2', 'n3'),
});

/** Seconds before NOW for Ready and creation times: few values (many collisions) or all distinct. */
function arbSeconds(n: number, distinct: boolean): fc.Arbitrary<number[]> {
  return distinct
    ? fc.uniqueArray(fc.integer({ min: 1, max: 7000 }), { minLength: 2 * n, maxLength: 2 * n })
    : fc.array(fc.constantFrom(30, 60, 100, 120, 600, 1000, 3600), { minLength: 2 * n, maxLength: 2 * n });
}

function build(drafts: readonly Draft[], seconds: readonly number[]): Pod[] {
  return drafts.map((d, i) => {
    const running = d.scheduled && d.phase === 'Running';
    const ready = running && d.ready;
    return pod(`p${i}`, {
      uid: `uid-${String(i).padStart(3, '0')}`,
      phase: d.scheduled ? d.phase : 'Pending',
      ...(d.scheduled ? { node: d.node } : {}),
      ...(ready ? { readyFor: d.zeroReadyTime ? null : (seconds[2 * i] as number) } : {}),
      restarts: d.restarts,
      age: d.noCreationTime ? null : (seconds[2 * i + 1] as number),
      ...(d.cost !== undefined ? { cost: d.cost } : {}),
    });
  });
}

/** 1–12 active Pods of ReplicaSet web, with UIDs in input order. */
export function arbPods(opts: { distinctTimes: boolean; minLength?: number }): fc.Arbitrary<Pod[]> {
  return fc
    .integer({ min: opts.minLength ?? 1, max: 12 })
    .chain((n) => fc.tuple(fc.array(arbDraft, { minLength: n, maxLength: n }), arbSeconds(n, opts.distinctTimes)))
    .map(([drafts, seconds]) => build(drafts, seconds));
}
