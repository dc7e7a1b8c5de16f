// Reads the cluster description validate simulates on: the user's --cluster file (nodes, storage classes,
// volumes, and whatever else runs there), or the bundled examples/validate/cluster.yaml. Its objects are
// read as the simulator reads them, so a bad cluster file is bad input (exit 2).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.ts';
import { parseManifests } from '../k8s/parse-manifests.ts';
import { indexedObject } from '../policy/examples.ts';
import type { ObjectIndex } from '../policy/object-index.ts';
import type { ModelContext } from '../policy/models/types.ts';
import { modelContext, type ClusterDescription } from '../validate/cluster.ts';

const BUNDLED = 'examples/validate/cluster.yaml';
export const bundledClusterFile = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), BUNDLED);

export function readCluster(file?: string): ClusterDescription {
  const path = file ?? bundledClusterFile;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError('--cluster: no such file', path);
  }
  const parsed = parseManifests([{ file: path, text }]);
  const [first] = parsed.errors;
  if (first) throw first;
  return {
    objects: parsed.objects.map((o) => indexedObject(o.object as unknown as Record<string, unknown>)),
    // The bundled file is named as it sits in the package, not by this machine's absolute path.
    source: { file: file ?? BUNDLED, bundled: file === undefined },
  };
}

let bundled: ClusterDescription | undefined;

/** For policy examples and tests: the bundled cluster under each case's objects. */
export function bundledModelContext(kubernetesVersion: string): (index: ObjectIndex) => ModelContext {
  bundled ??= readCluster();
  const cluster = bundled;
  return (index) => modelContext(index, cluster, kubernetesVersion);
}
