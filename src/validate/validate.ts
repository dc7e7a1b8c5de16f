// One validation run: manifests in, a ValidationReport out. Every object of every file is checked against
// its kind's OpenAPI schema and every policy that targets it; multi-object and simulation-backed policies
// see all loaded objects plus the cluster description. Pure apart from loading schema validators.
import type { InputError } from '../errors.ts';
import type { ManifestSource } from '../k8s/parse-manifests.ts';
import { evaluatePolicies, type EvaluationContext, type Target } from '../policy/evaluate.ts';
import { CLUSTER_SCOPED } from '../policy/examples.ts';
import type { CompiledPolicy } from '../policy/load.ts';
import { ObjectIndex, type IndexedObject } from '../policy/object-index.ts';
import { isRecord } from '../policy/pod-template.ts';
import { SEVERITY_RANK, type Finding, type Severity } from '../policy/types.ts';
import { modelContext, type ClusterDescription } from './cluster.ts';
import { applyExceptions, EXPIRED_RULE, type Exceptions } from './exceptions.ts';
import type { PolicyInfo, ValidationReport } from './report.ts';
import { INPUT_RULE, inputProblem, loadResources, positionOf, type Resource } from './resources.ts';
import { prepareSchemas, SCHEMA_RULE, schemaFindingsSync, UNKNOWN_FIELD_RULE, UNKNOWN_KIND_RULE } from './schema.ts';

export interface ValidateOptions {
  sources: readonly ManifestSource[];
  /** Paths that could not be read: each becomes an invalid-input finding. */
  readErrors?: readonly InputError[];
  policies: readonly CompiledPolicy[];
  cluster: ClusterDescription;
  exceptions?: Exceptions;
  kubernetesVersion: string;
  /** Decides which exceptions have expired. */
  today: Date;
  /** Check objects against the OpenAPI schemas (default true). */
  schema?: boolean;
  /** Built-in checks to leave out (--disable), e.g. unknown-field for fields newer than the bundled schemas. */
  disabledChecks?: readonly string[];
}

/** The checks that are code, not policy files; they appear in SARIF's rule list like policies. */
export const BUILTIN_CHECKS: readonly PolicyInfo[] = [
  {
    id: INPUT_RULE,
    title: 'Input is readable YAML or JSON Kubernetes objects',
    severity: 'error',
    category: 'Input',
    remediation: 'Fix the syntax at the reported line, or give every document an apiVersion and a kind.',
    behaviours: ['API-04'],
    source: 'built-in',
  },
  {
    id: SCHEMA_RULE,
    title: "Fields have the types and values the kind's OpenAPI schema allows",
    severity: 'error',
    category: 'Schema',
    remediation: "Correct the field's type or value; the API server would reject the object.",
    behaviours: ['API-04'],
    source: 'built-in',
  },
  {
    id: UNKNOWN_FIELD_RULE,
    title: "Every field is known to the kind's OpenAPI schema",
    severity: 'error',
    category: 'Schema',
    remediation: 'Remove or correct the field: the API server drops it (or rejects the object with --validate=strict), so the setting never takes effect.',
    behaviours: ['API-04'],
    source: 'built-in',
  },
  {
    id: UNKNOWN_KIND_RULE,
    title: 'The kind has a known schema',
    severity: 'warning',
    category: 'Schema',
    remediation: 'Check apiVersion and kind; for a custom resource, make sure its CustomResourceDefinition is installed.',
    behaviours: [],
    source: 'built-in',
  },
  {
    id: EXPIRED_RULE,
    title: 'Exceptions have not expired',
    severity: 'warning',
    category: 'Exceptions',
    remediation: 'Fix the findings the exception covered, or renew the exception with a new expiry date and reason.',
    behaviours: [],
    source: 'built-in',
  },
];

/** The built-in checks --disable may switch off; bad input is always reported. */
export const DISABLEABLE_CHECKS: readonly string[] = [SCHEMA_RULE, UNKNOWN_FIELD_RULE, UNKNOWN_KIND_RULE, EXPIRED_RULE];

