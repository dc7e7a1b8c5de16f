// Node-pressure eviction in the cluster system. What kubelet observes on a node (memory.available) is kept
// as an annotation on the Node object, written by the simulator's scenarios; src/eviction turns it into the
// MemoryPressure condition, the memory-pressure:NoSchedule taint and the order in which kubelet evicts Pods.
// A Pod's memory use is its annotation kubemodel.io/memory-usage, else its memory request.
import type { Node, Pod } from '../k8s/types.ts';
import { evaluatePressure, evictionMessage, rankForEviction, signalToReclaim, type PressureReport } from '../eviction/eviction.ts';
import { parseQuantity } from '../k8s/quantity.ts';

export const OBSERVED_MEMORY_AVAILABLE = 'kubemodel.io/observed-memory-available';
export const MEMORY_USAGE = 'kubemodel.io/memory-usage';

const reports = new WeakMap<object, PressureReport | undefined>();

/** The node's pressure report, or undefined when nothing is observed on it (no pressure can arise). */
export function pressureOf(node: Node): PressureReport | undefined {
  const annotations = node.metadata.annotations ?? {};
  const available = annotations[OBSERVED_MEMORY_AVAILABLE];
  if (available === undefined) return undefined;
  if (reports.has(annotations)) return reports.get(annotations);
  const memory = node.status?.capacity?.memory ?? node.status?.allocatable?.memory ?? '0';
  const report = evaluatePressure({ capacity: { memory, nodefs: '0', nodefsInodes: '0', imagefs: '0' }, observed: { memoryAvailable: available } });
  reports.set(annotations, report);
  return report;
}

export function memoryUsage(pod: Pod): string {
  const annotated = pod.metadata.annotations?.[MEMORY_USAGE];
  if (annotated) return annotated;
  let total = parseQuantity('0');
  for (const c of pod.spec.containers) if (c.resources?.requests?.memory) total = total.add(parseQuantity(c.resources.requests.memory));
  return total.toString();
}

/**
 * The Pod kubelet evicts next on this node, with the Evicted message, when a hard threshold is crossed:
 * the first of rankForEviction over the node's running Pods (NODE-13).
 */
export function nextEviction(node: Node, pods: readonly Pod[]): { pod: Pod; message: string } | undefined {
  const report = pressureOf(node);
  const signal = report && signalToReclaim(report);
  if (!report || !signal || pods.length === 0) return undefined;
  const withStats = pods.map((pod) => ({ pod, stats: { memory: memoryUsage(pod), containers: pod.spec.containers.map((c) => ({ name: c.name, memory: memoryUsage(pod) })) } }));
  const [first] = rankForEviction(withStats, signal.signal);
  if (!first) return undefined;
  const stats = withStats.find((w) => w.pod === first)!.stats;
  const { message } = evictionMessage({ resource: signal.resource, threshold: { quantity: signal.threshold, available: signal.available }, pod: first, stats });
  return { pod: first, message };
}

/** The node's observed memory after kubelet evicted a Pod: its usage is free again. */
export function afterEviction(node: Node, pod: Pod): Node {
  const available = node.metadata.annotations?.[OBSERVED_MEMORY_AVAILABLE];
  if (available === undefined) return node;
  const freed = parseQuantity(available).add(parseQuantity(memoryUsage(pod))).toString();
  return { ...node, metadata: { ...node.metadata, annotations: { ...node.metadata.annotations, [OBSERVED_MEMORY_AVAILABLE]: freed } } };
}
