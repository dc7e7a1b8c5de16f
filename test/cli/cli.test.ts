// The CLI as a user meets it: a real process per call, exit codes 0 / 1 / 2, one-line errors naming file and
// line, every command's --help with examples, machine-readable output, NO_COLOR.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'cli');

function kubemodel(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'kubemodel.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('kubemodel CLI', () => {
  it.each(['check', 'paths', 'viz', 'simulate', 'list', 'demo'])('POD-05: `%s --help` shows examples and exits 0', (cmd) => {
    const r = kubemodel([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Examples:');
  });

  it('POD-05: check pod explores the whole state space: exit 0 and the counts', () => {
    const r = kubemodel(['check', 'pod']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/states 2,502 {3}transitions [\d,]+ {3}depth 18/);
    expect(r.out).toContain('no violations (whole state space explored; convergence holds)');
  });

  it('POD-11: check pod-broken exits 1 with the numbered counterexample', () => {
    const r = kubemodel(['check', 'pod-broken', '-o', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { violations: { id: string; steps: { n: number }[] }[] };
    expect(report.violations[0]?.id).toBe('never-means-no-restart');
    expect(report.violations[0]?.steps.map((s) => s.n)).toEqual([1, 2, 3, 4]);
  });

  it('ROLL-05: check rollout takes replicas, maxSurge and maxUnavailable as parameters', () => {
    const r = kubemodel(['check', 'rollout', '--replicas', '10', '--max-surge', '25%', '--max-unavailable', '25%']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/states 1,219 {3}transitions [\d,]+ {3}depth 35/);
    expect(kubemodel(['check', 'rollout', '--max-surge', 'lots']).code).toBe(2);
  });

  it('API-04: a bad flag is one line on stderr and exit 2', () => {
    const r = kubemodel(['check', 'pod', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual(["error: unknown option '--bogus' (see kubemodel check --help)"]);
  });

  it('API-04: an unknown output format is exit 2 without a stack trace', () => {
    const r = kubemodel(['viz', 'pod', '-o', 'png']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: -o/--output: unsupported output format "png" (allowed: mermaid, dot, svg, json)\n');
  });

  it('API-04: an unknown model or machine names what exists', () => {
    // Every bundled model is named, in order, so a user sees what exists.
    const bundled = readdirSync(join(import.meta.dirname, '..', '..', 'properties', 'models')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect(kubemodel(['check', 'nope']).err).toContain(`error: no model "nope": not a bundled model (${bundled.join(', ')})`);
    expect(kubemodel(['paths', 'nope']).err).toBe('error: unknown machine "nope" (known: node, scheduler, pod, container, replicaset, deployment, garbage-collector, cni, persistentvolumeclaim, persistentvolume, volume-attachment, volume, leader-election)\n');
  });

  it('RES-03: a bad quantity and a YAML syntax error are reported with file and line; the good file is still simulated', () => {
    const r = kubemodel(['simulate', join(fixtures, 'bad-quantity.yaml'), join(fixtures, 'not-yaml.yaml'), join(fixtures, 'good.yaml'), '--duration', '60s']);
    expect(r.code).toBe(2);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.includes('bad-quantity.yaml:13:14') && l.includes('1.2.3Gi'))).toBe(true);
    expect(lines.some((l) => /not-yaml\.yaml:\d+:\d+: /.test(l))).toBe(true);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toMatch(/hello\s+1\/1\s+Running/);
  });

  it('API-04: an unknown rule operation in a model file names the file and the JSON path', () => {
    const r = kubemodel(['check', join(fixtures, 'unknown-operation-model.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${join(fixtures, 'unknown-operation-model.json')}: unknown operation "frobnicate" at $.rebind.container.guards.restartNow\n`);
  });

  it('SCHED-15, SCHED-10: an affinity operator Kubernetes does not know and a taint without effect are bad input, one line each', () => {
    const r = kubemodel(['simulate', join(fixtures, 'bad-affinity.yaml'), join(fixtures, 'taint-without-effect.yaml'), join(fixtures, 'good.yaml'), '--duration', '10s']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toEqual([
      `error: ${join(fixtures, 'bad-affinity.yaml')}:10:36: Pod "near": spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Unsupported value: "Near": supported values: "DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"`,
      `error: ${join(fixtures, 'taint-without-effect.yaml')}:6:5: Node "n1": spec.taints[0].effect: Required value`,
    ]);
    expect(r.out).toMatch(/hello\s+1\/1\s+Running/);
  });

  it('POD-16: simulate -o json gives events and pods with their status', () => {
    const r = kubemodel(['simulate', join(fixtures, 'good.yaml'), '--duration', '30s', '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { pods: { status: { phase: string } }[]; events: { reason: string }[] };
    expect(doc.pods[0]?.status.phase).toBe('Running');
    expect(doc.events.map((e) => e.reason)).toContain('Started');
  });

  it('POD-05: viz renders Mermaid, DOT and SVG for the container machine', () => {
    expect(kubemodel(['viz', 'container']).out).toMatch(/^stateDiagram-v2/);
    expect(kubemodel(['viz', 'container', '-o', 'dot']).out).toMatch(/^digraph/);
    expect(kubemodel(['viz', 'container', '-o', 'svg']).out).toContain('<svg');
  });

  it('POD-12: paths -o json lists paths and their coverage', () => {
    const r = kubemodel(['paths', 'container', '--kind', 'transitions', '-o', 'json']);
    const doc = JSON.parse(r.out) as { paths: unknown[]; coverage: { states: { covered: number; total: number }; transitions: { covered: number; missing: string[] } } };
    expect(doc.paths.length).toBeGreaterThan(5);
    expect(doc.coverage.states.covered).toBe(doc.coverage.states.total);
    // One sample input (restartPolicy Always, with a readiness probe) cannot take the branches for containers
    // without one; those are the only transitions left.
    expect(doc.coverage.transitions.missing.every((t) => t.includes('Running.Ready') && !t.includes('NotReady'))).toBe(true);
  });

  it('POD-05: NO_COLOR keeps escape codes out even when colour is forced', () => {
    expect(kubemodel(['check', 'pod'], { FORCE_COLOR: '1' }).out).toContain('\u001b[');
    expect(kubemodel(['check', 'pod'], { FORCE_COLOR: '1', NO_COLOR: '1' }).out).not.toContain('\u001b[');
  });

  it('POD-16: --kubernetes-version outside the supported range is bad input', () => {
    const r = kubemodel(['--kubernetes-version', '1.9', 'list']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
