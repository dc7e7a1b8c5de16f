// Deployment steps as a user sees them: the controller's ScalingReplicaSet Events (worded per release), and
// for users' changes the kubectl command and what it printed.
import type { KubeEvent } from '../kubelet/event-messages.ts';
import type { Deployment, ReplicaSet } from '../k8s/types.ts';
import { scalingEvent } from '../deployment/events.ts';
import { deletedLine } from '../gc/kubectl.ts';
import { parseKubernetesMinor } from '../k8s/version.ts';
import type { ActionDescription } from './describe.ts';
import type { ClusterSystem } from './system.ts';
import { instanceRef, type Action, type SystemState } from './types.ts';

const replicaSetsOf = (s: SystemState, ns: string) =>
  new Map(
    [...s.store.objects.values()]
      .filter((o) => o.kind === 'ReplicaSet' && (o.metadata.namespace ?? 'default') === ns)
      .map((o) => [o.metadata.name, o as unknown as ReplicaSet] as const),
  );

export function describeDeploymentStep(_system: ClusterSystem, before: SystemState, after: SystemState, action: Action, kubernetesVersion: string): ActionDescription {
  const ref = instanceRef(action.instance);
  const ns = ref.namespace ?? 'default';
  const name = ref.name!;
  const object = `deployment/${name}`;
  const t = action.event.type;
  const d = after.store.objects.get(`Deployment/${ns}/${name}`) as unknown as Deployment | undefined;
  if (t === 'RECONCILE') {
    const was = replicaSetsOf(before, ns);
    const now = replicaSetsOf(after, ns);
    const events: KubeEvent[] = [];
    const lines: string[] = [];
    for (const [rsName, rs] of now) {
      const old = was.get(rsName);
      const to = rs.spec.replicas ?? 1;
      const e = scalingEvent(name, rsName, old?.spec.replicas ?? 0, to, old === undefined, kubernetesVersion);
      if (e) events.push(e);
      if (!old) lines.push(`created ReplicaSet ${rsName} (revision ${rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '?'})`);
    }
    for (const rsName of was.keys()) if (!now.has(rsName)) lines.push(`deleted old ReplicaSet ${rsName} (beyond revisionHistoryLimit)`);
    const summary = [...events.map((e) => e.message), ...lines].join('; ') || 'the Deployment controller synced';
    return { actor: 'deployment-controller', object, events, summary };
  }
  if (t === 'DELETE') {
    const policy = String(action.event.propagationPolicy ?? 'background').toLowerCase();
    const line = deletedLine({ kind: 'Deployment', name, namespace: ns }, { minor: parseKubernetesMinor(kubernetesVersion) });
    const held = after.store.objects.has(`Deployment/${ns}/${name}`) ? `; it stays, with deletionTimestamp and its finalizer, until the garbage collector is done` : '';
    return { actor: 'user', object, events: [], summary: `kubectl delete deployment ${name} --cascade=${policy}: ${line}${held}` };
  }
  const image = d?.spec.template.spec.containers.map((c) => `${c.name}=${c.image ?? ''}`).join(' ') ?? '';
  const summaries: Record<string, string> = {
    SET_IMAGE: `kubectl set image deployment/${name} ${image}: deployment.apps/${name} image updated`,
    SCALE: `kubectl scale deployment/${name} --replicas=${d?.spec.replicas ?? ''}: deployment.apps/${name} scaled`,
    UNDO: `kubectl rollout undo deployment/${name}: deployment.apps/${name} rolled back`,
    PAUSE: `kubectl rollout pause deployment/${name}: deployment.apps/${name} paused`,
    RESUME: `kubectl rollout resume deployment/${name}: deployment.apps/${name} resumed`,
    DEADLINE_EXCEEDED: `progressDeadlineSeconds passed: Progressing=False, reason ProgressDeadlineExceeded`,
  };
  return { actor: action.actor, object, events: [], summary: summaries[t] ?? t };
}

/** One garbage collector step, as its reason says and the object it touches. */
export function describeGcStep(action: Action): ActionDescription {
  const a = action.event.action as { type: string; key: string; reason?: string; finalizer?: string; propagationPolicy?: string };
  const [kind, ns, name] = a.key.split('/');
  const object = `${(kind ?? '').toLowerCase()}/${name ?? ns}`;
  const what =
    a.type === 'delete'
      ? `the garbage collector deletes ${object}${a.propagationPolicy ? ` (propagationPolicy ${a.propagationPolicy})` : ''}`
      : a.type === 'removeOwnerReferences'
        ? `the garbage collector removes ${object}'s ownerReference`
        : `the garbage collector removes the ${a.finalizer ?? ''} finalizer from ${object}`;
  return { actor: 'garbage-collector', object, events: [], summary: a.reason ? `${what}: ${a.reason}` : what };
}
