// PodTopologySpread's PreFilter state and per-node view for whenUnsatisfiable: DoNotSchedule (SCHED-18,
// SCHED-02), following plugins/podtopologyspread/filtering.go: a node counts toward the domains only if it
// carries every constraint's topologyKey and passes the constraint's inclusion policies (nodeAffinityPolicy
// Honor by default: the Pod's nodeSelector/required affinity; nodeTaintsPolicy Ignore by default). Each domain
// counts the Pods in the Pod's namespace matching the selector, terminating Pods excluded. The verdict is
// rules/scheduler/pod-topology-spread.json.
import { getRule } from '../../rules/registry.ts';
import { selectorFromLabelSelector, type Selector } from '../../k8s/selector.ts';
import type { Pod, TopologySpreadConstraint } from '../../k8s/types.ts';
import type { MutableNodeInfo } from '../node-info.ts';
import { nodeAffinitySkips, nodeAffinityView } from './node-affinity.ts';
import { namespaceOf, selectorMatches, withLabelKeys } from './pod-terms.ts';

/** criticalPaths start at math.MaxInt32: with no eligible domain the minimum stays there and nothing is skewed. */
const MAX_INT32 = 2147483647;

interface Constraint {
  readonly source: TopologySpreadConstraint;
  readonly selector: Selector;
  /** Domain value → matching Pods, one entry per eligible domain (0 included). */
  readonly counts: Map<string, number>;
}

export interface SpreadState {
  constraints: Constraint[];
  podLabels: Readonly<Record<string, string>>;
}

export interface SpreadView {
  constraints: { hasKey: boolean; matchNum: number; selfMatch: number; minMatchNum: number; maxSkew: number }[];
}

function selectorOf(pod: Pod, c: TopologySpreadConstraint): Selector {
  try {
    return withLabelKeys(selectorFromLabelSelector(c.labelSelector), pod, c.matchLabelKeys);
  } catch {
    return { kind: 'nothing' };
  }
}

function included(pod: Pod, c: TopologySpreadConstraint, info: MutableNodeInfo): boolean {
  if ((c.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !nodeAffinitySkips(pod)) {
    const reasons = getRule('scheduler/node-affinity').evaluate(nodeAffinityView(pod, info.node)) as unknown[];
    if (reasons.length > 0) return false;
  }
  if ((c.nodeTaintsPolicy ?? 'Ignore') === 'Honor') {
    const untolerated = getRule('scheduler/taint-toleration').evaluate({ taints: info.node.spec?.taints ?? [], tolerations: pod.spec.tolerations ?? [] }) as unknown[];
    if (untolerated.length > 0) return false;
  }
  return true;
}

/** PreFilter; undefined = Skip (no DoNotSchedule constraint). */
export function spreadState(pod: Pod, nodes: readonly MutableNodeInfo[]): SpreadState | undefined {
  const hard = (pod.spec.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
  if (hard.length === 0) return undefined;
  const constraints: Constraint[] = hard.map((c) => ({ source: c, selector: selectorOf(pod, c), counts: new Map() }));
  const ns = namespaceOf(pod);
  for (const info of nodes) {
    const labels = info.node.metadata.labels ?? {};
    if (!constraints.every((c) => Object.hasOwn(labels, c.source.topologyKey))) continue;
    for (const c of constraints) {
      if (!included(pod, c.source, info)) continue;
      const value = labels[c.source.topologyKey] as string;
      let n = 0;
      for (const p of info.pods) {
        if (!p.metadata.deletionTimestamp && namespaceOf(p) === ns && selectorMatches(c.selector, p.metadata.labels ?? {})) n += 1;
      }
      c.counts.set(value, (c.counts.get(value) ?? 0) + n);
    }
  }
  return { constraints, podLabels: pod.metadata.labels ?? {} };
}

export function spreadView(state: SpreadState, info: MutableNodeInfo): SpreadView {
  const labels = info.node.metadata.labels ?? {};
  return {
    constraints: state.constraints.map((c) => {
      const value = labels[c.source.topologyKey];
      const min = c.counts.size === 0 ? MAX_INT32 : Math.min(...c.counts.values());
      const minMatchNum = c.source.minDomains !== undefined && c.counts.size < c.source.minDomains ? 0 : min;
      return {
        hasKey: value !== undefined,
        matchNum: value === undefined ? 0 : (c.counts.get(value) ?? 0),
        selfMatch: selectorMatches(c.selector, state.podLabels) ? 1 : 0,
        minMatchNum,
        maxSkew: c.source.maxSkew,
      };
    }),
  };
}