export function policyInfo(policy: CompiledPolicy): PolicyInfo {
  const f = policy.file;
  return {
    id: f.id,
    title: f.title,
    severity: f.severity,
    category: f.category,
    ...(f.description !== undefined ? { description: f.description } : {}),
    remediation: f.remediation,
    behaviours: f.behaviours,
    source: policy.source,
  };
}

function indexed(resource: Resource): IndexedObject {
  return {
    kind: resource.kind,
    apiVersion: resource.apiVersion,
    name: resource.name,
    namespace: resource.namespace ?? (CLUSTER_SCOPED.has(resource.kind) ? '' : 'default'),
    object: resource.object,
  };
}

export async function validateManifests(options: ValidateOptions): Promise<ValidationReport> {
  const loaded = loadResources(options.sources);
  const schema = options.schema !== false;
  if (schema) await prepareSchemas(loaded.resources);
  const targets = loaded.resources.map((r) => ({ resource: r, target: { ...indexed(r), file: r.file, ...(r.namespace !== undefined ? { namespaceWritten: r.namespace } : {}), position: (p: Parameters<Target['position']>[0]) => positionOf(r, p) } }));
  const index = new ObjectIndex([...targets.map((t) => t.target), ...options.cluster.objects]);
  const ctx: EvaluationContext = { index, kubernetesVersion: options.kubernetesVersion, model: modelContext(index, options.cluster, options.kubernetesVersion) };
  const annotations = new Map<Finding, Record<string, unknown>>();
  const raw: Finding[] = [...(options.readErrors ?? []).map(inputProblem), ...loaded.problems];
  for (const { resource, target } of targets) {
    const found = [...(schema ? schemaFindingsSync(resource) : []), ...evaluatePolicies(options.policies, target, ctx)];
    const meta = resource.object['metadata'];
    const notes = isRecord(meta) && isRecord(meta['annotations']) ? meta['annotations'] : undefined;
    for (const f of found) {
      if (notes) annotations.set(f, notes);
      raw.push(f);
    }
  }
  const off = new Set((options.disabledChecks ?? []).filter((id) => DISABLEABLE_CHECKS.includes(id)));
  const findings = applyExceptions(raw, (f) => annotations.get(f), options.exceptions, options.today).filter((f) => !off.has(f.ruleId));
  const fileOrder = new Map<string, number>();
  for (const s of options.sources) fileOrder.set(s.file, fileOrder.size);
  for (const e of options.readErrors ?? []) if (e.file !== undefined && !fileOrder.has(e.file)) fileOrder.set(e.file, fileOrder.size);
  const order = (file: string) => fileOrder.get(file) ?? Number.MAX_SAFE_INTEGER;
  findings.sort((a, b) => order(a.file) - order(b.file) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const ran = new Set(findings.map((f) => f.ruleId));
  return {
    findings,
    policies: [...BUILTIN_CHECKS.filter((c) => !off.has(c.id) && (ran.has(c.id) || (schema && (c.id === SCHEMA_RULE || c.id === UNKNOWN_FIELD_RULE)))), ...options.policies.map(policyInfo)],
    resources: loaded.resources.map((r) => {
      const pos = positionOf(r, []);
      return { file: r.file, line: pos.line, column: pos.column, apiVersion: r.apiVersion, kind: r.kind, name: r.name, ...(r.namespace !== undefined ? { namespace: r.namespace } : {}) };
    }),
    files: [...fileOrder.keys()],
    cluster: options.cluster.source,
    kubernetesVersion: options.kubernetesVersion,
  };
}

export type FailOn = Severity | 'none';

/**
 * The exit code, the same whatever the output format: 2 when nothing could be validated because of bad
 * input, 1 when an unsuppressed finding is at or above `failOn`, else 0.
 */
export function exitCodeFor(report: ValidationReport, failOn: FailOn): 0 | 1 | 2 {
  if (report.resources.length === 0 && report.findings.some((f) => f.ruleId === INPUT_RULE)) return 2;
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn];
  return report.findings.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

export interface Summary {
  resources: number;
  files: number;
  error: number;
  warning: number;
  info: number;
  suppressed: number;
}

export function summarize(report: ValidationReport): Summary {
  const s: Summary = { resources: report.resources.length, files: report.files.length, error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const f of report.findings) {
    if (f.suppressed) s.suppressed++;
    else s[f.severity]++;
  }
  return s;
}
