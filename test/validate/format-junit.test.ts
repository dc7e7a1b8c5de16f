// The JUnit view of a validation report: parsed back with fast-xml-parser, checked for counts, for the
// layout GitLab and Jenkins read (classname = check, name = object, file, <failure> text), and for staying
// well-formed XML 1.0 whatever a message holds.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeText, toJunit } from '../../src/validate/format-junit.ts';
import type { PolicyInfo, ValidationReport } from '../../src/validate/report.ts';
import { finding, policy as basePolicy } from './support.ts';

const NASTY = 'a <b> & c ]]> d "q" \'a\' \u0001 \uD800 tab\there\r\nnext';
/** The NASTY text as a reader gets it back: the two characters XML 1.0 cannot hold become visible escapes. */
const NASTY_READ = 'a <b> & c ]]> d "q" \'a\' \\u0001 \\uD800 tab\there\r\nnext';

const policy = (id: string, severity: PolicyInfo['severity'], title = `${id} title`): PolicyInfo => basePolicy(id, severity, { title, remediation: `fix ${id}` });

function sampleReport(): ValidationReport {
  return {
    policies: [policy('memory-limit', 'warning'), policy('privileged', 'error'), policy('clean', 'info', 'Objects are clean & <tidy>'), policy('waived', 'warning')],
    findings: [
      finding('memory-limit', 'warning', { message: 'container "web" has no memory limit' }),
      finding('memory-limit', 'warning', { line: 20, message: 'container "sidecar" has no memory limit' }),
      finding('memory-limit', 'info', { line: 30, message: 'suppressed one', suppressed: { kind: 'annotation', reason: 'known', source: 'kubemodel.io/ignore' } }),
      finding('memory-limit', 'warning', { file: 'k8s/other.yaml', message: 'same name, other file' }),
      finding('memory-limit', 'warning', { file: '<stdin>', resource: { kind: 'Pod', name: 'p' }, message: 'from stdin' }),
      finding('privileged', 'error', { message: NASTY }),
      finding('privileged', 'warning', { line: 40, message: 'a milder one' }),
      finding('waived', 'warning', { suppressed: { kind: 'exceptions-file', reason: 'CNI agent', source: 'exceptions.yaml:4' } }),
      finding('invalid-input', 'error', { file: 'k8s/broken.yaml', line: 1, column: 1, path: '', message: 'bad indentation', resource: undefined }),
    ],
    resources: [],
    files: ['k8s/web.yaml', 'k8s/other.yaml', '<stdin>', 'k8s/broken.yaml'],
    cluster: { file: 'cluster.yaml', bundled: true },
    kubernetesVersion: '1.37',
  };
}

interface Failure {
  message: string;
  type: string;
  '#text': string;
}
interface TestCase {
  classname: string;
  name: string;
  file?: string;
  time: string;
  failure?: Failure;
  skipped?: { message: string; '#text': string };
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase: TestCase[];
}
interface Parsed {
  testsuites: { name: string; tests: string; failures: string; errors: string; time: string; testsuite: Suite[] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Numeric character references (&#13;, &#10;) are decoded only with this on.
  htmlEntities: true,
  trimValues: false,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

const parse = (xml: string) => parser.parse(xml) as Parsed;
// XML 1.0 Char: fast-xml-parser does not enforce it, so check the text itself.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('toJunit', () => {
  const xml = toJunit(sampleReport());
  const root = parse(xml).testsuites;
  const suite = (id: string) => root.testsuite.find((s) => s.name === id)!;

  it('is well-formed XML 1.0 with a declaration', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).not.toMatch(NOT_XML_CHAR);
    // `]]>` is only legal inside CDATA; escaping `>` keeps it out of the text entirely.
    expect(xml).not.toContain(']]>');
  });

  it('has one suite per check that ran, plus checks only seen in findings', () => {
    expect(root.name).toBe('kubemodel validate');
    expect(root.testsuite.map((s) => s.name)).toEqual(['memory-limit', 'privileged', 'clean', 'waived', 'invalid-input']);
  });

  it('counts add up: tests and failures per suite and in total, never errors', () => {
    let tests = 0;
    let failures = 0;
    for (const s of root.testsuite) {
      expect(Number(s.tests)).toBe(s.testcase.length);
      expect(Number(s.failures)).toBe(s.testcase.filter((c) => c.failure).length);
      expect(Number(s.skipped)).toBe(s.testcase.filter((c) => c.skipped).length);
      expect(s.errors).toBe('0');
      tests += s.testcase.length;
      failures += Number(s.failures);
    }
    expect(Number(root.tests)).toBe(tests);
    expect(Number(root.failures)).toBe(failures);
    expect(root.errors).toBe('0');
    expect(root.time).toBe('0');
    expect([tests, failures]).toEqual([8, 5]);
  });

