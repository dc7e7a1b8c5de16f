// The pieces of the canonical state key (ClusterSystem.key) that come from contexts and stored specs.
import type { StoredObject } from './store.ts';

/** What controllers and users write into a ReplicaSet's or Deployment's object without a machine transition. */
export function specKey(o: StoredObject | undefined): string {
  if (!o) return '#-';
  const spec = o['spec'] as { replicas?: number; paused?: boolean };
  const revision = (o.metadata['annotations'] as Record<string, string> | undefined)?.['deployment.kubernetes.io/revision'] ?? '';
  const m = o.metadata as { generation?: number; deletionTimestamp?: string; finalizers?: string[]; ownerReferences?: unknown[] };
  return `#${spec.replicas ?? 1}:${spec.paused ? 'p' : ''}:${String(m.generation ?? '')}:${revision}:${m.deletionTimestamp ? 'd' : ''}${(m.finalizers ?? []).join(',')}:${m.ownerReferences?.length ?? 0}`;
}

/**
 * A context's varying fields. Booleans are inputs fixed at creation (probes, roles), except the Deployment's
 * once-only user flags, whose every change also bumps metadata.generation, which specKey carries.
 */
export function contextKey(context: unknown): string {
  const c = context as Record<string, unknown>;
  let out = '';
  for (const k in c) {
    const v = c[k];
    if (typeof v === 'boolean' || k === 'name' || k === 'role' || k === 'restartPolicy' || k === 'pod') continue;
    out += `${v},`;
  }
  return out;
}
