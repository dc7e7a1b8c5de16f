// The claims a StatefulSet's volumeClaimTemplates stand for (STS-05, STS-06; the StatefulSet controller lands with the
// workloads issue): Pod <set>-<ordinal> uses claim <template>-<set>-<ordinal>, created from the template with
// the set's selector labels unless it already exists, so a replacement Pod binds to the same volume again.
// Claims are ordinary PersistentVolumeClaims from then on: binding, provisioning and reclaim apply unchanged.
import type { PersistentVolumeClaim } from '../../k8s/types.ts';

export function statefulSetClaimName(template: string, statefulSet: string, ordinal: number): string {
  return `${template}-${statefulSet}-${ordinal}`;
}

/** The claim created for one ordinal from one template (getPersistentVolumeClaims in stateful_set_utils.go). */
export function statefulSetClaim(
  template: Pick<PersistentVolumeClaim, 'metadata' | 'spec'>,
  set: { name: string; namespace?: string; selectorLabels?: Record<string, string> },
  ordinal: number,
): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      ...template.metadata,
      name: statefulSetClaimName(template.metadata.name, set.name, ordinal),
      namespace: set.namespace ?? 'default',
      labels: { ...template.metadata.labels, ...set.selectorLabels },
    },
    spec: template.spec,
  };
}