  it('one failing test case per object: classname the check, name the object, file the manifest', () => {
    const cases = suite('memory-limit').testcase;
    expect(cases.map((c) => [c.classname, c.name, c.file])).toEqual([
      ['memory-limit', 'Deployment/shop/web (k8s/web.yaml)', 'k8s/web.yaml'],
      ['memory-limit', 'Deployment/shop/web (k8s/other.yaml)', 'k8s/other.yaml'],
      ['memory-limit', 'Pod/p', '<stdin>'],
    ]);
    const text = cases[0]?.failure?.['#text'] ?? '';
    // Every finding of the object, as file:line:col Kind/ns/name message, then the fix; suppressed ones last.
    expect(text.split('\n')).toEqual([
      'k8s/web.yaml:12:9 Deployment/shop/web container "web" has no memory limit',
      'k8s/web.yaml:20:9 Deployment/shop/web container "sidecar" has no memory limit',
      'k8s/web.yaml:30:9 Deployment/shop/web suppressed one (suppressed: known; kubemodel.io/ignore)',
      '',
      'Fix: fix memory-limit',
    ]);
    expect(cases[0]?.failure?.message).toBe('container "web" has no memory limit (and 1 more)');
  });

  it('test case names are unique within a check, as GitLab keeps only the first of a pair', () => {
    for (const s of root.testsuite) {
      const names = s.testcase.map((c) => `${c.classname}\u0000${c.name}`);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('the failure type is the worst severity among the object’s findings', () => {
    expect(suite('privileged').testcase[0]?.failure?.type).toBe('error');
    expect(suite('memory-limit').testcase[0]?.failure?.type).toBe('warning');
  });

  it('a check that found nothing is one passing test case named by its title', () => {
    expect(suite('clean').testcase).toEqual([{ classname: 'clean', name: 'Objects are clean & <tidy>', time: '0' }]);
  });

  it('suppressed-only objects are skipped with the reason, next to the check’s passing case', () => {
    const cases = suite('waived').testcase;
    expect(cases.map((c) => (c.failure ? 'failed' : c.skipped ? 'skipped' : 'passed'))).toEqual(['passed', 'skipped']);
    expect(cases[1]?.skipped?.message).toBe('suppressed: CNI agent');
    expect(cases[1]?.skipped?.['#text']).toContain('(suppressed: CNI agent; exceptions.yaml:4)');
  });

  it('a finding without an object is named by its file', () => {
    expect(suite('invalid-input').testcase.map((c) => c.name)).toEqual(['k8s/broken.yaml']);
  });

  it('nasty messages survive the round trip: markup, ]]>, quotes, CR, and characters XML cannot hold made visible', () => {
    const failure = suite('privileged').testcase[0]?.failure;
    expect(failure?.message).toBe(`${NASTY_READ} (and 1 more)`);
    expect(failure?.['#text'].split('\n')[0]).toBe(`k8s/web.yaml:12:9 Deployment/shop/web ${NASTY_READ.split('\n')[0]}`);
    expect(failure?.['#text']).toContain('\r\nnext');
  });

  it('escapes for element text and attribute values', () => {
    expect(escapeText('<a> & ]]> \r')).toBe('&lt;a&gt; &amp; ]]&gt; &#13;');
    expect(escapeAttribute('"x" \'y\' <&>\t\n')).toBe('&quot;x&quot; &apos;y&apos; &lt;&amp;&gt;&#9;&#10;');
    expect(escapeText('\u0000\u001F\uFFFE\uDC00😀')).toBe('\\u0000\\u001F\\uFFFE\\uDC00😀');
  });

  it('an empty report still lists each check as a passing test case', () => {
    const empty = parse(toJunit({ ...sampleReport(), findings: [] })).testsuites;
    expect(empty.testsuite.map((s) => [s.name, s.tests, s.failures])).toEqual([
      ['memory-limit', '1', '0'],
      ['privileged', '1', '0'],
      ['clean', '1', '0'],
      ['waived', '1', '0'],
    ]);
  });

  it('with --fail-on error, warnings pass their test case and show in its system-out; the counts agree with the exit code', () => {
    const xml = toJunit(sampleReport(), { failOn: 'error' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const failuresAttr = /<testsuites[^>]* failures="(\d+)"/.exec(xml)?.[1];
    // The unsuppressed errors: privileged on Deployment/shop/web, and the unreadable k8s/broken.yaml.
    expect(failuresAttr).toBe('2');
    expect(xml).toContain('<system-out>k8s/web.yaml:12:9 Deployment/shop/web container "web" has no memory limit');
    const none = toJunit(sampleReport(), { failOn: 'none' });
    expect(/<testsuites[^>]* failures="(\d+)"/.exec(none)?.[1]).toBe('0');
  });
});
