// A check run's summary, the same for every kind of model: the counts of the exploration and each violation
// with its trace rendered by the model's own describer (Event vocabulary for clusters, one line for leases).
import type { CheckResult, Trace } from './bfs.ts';

export interface ModelReport<Step> {
  model: string;
  description: string;
  states: number;
  edges: number;
  depth: number;
  seconds: number;
  statesPerSecond: number;
  peakHeapBytes: number;
  complete: boolean;
  stoppedBy?: string;
  stableStates: number;
  invariants: string[];
  violations: { kind: string; id: string; description: string; steps: Step[] }[];
}

export function toReport<S, A, Step>(
  file: { id: string; description: string },
  result: CheckResult<S, A>,
  invariants: readonly { id: string }[],
  render: (trace: Trace<S, A>) => Step[],
): ModelReport<Step> {
  const { violations, stoppedBy, ...counts } = result;
  return {
    model: file.id,
    description: file.description,
    ...counts,
    ...(stoppedBy ? { stoppedBy } : {}),
    invariants: invariants.map((i) => i.id),
    violations: violations.map((v) => ({ kind: v.kind, id: v.id, description: v.description, steps: render(v.trace) })),
  };
}
