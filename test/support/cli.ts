// Runs the real CLI as a user would: a separate process, its exit code, stdout and stderr, without colour.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

export function kubemodel(args: string[], env: Record<string, string> = {}, input?: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'kubemodel.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    timeout: 60_000,
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
