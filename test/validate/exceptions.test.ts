// Exceptions: the kubemodel.io/ignore annotation and the exceptions file, with expiry.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { applyExceptions, isExpired, parseExceptions, parseIgnoreAnnotation } from '../../src/validate/exceptions.ts';
import type { Finding } from '../../src/policy/types.ts';

const finding = (ruleId: string, kind = 'Deployment', name = 'web', namespace?: string): Finding => ({
  ruleId,
  severity: 'error',
  category: 'Security',
  message: 'm',
  file: 'a.yaml',
  line: 3,
  column: 5,
  path: 'spec',
  resource: { kind, name, ...(namespace ? { namespace } : {}) },
});

describe('kubemodel.io/ignore annotation', () => {
  it.each([
    ['run-as-non-root', ['run-as-non-root'], undefined],
    ['run-as-non-root, host-network', ['run-as-non-root', 'host-network'], undefined],
    ['host-network: the CNI agent needs the node network', ['host-network'], 'the CNI agent needs the node network'],
    [' , ', [], undefined],
  ])('%j', (value, rules, reason) => {
    expect(parseIgnoreAnnotation(value)).toEqual({ rules, ...(reason ? { reason } : {}) });
  });

  it('suppresses only the named rules on the annotated object', () => {
    const out = applyExceptions([finding('a'), finding('b')], () => ({ 'kubemodel.io/ignore': 'a: known' }), undefined, new Date());
    expect(out.map((f) => [f.ruleId, f.suppressed?.reason])).toEqual([
      ['a', 'known'],
      ['b', undefined],
    ]);
  });
});

describe('exceptions file', () => {
  const text = `exceptions:
- rule: run-as-non-root
  match: {kind: Deployment, namespace: kube-system, name: "core*"}
  expires: 2026-12-31
  reason: upstream image runs as root
- rules: [host-network, host-pid]
  match: {kind: DaemonSet}
- rule: privileged
  match: {name: old}
  expires: 2020-01-01
`;
  const ex = parseExceptions(text, 'ex.yaml');

  it('reads entries with their line', () => {
    expect(ex.entries.map((e) => [e.rules, e.match, e.expires, e.line])).toEqual([
      [['run-as-non-root'], { kind: 'Deployment', namespace: 'kube-system', name: 'core*' }, '2026-12-31', 2],
      [['host-network', 'host-pid'], { kind: 'DaemonSet' }, undefined, 6],
      [['privileged'], { name: 'old' }, '2020-01-01', 8],
    ]);
  });

  it('an exception applies through its expiry day (UTC) and not after', () => {
    const [entry] = ex.entries;
    expect(isExpired(entry!, new Date('2026-12-31T23:59:59Z'))).toBe(false);
    expect(isExpired(entry!, new Date('2027-01-01T00:00:00Z'))).toBe(true);
  });

  it('matches kind, namespace (default when unset) and name globs; expired ones stop applying and are reported', () => {
    const findings = [
      finding('run-as-non-root', 'Deployment', 'coredns', 'kube-system'),
      finding('run-as-non-root', 'Deployment', 'coredns'),
      finding('host-pid', 'DaemonSet', 'agent'),
      finding('privileged', 'Pod', 'old'),
    ];
    const out = applyExceptions(findings, () => undefined, ex, new Date('2026-12-02T00:00:00Z'));
    expect(out.map((f) => [f.ruleId, f.resource?.name ?? null, f.suppressed?.kind ?? null])).toEqual([
      ['run-as-non-root', 'coredns', 'exceptions-file'],
      ['run-as-non-root', 'coredns', null],
      ['host-pid', 'agent', 'exceptions-file'],
      ['privileged', 'old', null],
      ['exception-expired', null, null],
    ]);
    const expired = out[4]!;
    expect(expired).toMatchObject({ file: 'ex.yaml', line: 8, severity: 'warning' });
    expect(expired.message).toBe('exception for privileged on old expired on 2020-01-01: its 1 finding(s) are reported again');
  });

  it.each([
    ['- {rule: x, expires: 31/12/2026}', 'ex.yaml:1:22: exceptions[0].expires: expected a date YYYY-MM-DD, got "31/12/2026"'],
    ['- {match: {kind: Pod}}', 'ex.yaml:1:3: exceptions[0]: give "rule: <rule-id>" or "rules: [<rule-id>, …]"'],
    ['- {rule: x, match: {team: a}}', 'ex.yaml:1:27: exceptions[0].match: unknown field "team" (known: kind, namespace, name)'],
    ['exceptions: {rule: x}', 'ex.yaml:1:13: an exceptions file is a list of exceptions, or {exceptions: [...]}'],
    ['- [unclosed', 'ex.yaml:1:12: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  ])('bad input %j is one located error', (bad, message) => {
    let error: unknown;
    try {
      parseExceptions(bad, 'ex.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).located).toBe(message);
  });
});
