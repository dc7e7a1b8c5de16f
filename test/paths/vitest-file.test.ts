// The generated vitest file: valid TypeScript, one `it` per path, and — with an adapter that drives the
// machine itself — every generated test passes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { EventObject } from 'xstate';
import { machinePaths } from '../../src/paths/paths.ts';
import { toVitestFile } from '../../src/paths/vitest-file.ts';
import type { PathAdapter } from '../../src/paths/vitest-file.ts';
import { twoContainerPod } from '../fixtures/machines/two-container-pod.ts';

const root = resolve(import.meta.dirname, '../..');
const paths = machinePaths(twoContainerPod, { kind: 'transitions' });
const source = toVitestFile(twoContainerPod, paths, { importPath: '../src/paths/vitest-file.ts' });

describe('toVitestFile', () => {
  it('POD-05 POD-11: the file is syntactically valid TypeScript with one it( per path', () => {
    expect(() => transformSync(source, { loader: 'ts', format: 'esm' })).not.toThrow();
    expect(source.match(/^ {2}it\(/gm)).toHaveLength(paths.paths.length);
    expect(source).toContain('describe("two-container-pod (POD-04, POD-05, POD-08, POD-11, POD-12, POD-15, PROBE-03)", () => {');
  });

  it('POD-12: each step is a commented given/when, a send and an assertState', () => {
    const crash = source.slice(source.indexOf('it("Running(app.Waiting.CrashLoopBackOff, sidecar.Waiting.ContainerCreating) via'));
    const body = crash.slice(0, crash.indexOf('  });'));
    expect(body).toContain('// given Running(app.Running, sidecar.Waiting.ContainerCreating) when EXIT(container=app, code=1)');
    expect(body).toContain('await sut.send({"type":"EXIT","container":"app","code":1});');
    expect(body).toContain(
      'await sut.assertState({"Running":{"app":{"Waiting":"CrashLoopBackOff"},"sidecar":{"Waiting":"ContainerCreating"}}});',
    );
    expect(source).toContain('throw new Error("TODO: implement createSut() for two-container-pod");');
  });

  it('POD-05: a line break in an event payload cannot end a comment early', () => {
    const odd = toVitestFile(twoContainerPod, [
      { id: 'x-1', target: { value: 'Pending' }, steps: [{ event: { type: 'NOTE', text: 'a\nb' } as EventObject, value: 'Pending' }], description: 'odd' },
    ], { importPath: './adapter.ts' });
    expect(odd).toContain('// when NOTE(text=a b)\n');
    expect(() => transformSync(odd, { loader: 'ts' })).not.toThrow();
  });

  it('POD-05 POD-11: the generated file type-checks under the project tsconfig', () => {
    const dir = join(root, 'node_modules', '.cache', 'kubemodel-vitest-file-test');
    mkdirSync(dir, { recursive: true });
    const work = mkdtempSync(join(dir, 'gen-'));
    try {
      const importPath = join(root, 'src/paths/vitest-file.ts');
      writeFileSync(join(work, 'gen.test.ts'), toVitestFile(twoContainerPod, paths, { importPath }));
      writeFileSync(
        join(work, 'tsconfig.json'),
        JSON.stringify({ extends: join(root, 'tsconfig.json'), include: ['gen.test.ts'] }),
      );
      const tsc = join(root, 'node_modules', '.bin', 'tsc');
      expect(() => execFileSync(tsc, ['--noEmit', '-p', work], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('POD-04 POD-08 POD-12 PROBE-03: with an adapter driving the machine itself, every generated test passes', async () => {
    const filled = source.replace(
      'throw new Error("TODO: implement createSut() for two-container-pod");',
      'return (globalThis as any).__kubemodelSut();',
    );
    const tests: Array<[string, () => Promise<void>]> = [];
    const fakeVitest = {
      describe: (_name: string, body: () => void) => body(),
      it: (name: string, body: () => Promise<void>) => tests.push([name, body]),
    };
    const { code } = transformSync(filled, { loader: 'ts', format: 'cjs' });
    const sut = (): PathAdapter => {
      const actor = createActor(twoContainerPod.machine).start();
      return {
        send: (event) => actor.send(event),
        assertState: (expected) => expect(actor.getSnapshot().value).toEqual(expected),
      };
    };
    (globalThis as Record<string, unknown>).__kubemodelSut = sut;
    try {
      new Function('require', 'exports', code)((id: string) => (id === 'vitest' ? fakeVitest : {}), {});
      expect(tests).toHaveLength(paths.paths.length);
      for (const [, body] of tests) await body();
    } finally {
      delete (globalThis as Record<string, unknown>).__kubemodelSut;
    }
  });
});
