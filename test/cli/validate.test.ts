// `kubemodel validate` and `kubemodel test-policies` as a user runs them: exit codes (the same for every
// output format), file:line:col in every finding, stdin, exceptions, bad input (API-04).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubemodel, root } from '../support/cli.ts';

const dir = 'test/fixtures/validate/cli';

describe('kubemodel validate', () => {
  it('API-04: findings carry file:line:col, kind/name and rule; schema errors fail the run (exit 1)', () => {
    const r = kubemodel(['validate', `${dir}/mixed.yaml`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${dir}/mixed.yaml:18:13  Deployment/shop/web`);
    expect(r.out).toMatch(/mixed\.yaml:18:13 +Deployment\/shop\/web +schema +error: spec\.replicas: Invalid type: got string, expected integer/);
    expect(r.out).toMatch(/mixed\.yaml:29:23 +Deployment\/shop\/web +privileged +error: /);
    expect(r.out).toMatch(/mixed\.yaml:32:7 +Widget\/shop\/w +unknown-kind +warning: /);
    expect(r.out).not.toContain('image-tag-missing');
    expect(r.out).toMatch(/\(1 suppressed, --show-suppressed lists them\) in 3 objects from 1 file; \d+ checks, simulated on the bundled example cluster/);
  });

  it('the exit code is the same for text, json, yaml, sarif, junit and github, and JSON carries it', () => {
    const codes = ['text', 'json', 'yaml', 'sarif', 'junit', 'github'].map((o) => kubemodel(['validate', `${dir}/mixed.yaml`, '-o', o]).code);
    expect(codes).toEqual([1, 1, 1, 1, 1, 1]);
    const json = JSON.parse(kubemodel(['validate', `${dir}/mixed.yaml`, '-o', 'json']).out) as { summary: { exitCode: number; suppressed: number; resources: number } };
    expect(json.summary).toMatchObject({ exitCode: 1, suppressed: 1, resources: 3 });
  });

  it('--fail-on: none never fails; info fails on any finding; a clean file passes at every level', () => {
    expect(kubemodel(['validate', `${dir}/mixed.yaml`, '--fail-on', 'none']).code).toBe(0);
    expect(kubemodel(['validate', `${dir}/clean.yaml`, '--fail-on', 'info', '-o', 'json']).code).toBe(0);
  });

  it('standard input is read with -, and named <stdin> in findings', () => {
    const r = kubemodel(['validate', '-', '-o', 'json'], {}, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec:\n  containers:\n  - {name: c, image: nginx, securityContext: {privileged: true}}\n');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as { findings: { file: string; ruleId: string }[] }).findings.filter((f) => f.ruleId === 'privileged').map((f) => f.file)).toEqual(['<stdin>']);
  });

  it('API-04: a broken file is a located finding and the others are still validated (exit 1); nothing validated is exit 2', () => {
    const both = kubemodel(['validate', `${dir}/broken.yaml`, `${dir}/clean.yaml`]);
    expect(both.code).toBe(1);
    expect(both.out).toMatch(/broken\.yaml:4:1 +- +invalid-input +error: /);
    expect(both.out).toContain('in 1 object from 2 files');
    const only = kubemodel(['validate', `${dir}/broken.yaml`, 'no/such.yaml']);
    expect(only.code).toBe(2);
    expect(only.out).toMatch(/no\/such\.yaml:1:1 +- +invalid-input +error: no such file or directory/);
  });

  it('exceptions file: a live exception suppresses, an expired one stops applying and is reported', () => {
    const r = kubemodel(['validate', `${dir}/mixed.yaml`, '--exceptions', `${dir}/exceptions.yaml`, '--show-suppressed']);
    expect(r.out).toMatch(/privileged +suppressed: .*\(node agent needs it until the CSI driver ships; test\/fixtures\/validate\/cli\/exceptions\.yaml:2\)/);
    expect(r.out).toMatch(/exceptions\.yaml:6:3 +- +exception-expired +warning: exception for readiness-probe on shop expired on 2020-01-31: its 1 finding\(s\) are reported again/);
    expect(r.out).toMatch(/readiness-probe +warning: /);
  });

  it('usage errors and bad input exit 2 with one line and no stack trace', () => {
    for (const args of [
      ['validate', '--fail-on', 'sometimes', `${dir}/clean.yaml`],
      ['validate', '-o', 'xml', `${dir}/clean.yaml`],
      ['validate'],
      ['validate', `${dir}/clean.yaml`, '--exceptions', 'no/such/file.yaml'],
      ['validate', `${dir}/clean.yaml`, '--policy', 'test/fixtures/policies/bad-op.json'],
    ]) {
      const r = kubemodel(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n').length, r.err).toBe(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('--list-policies shows the pack; --policy adds a user policy; --no-builtin runs only it', () => {
    const list = kubemodel(['validate', '--list-policies']);
    expect(list.code).toBe(0);
    expect(list.out.split('\n').length).toBeGreaterThan(55);
    const own = kubemodel(['validate', 'examples/validate/policy-tests/resources.yaml', '--no-builtin', '--policy', 'examples/validate/policies', '-o', 'json']);
    const ids = (JSON.parse(own.out) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect([...new Set(ids)].sort()).toEqual(['require-team-label']);
  });

  it('--disable switches off built-in checks too (a field newer than the bundled schemas, a CRD kind)', () => {
    const r = kubemodel(['validate', `${dir}/mixed.yaml`, '--disable', 'unknown-kind,schema', '-o', 'json']);
    const ids = (JSON.parse(r.out) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
    expect(ids).not.toContain('unknown-kind');
    expect(ids).not.toContain('schema');
    expect(ids).toContain('privileged');
  });

  it('NO_COLOR is respected; FORCE_COLOR colours severities', () => {
    expect(kubemodel(['validate', `${dir}/mixed.yaml`]).out).not.toContain('\u001b[');
    expect(kubemodel(['validate', `${dir}/mixed.yaml`], { NO_COLOR: '', FORCE_COLOR: '1' }).out).toContain('\u001b[31merror\u001b[39m');
  });
});

describe('README', () => {
  // The README shows real output; these keep it so.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const shown = (command: string) => readme.split(`$ ${command}\n`)[1]?.split('\n```')[0];

  it('the validate example is what kubemodel prints for the bundled shop', () => {
    expect(kubemodel(['validate', 'examples/validate/shop']).out.trimEnd()).toBe(shown('kubemodel validate examples/validate/shop'));
  });

  it('the test-policies example is what kubemodel prints', () => {
    expect(kubemodel(['test-policies', 'examples/validate/policy-tests']).out.trimEnd()).toBe(shown('kubemodel test-policies examples/validate/policy-tests'));
  });
});

describe('kubemodel test-policies', () => {
  it('runs suites and each named policy’s own examples; exit 0 when all pass', () => {
    const r = kubemodel(['test-policies', 'examples/validate/policy-tests']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('9 of 9 policy tests passed');
  });

  it('a failing expectation is exit 1 and shows what the policy said; junit output', () => {
    const r = kubemodel(['test-policies', 'test/fixtures/validate/suite-failing', '-o', 'junit']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('<failure message="expected pass, got fail"');
  });

  it('a malformed suite or a missing directory is exit 2', () => {
    expect(kubemodel(['test-policies', 'no/such/dir']).code).toBe(2);
    expect(kubemodel(['test-policies', 'test/fixtures/validate/suite-malformed']).code).toBe(2);
  });
});
