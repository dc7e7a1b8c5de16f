// Exceptions: findings a team has decided to live with. Two sources:
// - the object's own annotation `kubemodel.io/ignore: "<rule-id>[,<rule-id>…][: reason]"`;
// - an exceptions file (--exceptions, YAML or JSON) listing {rule | rules, match {kind, namespace, name},
//   expires, reason}. An exception past its expiry date stops applying: its findings come back and the
//   exception itself is reported (exception-expired), so a temporary waiver cannot quietly become permanent.
// A suppressed finding stays in the report (JSON and SARIF show it as suppressed) but never fails a run.
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../errors.ts';
import { sourceMapFor } from '../k8s/positions.ts';
import type { Finding } from '../policy/types.ts';

export const IGNORE_ANNOTATION = 'kubemodel.io/ignore';
export const EXPIRED_RULE = 'exception-expired';

export interface ExceptionEntry {
  rules: string[];
  match: { kind?: string; namespace?: string; name?: string };
  /** Last day (UTC, inclusive) the exception applies; none means it never expires. */
  expires?: string;
  reason?: string;
  file: string;
  line: number;
  column: number;
}

export interface Exceptions {
  entries: ExceptionEntry[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses an exceptions file; anything malformed is bad input (exit 2), located at its line. */
export function parseExceptions(text: string, file: string): Exceptions {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (message: string, offset = 0): never => {
    const { line, col } = lines.linePos(offset);
    throw new InputError(message, file, line, col);
  };
  const [syntax] = doc.errors;
  if (syntax) fail(syntax.message.split('\n')[0] ?? 'invalid YAML', syntax.pos[0]);
  const map = sourceMapFor(doc.contents, lines);
  const located = (path: (string | number)[], message: string): never => {
    const pos = map.position(path);
    throw new InputError(message, file, pos?.line, pos?.column);
  };
  const value = doc.toJS() as unknown;
  const list = Array.isArray(value) ? value : (value as { exceptions?: unknown } | null)?.exceptions;
  const base: (string | number)[] = Array.isArray(value) ? [] : ['exceptions'];
  if (!Array.isArray(list)) return located(base, 'an exceptions file is a list of exceptions, or {exceptions: [...]}');
  const entries = list.map((raw, i): ExceptionEntry => {
    const at = [...base, i];
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return located(at, `exceptions[${i}]: expected {rule, match, expires, reason}`);
    const e = raw as Record<string, unknown>;
    const known = new Set(['rule', 'rules', 'match', 'expires', 'reason']);
    for (const key of Object.keys(e)) if (!known.has(key)) located([...at, key], `exceptions[${i}]: unknown field "${key}" (known: ${[...known].join(', ')})`);
    const rules = typeof e['rule'] === 'string' ? [e['rule']] : Array.isArray(e['rules']) && e['rules'].every((r) => typeof r === 'string') ? (e['rules'] as string[]) : undefined;
    if (!rules || rules.length === 0) return located(at, `exceptions[${i}]: give "rule: <rule-id>" or "rules: [<rule-id>, …]"`);
    const match = e['match'] ?? {};
    if (match === null || typeof match !== 'object' || Array.isArray(match)) return located([...at, 'match'], `exceptions[${i}].match: expected {kind, namespace, name}`);
    const m = match as Record<string, unknown>;
    for (const key of Object.keys(m)) {
      if (!['kind', 'namespace', 'name'].includes(key)) located([...at, 'match', key], `exceptions[${i}].match: unknown field "${key}" (known: kind, namespace, name)`);
      if (typeof m[key] !== 'string') located([...at, 'match', key], `exceptions[${i}].match.${key}: expected a string`);
    }
    // YAML 1.2 leaves 2027-01-31 a string; a quoted date is a string too.
    const expires = e['expires'];
    if (expires !== undefined && !(typeof expires === 'string' && DATE.test(expires) && !Number.isNaN(Date.parse(`${expires}T00:00:00Z`)))) {
      located([...at, 'expires'], `exceptions[${i}].expires: expected a date YYYY-MM-DD, got ${JSON.stringify(expires)}`);
    }
    if (e['reason'] !== undefined && typeof e['reason'] !== 'string') located([...at, 'reason'], `exceptions[${i}].reason: expected text`);
    const pos = map.position(at);
    return {
      rules,
      match: m as ExceptionEntry['match'],
      ...(typeof expires === 'string' ? { expires } : {}),
      ...(typeof e['reason'] === 'string' ? { reason: e['reason'] } : {}),
      file,
      line: pos?.line ?? 1,
      column: pos?.column ?? 1,
    };
  });
  return { entries };
}

/** `run-as-non-root, host-network: needs the node's network` → rules and reason. */
export function parseIgnoreAnnotation(value: string): { rules: string[]; reason?: string } {
  const colon = value.indexOf(':');
  const ids = colon === -1 ? value : value.slice(0, colon);
  const reason = colon === -1 ? '' : value.slice(colon + 1).trim();
  return { rules: ids.split(',').map((s) => s.trim()).filter((s) => s !== ''), ...(reason ? { reason } : {}) };
}

function glob(pattern: string, text: string): boolean {
  if (!pattern.includes('*')) return pattern === text;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(text);
}

function matches(entry: ExceptionEntry, finding: Finding): boolean {
  const r = finding.resource;
  if (!entry.rules.includes(finding.ruleId) && !entry.rules.includes('*')) return false;
  if (!r) return false;
  const { kind, namespace, name } = entry.match;
  return (kind === undefined || kind === r.kind) && (namespace === undefined || glob(namespace, r.namespace ?? 'default')) && (name === undefined || glob(name, r.name));
}

/** An exception expires after its `expires` day has ended (UTC). */
export function isExpired(entry: ExceptionEntry, today: Date): boolean {
  return entry.expires !== undefined && today.getTime() >= Date.parse(`${entry.expires}T00:00:00Z`) + 86_400_000;
}

/**
 * Marks the findings exceptions cover. `annotations` gives each finding's object annotations. Returns the
 * findings (suppressed ones marked) plus one exception-expired finding per expired entry that still matched.
 */
export function applyExceptions(
  findings: readonly Finding[],
  annotationsOf: (finding: Finding) => Record<string, unknown> | undefined,
  exceptions: Exceptions | undefined,
  today: Date,
): Finding[] {
  const expiredHits = new Map<ExceptionEntry, number>();
  const out = findings.map((finding): Finding => {
    const ignore = annotationsOf(finding)?.[IGNORE_ANNOTATION];
    if (typeof ignore === 'string') {
      const { rules, reason } = parseIgnoreAnnotation(ignore);
      if (rules.includes(finding.ruleId)) return { ...finding, suppressed: { kind: 'annotation', ...(reason ? { reason } : {}), source: IGNORE_ANNOTATION } };
    }
    for (const entry of exceptions?.entries ?? []) {
      if (!matches(entry, finding)) continue;
      if (isExpired(entry, today)) {
        expiredHits.set(entry, (expiredHits.get(entry) ?? 0) + 1);
        continue;
      }
      return { ...finding, suppressed: { kind: 'exceptions-file', ...(entry.reason ? { reason: entry.reason } : {}), source: `${entry.file}:${entry.line}` } };
    }
    return finding;
  });
  for (const [entry, count] of expiredHits) {
    const what = [entry.match.kind, entry.match.namespace, entry.match.name].filter((p) => p !== undefined).join('/') || 'every object';
    out.push({
      ruleId: EXPIRED_RULE,
      severity: 'warning',
      category: 'Exceptions',
      message: `exception for ${entry.rules.join(', ')} on ${what} expired on ${entry.expires}: its ${count} finding(s) are reported again`,
      file: entry.file,
      line: entry.line,
      column: entry.column,
      path: '',
    });
  }
  return out;
}
