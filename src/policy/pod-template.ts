// Where each kind keeps the Pod it runs: a Pod's own spec, a workload's spec.template, a CronJob's
// spec.jobTemplate.spec.template. Policies about containers read `pod` and never need to know which.

export const WORKLOAD_KINDS: readonly string[] = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'];

/** Path of the Pod template (an object with metadata and spec) inside an object of `kind`; [] for a Pod itself. */
export function podTemplatePath(kind: string): string[] | undefined {
  if (kind === 'Pod') return [];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template'];
  if (WORKLOAD_KINDS.includes(kind)) return ['spec', 'template'];
  return undefined;
}

export interface PodView {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
  /** Field path of the template in Kubernetes notation, '' for a Pod. */
  path: string;
}

export function podView(kind: string, object: Record<string, unknown>): PodView | null {
  const path = podTemplatePath(kind);
  if (!path) return null;
  let template: unknown = object;
  for (const key of path) template = isRecord(template) ? template[key] : undefined;
  if (!isRecord(template)) return null;
  return {
    metadata: isRecord(template['metadata']) ? template['metadata'] : {},
    spec: isRecord(template['spec']) ? template['spec'] : {},
    path: path.join('.'),
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
