// FitError.Error() (pkg/scheduler/framework/types.go) per release (SCHED-03): "0/N nodes are available:" then
// either the PreFilter message or the histogram of reasons, then the PostFilter message. The histogram counts
// every reason of every rejected node ("count reason"), sorts those strings as Go's sort.Strings does (byte
// order, so "10 …" sorts before "2 …") and joins them with ", ".
// E.g. master01 tainted and node01/node02 short of cpu (1.21):
//   "0/3 nodes are available: 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 Insufficient cpu."
import { messageFormat } from './wording.ts';

const goStringOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** "count reason" entries, sorted as Go's sort.Strings sorts them. */
export function reasonHistogram(reasonsPerNode: Iterable<readonly string[]>, extra?: { count: number; reasons: readonly string[] }): string[] {
  const counts = new Map<string, number>();
  for (const reasons of reasonsPerNode) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  if (extra && extra.count > 0) for (const r of extra.reasons) counts.set(r, (counts.get(r) ?? 0) + extra.count);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort(goStringOrder);
}

export interface FitErrorParts {
  numAllNodes: number;
  /** Reasons of each rejected node (one list per node). */
  reasonsPerNode: Iterable<readonly string[]>;
  /** Nodes without an explicit status that count under a shared one (NodeToStatus' absent-node status). */
  absent?: { count: number; reasons: readonly string[] };
  /** The PreFilter rejection, written once (1.26+). */
  preFilterMsg?: string;
  /** The PostFilter plugins' message, e.g. "preemption: 0/3 nodes are available: …". */
  postFilterMsg?: string;
}

export function fitErrorMessage(minor: number, parts: FitErrorParts): string {
  let msg = `0/${parts.numAllNodes} nodes are available:`;
  if (parts.preFilterMsg) msg += ` ${parts.preFilterMsg}.`;
  else {
    const histogram = reasonHistogram(parts.reasonsPerNode, parts.absent);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (parts.postFilterMsg) msg += messageFormat(minor).doubledPeriod ? ` ${parts.postFilterMsg}.` : ` ${parts.postFilterMsg}`;
  return msg;
}
