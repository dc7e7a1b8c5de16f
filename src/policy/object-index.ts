// What multi-object policies see of the other objects: every loaded object (and the cluster's) by kind,
// and the json-logic operations that look them up. An operation gets the index as its first argument
// (`{"var": "cluster"}`), since json-logic's `some`/`filter` cannot reach the outer data by themselves.
import { matchesSelector, selectorFromLabelSelector, type Selector } from '../k8s/selector.ts';
import type { LabelSelector } from '../k8s/types.ts';
import type { CustomOperation } from '../rules/ops/index.ts';
import { isRecord, podView } from './pod-template.ts';

export interface IndexedObject {
  kind: string;
  apiVersion: string;
  name: string;
  /** 'default' when the manifest names none (what kubectl would use); '' for cluster-scoped kinds. */
  namespace: string;
  object: Record<string, unknown>;
}

export interface PodTemplateEntry {
  kind: string;
  name: string;
  /** The Pod or workload itself. */
  object: Record<string, unknown>;
  labels: Record<string, string>;
  spec: Record<string, unknown>;
}

/** Objects by kind and by kind+namespace, and Pod templates by namespace: every lookup is a map read. */
export class ObjectIndex {
  private readonly byKind = new Map<string, IndexedObject[]>();
  private readonly byKindNamespace = new Map<string, IndexedObject[]>();
  private templates: Map<string, PodTemplateEntry[]> | undefined;

  constructor(private readonly objects: Iterable<IndexedObject>) {
    for (const o of objects) {
      push(this.byKind, o.kind, o);
      push(this.byKindNamespace, `${o.kind}/${o.namespace}`, o);
    }
  }

  ofKind(kind: string, namespace?: string | null): IndexedObject[] {
    if (namespace === undefined || namespace === null) return this.byKind.get(kind) ?? [];
    return this.byKindNamespace.get(`${kind}/${namespace}`) ?? [];
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  /** Every Pod and Pod template in the namespace, with its labels. */
  podTemplates(namespace: string | null): PodTemplateEntry[] {
    if (!this.templates) {
      this.templates = new Map();
      for (const o of this.objects) {
        const pod = podView(o.kind, o.object);
        if (pod) push(this.templates, o.namespace, { kind: o.kind, name: o.name, object: o.object, labels: labelsOf(pod.metadata['labels']), spec: pod.spec });
      }
    }
    if (namespace !== null) return this.templates.get(namespace) ?? [];
    return [...this.templates.values()].flat();
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function index(op: string, value: unknown): ObjectIndex {
  if (value instanceof ObjectIndex) return value;
  throw new Error(`${op}: the first argument must be {"var": "cluster"}`);
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A Service's map selector and a LabelSelector object both work; a missing selector selects nothing. */
function asSelector(selector: unknown): LabelSelector | null {
  if (!isRecord(selector)) return null;
  if ('matchLabels' in selector || 'matchExpressions' in selector) return selector as LabelSelector;
  return { matchLabels: selector as Record<string, string> };
}

/** An invalid selector (a bad operator, say) matches nothing here; the schema check reports it. */
function safeMatch(selector: LabelSelector | Selector, labels: Record<string, string>): boolean {
  try {
    return matchesSelector(selector, labels);
  } catch {
    return false;
  }
}

/** Parsed once per lookup, not once per Pod template it is matched against; undefined when invalid. */
function parsed(selector: LabelSelector): Selector | undefined {
  try {
    return selectorFromLabelSelector(selector);
  } catch {
    return undefined;
  }
}

function labelsOf(value: unknown): Record<string, string> {
  return isRecord(value) ? (value as Record<string, string>) : {};
}

function at(object: unknown, path: string): unknown {
  let v = object;
  for (const key of path.split('.')) v = isRecord(v) ? v[key] : undefined;
  return v;
}

export const objectIndexOperations: Readonly<Record<string, CustomOperation>> = {
  /** {"objects_of_kind": [cluster, kind, namespace?]}: the objects themselves, in load order. */
  objects_of_kind: (cluster, kind, namespace) => index('objects_of_kind', cluster).ofKind(String(kind), text(namespace)).map((o) => o.object),
  /** {"find_object": [cluster, kind, namespace, name]}: the object or null. */
  find_object: (cluster, kind, namespace, name) =>
    index('find_object', cluster)
      .ofKind(String(kind))
      .find((o) => o.name === name && (namespace === null || namespace === undefined || o.namespace === namespace))?.object ?? null,
  /**
   * {"pod_templates_matching": [cluster, namespace, selector]}: each Pod and Pod template in the namespace
   * whose labels the selector matches, as {kind, name, labels}. An empty or missing selector matches none.
   */
  pod_templates_matching: (cluster, namespace, selector) => {
    const s = asSelector(selector);
    if (!s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0)) return [];
    const compiled = parsed(s);
    if (!compiled) return [];
    return index('pod_templates_matching', cluster)
      .podTemplates(text(namespace))
      .filter((t) => safeMatch(compiled, t.labels))
      .map((t) => ({ kind: t.kind, name: t.name, labels: t.labels, spec: t.spec }));
  },
  /**
   * {"selecting": [cluster, kind, namespace, labels, selectorField]}: objects of `kind` in the namespace whose
   * LabelSelector at `selectorField` (e.g. "spec.selector", "spec.podSelector") matches the labels.
   */
  selecting: (cluster, kind, namespace, labels, field) =>
    index('selecting', cluster)
      .ofKind(String(kind), text(namespace))
      .filter((o) => {
        const selector = at(o.object, String(field));
        return isRecord(selector) && safeMatch(selector as LabelSelector, labelsOf(labels));
      })
      .map((o) => o.object),
};
