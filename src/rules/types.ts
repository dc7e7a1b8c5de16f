// A rule is data: one JSON file under rules/, evaluated with json-logic semantics (json-logic-js defines them).

/** One example row: `[name, data, expected]`. The name states the verdict and the reason. */
export type RuleExample = [name: string, data: unknown, expected: unknown];

export interface RuleFile {
  /** Equals the file's path below rules/ without `.json`, e.g. `kubelet/pod-phase`. */
  id: string;
  description: string;
  /** BEHAVIOURS.md IDs this rule encodes. */
  behaviours: string[];
  /** Name of the input shape (src/rules/shapes.ts) that `var` paths are checked against. */
  input: string;
  /** A json-logic expression. */
  logic: unknown;
  examples: RuleExample[];
  /** Kubernetes releases this rule's behaviour or wording holds for, e.g. {"since": "1.24", "until": "1.34"}. */
  kubernetes?: { since?: string; until?: string };
}

/** A rule after loading: checked, compiled once, ready for the hot path. */
export interface CompiledRule {
  readonly id: string;
  readonly file: RuleFile;
  readonly evaluate: (data: unknown) => unknown;
}
