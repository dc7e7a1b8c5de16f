// `kubemodel test-policies -o junit`: one <testsuite> per suite file, one <testcase> per (policy, object)
// expectation, failing with what the policy reported when the verdict differs.
import { attributes, escapeText } from '../validate/format-junit.ts';
import type { PolicyTestResult } from './types.ts';

export function suitesToJunit(results: readonly PolicyTestResult[]): string {
  const bySuite = new Map<string, PolicyTestResult[]>();
  for (const r of results) bySuite.set(r.suite, [...(bySuite.get(r.suite) ?? []), r]);
  const failures = results.filter((r) => !r.ok).length;
  const suites = [...bySuite].map(([suite, rs]) => {
    const cases = rs.map((r) => {
      const head = `    <testcase${attributes({ classname: r.policy, name: `${r.resource} ${r.expected}s`, time: 0 })}`;
      if (r.ok) return `${head}/>`;
      const text = [`expected ${r.expected}, got ${r.actual}`, ...r.detail].join('\n');
      return `${head}>\n      <failure${attributes({ message: `expected ${r.expected}, got ${r.actual}`, type: 'policy-test' })}>${escapeText(text)}</failure>\n    </testcase>`;
    });
    return [`  <testsuite${attributes({ name: suite, tests: rs.length, failures: rs.filter((r) => !r.ok).length, errors: 0, time: 0 })}>`, ...cases, '  </testsuite>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attributes({ name: 'kubemodel test-policies', tests: results.length, failures, errors: 0, time: 0 })}>`, ...suites, '</testsuites>', ''].join('\n');
}
