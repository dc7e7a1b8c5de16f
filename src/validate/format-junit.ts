// The JUnit XML view of a validation report, for CI test-report pages (GitLab's unit test reports, Jenkins'
// junit step). One <testsuite> per check that ran; inside it, one <testcase> per object the check found
// something on, and one passing <testcase> for a check that found nothing.
//
// Why this shape: GitLab ignores <testsuite name> and shows each test case as Suite = `classname`, Name =
// `name`, Filename = `file`, with the <failure> element's text as the detail (the `message` attribute is
// not shown). So `classname` is the check's id, `name` the object (`Deployment/shop/web`), `file` the
// manifest, and the text carries every finding as `file:line:col Kind/ns/name message` plus the fix.
// GitLab keeps only the first of two test cases with the same classname and name, so names are made unique
// within a check. Test cases are keyed by object, not by line, so an edit elsewhere in the file leaves the
// MR widget's "existing failure" as it was. Suppressed findings become <skipped> with the reason, unless the
// object also has unsuppressed ones (then they are listed in the failure's text). With a --fail-on, findings
// below it pass their test case and are listed in its <system-out>, so the report agrees with the exit code.
//
// An object a check passed is not listed: the report does not say which objects each check applies to, and
// naming every object under every check would report Services as passing a memory-limit check.
import { SEVERITY_RANK, type Finding, type Severity } from '../policy/types.ts';
import { checksOf } from './format-sarif.ts';
import type { PolicyInfo, ValidationReport } from './report.ts';

// XML 1.0's Char production: anything else (C0 controls other than tab, LF and CR, lone surrogates,
// U+FFFE/U+FFFF) cannot appear in a document at all, not even as a character reference.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Makes text XML 1.0 can carry: a character it cannot becomes a visible `\uXXXX` instead. */
function xmlChars(s: string): string {
  return s.replace(NOT_XML_CHAR, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Element content. `>` is escaped too, which is what keeps a literal `]]>` legal. CR is kept as a reference
 * because a parser turns a raw CR into LF. */
export function escapeText(s: string): string {
  return xmlChars(s).replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Attribute values: tab, LF and CR as references, since attribute-value normalisation turns raw ones into spaces. */
export function escapeAttribute(s: string): string {
  const refs: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
  return xmlChars(s).replace(/[&<>"'\t\n\r]/g, (c) => refs[c] ?? c);
}

export const attributes = (attrs: Record<string, string | number>): string =>
  Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
    .join('');

const objectName = (r: NonNullable<Finding['resource']>) => `${r.kind}/${r.namespace !== undefined ? `${r.namespace}/` : ''}${r.name || '<unnamed>'}`;

interface Case {
  name: string;
  file?: string;
  findings: Finding[];
}

type Outcome = 'passed' | 'failed' | 'skipped' | 'noted';

/** Whether a finding fails its test case: unsuppressed and at or above --fail-on (every severity without one). */
type Fails = (f: Finding) => boolean;

function outcome(c: Case, fails: Fails): Outcome {
  if (c.findings.length === 0) return 'passed';
  if (c.findings.some(fails)) return 'failed';
  return c.findings.every((f) => f.suppressed) ? 'skipped' : 'noted';
}

function line(f: Finding): string {
  const where = `${f.file}:${f.line}:${f.column}`;
  const why = f.suppressed ? ` (suppressed: ${f.suppressed.reason ?? 'no reason given'}; ${f.suppressed.source ?? f.suppressed.kind})` : '';
  return `${where} ${f.resource ? objectName(f.resource) : '-'} ${f.message}${why}`;
}

function testcase(check: PolicyInfo, c: Case, fails: Fails): string {
  const head = `    <testcase${attributes({ classname: check.id, name: c.name, ...(c.file !== undefined ? { file: c.file } : {}), time: 0 })}`;
  const result = outcome(c, fails);
  if (result === 'passed') return `${head}/>`;
  // Below --fail-on: the case passes, as the run does, and the findings stay readable in its output.
  if (result === 'noted') return `${head}>\n      <system-out>${escapeText(c.findings.map(line).join('\n'))}</system-out>\n    </testcase>`;
  if (result === 'skipped') {
    const first = c.findings[0]?.suppressed;
    const message = `suppressed: ${first?.reason ?? 'no reason given'}`;
    return `${head}>\n      <skipped${attributes({ message })}>${escapeText(c.findings.map(line).join('\n'))}</skipped>\n    </testcase>`;
  }
  const open = c.findings.filter(fails);
  const worst = open.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
  const message = `${open[0]?.message ?? ''}${open.length > 1 ? ` (and ${open.length - 1} more)` : ''}`;
  const fix = check.remediation !== '' ? `\n\nFix: ${check.remediation}` : '';
  const body = `${[...open, ...c.findings.filter((f) => !fails(f))].map(line).join('\n')}${fix}`;
  return `${head}>\n      <failure${attributes({ message, type: worst.severity })}>${escapeText(body)}</failure>\n    </testcase>`;
}

/** One check's test cases: an object with findings each, or the check's title when it found nothing. */
function casesOf(check: PolicyInfo, findings: readonly Finding[], fails: Fails): Case[] {
  const groups = new Map<string, Case>();
  for (const f of findings) {
    // Without an object (unreadable YAML, an expired exception) the file is what failed.
    const name = f.resource ? objectName(f.resource) : f.file;
    const key = JSON.stringify([f.file, name]);
    const group = groups.get(key) ?? { name, file: f.file, findings: [] };
    group.findings.push(f);
    groups.set(key, group);
  }
  const cases = [...groups.values()];
  // The same Kind/ns/name written in two files is two objects: tell them apart by file.
  const count = new Map<string, number>();
  for (const c of cases) count.set(c.name, (count.get(c.name) ?? 0) + 1);
  for (const c of cases) if ((count.get(c.name) ?? 0) > 1 && c.file !== undefined && c.name !== c.file) c.name = `${c.name} (${c.file})`;
  if (!cases.some((c) => outcome(c, fails) === 'failed')) cases.unshift({ name: check.title, findings: [] });
  return cases;
}

export interface JunitOptions {
  /** As the CLI's --fail-on: findings below it do not fail their test case (they show in its system-out). */
  failOn?: Severity | 'none';
}

export function toJunit(report: ValidationReport, options: JunitOptions = {}): string {
  const threshold = options.failOn === undefined ? 0 : options.failOn === 'none' ? Infinity : SEVERITY_RANK[options.failOn];
  const fails: Fails = (f) => !f.suppressed && SEVERITY_RANK[f.severity] >= threshold;
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const totals = { tests: 0, failures: 0 };
  const suites = checksOf(report).map((check) => {
    const cases = casesOf(check, byRule.get(check.id) ?? [], fails);
    const failures = cases.filter((c) => outcome(c, fails) === 'failed').length;
    const skipped = cases.filter((c) => outcome(c, fails) === 'skipped').length;
    totals.tests += cases.length;
    totals.failures += failures;
    const head = `  <testsuite${attributes({ name: check.id, tests: cases.length, failures, errors: 0, skipped, time: 0 })}>`;
    return [head, ...cases.map((c) => testcase(check, c, fails)), '  </testsuite>'].join('\n');
  });
  const root = `<testsuites${attributes({ name: 'kubemodel validate', tests: totals.tests, failures: totals.failures, errors: 0, time: 0 })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites, '</testsuites>', ''].join('\n');
}
