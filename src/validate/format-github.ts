// `-o github`: GitHub Actions workflow commands, so each finding shows as an annotation on the pull
// request's diff at its file and line. Severities map to error, warning and notice; suppressed findings
// are left out. Escaping follows the runner's rules for command data and properties.
import type { Finding } from '../policy/types.ts';
import type { ValidationReport } from './report.ts';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const COMMAND: Readonly<Record<Finding['severity'], string>> = { error: 'error', warning: 'warning', info: 'notice' };

export function toGithub(report: ValidationReport): string {
  return report.findings
    .filter((f) => !f.suppressed)
    .map((f) => {
      const who = f.resource ? ` ${f.resource.kind}/${f.resource.namespace !== undefined ? `${f.resource.namespace}/` : ''}${f.resource.name}` : '';
      const props = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`, `title=${escapeProperty(`kubemodel ${f.ruleId}${who}`)}`].join(',');
      return `::${COMMAND[f.severity]} ${props}::${escapeData(f.message)}\n`;
    })
    .join('');
}
