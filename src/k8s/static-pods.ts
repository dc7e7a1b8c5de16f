// Static Pods (NODE-05, NODE-06): kubelet runs Pods from manifest files in its staticPodPath and posts a
// read-only mirror Pod to the API server. kubemodel reads a Pod manifest annotated
// kubernetes.io/config.source: file (with spec.nodeName naming the node whose directory holds it) as such a
// file, and gives the API the mirror kubelet would create: named <name>-<node>, annotated
// kubernetes.io/config.mirror and config.hash, owned by the Node.
import { createHash } from 'node:crypto';
import type { Pod } from './types.ts';

export const CONFIG_SOURCE = 'kubernetes.io/config.source';
export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';
export const CONFIG_HASH = 'kubernetes.io/config.hash';

export function isStaticManifest(pod: Pod): boolean {
  return pod.metadata.annotations?.[CONFIG_SOURCE] === 'file' && pod.metadata.annotations?.[CONFIG_MIRROR] === undefined;
}

/** The mirror Pod kubelet posts for a static Pod manifest; other Pods are returned unchanged. */
export function mirrorPod(pod: Pod): Pod {
  if (!isStaticManifest(pod) || !pod.spec.nodeName) return pod;
  const node = pod.spec.nodeName;
  // kubelet's config hash is an md5 over the manifest; any stable digest of it serves the model.
  const hash = createHash('md5').update(JSON.stringify(pod)).digest('hex');
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      name: `${pod.metadata.name}-${node}`,
      annotations: { ...pod.metadata.annotations, [CONFIG_HASH]: hash, [CONFIG_MIRROR]: hash },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: '', controller: true }],
    },
  };
}
