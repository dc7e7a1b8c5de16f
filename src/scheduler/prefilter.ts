// The PreFilter extension point: what a scheduling cycle computes once per Pod before trying nodes, and the
// rejections that need no node at all (framework runtime RunPreFilterPlugins, schedule_one.go
// findNodesThatFitPod). Plugins whose PreFilter returns Skip leave their state undefined and their Filter
// passes every node, as kube-scheduler's SkipFilterPlugins does.
import type { Pod } from '../k8s/types.ts';
import { interPodAffinityState, type InterPodAffinityState } from './filters/inter-pod-affinity.ts';
import { nodeAffinityNarrowing, nodeAffinitySkips } from './filters/node-affinity.ts';
import { spreadState, type SpreadState } from './filters/topology-spread.ts';
import { volumeBindingPreFilter, type VolumeBindingState } from './filters/volume-binding.ts';
import { hostPorts, type MutableNodeInfo } from './node-info.ts';
import type { ResourceAmounts } from './resources.ts';
import { fitView, type FitView } from './framework.ts';
import type { ClusterSnapshot, PluginStatus } from './types.ts';
import { reasonsFor } from './wording.ts';

export interface CycleState {
  pod: Pod;
  minor: number;
  requests: ResourceAmounts;
  /** hostPorts the Pod asks for, `${protocol}/${hostIP}/${port}`. */
  ports: string[];
  nodeAffinitySkip: boolean;
  /** NodeResourcesFit's view, its free amounts rewritten for each node. */
  fit: FitView;
  interPod?: InterPodAffinityState;
  spread?: SpreadState;
  /** VolumeBinding's claims and PVs; undefined when the Pod uses no PersistentVolumeClaim (Skip). */
  volumes?: VolumeBindingState;
}

export interface PreFilterOutcome {
  state: CycleState;
  /** PreFilter rejected the Pod: no node is tried. */
  rejection?: PluginStatus;
  /** A PreFilterResult: only these nodes are tried (1.24+); the rest count as rejected by `plugins`. */
  onlyNodes?: ReadonlySet<string>;
  plugins?: string[];
}

export function preFilter(pod: Pod, nodes: readonly MutableNodeInfo[], snapshot: ClusterSnapshot, minor: number, requestsOf: (p: Pod) => ResourceAmounts): PreFilterOutcome {
  const requests = requestsOf(pod);
  const state: CycleState = { pod, minor, requests, ports: hostPorts(pod), nodeAffinitySkip: nodeAffinitySkips(pod), fit: fitView(requests) };
  const narrowing = minor >= 24 && !state.nodeAffinitySkip ? nodeAffinityNarrowing(pod) : undefined;
  if (narrowing?.kind === 'conflict') {
    return { state, rejection: { plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reasons: reasonsFor(minor, 'affinityTermsConflict') } };
  }
  // VolumeBinding's PreFilter runs after NodeAffinity's (default plugin order); PVC-05 rejects here.
  const volumes = volumeBindingPreFilter(pod, snapshot, minor);
  if (volumes.kind === 'reject') return { state, rejection: volumes.status };
  if (volumes.kind === 'state') state.volumes = volumes.state;
  if (narrowing?.kind === 'names') return { ...withState(state, pod, nodes, snapshot), onlyNodes: narrowing.names, plugins: ['NodeAffinity'] };
  return withState(state, pod, nodes, snapshot);
}

function withState(state: CycleState, pod: Pod, nodes: readonly MutableNodeInfo[], snapshot: ClusterSnapshot): PreFilterOutcome {
  const interPod = interPodAffinityState(pod, nodes, snapshot.namespaces);
  const spread = spreadState(pod, nodes);
  if (interPod) state.interPod = interPod;
  if (spread) state.spread = spread;
  return { state };
}

/** Recomputes the node-spanning PreFilter state after Pods were removed (preemption's RemovePod extension). */
export function refreshState(state: CycleState, nodes: readonly MutableNodeInfo[], snapshot: ClusterSnapshot): CycleState {
  if (!state.interPod && !state.spread && !hasAffinityOrSpread(state.pod)) return state;
  const next: CycleState = { ...state };
  delete next.interPod;
  delete next.spread;
  return withState(next, state.pod, nodes, snapshot).state;
}

const hasAffinityOrSpread = (pod: Pod): boolean =>
  Boolean(pod.spec.affinity?.podAffinity || pod.spec.affinity?.podAntiAffinity || pod.spec.topologySpreadConstraints?.length);
