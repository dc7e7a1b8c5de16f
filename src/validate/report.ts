// What a validation run produces, whatever the output format: text, JSON, SARIF and JUnit are all views of
// this one report, and the exit code is decided from it alone (so it is the same for every format).
import type { Finding, Severity } from '../policy/types.ts';

/** A policy or built-in check as the formats describe it (SARIF rules, the README table). */
export interface PolicyInfo {
  id: string;
  title: string;
  severity: Severity;
  category: string;
  description?: string;
  remediation: string;
  behaviours: string[];
  /** rules/policies/<id>.json, a user's file, or `built-in` for the schema and input checks. */
  source: string;
}

export interface ValidatedResource {
  file: string;
  line: number;
  column: number;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface ValidationReport {
  /** Every finding, suppressed ones included (they carry `suppressed` and never fail a run). */
  findings: Finding[];
  /** The policies and built-in checks that ran, by id. */
  policies: PolicyInfo[];
  resources: ValidatedResource[];
  /** Every file read (in the order given), including files that produced no resources. */
  files: string[];
  /** The cluster description simulation-backed policies used. */
  cluster: { file: string; bundled: boolean };
  kubernetesVersion: string;
}
