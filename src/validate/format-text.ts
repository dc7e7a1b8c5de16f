// The text report: findings grouped by file, one line each as `file:line:col  kind/name  rule  severity
// message` (editors and terminals turn file:line:col into a link), then one summary line. Suppressed
// findings are listed only when asked for; colour only where the CLI says it may.
import type { Paint } from '../cli/output.ts';
import type { Finding } from '../policy/types.ts';
import type { ValidationReport } from './report.ts';
import { summarize } from './validate.ts';

export interface TextOptions {
  paint: Paint;
  showSuppressed: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function resourceName(f: Finding): string {
  if (!f.resource) return '-';
  return `${f.resource.kind}/${f.resource.namespace !== undefined ? `${f.resource.namespace}/` : ''}${f.resource.name || '<unnamed>'}`;
}

export function toText(report: ValidationReport, options: TextOptions): string {
  const { paint } = options;
  const shown = report.findings.filter((f) => options.showSuppressed || !f.suppressed);
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const blocks: string[] = [];
  for (const findings of byFile.values()) {
    const rows = findings.map((f) => [`${f.file}:${f.line}:${f.column}`, resourceName(f), f.ruleId, f]);
    const width = (i: number) => Math.max(...rows.map((r) => String(r[i]).length));
    const [w0, w1, w2] = [width(0), width(1), width(2)];
    blocks.push(
      rows
        .map(([where, name, rule, f]) => {
          const finding = f as Finding;
          const severity = finding.suppressed ? paint('dim', 'suppressed') : paint(finding.severity === 'error' ? 'red' : finding.severity === 'warning' ? 'yellow' : 'dim', finding.severity);
          const why = finding.suppressed ? ` (${finding.suppressed.reason ?? 'no reason given'}; ${finding.suppressed.source ?? finding.suppressed.kind})` : '';
          return `${paint('bold', String(where).padEnd(w0))}  ${String(name).padEnd(w1)}  ${String(rule).padEnd(w2)}  ${severity}: ${finding.message}${why}`;
        })
        .join('\n'),
    );
  }
  const s = summarize(report);
  const counts = [plural(s.error, 'error'), plural(s.warning, 'warning'), `${s.info} info`].join(', ');
  const suppressed = s.suppressed ? ` (${s.suppressed} suppressed${options.showSuppressed ? '' : ', --show-suppressed lists them'})` : '';
  const cluster = report.cluster.bundled ? `the bundled example cluster (${report.cluster.file}; give --cluster for yours)` : report.cluster.file;
  const policies = report.policies.length;
  const summary = `${counts}${suppressed} in ${plural(s.resources, 'object')} from ${plural(s.files, 'file')}; ${policies} checks, simulated on ${cluster}`;
  return `${blocks.join('\n\n')}${blocks.length ? '\n\n' : ''}${summary}\n`;
}

/** The JSON report: the summary first, then every finding (suppressed ones carry `suppressed`). */
export function toJsonReport(report: ValidationReport, exitCode: number): unknown {
  return {
    kubernetesVersion: report.kubernetesVersion,
    cluster: report.cluster,
    summary: { ...summarize(report), exitCode },
    findings: report.findings,
    resources: report.resources,
    policies: report.policies.map((p) => p.id),
  };
}
