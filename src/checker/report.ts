// A check run's summary, the same for every kind of model: the counts of the exploration and each violation
// with its trace rendered by the model's own describer (Event vocabulary for clusters, one line for leases).
import type { CheckResult, Trace } from './bfs.ts';

/** The exploration's counts (CheckResult without its traces), the model, and the rendered violations. */
export type ModelReport<Step> = Omit<CheckResult<unknown, unknown>, 'violations' | 'stoppedBy'> & {
  model: string;
  description: string;
  stoppedBy?: string;
  invariants: string[];
  violations: { kind: string; id: string; description: string; steps: Step[] }[];
};

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
