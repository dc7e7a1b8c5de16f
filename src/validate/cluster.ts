// The cluster a validation run is checked against, as the simulation-backed policies see it: the user's
// --cluster file or the bundled example (read by src/io/cluster-file.ts), joined with the manifests' objects.
import type { IndexedObject, ObjectIndex } from '../policy/object-index.ts';
import type { ModelContext } from '../policy/models/types.ts';

export interface ClusterDescription {
  objects: IndexedObject[];
  source: { file: string; bundled: boolean };
}

export function modelContext(index: ObjectIndex, cluster: ClusterDescription, kubernetesVersion: string): ModelContext {
  return { index, cluster: cluster.objects, clusterSource: cluster.source, kubernetesVersion };
}
