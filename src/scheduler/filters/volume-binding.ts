// VolumeBinding (SCHED-08, PVC-11) is a registration point until the storage model fills it: a filter that
// answers for one Pod on one node with its worded reasons ([] = fits) and whether preemption could help.
// kube-scheduler runs it after NodeResourcesFit and before PodTopologySpread; until something registers,
// every node passes.
import type { Pod } from '../../k8s/types.ts';
import type { NodeInfo, PluginStatus } from '../types.ts';

export type VolumeFilter = (pod: Pod, node: NodeInfo, minor: number) => PluginStatus | undefined;

let registered: VolumeFilter | undefined;

/** Installs the storage model's VolumeBinding filter (replacing any earlier one); undefined removes it. */
export function registerVolumeFilter(filter: VolumeFilter | undefined): void {
  registered = filter;
}

export function volumeBindingFilter(pod: Pod, node: NodeInfo, minor: number): PluginStatus | undefined {
  return registered?.(pod, node, minor);
}
