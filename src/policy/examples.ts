// Runs policies over in-memory objects, as a policy's examples and test suites give them: the objects of
// one case are loaded together (so multi-object policies see each other), positions are not known.
import { evaluatePolicies, type EvaluationContext } from './evaluate.ts';
import type { CompiledPolicy } from './load.ts';
import type { ModelContext } from './models/types.ts';
import { ObjectIndex, type IndexedObject } from './object-index.ts';
import { isRecord } from './pod-template.ts';
import type { ExampleObject, Finding } from './types.ts';

export function indexedObject(object: ExampleObject): IndexedObject {
  const meta = isRecord(object['metadata']) ? object['metadata'] : {};
  return {
    kind: String(object['kind'] ?? ''),
    apiVersion: String(object['apiVersion'] ?? ''),
    name: typeof meta['name'] === 'string' ? meta['name'] : '',
    namespace: typeof meta['namespace'] === 'string' ? meta['namespace'] : CLUSTER_SCOPED.has(String(object['kind'])) ? '' : 'default',
    object,
  };
}

/** Kinds without a namespace; every other kind is namespaced (custom resources usually are). */
export const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'PriorityClass',
  'CustomResourceDefinition',
  'IngressClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'RuntimeClass',
  'APIService',
]);

/** Findings of `policies` over one case's objects; `model` supplies the cluster for simulation-backed ones. */
export function checkObjects(
  policies: readonly CompiledPolicy[],
  objects: readonly ExampleObject[],
  options: { kubernetesVersion: string; model?: (index: ObjectIndex) => ModelContext },
): Finding[] {
  const targets = objects.map(indexedObject);
  const index = new ObjectIndex(targets);
  const ctx: EvaluationContext = { index, kubernetesVersion: options.kubernetesVersion, ...(options.model ? { model: options.model(index) } : {}) };
  return targets.flatMap((t) =>
    evaluatePolicies(policies, { ...t, file: '<example>', position: () => ({ line: 1, column: 1 }) }, ctx),
  );
}
