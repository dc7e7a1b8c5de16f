// framework.AffinityTerm for pod (anti-)affinity: which Pods a term selects (SCHED-16, SCHED-18).
// - namespaces: the listed ones; none listed and no namespaceSelector → the term owner's own namespace;
// - namespaceSelector: {} selects every namespace, a nil one none; others match the namespace's labels;
// - labelSelector: nil selects nothing; matchLabelKeys / mismatchLabelKeys (beta and on since 1.31) add
//   "key in (owner's value)" / "key notin (owner's value)" for each key the owner Pod carries.
import { matchesSelector, selectorFromLabelSelector, type Selector } from '../../k8s/selector.ts';
import type { LabelSelector, LabelSelectorRequirement, Namespace, Pod, PodAffinityTerm } from '../../k8s/types.ts';
import { namespaceOf } from './plugin.ts';

export interface AffinityTerm {
  readonly topologyKey: string;
  readonly weight: number;
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: LabelSelector | undefined;
  readonly selector: Selector;
}

function withLabelKeys(owner: Pod, term: PodAffinityTerm, minor: number): LabelSelector | undefined {
  const ls = term.labelSelector;
  if (ls === undefined || minor < 31) return ls;
  const labels = owner.metadata.labels ?? {};
  const extra: LabelSelectorRequirement[] = [];
  for (const key of term.matchLabelKeys ?? []) {
    const value = labels[key];
    if (value !== undefined) extra.push({ key, operator: 'In', values: [value] });
  }
  for (const key of term.mismatchLabelKeys ?? []) {
    const value = labels[key];
    if (value !== undefined) extra.push({ key, operator: 'NotIn', values: [value] });
  }
  return extra.length === 0 ? ls : { ...ls, matchExpressions: [...(ls.matchExpressions ?? []), ...extra] };
}

export function affinityTerm(owner: Pod, term: PodAffinityTerm, weight: number, minor: number): AffinityTerm {
  const listed = term.namespaces ?? [];
  const namespaces = new Set(listed.length === 0 && term.namespaceSelector === undefined ? [namespaceOf(owner)] : listed);
  return {
    topologyKey: term.topologyKey,
    weight,
    namespaces,
    namespaceSelector: term.namespaceSelector,
    selector: selectorFromLabelSelector(withLabelKeys(owner, term, minor)),
  };
}

const isEmptySelector = (ls: LabelSelector): boolean =>
  Object.keys(ls.matchLabels ?? {}).length === 0 && (ls.matchExpressions ?? []).length === 0;

/**
 * AffinityTerm.Matches. `knownNamespaces` holds the snapshot's Namespace objects; a namespace absent from it
 * has no labels (GetNamespaceLabelsSnapshot) and, for the incoming Pod's own terms, is never merged in.
 */
export function termMatches(t: AffinityTerm, pod: Pod, knownNamespaces: readonly Namespace[], ownedByIncoming: boolean): boolean {
  const ns = namespaceOf(pod);
  let inNamespace = t.namespaces.has(ns);
  if (!inNamespace && t.namespaceSelector !== undefined) {
    const known = knownNamespaces.find((n) => n.metadata.name === ns);
    inNamespace = isEmptySelector(t.namespaceSelector) || ((known !== undefined || !ownedByIncoming) && matchesSelector(t.namespaceSelector, known?.metadata.labels ?? {}));
  }
  return inNamespace && matchesSelector(t.selector, pod.metadata.labels ?? {});
}
