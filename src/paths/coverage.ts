// How much of a machine a set of test paths exercises: which state nodes were active and which transition
// definitions were taken, found by replaying every path.
//
// Replay uses the machine's own `transition` with one actor scope whose system carries an inspection
// observer: XState reports every microstep with the definitions it took (`_transitions`), which includes
// what `machine.getTransitionData(snapshot, event)` cannot see — `onDone` and eventless (`always`)
// transitions raised inside the macrostep (5.33.3: getTransitionData returns only the definitions enabled
// for the event itself). The scope object and `_transitions` are XState internals: they stay in this
// module, and `replay` fails loudly if a state change arrives without any reported transition.
import { createActor } from 'xstate';
import type { AnyActorScope, AnyMachineSnapshot, AnyStateMachine, AnyStateNode, AnyTransitionDefinition, EventObject, StateValue } from 'xstate';
import { MachineError } from '../errors.ts';
import type { MachineEntry } from '../../machines/registry-types.ts';
import { allEdges, descendants, edgeLabel } from '../diagram/walk.ts';
import type { MachinePath, PathsResult } from './paths.ts';

export interface CoverageCount {
  covered: number;
  total: number;
  /** State node ids, or transitions as `<source id> --<label>--> <target ids>`. */
  missing: string[];
}

export interface Coverage {
  /** Every state node below the root except history pseudo-states (never active themselves). */
  states: CoverageCount;
  /** Every transition definition: (source node, event, guard, targets), eventless and delayed included. */
  transitions: CoverageCount;
}

export function coverage(
  entry: MachineEntry,
  paths: PathsResult | readonly MachinePath[],
  opts: { input?: unknown } = {},
): Coverage {
  const list = 'paths' in paths ? paths.paths : paths;
  const activeIds = new Set<string>();
  const taken = new Set<AnyTransitionDefinition>();
  for (const path of list) {
    replay(entry, path.steps.map((s) => s.event), opts.input, (snapshot, transitions, index) => {
      const expected = index > 0 ? path.steps[index - 1]?.value : undefined;
      if (expected !== undefined && JSON.stringify(expected) !== JSON.stringify(snapshot.value)) {
        throw new MachineError(
          entry.id,
          entry.machine.root.id,
          `path ${path.id} (${path.description}) does not replay: step ${index} expected ` +
            `${JSON.stringify(expected)}, got ${JSON.stringify(snapshot.value)}`,
        );
      }
      for (const id of activeNodeIds(entry.machine, snapshot.value)) activeIds.add(id);
      for (const t of transitions) {
        taken.add(t);
        // A transient state (left at once by an eventless transition) is never the value of a snapshot.
        for (const node of [t.source, ...(t.target ?? [])]) for (const id of ancestry(node)) activeIds.add(id);
      }
    });
  }

  const states = descendants(entry.machine.root).filter((n) => n.type !== 'history');
  const missingStates = states.filter((n) => !activeIds.has(n.id)).map((n) => n.id);
  const edges = allEdges(entry.machine);
  const missingEdges = edges.filter((e) => !taken.has(e.definition)).map(
    (e) => `${e.source.id} --${edgeLabel(e)}--> ${e.targets.map((t) => t.id).join(', ') || '(self)'}`,
  );
  return {
    states: { covered: states.length - missingStates.length, total: states.length, missing: missingStates },
    transitions: { covered: edges.length - missingEdges.length, total: edges.length, missing: missingEdges },
  };
}

/**
 * Sends `events` from the initial state, calling `visit` with each snapshot (index 0: the initial one), the
 * transition definitions taken to reach it. Stops at a done snapshot, as path generation does.
 */
export function replay(
  entry: MachineEntry,
  events: readonly EventObject[],
  input: unknown,
  visit: (snapshot: AnyMachineSnapshot, transitions: AnyTransitionDefinition[], index: number) => void,
): AnyMachineSnapshot {
  const { machine } = entry;
  let reported: AnyTransitionDefinition[] = [];
  const observer = createActor(machine, {
    input,
    inspect: (e) => {
      if (e.type === '@xstate.microstep') reported.push(...((e as { _transitions?: AnyTransitionDefinition[] })._transitions ?? []));
    },
  });
  const scope = {
    self: observer,
    system: observer.system,
    id: '',
    sessionId: '',
    defer: () => {},
    logger: () => {},
    stopChild: () => {},
    emit: () => {},
    actionExecutor: () => {},
  } as unknown as AnyActorScope;

  reported = [];
  let snapshot = machine.getInitialSnapshot(scope, input) as AnyMachineSnapshot;
  visit(snapshot, reported, 0);
  for (const [i, event] of events.entries()) {
    if (snapshot.status === 'done') break;
    reported = [];
    const next = machine.transition(snapshot, event, scope) as AnyMachineSnapshot;
    if (next !== snapshot && reported.length === 0 && JSON.stringify(next.value) !== JSON.stringify(snapshot.value)) {
      throw new MachineError(
        entry.id,
        machine.root.id,
        `replaying ${event.type} changed the state but XState reported no transition; the inspection ` +
          `field '_transitions' this module relies on may have changed (see src/paths/coverage.ts)`,
      );
    }
    snapshot = next;
    visit(snapshot, reported, i + 1);
  }
  return snapshot;
}

function ancestry(node: AnyStateNode): string[] {
  const ids: string[] = [];
  for (let n: AnyStateNode | undefined = node; n?.parent; n = n.parent) ids.push(n.id);
  return ids;
}

/** Ids of the state nodes a state value makes active, ancestors included, root excluded. */
export function activeNodeIds(machine: AnyStateMachine, value: StateValue): string[] {
  const ids: string[] = [];
  const walk = (node: AnyStateNode, v: StateValue): void => {
    const entries: Array<[string, StateValue | undefined]> = typeof v === 'string' ? [[v, undefined]] : Object.entries(v);
    for (const [key, sub] of entries) {
      const child = node.states[key] as AnyStateNode | undefined;
      if (!child) continue;
      ids.push(child.id);
      if (sub !== undefined) walk(child, sub);
    }
  };
  walk(machine.root, value);
  return ids;
}
