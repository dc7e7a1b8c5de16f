// The Filter extension point of the default profile (pkg/scheduler/apis/config/v1/default_plugins.go), in its
// order: NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
// VolumeBinding, PodTopologySpread, InterPodAffinity (SCHED-02). A node gets the status of the FIRST plugin
// that rejects it (framework runtime RunFilterPlugins), so a node counts once per reason of that one plugin.
// TypeScript builds each plugin's view; the rule under rules/scheduler/ gives the verdict; wording.ts words it.
// A filter whose input is empty (no taints, no hostPorts, no nodeName, a node not cordoned) is not evaluated:
// its rule's answer there is fixed by the rule's examples, and kube-scheduler returns early the same way.
// Views that only change per node reuse one object per cycle (the hot path schedules 1,000 nodes per Pod).
// Left out: VolumeRestrictions, NodeVolumeLimits, VolumeZone, DynamicResources, nominated Pods.
import type { Taint } from '../k8s/types.ts';
import { getRule } from '../rules/registry.ts';
import { nodeAffinityView } from './filters/node-affinity.ts';
import { interPodAffinityView } from './filters/inter-pod-affinity.ts';
import { spreadView } from './filters/topology-spread.ts';
import { volumeBindingFilter } from './filters/volume-binding.ts';
import type { MutableNodeInfo } from './node-info.ts';
import type { CycleState } from './prefilter.ts';
import type { PluginStatus, StatusCode } from './types.ts';
import { reasonsFor, type ReasonKey } from './wording.ts';

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const FIRST_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

type Filter = (state: CycleState, info: MutableNodeInfo) => PluginStatus | undefined;

const status = (plugin: string, code: StatusCode, reasons: string[]): PluginStatus => ({ plugin, code, reasons });

/** Evaluates a rule whose value is a list of reason keys; undefined when the list is empty. */
function keys(ruleId: string, view: unknown): string[] | undefined {
  const out = getRule(ruleId).evaluate(view) as string[];
  return out.length === 0 ? undefined : out;
}

const nodeUnschedulable: Filter = (s, info) => {
  if (info.node.spec?.unschedulable !== true) return undefined;
  const out = keys('scheduler/node-unschedulable', {
    unschedulable: true,
    tolerations: s.pod.spec.tolerations ?? [],
    unschedulableTaint: UNSCHEDULABLE_TAINT,
  });
  return out && status('NodeUnschedulable', 'UnschedulableAndUnresolvable', reasonsFor(s.minor, 'unschedulable'));
};

const nodeName: Filter = (s, info) => {
  if (!s.pod.spec.nodeName) return undefined;
  const out = keys('scheduler/node-name', { podNodeName: s.pod.spec.nodeName, nodeName: info.name });
  return out && status('NodeName', 'UnschedulableAndUnresolvable', reasonsFor(s.minor, 'nodeName'));
};

const taintToleration: Filter = (s, info) => {
  const taints = info.node.spec?.taints;
  if (!taints || taints.length === 0) return undefined;
  const untolerated = getRule('scheduler/taint-toleration').evaluate({ taints, tolerations: s.pod.spec.tolerations ?? [] }) as Taint[];
  const first = untolerated[0];
  if (!first) return undefined;
  return status('TaintToleration', 'UnschedulableAndUnresolvable', reasonsFor(s.minor, 'taint', { key: first.key, value: first.value ?? '' }));
};

const nodeAffinity: Filter = (s, info) => {
  if (s.nodeAffinitySkip) return undefined;
  const out = keys('scheduler/node-affinity', nodeAffinityView(s.pod, info.node));
  return out && status('NodeAffinity', 'UnschedulableAndUnresolvable', reasonsFor(s.minor, 'nodeAffinity'));
};

const nodePorts: Filter = (s, info) => {
  if (s.ports.length === 0) return undefined;
  const used = { keys: [...info.usedPortCounts.keys()], protoPorts: [...info.usedPortCounts.keys()].map(protoPort) };
  const wanted = s.ports.map((key) => {
    const [proto, ip, port] = key.split('/') as [string, string, string];
    return { key, wildcardKey: `${proto}/0.0.0.0/${port}`, protoPort: `${proto}/${port}`, anyIP: ip === '0.0.0.0', used };
  });
  const out = keys('scheduler/node-ports', { wanted });
  return out && status('NodePorts', 'Unschedulable', reasonsFor(s.minor, 'ports'));
};

function protoPort(key: string): string {
  const [proto, , port] = key.split('/');
  return `${proto}/${port}`;
}

/** The per-cycle NodeResourcesFit view: the Pod's requests in kube-scheduler's order, free amounts per node. */
export interface FitView {
  podCountFree: number;
  resources: { name: string; request: number; free: number }[];
}

export function fitView(requests: ReadonlyMap<string, bigint>): FitView {
  const names = [...FIRST_RESOURCES.filter((n) => requests.has(n)), ...[...requests.keys()].filter((n) => !FIRST_RESOURCES.includes(n))];
  return { podCountFree: 0, resources: names.map((name) => ({ name, request: Number(requests.get(name) ?? 0n), free: 0 })) };
}

const nodeResourcesFit: Filter = (s, info) => {
  const view = s.fit;
  view.podCountFree = info.free('pods');
  for (const r of view.resources) r.free = info.free(r.name);
  const out = keys('scheduler/node-resources-fit', view);
  if (!out) return undefined;
  const reasons = out.flatMap((r) => (r === 'pods' ? reasonsFor(s.minor, 'tooManyPods') : reasonsFor(s.minor, 'insufficient', { resource: r })));
  return status('NodeResourcesFit', 'Unschedulable', reasons);
};

const volumeBinding: Filter = (s, info) => (s.volumes ? volumeBindingFilter(s.volumes, info.node, s.minor) : undefined);

const podTopologySpread: Filter = (s, info) => {
  if (!s.spread) return undefined;
  const out = keys('scheduler/pod-topology-spread', spreadView(s.spread, info));
  if (!out) return undefined;
  const missing = out[0] === 'spreadMissingLabel';
  return status('PodTopologySpread', missing ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasonsFor(s.minor, out[0] as ReasonKey));
};

const interPodAffinity: Filter = (s, info) => {
  if (!s.interPod) return undefined;
  const out = keys('scheduler/inter-pod-affinity', interPodAffinityView(s.interPod, info));
  if (!out) return undefined;
  const key = out[0] as ReasonKey;
  return status('InterPodAffinity', key === 'affinityRules' ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasonsFor(s.minor, key));
};

export const FILTERS: readonly (readonly [name: string, filter: Filter])[] = [
  ['NodeUnschedulable', nodeUnschedulable],
  ['NodeName', nodeName],
  ['TaintToleration', taintToleration],
  ['NodeAffinity', nodeAffinity],
  ['NodePorts', nodePorts],
  ['NodeResourcesFit', nodeResourcesFit],
  ['VolumeBinding', volumeBinding],
  ['PodTopologySpread', podTopologySpread],
  ['InterPodAffinity', interPodAffinity],
];

/** The statuses of the plugins rejecting the node: the first only, unless runAll; [] = the node fits. */
export function runFilters(state: CycleState, info: MutableNodeInfo, runAll = false): PluginStatus[] {
  const failed: PluginStatus[] = [];
  for (const [, filter] of FILTERS) {
    const s = filter(state, info);
    if (s) {
      failed.push(s);
      if (!runAll) break;
    }
  }
  return failed;
}
