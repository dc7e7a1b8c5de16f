// `kubemodel check rollout` with the rollout flags, as a user runs it: a real process, exit codes 0 / 1 / 2.
import { describe, expect, it } from 'vitest';
import { kubemodel } from '../support/cli.ts';



describe('kubemodel check rollout flags', () => {
  it('ROLL-06: --strategy Recreate checks the Recreate invariants and passes (exit 0)', () => {
    const r = kubemodel(['check', 'rollout', '--strategy', 'Recreate', '-o', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { states: number; invariants: string[]; violations: unknown[] };
    expect(report.invariants).toEqual(['max-surge', 'recreate-never-mixes', 'rollout-complete']);
    expect(report.states).toBe(21);
  });

  it('ROLL-07, ROLL-08: --scale-to 5 --pause is the rollout-scale-up model: 894 states, no violation', () => {
    const r = kubemodel(['check', 'rollout', '--scale-to', '5', '--pause', '-o', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { states: number }).states).toBe(894);
  });

  it('ROLL-10: --undo finds the availability dip after an undo (exit 1, 9-step trace)', () => {
    const r = kubemodel(['check', 'rollout', '--undo', '-o', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { violations: { id: string; steps: string[] }[] };
    expect(report.violations.map((v) => [v.id, v.steps.length])).toEqual([['min-available', 9]]);
  });

  it('ROLL-06: an unknown --strategy is bad input (exit 2) naming the accepted values', () => {
    const r = kubemodel(['check', 'rollout', '--strategy', 'recreate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--strategy takes RollingUpdate or Recreate, got "recreate".');
  });

  it('ROLL-07: check --help shows the rollout flags with examples', () => {
    const r = kubemodel(['check', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--strategy <type>', '--scale-to <n>', '--undo', '--pause', 'kubemodel check rollout --strategy Recreate']) expect(r.out).toContain(flag);
  });
});
