// The SARIF 2.1.0 view of a validation report, for code-scanning UIs (GitHub, GitLab, Azure DevOps, the VS
// Code SARIF viewer). One run; every check that ran is a rule, so a viewer can describe a rule that found
// nothing in this run too. Files are URIs relative to %SRCROOT% (the directory the CLI ran in), which is
// what lets GitHub map a result onto the repository's file. Suppressed findings stay in as results with
// `suppressions`, so a viewer shows them as dismissed rather than losing them.
import { createHash } from 'node:crypto';
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as sarif from 'sarif';
import type { Finding, Severity } from '../policy/types.ts';
import { EXPIRED_RULE } from './exceptions.ts';
import type { PolicyInfo, ValidationReport } from './report.ts';
import { BUILTIN_CHECKS } from './validate.ts';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** Versioned, so that a change to what the hash covers cannot silently re-key every result. */
export const FINGERPRINT_KEY = 'kubemodelFinding/v1';

export interface SarifOptions {
  /**
   * The absolute directory the file names are relative to (the CLI passes its working directory). Without
   * it, relative names are used as written and `originalUriBaseIds` is left out.
   */
  cwd?: string;
  /** An absolute URI with documentation for the tool; left out when not given rather than guessed. */
  informationUri?: string;
}

const LEVEL: Readonly<Record<Severity, sarif.ReportingConfiguration.level>> = { error: 'error', warning: 'warning', info: 'note' };

/** `memory-limit` → `MemoryLimit`: SARIF's rule name is meant to read as an identifier. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

interface Place {
  uri: string;
  uriBaseId?: string;
  /** A name like `<stdin>` that is not a file on disk. */
  pseudo: boolean;
}

// Per segment, so `/` stays a separator while `#`, `?`, `%`, spaces, non-ASCII and a `:` that would otherwise
// read as a URI scheme (`a:b.yaml`) are escaped.
const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

const fileUrl = (absolute: string) => pathToFileURL(absolute).href;

function placeOf(file: string, cwd: string | undefined): Place {
  const pseudo = /^<(.+)>$/.exec(file);
  // `<stdin>` has no path; `stdin` is a valid relative reference, and without a base id it claims no file.
  if (pseudo?.[1] !== undefined) return { uri: encodePath(pseudo[1]), pseudo: true };
  if (cwd === undefined) {
    if (isAbsolute(file)) return { uri: fileUrl(file), pseudo: false };
    return { uri: encodePath(normalize(file).split(sep).join('/')), uriBaseId: SRCROOT, pseudo: false };
  }
  const absolute = resolve(cwd, file);
  const rel = relative(cwd, absolute);
  // Outside the working directory a relative URI would climb out of %SRCROOT%: give the absolute one instead.
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { uri: fileUrl(absolute), pseudo: false };
  return { uri: encodePath(rel.split(sep).join('/')), uriBaseId: SRCROOT, pseudo: false };
}

function helpText(p: PolicyInfo): string {
  const behaviours = p.behaviours.length ? `\n\nKubernetes behaviours this check rests on (kubemodel's catalogue): ${p.behaviours.join(', ')}.` : '';
  return `${p.remediation}${behaviours}`;
}

