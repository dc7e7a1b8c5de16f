// framework.AffinityTerm: a PodAffinityTerm resolved against its owner Pod (SCHED-16, SCHED-17): the namespaces
// it looks in (the owner's own when neither namespaces nor namespaceSelector is set), its label selector with
// matchLabelKeys/mismatchLabelKeys folded in from the owner's labels (KEP-3633), and its topology key.
// A nil labelSelector selects no Pod; {} selects every Pod.
import { parseSelector, requirementMatches, selectorFromLabelSelector, type Requirement, type Selector } from '../../k8s/selector.ts';
import type { Namespace, Pod, PodAffinityTerm } from '../../k8s/types.ts';

export interface AffinityTerm {
  readonly topologyKey: string;
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: Selector;
  readonly selector: Selector;
}

export const namespaceOf = (pod: Pod): string => pod.metadata.namespace ?? 'default';

function selectorMatches(sel: Selector, labels: Readonly<Record<string, string>>): boolean {
  return sel.kind === 'requirements' && sel.requirements.every((r) => requirementMatches(r, labels));
}

function safeSelector(build: () => Selector): Selector {
  try {
    return build();
  } catch {
    // An invalid selector (the API server normally rejects it) selects nothing, as the scheduler's parse error does.
    return { kind: 'nothing' };
  }
}

/** Adds "key in (v)" / "key notin (v)" for each listed key the owner carries; keys it lacks add nothing. */
export function withLabelKeys(sel: Selector, owner: Pod, matchKeys: readonly string[] = [], mismatchKeys: readonly string[] = []): Selector {
  if (sel.kind === 'nothing' || (matchKeys.length === 0 && mismatchKeys.length === 0)) return sel;
  const labels = owner.metadata.labels ?? {};
  const extra: Requirement[] = [];
  for (const [keys, op] of [[matchKeys, 'in'], [mismatchKeys, 'notin']] as const) {
    for (const k of keys) {
      const v = labels[k];
      const parsed = v === undefined ? undefined : parseSelector(`${k} ${op} (${v})`);
      if (parsed?.kind === 'requirements') extra.push(...parsed.requirements);
    }
  }
  return { kind: 'requirements', requirements: [...sel.requirements, ...extra] };
}

export function affinityTerm(owner: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces =
    (term.namespaces ?? []).length === 0 && term.namespaceSelector === undefined ? new Set([namespaceOf(owner)]) : new Set(term.namespaces ?? []);
  return {
    topologyKey: term.topologyKey,
    namespaces,
    namespaceSelector: safeSelector(() => selectorFromLabelSelector(term.namespaceSelector)),
    selector: safeSelector(() => withLabelKeys(selectorFromLabelSelector(term.labelSelector), owner, term.matchLabelKeys, term.mismatchLabelKeys)),
  };
}

/** AffinityTerm.Matches: the target is in one of the term's namespaces and carries matching labels. */
export function termMatches(term: AffinityTerm, target: Pod, namespaceLabels: (ns: string) => Readonly<Record<string, string>>): boolean {
  const ns = namespaceOf(target);
  const inNamespace = term.namespaces.has(ns) || selectorMatches(term.namespaceSelector, namespaceLabels(ns));
  return inNamespace && selectorMatches(term.selector, target.metadata.labels ?? {});
}

export function namespaceLabelsOf(namespaces: readonly Namespace[] | undefined): (ns: string) => Readonly<Record<string, string>> {
  const byName = new Map((namespaces ?? []).map((n) => [n.metadata.name, n.metadata.labels ?? {}]));
  return (ns) => byName.get(ns) ?? {};
}

export const requiredAffinityTerms = (pod: Pod): PodAffinityTerm[] => pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
export const requiredAntiAffinityTerms = (pod: Pod): PodAffinityTerm[] =>
  pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];

export { selectorMatches };
