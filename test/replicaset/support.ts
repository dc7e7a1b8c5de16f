// Builders for the ReplicaSet controller tests: a ReplicaSet "web" (uid rs-web, selector app=web) and Pods
// described by the facts the controller reads. Times are seconds before NOW.
import type { Pod, PodPhase, ReplicaSet } from '../../src/k8s/types.ts';
import type { ReplicaSetWithStatus } from '../../src/replicaset/status.ts';

export const T0 = Date.parse('2026-01-01T00:00:00Z');
export const NOW = new Date(T0 + 7200_000).toISOString();
/** An RFC 3339 time `seconds` before NOW. */
export const ago = (seconds: number): string => new Date(T0 + 7200_000 - seconds * 1000).toISOString();

export interface PodOptions {
  uid?: string;
  node?: string;
  phase?: PodPhase;
  /** Ready since this many seconds; null: Ready without a transition time; absent: not Ready. */
  readyFor?: number | null;
  restarts?: number;
  /** Created this many seconds ago; null: no creationTimestamp. Default 7200. */
  age?: number | null;
  cost?: string;
  labels?: Record<string, string>;
  /** Controller UID; null: orphan. Default rs-web. */
  owner?: string | null;
  deleting?: boolean;
}

export function pod(name: string, o: PodOptions = {}): Pod {
  const ready = o.readyFor !== undefined;
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: o.uid ?? name, labels: o.labels ?? { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [
        ready
          ? { type: 'Ready', status: 'True', ...(o.readyFor === null ? {} : { lastTransitionTime: ago(o.readyFor as number) }) }
          : { type: 'Ready', status: 'False' },
      ],
      containerStatuses: [{ name: 'web', state: {}, ready, restartCount: o.restarts ?? 0 }],
    },
  };
  const node = o.node ?? (o.phase === 'Pending' ? undefined : 'node-1');
  if (node !== undefined) p.spec.nodeName = node;
  const age = o.age === undefined ? 7200 : o.age;
  if (age !== null) p.metadata.creationTimestamp = ago(age);
  if (o.cost !== undefined) p.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': o.cost };
  const owner = o.owner === undefined ? 'rs-web' : o.owner;
  if (owner !== null) p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner.replace(/^rs-/, ''), uid: owner, controller: true, blockOwnerDeletion: true }];
  if (o.deleting) p.metadata.deletionTimestamp = ago(1);
  return p;
}

export interface RsOptions {
  replicas?: number;
  minReadySeconds?: number;
  deleting?: boolean;
  generation?: number;
  templateLabels?: Record<string, string>;
  conditions?: NonNullable<ReplicaSetWithStatus['status']>['conditions'];
}

export function replicaSet(o: RsOptions = {}): ReplicaSetWithStatus {
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default', uid: 'rs-web' },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: o.templateLabels ?? { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  };
  if (o.minReadySeconds !== undefined) rs.spec.minReadySeconds = o.minReadySeconds;
  if (o.deleting) rs.metadata.deletionTimestamp = ago(1);
  const out: ReplicaSetWithStatus = { ...rs, metadata: { ...rs.metadata, generation: o.generation ?? 1 } };
  if (o.conditions) out.status = { conditions: o.conditions };
  return out;
}

export const names = (pods: readonly Pod[]): string[] => pods.map((p) => p.metadata.name);
