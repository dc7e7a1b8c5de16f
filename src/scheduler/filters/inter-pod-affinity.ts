// InterPodAffinity's PreFilter state and per-node view (SCHED-16, SCHED-17), following
// plugins/interpodaffinity/filtering.go: three maps from topology pair (key=value) to counts, built once per
// cycle from every Pod on every node, then looked up for each node. The verdict is
// rules/scheduler/inter-pod-affinity.json.
import type { Namespace, Pod } from '../../k8s/types.ts';
import type { MutableNodeInfo } from '../node-info.ts';
import {
  affinityTerm,
  namespaceLabelsOf,
  requiredAffinityTerms,
  requiredAntiAffinityTerms,
  termMatches,
  type AffinityTerm,
} from './pod-terms.ts';

export interface InterPodAffinityState {
  affinity: AffinityTerm[];
  antiAffinity: AffinityTerm[];
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiAffinityCounts: Map<string, number>;
  selfMatch: boolean;
}

export interface InterPodAffinityView {
  affinity: { hasKey: boolean; count: number }[];
  affinityMatchesAnywhere: boolean;
  selfMatch: boolean;
  antiAffinity: { hasKey: boolean; count: number }[];
  existingAntiAffinity: number;
}

const pair = (key: string, value: string): string => `${key}\u0000${value}`;

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

/** PreFilter; undefined = Skip (the Pod has no required terms and no existing Pod has required anti-affinity). */
export function interPodAffinityState(pod: Pod, nodes: readonly MutableNodeInfo[], namespaces: readonly Namespace[] | undefined): InterPodAffinityState | undefined {
  const nsLabels = namespaceLabelsOf(namespaces);
  const affinity = requiredAffinityTerms(pod).map((t) => affinityTerm(pod, t));
  const antiAffinity = requiredAntiAffinityTerms(pod).map((t) => affinityTerm(pod, t));
  const existingAntiAffinityCounts = new Map<string, number>();
  let anyExistingAnti = false;
  for (const info of nodes) {
    const labels = info.node.metadata.labels ?? {};
    for (const existing of info.podsWithAffinity) {
      for (const t of requiredAntiAffinityTerms(existing)) {
        anyExistingAnti = true;
        const term = affinityTerm(existing, t);
        const value = labels[term.topologyKey];
        if (value !== undefined && termMatches(term, pod, nsLabels)) bump(existingAntiAffinityCounts, pair(term.topologyKey, value));
      }
    }
  }
  if (affinity.length === 0 && antiAffinity.length === 0 && !anyExistingAnti) return undefined;

  const affinityCounts = new Map<string, number>();
  const antiAffinityCounts = new Map<string, number>();
  if (affinity.length > 0 || antiAffinity.length > 0) {
    for (const info of nodes) {
      const labels = info.node.metadata.labels ?? {};
      for (const existing of info.pods) {
        if (affinity.length > 0 && affinity.every((t) => termMatches(t, existing, nsLabels))) {
          for (const t of affinity) {
            const value = labels[t.topologyKey];
            if (value !== undefined) bump(affinityCounts, pair(t.topologyKey, value));
          }
        }
        for (const t of antiAffinity) {
          const value = labels[t.topologyKey];
          if (value !== undefined && termMatches(t, existing, nsLabels)) bump(antiAffinityCounts, pair(t.topologyKey, value));
        }
      }
    }
  }
  const selfMatch = affinity.length > 0 && affinity.every((t) => termMatches(t, pod, nsLabels));
  return { affinity, antiAffinity, affinityCounts, antiAffinityCounts, existingAntiAffinityCounts, selfMatch };
}

export function interPodAffinityView(state: InterPodAffinityState, info: MutableNodeInfo): InterPodAffinityView {
  const labels = info.node.metadata.labels ?? {};
  const lookup = (m: Map<string, number>, t: AffinityTerm): { hasKey: boolean; count: number } => {
    const value = labels[t.topologyKey];
    return { hasKey: value !== undefined, count: value === undefined ? 0 : (m.get(pair(t.topologyKey, value)) ?? 0) };
  };
  let existing = 0;
  if (state.existingAntiAffinityCounts.size > 0) {
    for (const [k, v] of Object.entries(labels)) existing += state.existingAntiAffinityCounts.get(pair(k, v)) ?? 0;
  }
  return {
    affinity: state.affinity.map((t) => lookup(state.affinityCounts, t)),
    affinityMatchesAnywhere: state.affinityCounts.size > 0,
    selfMatch: state.selfMatch,
    antiAffinity: state.antiAffinity.map((t) => lookup(state.antiAffinityCounts, t)),
    existingAntiAffinity: existing,
  };
}
