// Where a volume can be used (PVC-11, PVC-12): a PV's spec.nodeAffinity against a node's labels
// (CheckNodeAffinity) and a StorageClass's allowedTopologies against a node (MatchTopologySelectorTerms).
// CheckNodeAffinity matches a Node built from the labels alone, so a matchFields term on metadata.name sees
// the name "" and never matches; the model keeps that.
import type { NodeSelectorRequirement, PersistentVolume, StorageClass } from '../../k8s/types.ts';
import { getRule } from '../../rules/registry.ts';
import { labelRequirement, type RequirementView } from '../../scheduler/filters/node-affinity.ts';

function fieldRequirement(r: NodeSelectorRequirement): RequirementView {
  const valid = r.key === 'metadata.name' && (r.operator === 'In' || r.operator === 'NotIn') && (r.values ?? []).length === 1;
  return { operator: r.operator, values: r.values ?? [], has: true, value: '', intCmp: null, invalid: !valid };
}

/** PVC-12: true when the PV has no required node affinity or one of its terms matches the labels. */
export function volumeNodeAffinityMatches(pv: PersistentVolume, labels: Readonly<Record<string, string>>): boolean {
  const required = pv.spec.nodeAffinity?.required;
  if (!required) return true;
  const terms = required.nodeSelectorTerms.map((t) => ({
    requirements: [...(t.matchExpressions ?? []).map((r) => labelRequirement(r, labels)), ...(t.matchFields ?? []).map(fieldRequirement)],
  }));
  const out = getRule('scheduler/node-affinity').evaluate({ nodeSelector: [], hasAffinity: true, terms }) as string[];
  return out.length === 0;
}

/** PVC-11: the class may provision a volume reachable from a node with these labels. */
export function allowedTopologiesMatch(sc: StorageClass, labels: Readonly<Record<string, string>>): boolean {
  const terms = (sc.allowedTopologies ?? []).map((t) => ({
    expressions: (t.matchLabelExpressions ?? []).map((e) => ({ has: Object.hasOwn(labels, e.key), value: labels[e.key] ?? '', values: e.values })),
  }));
  return getRule('storage/allowed-topologies').evaluate({ terms }) === true;
}
