// Report parts for the output-format tests: a policy description and a finding on shop/Deployment web,
// each with defaults a test overrides where it matters.
import type { Finding } from '../../src/policy/types.ts';
import type { PolicyInfo } from '../../src/validate/report.ts';

export const web = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'shop' };

export const policy = (id: string, severity: PolicyInfo['severity'], extra: Partial<PolicyInfo> = {}): PolicyInfo => ({
  id,
  title: `title of ${id}`,
  severity,
  category: 'Resources',
  remediation: `fix ${id}`,
  behaviours: [],
  source: `rules/policies/${id}.json`,
  ...extra,
});

export const finding = (ruleId: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  severity,
  category: 'Resources',
  message: `${ruleId} found something`,
  file: 'k8s/web.yaml',
  line: 12,
  column: 9,
  path: 'spec.template.spec.containers[0].resources',
  resource: web,
  ...extra,
});
