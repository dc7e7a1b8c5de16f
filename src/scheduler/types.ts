// The scheduling framework's vocabulary (kube-scheduler pkg/scheduler/framework), reduced to what kubemodel
// models. Plugins decide through rules in rules/scheduler/; this file only fixes the shapes they share.
import type { Node, Pod, PriorityClass, Namespace, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../k8s/types.ts';
import type { Quantity } from '../k8s/quantity.ts';

/** What the scheduler sees of the cluster at one scheduling cycle (its snapshot of the informer caches). */
export interface ClusterSnapshot {
  nodes: readonly Node[];
  /** Every Pod in the cluster; those with spec.nodeName occupy their node. */
  pods: readonly Pod[];
  priorityClasses?: readonly PriorityClass[];
  namespaces?: readonly Namespace[];
  /** What VolumeBinding reads (PVC-05, PVC-10..PVC-12); absent lists are empty. */
  persistentVolumeClaims?: readonly PersistentVolumeClaim[];
  persistentVolumes?: readonly PersistentVolume[];
  storageClasses?: readonly StorageClass[];
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
      /** Nodes whose filters ran (the search stops after numFeasibleNodesToFind feasible nodes). */
      evaluatedNodes?: number;
      /** Where the next cycle's node search starts (kube-scheduler's nextStartNodeIndex). */
      nextStartIndex?: number;
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
      /**
       * Set when the scheduler does not take the Pod at all (SCHED-25: another schedulerName; SCHED-06: a Pod
       * that already names its node); `message` then explains it in kubemodel's words, not Kubernetes'.
       */
      ignored?: 'otherScheduler' | 'alreadyBound';
      nextStartIndex?: number;
    };

/**
 * The score plugins' entry point (src/scheduler/score/index.ts exports `scorePlugins` of this type): one
 * PluginScore list per node, in the order of `nodeInfos`.
 */
export type ScorePluginsFn = (
  pod: Pod,
  nodeInfos: readonly NodeInfo[],
  snapshot: ClusterSnapshot,
  opts: { seed?: number; kubernetesVersion?: string },
) => PluginScore[][];

export interface ScheduleOptions {
  /** Kubernetes minor version whose behaviour and wording to reproduce (default: current). */
  kubernetesVersion?: string;
  /** Seed for the random choice among equally scored nodes (selectHost). */
  seed?: number;
  /** Scheduler name this scheduler answers to (default "default-scheduler"). */
  schedulerName?: string;
  /** Score plugins; without them every feasible node scores 0 and the lowest name wins (see selectHost). */
  scorePlugins?: ScorePluginsFn;
  /** kube-scheduler's nextStartNodeIndex: where the node search starts (default 0). */
  startIndex?: number;
  /** KubeSchedulerConfiguration percentageOfNodesToScore; 0 or absent = adaptive (50% − nodes/125, at least 5%). */
  percentageOfNodesToScore?: number;
  /** Run every filter on a node instead of stopping at the first failure (the removed runAllFilters option). */
  runAllFilters?: boolean;
}
