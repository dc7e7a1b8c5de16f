// `-o github`: one workflow command per unsuppressed finding, escaped as the Actions runner reads them.
import { describe, expect, it } from 'vitest';
import { toGithub } from '../../src/validate/format-github.ts';
import type { ValidationReport } from '../../src/validate/report.ts';
import { finding } from './support.ts';

const report = (findings: ValidationReport['findings']): ValidationReport => ({
  findings,
  policies: [],
  resources: [],
  files: [],
  cluster: { file: 'cluster.yaml', bundled: true },
  kubernetesVersion: '1.37',
});

describe('toGithub', () => {
  it('maps severities to error, warning and notice, with file, line, column and a title naming rule and object', () => {
    const out = toGithub(report([finding('privileged', 'error'), finding('memory-limit', 'warning'), finding('liveness-probe', 'info')]));
    expect(out.split('\n')).toEqual([
      '::error file=k8s/web.yaml,line=12,col=9,title=kubemodel privileged Deployment/shop/web::privileged found something',
      '::warning file=k8s/web.yaml,line=12,col=9,title=kubemodel memory-limit Deployment/shop/web::memory-limit found something',
      '::notice file=k8s/web.yaml,line=12,col=9,title=kubemodel liveness-probe Deployment/shop/web::liveness-probe found something',
      '',
    ]);
  });

  it('escapes %, newlines and, in properties, colons and commas; leaves suppressed findings out', () => {
    const out = toGithub(
      report([
        finding('x', 'error', { file: 'a,b:c.yaml', message: '100% sure\nsecond line' }),
        finding('y', 'error', { suppressed: { kind: 'annotation' } }),
      ]),
    );
    expect(out).toBe('::error file=a%2Cb%3Ac.yaml,line=12,col=9,title=kubemodel x Deployment/shop/web::100%25 sure%0Asecond line\n');
  });
});
