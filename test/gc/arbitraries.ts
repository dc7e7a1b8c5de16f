// Random ownership graphs and user deletes for the garbage-collector property (GC-02..GC-04): up to 7
// objects, each owned by up to 2 earlier ones (so no cycles), every reference with blockOwnerDeletion true,
// false or unset, a few objects held by a foreign finalizer; then up to 30 operations interleaving user
// DELETEs (random policy, via kubectl or the plain API) with collector steps (which enabled step: `pick`).
import fc from 'fast-check';
import { gcKey, type GcObject, type PropagationPolicy } from '../../src/gc/index.ts';
import type { OwnerReference } from '../../src/k8s/types.ts';

export type Op =
  | { type: 'delete'; target: number; policy: PropagationPolicy | undefined; viaKubectl: boolean }
  | { type: 'gc'; pick: number };

export interface Scenario {
  objects: GcObject[];
  ops: Op[];
  /** Picks for draining the collector after the ops; reused cyclically. */
  drain: number[];
}

const KINDS = ['Deployment', 'ReplicaSet', 'Pod', 'Job', 'ConfigMap'] as const;

interface Node {
  kind: string;
  owners: number[];
  block: (boolean | undefined)[];
  held: boolean;
}

const node: fc.Arbitrary<Node> = fc.record({
  kind: fc.constantFrom(...KINDS),
  owners: fc.uniqueArray(fc.nat({ max: 6 }), { maxLength: 2 }),
  block: fc.array(fc.constantFrom<boolean | undefined>(true, true, false, undefined), { minLength: 2, maxLength: 2 }),
  held: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
});

function build(nodes: readonly Node[]): GcObject[] {
  const objects: GcObject[] = [];
  nodes.forEach((n, i) => {
    const owners = i === 0 ? [] : [...new Set(n.owners.map((o) => o % i))];
    const ownerReferences: OwnerReference[] = owners.map((o, k) => {
      const owner = objects[o] as GcObject;
      const blockOwnerDeletion = n.block[k];
      return {
        apiVersion: 'v1', kind: owner.kind, name: owner.name, uid: owner.uid, controller: k === 0,
        ...(blockOwnerDeletion === undefined ? {} : { blockOwnerDeletion }),
      };
    });
    const name = `o${i}`;
    objects.push({
      key: gcKey(n.kind, name, 'default'), kind: n.kind, name, namespace: 'default', uid: `uid-${i}`,
      ...(ownerReferences.length > 0 ? { ownerReferences } : {}),
      ...(n.held ? { finalizers: ['example.com/hold'] } : {}),
    });
  });
  return objects;
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    type: fc.constant('delete' as const),
    target: fc.nat({ max: 6 }),
    policy: fc.constantFrom<PropagationPolicy | undefined>('Background', 'Foreground', 'Orphan', undefined),
    viaKubectl: fc.boolean(),
  }),
  fc.record({ type: fc.constant('gc' as const), pick: fc.nat() }),
);

export const scenario: fc.Arbitrary<Scenario> = fc.record({
  objects: fc.array(node, { minLength: 1, maxLength: 7 }).map(build),
  ops: fc.array(op, { minLength: 1, maxLength: 30 }),
  drain: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
});
