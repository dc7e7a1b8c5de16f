// A policy is data: one JSON file under rules/policies/ (or a user's --policy file) that says which objects
// it looks at, what counts as a violation (json-logic over the object, and over the model's answers for
// the simulation-backed ones), where the finding points and how it reads.

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** Higher is worse; `--fail-on warning` fails on warnings and errors. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** A manifest a policy's example or test uses, as YAML would decode it. */
export type ExampleObject = Record<string, unknown>;

export interface PolicyExamples {
  /** Each entry is the list of objects loaded together (a Service with its Deployment, say). */
  pass: ExampleObject[][];
  fail: ExampleObject[][];
}

export interface PolicyFile {
  /** Lower-case words joined by `-`; the finding's rule id. Built-in ids equal the file name. */
  id: string;
  /** One line naming what a good manifest does: "Containers set a memory limit". */
  title: string;
  severity: Severity;
  /** Groups the table and SARIF tags: Resources, Probes, Images, Security, Host, Reliability, Networking, Storage, Scheduling, RBAC, API, Jobs, Config. */
  category: string;
  /** `Kind` or `apiVersion/Kind` the policy targets, or the group `workloads` (every kind carrying a Pod template, and Pod). */
  kinds: string[];
  /** Iterate over one of the object's parts (src/policy/iterators.ts); `item` and `itemPath` are then set. */
  each?: string;
  /** Names a question for the model (src/policy/models/); its answer is `model` in the data. */
  model?: string;
  /** json-logic: truthy means the object (or item) violates the policy. */
  fail: unknown;
  /**
   * Named json-logic values computed only for a violation, for the message and path to show
   * (`{{details.added}}`): e.g. just the dangerous capabilities, not every capability added.
   */
  details?: Record<string, unknown>;
  /**
   * Field path template (Kubernetes notation, `{{…}}` filled from the data) the finding points at; the
   * nearest existing ancestor is used when the field is absent. Defaults to the item, else `metadata.name`.
   */
  path?: string;
  /** Message template: `{{item.name}}`, `{{object.spec.replicas}}`, `{{model.message}}`. */
  message: string;
  /** What to change, in one or two sentences. */
  remediation: string;
  /** BEHAVIOURS.md IDs the policy rests on, if any. */
  behaviours: string[];
  /** Longer explanation: why this matters in a real cluster. */
  description?: string;
  examples: PolicyExamples;
}

/** One place that violates one policy. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  category: string;
  message: string;
  file: string;
  line: number;
  column: number;
  /** Field path the finding points at, e.g. `spec.template.spec.containers[0].resources.limits`. */
  path: string;
  /** The object, as `kind/name`; absent for findings about a file as a whole (a YAML syntax error). */
  resource?: { apiVersion?: string; kind: string; name: string; namespace?: string };
  /** Set when an exception (annotation or exceptions file) covers the finding; it then never fails a run. */
  suppressed?: { kind: 'annotation' | 'exceptions-file'; reason?: string; source?: string };
}

/** One expectation of a policy test suite (`kubemodel test-policies`), run. */
export interface PolicyTestResult {
  suite: string;
  policy: string;
  resource: string;
  expected: 'pass' | 'fail';
  actual: 'pass' | 'fail' | 'error';
  ok: boolean;
  /** Findings of the policy on the object, or why the test could not run. */
  detail: string[];
}
