// Nodes in the transition system: one node-machine instance per Node object. What the node controller
// writes onto the Node (the Ready condition, its taints) is derived here from the instance's state, so the
// scheduler, the taint-eviction controller and kubectl all read one source of truth.
import type { Node, NodeCondition, Pod, Taint } from '../k8s/types.ts';
import type { CompiledStatechart, MState } from './statechart.ts';
import type { Instance } from './types.ts';
import { objectKey } from './store.ts';
import { pressureOf } from './pressure.ts';

export interface NodeFacts {
  name: string;
  /** kubelet runs and reaches the API server (heartbeats arrive). */
  kubeletUp: boolean;
  /** The Ready condition the node controller keeps: "True", or "Unknown" after the grace period. */
  ready: 'True' | 'Unknown';
  cordoned: boolean;
}

export function nodeInstance(node: Node, machine: CompiledStatechart): Instance {
  return { id: `node/${node.metadata.name}`, machine: 'node', object: objectKey('Node', node.metadata.name), state: machine.initial({ name: node.metadata.name }) };
}

export function nodeFacts(machine: CompiledStatechart, name: string, state: MState): NodeFacts {
  return {
    name,
    kubeletUp: machine.matches(state, 'kubelet.Heartbeating'),
    ready: machine.matches(state, 'ready.Unknown') ? 'Unknown' : 'True',
    cordoned: machine.matches(state, 'scheduling.Unschedulable'),
  };
}

/**
 * The taints the node controller keeps on a node (pkg/controller/nodelifecycle): Ready=Unknown gives
 * node.kubernetes.io/unreachable with NoSchedule (TaintNodesByCondition) and NoExecute (taint-based
 * eviction); spec.unschedulable gives node.kubernetes.io/unschedulable:NoSchedule. The user's own spec.taints
 * come first.
 */
export function derivedTaints(node: Node, facts: NodeFacts): Taint[] {
  const taints = [...(node.spec?.taints ?? [])];
  if (facts.ready === 'Unknown') {
    taints.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' });
  }
  if (facts.cordoned) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  // Pressure conditions become NoSchedule taints (TaintNodesByCondition), e.g. node.kubernetes.io/memory-pressure.
  taints.push(...(pressureOf(node)?.taints ?? []));
  return taints;
}

/** The Node object as the API server holds it in this state: spec.unschedulable, taints, Ready condition. */
export function currentNode(node: Node, facts: NodeFacts): Node {
  const ready: NodeCondition =
    facts.ready === 'True'
      ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' };
  const pressure = pressureOf(node)?.conditions ?? [];
  const others = (node.status?.conditions ?? []).filter((c) => c.type !== 'Ready' && !pressure.some((p) => p.type === c.type));
  others.push(...pressure);
  return {
    ...node,
    spec: { ...node.spec, ...(facts.cordoned ? { unschedulable: true } : {}), taints: derivedTaints(node, facts) },
    status: { ...node.status, conditions: [...others, ready] },
  };
}

/**
 * A Node for a nodeName that Pods mention but the model was not given (pod-only models): a reachable node
 * with room for anything, so only the Pod lifecycle is under study.
 */
export function implicitNode(name: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name }, annotations: { 'kubemodel.io/implicit': 'true' } },
    status: { allocatable: { cpu: '1000', memory: '1Ti', pods: '1000', 'ephemeral-storage': '1Ti' } },
  };
}

/** Nodes named by Pods but not given, as implicit nodes, after the given ones. */
export function withImplicitNodes(nodes: readonly Node[], pods: readonly Pod[]): Node[] {
  const names = new Set(nodes.map((n) => n.metadata.name));
  const extra: Node[] = [];
  for (const p of pods) {
    const name = p.spec.nodeName;
    if (name && !names.has(name)) {
      names.add(name);
      extra.push(implicitNode(name));
    }
  }
  return [...nodes, ...extra];
}
