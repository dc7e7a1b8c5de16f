// The scheduling framework's vocabulary (kube-scheduler pkg/scheduler/framework), reduced to what kubemodel
// models. Plugins decide through rules in rules/scheduler/; this file only fixes the shapes they share.
import type { Node, Pod, PriorityClass, Namespace } from '../k8s/types.ts';
import type { Quantity } from '../k8s/quantity.ts';

/** What the scheduler sees of the cluster at one scheduling cycle (its snapshot of the informer caches). */
export interface ClusterSnapshot {
  nodes: readonly Node[];
  /** Every Pod in the cluster; those with spec.nodeName occupy their node. */
  pods: readonly Pod[];
  priorityClasses?: readonly PriorityClass[];
  namespaces?: readonly Namespace[];
}

/** framework.NodeInfo: a node with the Pods assigned to it and what they take. */
export interface NodeInfo {
  node: Node;
  pods: readonly Pod[];
  /** Sum of the assigned Pods' effective requests (see computePodResourceRequest), by resource name. */
  requested: ReadonlyMap<string, Quantity>;
  /** Allocatable resources of the node, by resource name ("pods" included). */
  allocatable: ReadonlyMap<string, Quantity>;
  /** hostPorts in use: `${protocol}/${hostIP}/${port}`. */
  usedPorts: ReadonlySet<string>;
}

export type StatusCode = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip';

/** framework.Status of one plugin for one node (Filter) or for the Pod (PreFilter). */
export interface PluginStatus {
  plugin: string;
  code: StatusCode;
  /** Reasons worded as the selected Kubernetes release's scheduler words them, e.g. "node(s) had untolerated taint(s)". */
  reasons: string[];
}

/** One score plugin's raw and normalised score for a node, and its weight in the sum. */
export interface PluginScore {
  plugin: string;
  raw: number;
  normalized: number;
  weight: number;
}

export type ScheduleResult =
  | {
      ok: true;
      node: string;
      /** Total weighted score per feasible node, and the per-plugin breakdown. */
      scores: { node: string; total: number; plugins: PluginScore[] }[];
    }
  | {
      ok: false;
      /** The FailedScheduling message exactly as kube-scheduler writes it (PodScheduled condition and Event). */
      message: string;
      /** Why each node was rejected: the statuses of the plugins that failed it. */
      perNode: { node: string; statuses: PluginStatus[] }[];
      /** Set when PreFilter rejected the Pod before any node was tried. */
      preFilter?: PluginStatus;
      /** Pods whose preemption would make room, when preemption found a node (the Pod is then "nominated"). */
      nominated?: { node: string; victims: string[] };
    };

export interface ScheduleOptions {
  /** Kubernetes minor version whose behaviour and wording to reproduce (default: current). */
  kubernetesVersion?: string;
  /** Seed for the random choice among equally scored nodes (selectHost). */
  seed?: number;
  /** Scheduler name this scheduler answers to (default "default-scheduler"). */
  schedulerName?: string;
}
