// `kubemodel simulate --until stable` and `--steps N` as a user meets them: a real process per call.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const good = join(root, 'test', 'fixtures', 'cli', 'good.yaml');

function kubemodel(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'kubemodel.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('kubemodel simulate --until / --steps', () => {
  it('POD-07: --until stable says when the cluster settled and reads AGE at that time', () => {
    const r = kubemodel(['simulate', good, '--until', 'stable']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Settled after \d+s of simulated time: no component has anything left to do and no scenario step remains\.\n/);
    expect(r.out).toMatch(/hello\s+1\/1\s+Running\s+0\s+\d+s\n/);
  });

  it('POD-07: -o json carries stoppedBy and settledAt', () => {
    const r = kubemodel(['simulate', good, '--until', 'stable', '-o', 'json']);
    const doc = JSON.parse(r.out) as { stoppedBy: string; settledAt: number; simulatedSeconds: number };
    expect(doc.stoppedBy).toBe('stable');
    expect(doc.simulatedSeconds).toBe(doc.settledAt);
  });

  it('POD-16: --steps 1 stops after one step and says so', () => {
    const r = kubemodel(['simulate', good, '--steps', '1', '--trace']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Stopped after 1 steps, at \d+s of simulated time\.\n/);
  });

  // [name, args, message fragment]
  const usage: [string, string[], string][] = [
    ['API-04: --until with anything but "stable" is a usage error', ['--until', 'ready'], `--until takes "stable"`],
    ['API-04: --steps 0 is a usage error', ['--steps', '0'], '--steps takes a whole number of steps, 1 or more, got "0"'],
    ['API-04: --steps with a non-number is a usage error', ['--steps', 'ten'], '--steps takes a whole number of steps, 1 or more, got "ten"'],
  ];
  it.each(usage)('%s (exit 2, one line)', (_name, args, fragment) => {
    const r = kubemodel(['simulate', good, ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(fragment);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('POD-05: simulate --help shows the --until and --steps examples', () => {
    const r = kubemodel(['simulate', '--help']);
    expect(r.out).toContain('--until <condition>');
    expect(r.out).toContain('kubemodel simulate my-pods.yaml --until stable');
    expect(r.out).toContain('--steps 20');
  });
});
