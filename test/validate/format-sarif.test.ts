// The SARIF view of a validation report is checked against the SARIF 2.1.0 JSON schema (draft-04), as
// published by Microsoft in @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json, the schema
// @types/sarif is generated from). It differs from the final OASIS schema in a few constraints; the one
// that concerns us (a region must give startLine, charOffset or byteOffset) is asserted separately below.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_KEY, pascalCase, SARIF_SCHEMA_URI, SRCROOT, toSarif } from '../../src/validate/format-sarif.ts';
import type { PolicyInfo, ValidationReport } from '../../src/validate/report.ts';
import { finding, policy as basePolicy, web } from './support.ts';
import { BUILTIN_CHECKS } from '../../src/validate/validate.ts';

const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// rtm.5 writes the `language` pattern as `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`, legal only without the
// regexp `u` flag (the final schema corrected it); draft-04 asks for ECMA 262 patterns, not unicode ones.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSchema = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

function schemaErrors(log: unknown): string[] {
  // What the CLI prints is the JSON text, so validate that rather than the object.
  const parsed = JSON.parse(JSON.stringify(log)) as unknown;
  return validateSchema(parsed) ? [] : (validateSchema.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

const policy = (id: string, severity: PolicyInfo['severity'], extra: Partial<PolicyInfo> = {}): PolicyInfo =>
  basePolicy(id, severity, { remediation: `fix ${id}: set spec.containers[*].resources`, ...extra });

const cwd = '/work/repo';

function sampleReport(): ValidationReport {
  return {
    policies: [
      ...BUILTIN_CHECKS.filter((c) => c.id === 'schema' || c.id === 'unknown-field'),
      policy('memory-limit', 'warning', { behaviours: ['API-04', 'API-04'], description: 'Without a limit the container may use all of the node.' }),
      policy('privileged', 'error', { category: 'Security' }),
      policy('liveness-probe', 'info', { category: 'Probes' }),
      policy('never-fires', 'error'),
    ],
    findings: [
      finding('privileged', 'error'),
      finding('memory-limit', 'warning', { message: 'Container «web» hat kein Speicherlimit — 内存 🚀' }),
      finding('liveness-probe', 'info', { resource: { kind: 'Pod', name: 'solo' } }),
      finding('memory-limit', 'warning', { file: 'k8s/my app#1.yaml', suppressed: { kind: 'annotation', reason: 'batch job, bounded by its quota', source: 'kubemodel.io/ignore' } }),
      finding('privileged', 'error', { file: 'k8s/my app#1.yaml', suppressed: { kind: 'exceptions-file', reason: 'CNI agent', source: 'exceptions.yaml:4' } }),
      finding('privileged', 'error', { file: '<stdin>', line: 3, column: 1 }),
      finding('invalid-input', 'error', { file: 'k8s/broken.yaml', line: 0, column: 0, path: '', message: 'bad indentation', resource: undefined }),
      finding('invalid-input', 'error', { file: 'k8s/broken.yaml', line: 0, column: 0, path: '', message: 'another problem', resource: undefined }),
      finding('exception-expired', 'warning', { file: 'exceptions.yaml', line: 9, column: 3, path: '', resource: undefined }),
      finding('custom-check', 'warning', { file: '../elsewhere/x.yaml' }),
      finding('memory-limit', 'warning', { file: '/tmp/abs.yaml' }),
    ],
    resources: [],
    files: ['k8s/web.yaml', 'k8s/my app#1.yaml', '<stdin>', 'k8s/broken.yaml', '../elsewhere/x.yaml', '/tmp/abs.yaml', './k8s/web.yaml'],
    cluster: { file: 'examples/validate/cluster.yaml', bundled: true },
    kubernetesVersion: '1.37',
  };
}

const runOf = (log: sarif.Log): sarif.Run => {
  expect(log.runs).toHaveLength(1);
  return log.runs[0]!;
};
const locationOf = (r: sarif.Result) => r.locations?.[0]?.physicalLocation;

describe('toSarif', () => {
  const log = toSarif(sampleReport(), '0.1.0', { cwd });
  const run = runOf(log);
  const rules = run.tool.driver.rules ?? [];
  const results = run.results ?? [];
  const artifacts = run.artifacts ?? [];

  it('is valid against the SARIF 2.1.0 schema', () => {
    expect(schemaErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
  });

  it('an empty report is valid too, and still lists the checks that ran', () => {
    const empty = toSarif({ ...sampleReport(), findings: [] }, '0.1.0');
    expect(schemaErrors(empty)).toEqual([]);
    expect(runOf(empty).results).toEqual([]);
    expect(runOf(empty).tool.driver.rules?.map((r) => r.id)).toContain('never-fires');
    // No working directory given: nothing to say what %SRCROOT% is.
    expect(runOf(empty).originalUriBaseIds).toBeUndefined();
  });

  it('the schema check bites: a wrong level or an unescaped URI is rejected', () => {
    const broken = JSON.parse(JSON.stringify(log)) as sarif.Log;
    (broken.runs[0]!.results![0] as { level: string }).level = 'info';
    expect(schemaErrors(broken).join('\n')).toMatch(/level/);
    const badUri = JSON.parse(JSON.stringify(log)) as sarif.Log;
    locationOf(badUri.runs[0]!.results![0]!)!.artifactLocation!.uri = 'k8s/my app.yaml';
    expect(schemaErrors(badUri).join('\n')).toMatch(/uri-reference/);
  });

  it('names the tool, and leaves informationUri out unless given', () => {
    expect(run.tool.driver.name).toBe('kubemodel');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.tool.driver.informationUri).toBeUndefined();
    const given = runOf(toSarif(sampleReport(), '0.1.0', { informationUri: 'https://example.org/kubemodel' }));
    expect(given.tool.driver.informationUri).toBe('https://example.org/kubemodel');
  });

  it('lists every check that ran, then the ones that only appear in findings, each once', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual(['schema', 'unknown-field', 'memory-limit', 'privileged', 'liveness-probe', 'never-fires', 'invalid-input', 'exception-expired', 'custom-check']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes each rule: PascalCase name, title, description, help with remediation and behaviours, level, tags', () => {
    const memory = rules.find((r) => r.id === 'memory-limit')!;
    expect(memory.name).toBe('MemoryLimit');
    expect(memory.shortDescription?.text).toBe('title of memory-limit');
    expect(memory.fullDescription?.text).toBe('Without a limit the container may use all of the node.');
    expect(memory.help?.text).toContain('fix memory-limit: set spec.containers[*].resources');
    expect(memory.help?.text).toContain('API-04');
    expect(memory.help?.markdown).toContain('containers\\[\\*\\]');
    expect(memory.defaultConfiguration?.level).toBe('warning');
    // Duplicated behaviour IDs collapse: tags must be distinct.
    expect(memory.properties).toMatchObject({ category: 'Resources', tags: ['Resources', 'API-04'] });
    expect(rules.find((r) => r.id === 'liveness-probe')?.defaultConfiguration?.level).toBe('note');
    expect(rules.find((r) => r.id === 'privileged')?.defaultConfiguration?.level).toBe('error');
    // A check without a description falls back to its title.
    expect(rules.find((r) => r.id === 'privileged')?.fullDescription?.text).toBe('title of privileged');
    expect(pascalCase('exception-expired')).toBe('ExceptionExpired');
  });

  it('every result points at its own rule by index, with the finding’s level', () => {
    expect(results).toHaveLength(sampleReport().findings.length);
    for (const r of results) {
      expect(r.ruleIndex).toBeGreaterThanOrEqual(0);
      expect(rules[r.ruleIndex!]?.id).toBe(r.ruleId);
    }
    expect(results.map((r) => r.level)).toEqual(['error', 'warning', 'note', 'warning', 'error', 'error', 'error', 'error', 'warning', 'warning', 'warning']);
  });

  it('keeps unicode messages as they are', () => {
    expect(results[1]?.message.text).toBe('Container «web» hat kein Speicherlimit — 内存 🚀');
  });

  it('gives locations relative to %SRCROOT%, escaped, with the working directory as its file URI', () => {
    expect(run.originalUriBaseIds?.[SRCROOT]?.uri).toBe('file:///work/repo/');
    expect(locationOf(results[0]!)?.artifactLocation).toMatchObject({ uri: 'k8s/web.yaml', uriBaseId: SRCROOT });
    expect(locationOf(results[0]!)?.region).toEqual({ startLine: 12, startColumn: 9 });
    expect(locationOf(results[3]!)?.artifactLocation).toMatchObject({ uri: 'k8s/my%20app%231.yaml', uriBaseId: SRCROOT });
  });

  it('gives files outside the working directory as absolute file URIs', () => {
    expect(locationOf(results[9]!)?.artifactLocation?.uri).toBe('file:///work/elsewhere/x.yaml');
    expect(locationOf(results[9]!)?.artifactLocation?.uriBaseId).toBeUndefined();
    expect(locationOf(results[10]!)?.artifactLocation?.uri).toBe('file:///tmp/abs.yaml');
  });

  it('turns <stdin> into a valid relative URI that claims no file under %SRCROOT%', () => {
    const stdin = locationOf(results[5]!)?.artifactLocation;
    expect(stdin?.uri).toBe('stdin');
    expect(stdin?.uriBaseId).toBeUndefined();
    expect(artifacts[stdin!.index!]?.description?.text).toBe('standard input');
  });

  it('uses line 1 for a finding without a line, and every region has a startLine', () => {
    expect(locationOf(results[6]!)?.region).toEqual({ startLine: 1, startColumn: 1 });
    for (const r of results) expect(locationOf(r)?.region?.startLine).toBeGreaterThanOrEqual(1);
  });

  it('names the object as a logical location: namespace/Kind/name, or Kind/name without a namespace', () => {
    expect(results[0]?.locations?.[0]?.logicalLocations).toEqual([{ name: 'web', fullyQualifiedName: 'shop/Deployment/web', kind: 'resource' }]);
    expect(results[2]?.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName).toBe('Pod/solo');
    expect(results[6]?.locations?.[0]?.logicalLocations).toBeUndefined();
  });

  it('marks suppressed findings: the annotation in source, the exceptions file external, with the reason', () => {
    expect(results[3]?.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'batch job, bounded by its quota', properties: { source: 'kubemodel.io/ignore' } }]);
    const external = results[4]?.suppressions?.[0];
    expect(external).toMatchObject({ kind: 'external', status: 'accepted', justification: 'CNI agent' });
    expect(external?.location?.physicalLocation?.artifactLocation?.uri).toBe('exceptions.yaml');
    expect(external?.location?.physicalLocation?.region?.startLine).toBe(4);
    expect(results[0]?.suppressions).toBeUndefined();
  });

  it('lists each file once as an artifact, and every location points at its artifact', () => {
    const keys = artifacts.map((a) => `${a.location?.uriBaseId ?? ''}|${a.location?.uri}`);
    expect(new Set(keys).size).toBe(keys.length);
    // `./k8s/web.yaml` and `k8s/web.yaml` are one file.
    expect(keys.filter((k) => k === `${SRCROOT}|k8s/web.yaml`)).toHaveLength(1);
    for (const r of results) {
      const at = locationOf(r)!.artifactLocation!;
      expect(artifacts[at.index!]?.location?.uri).toBe(at.uri);
    }
    expect(artifacts.find((a) => a.location?.uri === 'exceptions.yaml')?.roles).toEqual(['userSpecifiedConfiguration']);
    expect(artifacts.find((a) => a.location?.uri === 'k8s/web.yaml')?.roles).toEqual(['analysisTarget']);
  });

  it('fingerprints ignore the line, so an edit above the object keeps the identity', () => {
    const moved = sampleReport();
    moved.findings = moved.findings.map((f) => ({ ...f, line: f.line + 5 }));
    const again = runOf(toSarif(moved, '0.1.0', { cwd })).results ?? [];
    expect(again.map((r) => r.partialFingerprints)).toEqual(results.map((r) => r.partialFingerprints));
    // Another working directory does not change them either (files are keyed relative to it).
    const elsewhere = sampleReport();
    elsewhere.findings = elsewhere.findings.slice(0, 3);
    const relocated = runOf(toSarif(elsewhere, '0.1.0', { cwd: '/home/ci/build' })).results ?? [];
    expect(relocated.map((r) => r.partialFingerprints)).toEqual(results.slice(0, 3).map((r) => r.partialFingerprints));
  });

  it('fingerprints differ between findings, even two alike in rule, file and (missing) object', () => {
    const prints = results.map((r) => r.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(prints.length);
    expect(prints[6]).toMatch(/^[0-9a-f]{32}:1$/);
    expect(prints[7]).toMatch(/:2$/);
    expect(prints[6]?.split(':')[0]).toBe(prints[7]?.split(':')[0]);
  });

  it('says columns count UTF-16 code units, as the YAML parser’s offsets do', () => {
    expect(run.columnKind).toBe('utf16CodeUnits');
  });
});
