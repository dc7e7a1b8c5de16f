// A counterexample as numbered steps in kubectl/Event vocabulary: who acted, the Events recorded (or a
// sentence where Kubernetes records none), and the change each step made to `kubectl get pods` columns.
import type { Pod } from '../k8s/types.ts';
import { podStatusColumns } from '../kubectl/get-pods.ts';
import { describeStep } from '../system/describe.ts';
import type { ClusterSystem } from '../system/system.ts';
import { projectStatus } from '../system/pods.ts';
import { instanceRef, type Action, type SystemState } from '../system/types.ts';
import type { Trace } from './bfs.ts';

export interface TraceStep {
  n: number;
  actor: string;
  object: string;
  event: Action['event'];
  fault: boolean;
  /** Events as `Type Reason: message`, or the plain sentence. */
  what: string[];
  /** `pod/web: STATUS Init:0/1 → PodInitializing` and the like; empty when no column changed. */
  changes: string[];
}

const EPOCH = new Date(0);

/** `kubectl get pods` columns of every Pod in the state, by name (AGE is meaningless in the checker). */
function columns(system: ClusterSystem, state: SystemState): Map<string, { ready: string; status: string; restarts: string; phase: string }> {
  const out = new Map<string, { ready: string; status: string; restarts: string; phase: string }>();
  for (const { pod, group, node } of system.podGroups(state)) {
    const withStatus: Pod = { ...pod, status: projectStatus(system.machines, pod, group, node) };
    const c = podStatusColumns(withStatus, EPOCH);
    out.set(pod.metadata.name, { ready: c.ready, status: c.status, restarts: c.restarts, phase: podStatusPhase(withStatus) });
  }
  return out;
}

function podStatusPhase(pod: Pod): string {
  return pod.status?.phase ?? '';
}

export function renderTrace(system: ClusterSystem, trace: Trace<SystemState, Action>, kubernetesVersion: string): TraceStep[] {
  const steps: TraceStep[] = [];
  let before = trace.initial;
  let cols = columns(system, before);
  trace.steps.forEach(({ action, state }, i) => {
    const d = describeStep(system, before, state, action, kubernetesVersion);
    const container = instanceRef(action.instance).container;
    const next = columns(system, state);
    const changes: string[] = [];
    for (const [podName, b] of cols) {
      const a = next.get(podName);
      if (!a) {
        changes.push(`pod/${podName}: deleted`);
        continue;
      }
      const diff: string[] = [];
      if (a.ready !== b.ready) diff.push(`READY ${b.ready} → ${a.ready}`);
      if (a.status !== b.status) diff.push(`STATUS ${b.status} → ${a.status}`);
      if (a.restarts !== b.restarts) diff.push(`RESTARTS ${b.restarts} → ${a.restarts}`);
      if (diff.length > 0) changes.push(`pod/${podName}: ${diff.join(', ')}`);
    }
    steps.push({
      n: i + 1,
      actor: d.actor,
      object: container ? `${d.object} container ${container}` : d.object,
      event: action.event,
      fault: action.fault,
      what: d.events.length > 0 ? d.events.map((e) => `${e.type} ${e.reason}: ${e.message}`) : [d.summary],
      changes,
    });
    before = state;
    cols = next;
  });
  return steps;
}
