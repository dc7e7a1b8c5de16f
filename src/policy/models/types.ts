// A question a simulation-backed policy asks the model ("can this claim ever bind?"). The answer is plain
// data (`model` in the policy's data); the policy's json-logic decides whether it is a violation and its
// message template words it, so what counts as a finding stays data.
import type { IndexedObject, ObjectIndex } from '../object-index.ts';

export interface ModelContext {
  /** Every object the user gave, and the cluster description's objects (nodes, storage classes, volumes). */
  index: ObjectIndex;
  /** Only the cluster description's objects, parsed and validated as the simulator reads them. */
  cluster: readonly IndexedObject[];
  /** Where the cluster description came from; `bundled` when the user gave none. */
  clusterSource: { file: string; bundled: boolean };
  kubernetesVersion: string;
}

export interface PolicyModel {
  /** The name policies give in `"model"`. */
  name: string;
  description: string;
  /** Kinds the question is about; for any other object the policy does not apply. */
  kinds: readonly string[];
  /** The answer for one object, or undefined when the question does not apply to it; a throw counts as no answer (src/policy/evaluate.ts). */
  answer(target: IndexedObject, context: ModelContext): Record<string, unknown> | undefined;
}
