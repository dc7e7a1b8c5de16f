// Where the CLI finds the bundled models and examples, and how it reads a model file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';
import { parseJsonFile } from '../io/rules-dir.ts';
import type { AnyModelFile } from '../checker/run.ts';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const modelsDir = join(packageRoot, 'properties', 'models');
export const exampleCluster = join(packageRoot, 'examples', 'cluster');

export function bundledModelNames(): string[] {
  return readdirSync(modelsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** A bundled model by name (`pod`) or a model file by path. */
export function readModel(nameOrPath: string): { file: string; model: AnyModelFile } {
  const bundled = join(modelsDir, `${nameOrPath}.json`);
  const file = existsSync(bundled) ? bundled : nameOrPath;
  if (!existsSync(file)) {
    throw new InputError(`no model "${nameOrPath}": not a bundled model (${bundledModelNames().join(', ')}) and no such file`);
  }
  const parsed = parseJsonFile(readFileSync(file, 'utf8'), file) as AnyModelFile;
  const required =
    parsed.kind === 'leader-election' || parsed.kind === 'rollout' ? (['id', 'expect'] as const) : parsed.kind === 'network' ? (['id', 'cluster', 'service', 'expect'] as const) : (['id', 'objects', 'expect'] as const);
  for (const field of required) {
    if ((parsed as unknown as Record<string, unknown>)[field] === undefined) throw new InputError(`model is missing "${field}"`, file, 1, 1);
  }
  if (parsed.kind !== undefined && parsed.kind !== 'leader-election' && parsed.kind !== 'rollout' && parsed.kind !== 'network') {
    throw new InputError(`unknown model kind "${String((parsed as { kind: unknown }).kind)}" (known: leader-election, rollout, network, or none for cluster models)`, file, 1, 1);
  }
  return { file, model: parsed };
}
