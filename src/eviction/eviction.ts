// kubelet's node-pressure eviction (pkg/kubelet/eviction, current release) as pure functions over rules:
// which hard thresholds a node's observations cross, the node conditions and taints that follow (NODE-12),
// which Pods kubelet admits under pressure (RES-08), and, re-exported from rank.ts and message.ts, the
// eviction order (NODE-13) and the Evicted message.
// Left out: soft thresholds and grace periods, minimum reclaim, evictionPressureTransitionPeriod (a condition
// stays True 5 minutes after its last crossing), allocatableMemory.available, pid.available, containerfs
// signals, and reclaiming images and dead containers before evicting for disk pressure.
import { getRule } from '../rules/registry.ts';
import { qosClass } from '../k8s/qos.ts';
import type { NodeCondition, Pod, Taint } from '../k8s/types.ts';
import {
  defaultEvictionHard,
  observedQuantity,
  SIGNALS,
  thresholdQuantity,
  type EvictionSignal,
  type NodeCapacity,
  type NodeObserved,
  type StarvedResource,
} from './signals.ts';

export { rankForEviction, type PodStats, type PodWithStats, type ContainerStats } from './rank.ts';
export { evictionMessage, localStorageEviction, type EvictionMessage } from './message.ts';
export { defaultEvictionHard, thresholdQuantity, type EvictionSignal, type NodeCapacity, type NodeObserved, type StarvedResource };

export interface NodeObservation {
  capacity: NodeCapacity;
  observed: NodeObserved;
}

export interface SignalReport {
  signal: EvictionSignal;
  resource: StarvedResource;
  /** As kubelet prints them in the Evicted message. */
  threshold: string;
  available: string;
  met: boolean;
}

export type PressureCondition = NodeCondition & { type: 'MemoryPressure' | 'DiskPressure' };

export interface PressureReport {
  conditions: PressureCondition[];
  taints: Taint[];
  signals: SignalReport[];
}

/** nodestatus MemoryPressureCondition / DiskPressureCondition (pkg/kubelet/nodestatus/setters.go). */
const CONDITION_WORDING = {
  MemoryPressure: {
    True: ['KubeletHasInsufficientMemory', 'kubelet has insufficient memory available'],
    False: ['KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  },
  DiskPressure: {
    True: ['KubeletHasDiskPressure', 'kubelet has disk pressure'],
    False: ['KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  },
} as const;

/**
 * The hard thresholds (Linux defaults unless given) against a node's observations: e.g. 8Gi of memory with
 * 50Mi available crosses memory.available<100Mi → MemoryPressure True → taint memory-pressure:NoSchedule.
 */
export function evaluatePressure(node: NodeObservation, thresholds: Partial<Record<EvictionSignal, string>> = defaultEvictionHard): PressureReport {
  const signals: SignalReport[] = [];
  for (const s of SIGNALS) {
    const statement = thresholds[s.signal];
    const text = node.observed[s.observed];
    if (statement === undefined || text === undefined) continue;
    const quantity = thresholdQuantity(statement, node.capacity[s.capacity]);
    if (quantity === undefined) continue;
    const threshold = quantity.toString();
    const available = observedQuantity(s.resource, text).toString();
    const met = getRule('eviction/threshold-met').evaluate({ signal: s.signal, threshold, available }) === true;
    signals.push({ signal: s.signal, resource: s.resource, threshold, available, met });
  }
  const pressured = getRule('eviction/node-conditions').evaluate({ met: signals.filter((s) => s.met).map((s) => s.signal) }) as string[];
  const conditions: PressureCondition[] = (['MemoryPressure', 'DiskPressure'] as const).map((type) => {
    const status = pressured.includes(type) ? 'True' : 'False';
    const [reason, message] = CONDITION_WORDING[type][status];
    return { type, status, reason, message };
  });
  const taints: Taint[] = [];
  for (const condition of conditions) {
    const key = getRule('eviction/condition-taint').evaluate({ condition: { type: condition.type, status: condition.status } });
    if (typeof key === 'string') taints.push({ key, effect: 'NoSchedule' });
  }
  return { conditions, taints, signals };
}

/**
 * The signal kubelet reclaims first: byEvictionPriority puts memory before every other signal; among the disk
 * signals Kubernetes' order is unspecified (sort.Sort is unstable), here it is the order of SIGNALS.
 */
export function signalToReclaim(report: PressureReport): SignalReport | undefined {
  return report.signals.find((s) => s.met && s.resource === 'memory') ?? report.signals.find((s) => s.met);
}

export type AdmitResult = { admit: true } | { admit: false; reason: 'Evicted'; message: string };

/**
 * The eviction manager's admission check: under MemoryPressure alone only BestEffort Pods are refused (unless
 * they tolerate the memory-pressure taint), under any other pressure every Pod that is not critical.
 * Message: `The node had condition: [MemoryPressure]. ` (Go's %v of the condition list, trailing space).
 */
export function admitPod(pod: Pod, conditions: readonly string[]): AdmitResult {
  const annotations = pod.metadata.annotations ?? {};
  const admitted = getRule('eviction/admit').evaluate({
    conditions: [...conditions],
    qosClass: qosClass(pod),
    priority: pod.spec.priority ?? 0,
    configSource: annotations['kubernetes.io/config.source'] ?? null,
    mirror: 'kubernetes.io/config.mirror' in annotations,
    tolerations: pod.spec.tolerations ?? [],
  });
  if (admitted === true) return { admit: true };
  return { admit: false, reason: 'Evicted', message: `The node had condition: [${conditions.join(' ')}]. ` };
}
