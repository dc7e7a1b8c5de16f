// NodeAffinity's view (SCHED-07, SCHED-15): nodeSelector pairs and required nodeSelectorTerms, each
// requirement with the node's label already looked up (k8s.io/component-helpers/scheduling/corev1/nodeaffinity).
// Validation follows labels.NewRequirement: a term with an invalid requirement matches nothing.
// PreFilter (1.24+): terms whose matchFields name nodes narrow the search to those nodes, or, when every term
// names nodes and no name is common to all of a term's requirements, reject the Pod ("pod affinity terms conflict").
import { labelKeyErrors, labelValueErrors, parseInt64 } from '../../k8s/selector.ts';
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../k8s/types.ts';

export interface RequirementView {
  operator: string;
  values: string[];
  has: boolean;
  value: string | null;
  intCmp: number | null;
  invalid: boolean;
}

export interface NodeAffinityView {
  nodeSelector: RequirementView[];
  hasAffinity: boolean;
  terms: { requirements: RequirementView[] }[];
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);

function requirementInvalid(r: NodeSelectorRequirement): boolean {
  const values = r.values ?? [];
  if (!OPERATORS.has(r.operator) || labelKeyErrors(r.key).length > 0) return true;
  if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) return true;
  if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) return true;
  if (r.operator === 'Gt' || r.operator === 'Lt') return values.length !== 1 || parseInt64(values[0] as string) === undefined;
  return values.some((v) => labelValueErrors(v).length > 0);
}

function cmp(a: bigint | undefined, b: bigint | undefined): number | null {
  if (a === undefined || b === undefined) return null;
  return a === b ? 0 : a > b ? 1 : -1;
}

export function labelRequirement(r: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): RequirementView {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? (labels[r.key] as string) : null;
  const values = r.values ?? [];
  const intCmp = r.operator === 'Gt' || r.operator === 'Lt' ? cmp(value === null ? undefined : parseInt64(value), parseInt64(values[0] ?? '')) : null;
  return { operator: r.operator, values, has, value, intCmp, invalid: requirementInvalid(r) };
}

/** matchFields: only metadata.name with In or NotIn is valid (nodeaffinity.go nodeSelectorRequirementsAsFieldSelector). */
function fieldRequirement(r: NodeSelectorRequirement, nodeName: string): RequirementView {
  const ok = r.key === 'metadata.name' && (r.operator === 'In' || r.operator === 'NotIn') && (r.values ?? []).length === 1;
  return { operator: r.operator, values: r.values ?? [], has: true, value: nodeName, intCmp: null, invalid: !ok };
}

function termView(t: NodeSelectorTerm, node: Node): { requirements: RequirementView[] } {
  const labels = node.metadata.labels ?? {};
  return {
    requirements: [
      ...(t.matchExpressions ?? []).map((r) => labelRequirement(r, labels)),
      ...(t.matchFields ?? []).map((r) => fieldRequirement(r, node.metadata.name)),
    ],
  };
}

/** True when NodeAffinity has nothing to check for this Pod (its PreFilter returns Skip). */
export function nodeAffinitySkips(pod: Pod): boolean {
  return !pod.spec.nodeSelector && !pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
}

export function nodeAffinityView(pod: Pod, node: Node): NodeAffinityView {
  const labels = node.metadata.labels ?? {};
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    nodeSelector: Object.entries(pod.spec.nodeSelector ?? {}).map(([key, v]) => ({ ...labelRequirement({ key, operator: 'In', values: [v] }, labels), invalid: false })),
    hasAffinity: required !== undefined,
    terms: (required?.nodeSelectorTerms ?? []).map((t) => termView(t, node)),
  };
}

export type NodeNameNarrowing = { kind: 'all' } | { kind: 'names'; names: Set<string> } | { kind: 'conflict' };

/** NodeAffinity PreFilter: the node names metadata.name In terms allow, when every term has one. */
export function nodeAffinityNarrowing(pod: Pod): NodeNameNarrowing {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return { kind: 'all' };
  const union = new Set<string>();
  for (const t of terms) {
    let names: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key === 'metadata.name' && r.operator === 'In') {
        const s = new Set(r.values ?? []);
        names = names === undefined ? s : new Set([...names].filter((n) => s.has(n)));
      }
    }
    if (names === undefined) return { kind: 'all' };
    for (const n of names) union.add(n);
  }
  return union.size === 0 ? { kind: 'conflict' } : { kind: 'names', names: union };
}
