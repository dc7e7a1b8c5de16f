import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifestSources, STDIN_FILE } from '../../src/io/manifests.ts';
import { parseManifests } from '../../src/k8s/parse-manifests.ts';

const GOOD = 'test/fixtures/manifests/good';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: from-stdin\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n';

describe('readManifestSources', () => {
  it('API-04: a directory is read recursively in path order, only *.yaml, *.yml and *.json', async () => {
    const { sources, errors } = await readManifestSources([GOOD]);
    expect(errors).toEqual([]);
    expect(sources.map((s) => s.file)).toEqual([
      `${GOOD}/list.yaml`,
      `${GOOD}/nested/deeper/sidecar.yaml`,
      `${GOOD}/nested/stream.yml`,
      `${GOOD}/node.json`,
      `${GOOD}/pod.yaml`,
    ]);
    expect(sources[0]!.text).toBe(readFileSync(`${GOOD}/list.yaml`, 'utf8'));
  });

  it('API-04: a file named explicitly is read whatever its extension', async () => {
    const { sources } = await readManifestSources([`${GOOD}/nested/deeper/README.txt`]);
    expect(sources.map((s) => s.file)).toEqual([`${GOOD}/nested/deeper/README.txt`]);
  });

  it('API-04: a missing path is one error and the other paths are still read', async () => {
    const { sources, errors } = await readManifestSources(['no/such/file.yaml', `${GOOD}/pod.yaml`]);
    expect(errors.map((e) => e.located)).toEqual(['no/such/file.yaml: no such file or directory']);
    expect(sources.map((s) => s.file)).toEqual([`${GOOD}/pod.yaml`]);
  });

  it('API-04: `-` reads standard input once, under the name <stdin>', async () => {
    const { sources, errors } = await readManifestSources(['-', `${GOOD}/pod.yaml`, '-'], { stdin: POD });
    expect(sources.map((s) => s.file)).toEqual([STDIN_FILE, `${GOOD}/pod.yaml`]);
    expect(errors.map((e) => e.located)).toEqual(['<stdin>: standard input was given more than once; it is read only once']);
    const { objects } = parseManifests(sources);
    expect(objects.map((o) => `${o.file}:${o.position('metadata.name')?.line}`)).toEqual(['<stdin>:4', `${GOOD}/pod.yaml:5`]);
  });

  it('API-04: standard input can come from a reader function', async () => {
    const { sources } = await readManifestSources(['-'], { stdin: async () => POD });
    expect(sources).toEqual([{ file: STDIN_FILE, text: POD }]);
  });

  it('API-04: a file reached twice (named, and inside a named directory) is read once', async () => {
    const { sources } = await readManifestSources([`${GOOD}/pod.yaml`, GOOD]);
    expect(sources.filter((s) => s.file.endsWith('/pod.yaml'))).toHaveLength(1);
  });

  it('API-04: a directory without manifests is an error; a symlink loop is not followed forever', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kubemodel-io-'));
    mkdirSync(join(root, 'empty'));
    mkdirSync(join(root, 'loop'));
    writeFileSync(join(root, 'loop', 'pod.yaml'), POD);
    symlinkSync(join(root, 'loop'), join(root, 'loop', 'again'));
    const { sources, errors } = await readManifestSources([join(root, 'empty'), join(root, 'loop')]);
    rmSync(root, { recursive: true, force: true });
    expect(errors.map((e) => e.located)).toEqual([`${join(root, 'empty')}: no .json, .yaml, .yml files found in this directory`]);
    expect(sources.map((s) => s.file)).toEqual([join(root, 'loop', 'pod.yaml')]);
  });

  it('API-04: reading never changes the files (contents identical afterwards)', async () => {
    const before = readFileSync(`${GOOD}/node.json`, 'utf8');
    const { sources } = await readManifestSources([`${GOOD}/node.json`]);
    parseManifests(sources);
    expect(readFileSync(`${GOOD}/node.json`, 'utf8')).toBe(before);
  });
});
