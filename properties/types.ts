// An invariant is a named, standalone predicate. Where json-logic can say it, `logic` holds the predicate
// as data (evaluated over the model's view, see src/checker/pod-model.ts); otherwise `holds` is TypeScript.

export interface StateProperty<V> {
  id: string;
  description: string;
  behaviours: string[];
  logic?: unknown;
  holds?: (view: V) => boolean;
}

export interface StepProperty<V> {
  id: string;
  description: string;
  behaviours: string[];
  holds: (before: V, after: V) => boolean;
}
