// Node selector terms as component-helpers/scheduling/corev1/nodeaffinity matches them (SCHED-07, SCHED-15):
// matchExpressions are label requirements (In, NotIn, Exists, DoesNotExist, Gt, Lt — Gt/Lt compare the label
// as an int64), matchFields only know metadata.name with In/NotIn, and all requirements of a term must hold.
// A term with neither list matches no node; a term that does not parse (In without values, Gt with "x")
// matches nothing either, as the scheduler ignores parse errors there.
import { parseInt64, requirementMatches, type Requirement, type SelectorOperator } from '../../k8s/selector.ts';
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../k8s/types.ts';

const OPERATORS: Record<NodeSelectorRequirement['operator'], SelectorOperator> = {
  In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt',
};

function requirement(r: NodeSelectorRequirement): Requirement | undefined {
  const values = r.values ?? [];
  const operator = OPERATORS[r.operator];
  if (operator === undefined) return undefined;
  if ((operator === 'in' || operator === 'notin') && values.length === 0) return undefined;
  if ((operator === 'exists' || operator === '!') && values.length > 0) return undefined;
  if ((operator === 'gt' || operator === 'lt') && (values.length !== 1 || parseInt64(values[0] as string) === undefined)) return undefined;
  return { key: r.key, operator, values };
}

function fieldMatches(r: NodeSelectorRequirement, node: Node): boolean {
  if (r.key !== 'metadata.name' || (r.operator !== 'In' && r.operator !== 'NotIn') || (r.values ?? []).length !== 1) return false;
  const hit = (r.values ?? []).includes(node.metadata.name);
  return r.operator === 'In' ? hit : !hit;
}

export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const e of exprs) {
    const req = requirement(e);
    if (req === undefined || !requirementMatches(req, labels)) return false;
  }
  return fields.every((f) => fieldMatches(f, node));
}

/** GetRequiredNodeAffinity(pod).Match: nodeSelector pairs and, if set, one of the required terms. */
export function requiredNodeAffinityMatches(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return required === undefined || required.nodeSelectorTerms.some((t) => nodeSelectorTermMatches(t, node));
}
