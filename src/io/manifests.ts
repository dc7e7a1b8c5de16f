// Collects manifest texts the way `kubectl apply -f … -R` does: files as named, directories recursively
// (only *.yaml, *.yml, *.json, like kubectl's FileExtensions, compared case-sensitively), `-` for standard
// input. Nothing is written; a path that cannot be read becomes an InputError and the others are still read.
// Parsing is src/k8s/parse-manifests.ts's job.

import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '../errors.ts';
import type { ManifestSource } from '../k8s/parse-manifests.ts';

/** The file name errors show for text read from standard input. */
export const STDIN_FILE = '<stdin>';
export const MANIFEST_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];

export interface ReadManifestOptions {
  /** Standard input's text, or how to read it; defaults to reading process.stdin to the end. */
  stdin?: string | (() => Promise<string>);
}

export interface ReadManifestResult {
  /** In the order given; a directory's files sorted by path so runs are reproducible. */
  sources: ManifestSource[];
  errors: InputError[];
}

export async function readManifestSources(
  paths: readonly string[],
  options: ReadManifestOptions = {},
): Promise<ReadManifestResult> {
  const result: ReadManifestResult = { sources: [], errors: [] };
  // The same file reached twice (named and inside a named directory, or via a symlink) is read once,
  // so its objects are not reported as duplicates of themselves.
  const visited = new Set<string>();
  let stdinRead = false;
  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) {
        result.errors.push(new InputError('standard input was given more than once; it is read only once', STDIN_FILE));
        continue;
      }
      stdinRead = true;
      result.sources.push({ file: STDIN_FILE, text: await readStdin(options.stdin) });
      continue;
    }
    await collect(path, true, visited, result);
  }
  return result;
}

async function collect(path: string, named: boolean, visited: Set<string>, result: ReadManifestResult): Promise<void> {
  try {
    const real = await realpath(path);
    if (visited.has(real)) return;
    visited.add(real);
    const info = await stat(real);
    if (info.isDirectory()) {
      const before = result.sources.length;
      const entries = (await readdir(path)).sort();
      for (const entry of entries) {
        const child = join(path, entry);
        const childInfo = await stat(child).catch(() => undefined);
        if (childInfo?.isDirectory() || MANIFEST_EXTENSIONS.includes(extname(entry))) await collect(child, false, visited, result);
      }
      if (named && result.sources.length === before)
        result.errors.push(new InputError(`no ${MANIFEST_EXTENSIONS.join(', ')} files found in this directory`, path));
      return;
    }
    result.sources.push({ file: path, text: await readFile(real, 'utf8') });
  } catch (error) {
    result.errors.push(new InputError(describe(error), path));
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return (error as Error).message;
}

async function readStdin(stdin: ReadManifestOptions['stdin']): Promise<string> {
  if (typeof stdin === 'string') return stdin;
  if (stdin) return stdin();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
