// A random walk through a loaded model: at each step the choice picks one of the enabled actions; every
// state and every step is checked against the model's invariants. Returns the first one broken, if any.
import { loadPodModel, type ModelFile } from '../../src/checker/pod-model.ts';

export function walkModel(file: ModelFile, choices: readonly number[]): string | undefined {
  const m = loadPodModel(file);
  let state = m.ts.initial[0]!;
  for (const choice of choices) {
    for (const inv of m.invariants) if (!inv.holds(state)) return inv.id;
    const succ = m.ts.successors(state);
    if (succ.length === 0) return undefined;
    const { action, next } = succ[choice % succ.length]!;
    for (const inv of m.stepInvariants) if (!inv.holds(state, action, next)) return inv.id;
    state = next;
  }
  for (const inv of m.invariants) if (!inv.holds(state)) return inv.id;
  return undefined;
}