// Backslash-escaping ASCII punctuation is always allowed in CommonMark, so a remediation that mentions
// `containers[*]` or `__init__` is shown as written rather than as a link or emphasis.
const escapeMarkdown = (s: string) => s.replace(/[\\`*_{}[\]<>#|~!]/g, (c) => `\\${c}`);

function helpMarkdown(p: PolicyInfo): string {
  const behaviours = p.behaviours.length ? `\n\n**Kubernetes behaviours** this check rests on (kubemodel's catalogue): ${p.behaviours.map((b) => `\`${b}\``).join(', ')}.` : '';
  return `**Remediation:** ${escapeMarkdown(p.remediation)}${behaviours}`;
}

function ruleOf(p: PolicyInfo): sarif.ReportingDescriptor {
  // `tags` must hold distinct strings (the schema says uniqueItems).
  const tags = [...new Set([p.category, ...p.behaviours])];
  return {
    id: p.id,
    name: pascalCase(p.id),
    shortDescription: { text: p.title },
    fullDescription: { text: p.description ?? p.title },
    ...(p.remediation !== '' || p.behaviours.length ? { help: { text: helpText(p), markdown: helpMarkdown(p) } } : {}),
    defaultConfiguration: { level: LEVEL[p.severity] },
    properties: { category: p.category, tags, source: p.source },
  };
}

/**
 * Every check to describe: those the report says ran, then built-ins and any other id that found something
 * (so a result never names a rule the log does not define). The JUnit view uses the same list.
 */
export function checksOf(report: ValidationReport): PolicyInfo[] {
  const byId = new Map<string, PolicyInfo>();
  for (const p of report.policies) if (!byId.has(p.id)) byId.set(p.id, p);
  for (const f of report.findings) {
    if (byId.has(f.ruleId)) continue;
    const builtin = BUILTIN_CHECKS.find((c) => c.id === f.ruleId);
    byId.set(f.ruleId, builtin ?? { id: f.ruleId, title: f.ruleId, severity: f.severity, category: f.category, remediation: '', behaviours: [], source: 'unknown' });
  }
  return [...byId.values()];
}

const resourceFqn = (r: NonNullable<Finding['resource']>) => `${r.namespace !== undefined ? `${r.namespace}/` : ''}${r.kind}/${r.name || '<unnamed>'}`;

/** `file:line` as the exceptions code records an entry's position. */
function splitSource(source: string | undefined): { file: string; line: number } | undefined {
  const m = source === undefined ? null : /^(.+):(\d+)$/.exec(source);
  return m?.[1] !== undefined && m[2] !== undefined ? { file: m[1], line: Number(m[2]) } : undefined;
}

export function toSarif(report: ValidationReport, toolVersion: string, options: SarifOptions = {}): sarif.Log {
  const policies = checksOf(report);
  const ruleIndex = new Map(policies.map((p, i) => [p.id, i]));

  // Artifacts are keyed by URI: `a.yaml` and `./a.yaml` are one artifact, and the schema wants them unique.
  const configFiles = new Set<string>();
  for (const f of report.findings) {
    if (f.ruleId === EXPIRED_RULE) configFiles.add(f.file);
    if (f.suppressed?.kind === 'exceptions-file') {
      const at = splitSource(f.suppressed.source);
      if (at) configFiles.add(at.file);
    }
  }
  const inputs = new Set(report.files);
  const artifacts: sarif.Artifact[] = [];
  const artifactIndex = new Map<string, number>();
  const locate = (file: string): sarif.ArtifactLocation => {
    const place = placeOf(file, options.cwd);
    const key = `${place.uriBaseId ?? ''}|${place.uri}`;
    let index = artifactIndex.get(key);
    if (index === undefined) {
      index = artifacts.length;
      artifactIndex.set(key, index);
      const role: sarif.Artifact.roles = inputs.has(file) || !configFiles.has(file) ? 'analysisTarget' : 'userSpecifiedConfiguration';
      artifacts.push({
        location: { uri: place.uri, ...(place.uriBaseId !== undefined ? { uriBaseId: place.uriBaseId } : {}) },
        roles: [role],
        ...(place.pseudo ? { description: { text: file === '<stdin>' ? 'standard input' : file } } : {}),
      });
    }
    return { uri: place.uri, ...(place.uriBaseId !== undefined ? { uriBaseId: place.uriBaseId } : {}), index };
  };
  for (const file of report.files) locate(file);

  const occurrences = new Map<string, number>();
  const results = report.findings.map((f): sarif.Result => {
    const artifactLocation = locate(f.file);
    const r = f.resource;
    // Lines are left out on purpose: an edit above the object must not turn its finding into a new one.
    const identity = JSON.stringify([f.ruleId, artifactLocation.uriBaseId ?? '', artifactLocation.uri, r?.kind ?? '', r?.namespace ?? '', r?.name ?? '', f.path]);
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 32);
    // Two findings with the same identity (say two YAML errors in one file) still get distinct fingerprints.
    const seen = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, seen);
    const valid = (n: number) => Number.isInteger(n) && n >= 1;
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: { startLine: valid(f.line) ? f.line : 1, startColumn: valid(f.line) && valid(f.column) ? f.column : 1 },
          },
          ...(r ? { logicalLocations: [{ name: r.name || '<unnamed>', fullyQualifiedName: resourceFqn(r), kind: 'resource' }] } : {}),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${seen}` },
      ...(f.suppressed ? { suppressions: [suppressionOf(f.suppressed, locate)] } : {}),
      properties: { category: f.category, ...(f.path !== '' ? { path: f.path } : {}), ...(r?.apiVersion !== undefined ? { apiVersion: r.apiVersion } : {}) },
    };
  });

  const srcroot = options.cwd === undefined ? undefined : fileUrl(options.cwd);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubemodel',
            version: toolVersion,
            ...(options.informationUri !== undefined ? { informationUri: options.informationUri } : {}),
            rules: policies.map(ruleOf),
          },
        },
        ...(srcroot !== undefined ? { originalUriBaseIds: { [SRCROOT]: { uri: srcroot.endsWith('/') ? srcroot : `${srcroot}/` } } } : {}),
        artifacts,
        results,
        // Columns come from the YAML parser's offsets into a JavaScript string, i.e. UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        properties: { kubernetesVersion: report.kubernetesVersion, cluster: report.cluster },
      },
    ],
  };
}

function suppressionOf(s: NonNullable<Finding['suppressed']>, locate: (file: string) => sarif.ArtifactLocation): sarif.Suppression {
  const at = s.kind === 'exceptions-file' ? splitSource(s.source) : undefined;
  return {
    // The annotation lives in the manifest itself; the exceptions file is kept apart from it.
    kind: s.kind === 'annotation' ? 'inSource' : 'external',
    status: 'accepted',
    ...(s.reason !== undefined && s.reason !== '' ? { justification: s.reason } : {}),
    ...(at ? { location: { physicalLocation: { artifactLocation: locate(at.file), region: { startLine: at.line >= 1 ? at.line : 1 } } } } : {}),
    ...(s.source !== undefined ? { properties: { source: s.source } } : {}),
  };
}
