// NamespaceLifecycle (API-15), a mutating plugin that runs first in the API server's fixed order (API-11):
// staging/src/k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go. The decision is rule
// admission/namespace-lifecycle; this file reads the namespace from the store and words the status.
//
// Namespaces the API server creates itself (default by the bootstrap controller; kube-system, kube-public,
// kube-node-lease by the system-namespaces controller) exist even when the cluster view does not list them.
// Left out: the 50 ms wait and live lookup that paper over a stale informer cache; the model's view is exact.
import { getRule } from '../rules/registry.ts';
import type { Namespace } from '../k8s/types.ts';
import { forbidden, notFound, type Attributes, type ClusterState, type MutationStep } from './types.ts';

const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export type NamespaceVerdict = 'allow' | 'immortal' | 'not-found' | 'terminating';

function lookup(cluster: ClusterState, name: string): Namespace | undefined {
  const found = cluster.namespaces.find((n) => n.metadata.name === name);
  if (found || !BUILT_IN_NAMESPACES.includes(name)) return found;
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } };
}

export function namespaceVerdict(attrs: Attributes, cluster: ClusterState): NamespaceVerdict {
  const ns = attrs.namespace === undefined ? undefined : lookup(cluster, attrs.namespace);
  return getRule('admission/namespace-lifecycle').evaluate({
    operation: attrs.operation,
    kind: attrs.kind,
    name: attrs.name,
    namespace: attrs.namespace ?? null,
    namespaceExists: ns !== undefined,
    // SetDefaults_NamespaceStatus: a Namespace without a phase is Active.
    namespacePhase: ns ? (ns.status?.phase ?? 'Active') : null,
  }) as NamespaceVerdict;
}

export function namespaceLifecycle(attrs: Attributes, cluster: ClusterState): MutationStep {
  switch (namespaceVerdict(attrs, cluster)) {
    case 'immortal':
      return { status: forbidden('Namespace', attrs.name, 'this namespace may not be deleted') };
    case 'not-found':
      return { status: notFound('Namespace', attrs.namespace ?? '') };
    case 'terminating':
      return {
        status: forbidden(attrs.kind, attrs.name, `unable to create new content in namespace ${attrs.namespace} because it is being terminated`),
      };
    case 'allow':
      return { object: attrs.object };
  }
}
