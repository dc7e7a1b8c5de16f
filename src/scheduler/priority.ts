// Pod priority as the scheduler sees it (SCHED-23, SCHED-24): spec.priority, which the Priority admission
// plugin fills from spec.priorityClassName (or the globalDefault class, else 0). For Pods that never went
// through admission the same resolution is applied here; the built-in system classes need no object.
// Also corev1helpers.PodPriority's companions used by preemption: start time and MoreImportantPod.
import type { Pod, PriorityClass } from '../k8s/types.ts';

const SYSTEM_CLASSES: Readonly<Record<string, number>> = { 'system-cluster-critical': 2_000_000_000, 'system-node-critical': 2_000_001_000 };

function classOf(pod: Pod, classes: readonly PriorityClass[]): PriorityClass | undefined {
  const name = pod.spec.priorityClassName;
  return name ? classes.find((c) => c.metadata.name === name) : classes.find((c) => c.globalDefault === true);
}

/** spec.priority, else the named class's value, else the globalDefault class's value, else 0. */
export function podPriority(pod: Pod, classes: readonly PriorityClass[] = []): number {
  if (pod.spec.priority !== undefined) return pod.spec.priority;
  const name = pod.spec.priorityClassName;
  if (name && SYSTEM_CLASSES[name] !== undefined && !classes.some((c) => c.metadata.name === name)) return SYSTEM_CLASSES[name];
  return classOf(pod, classes)?.value ?? 0;
}

/** spec.preemptionPolicy, else the class's (admission copies it), else PreemptLowerPriority. */
export function preemptionPolicy(pod: Pod, classes: readonly PriorityClass[] = []): 'PreemptLowerPriority' | 'Never' {
  return pod.spec.preemptionPolicy ?? classOf(pod, classes)?.preemptionPolicy ?? 'PreemptLowerPriority';
}

/** util.GetPodStartTime: status.startTime, or "now" (later than any recorded time) when unset. */
export function startTime(pod: Pod): number {
  const t = pod.status?.startTime;
  return t === undefined ? Number.POSITIVE_INFINITY : Date.parse(t);
}

/** util.MoreImportantPod: higher priority first, then the one running longer (earlier start). */
export function moreImportant(a: Pod, b: Pod, classes: readonly PriorityClass[]): boolean {
  const pa = podPriority(a, classes);
  const pb = podPriority(b, classes);
  if (pa !== pb) return pa > pb;
  return startTime(a) < startTime(b);
}
