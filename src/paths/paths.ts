// Test paths through a registered machine (issue #2 item 8), as plain data: the events to send and the state
// value expected after each. `xstate/graph` builds the state graph; shortest paths come from it directly,
// simple paths from a bounded depth-first walk over the same graph (below).
//
// Two traps measured in TOOLING-NOTES:
// - Pure transitions ignore `status === 'done'`: a root-level DELETE would move a final Succeeded Pod on.
//   Done snapshots are therefore terminal (`stopWhen`).
// - The default state key includes the context, so a counter such as restartCount makes the graph infinite.
//   The key here is the state value plus an optional caller-chosen projection of the context.
import { initialTransition } from 'xstate';
import type { AnyMachineSnapshot, EventObject, StateValue } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { MachineError } from '../errors.ts';
import type { MachineEntry } from '../../machines/registry-types.ts';

/**
 * shortest: one path per reachable state. simple: every path that visits no state twice. transitions: the
 * shortest paths plus, for every event that does something (changes the state or runs actions) in a
 * reachable state and is not already the last step of a shortest path, the shortest path there and that
 * event — so targetless transitions and transitions back into visited states get exercised too.
 */
export type PathKind = 'shortest' | 'simple' | 'transitions';

export interface PathState {
  value: StateValue;
  /** The projected context, present only when the caller passed `projectContext`. */
  context?: unknown;
}

export interface PathStep {
  event: EventObject;
  /** State value after the event. */
  value: StateValue;
}

export interface MachinePath {
  /** `<kind>-<n>`, numbered in generation order (stable for the same machine and options). */
  id: string;
  target: PathState;
  /** Events sent after the initial state; empty for the path to the initial state itself. */
  steps: PathStep[];
  /** `<target> via <event>, <event>` — readable, used as the test title. */
  description: string;
}

export interface PathsResult {
  machineId: string;
  behaviours: string[];
  kind: PathKind;
  initial: PathState;
  paths: MachinePath[];
}

export interface PathsOptions {
  kind: PathKind;
  /** Most paths to produce; more is an error naming the machine (default 1000). */
  limit?: number;
  /** The part of the context that tells states apart (default: none, the state value alone). */
  projectContext?: (context: any) => unknown;
  /** Replaces the whole state key; wins over `projectContext`. */
  serializeState?: (snapshot: AnyMachineSnapshot) => string;
  /** Machine input, for machines created from a spec (`machine.provide`/`input`). */
  input?: unknown;
  /** Most traversal steps while building the state graph (default 200000): stops infinite graphs. */
  maxTraversal?: number;
}

export const DEFAULT_PATH_LIMIT = 1000;

type RawPath = { state: AnyMachineSnapshot; events: EventObject[]; values: StateValue[] };
/** `xstate/graph`'s AdjacencyMap with plain string keys (its branded keys defeat `Object.values`). */
type Adjacency = Record<
  string,
  { state: AnyMachineSnapshot; transitions: Record<string, { event: EventObject; state: AnyMachineSnapshot }> }
>;

export function machinePaths(entry: MachineEntry, opts: PathsOptions): PathsResult {
  const limit = opts.limit ?? DEFAULT_PATH_LIMIT;
  const project = opts.projectContext;
  const stateOf = (s: AnyMachineSnapshot): PathState =>
    project ? { value: s.value, context: project(s.context) } : { value: s.value };
  const key = opts.serializeState ?? ((s: AnyMachineSnapshot) => JSON.stringify(stateOf(s)));
  const traversal = {
    events: entry.events,
    serializeState: key,
    stopWhen: (s: AnyMachineSnapshot) => s.status === 'done',
    input: opts.input,
    limit: opts.maxTraversal ?? 200_000,
  };

  const tooMany = (count: string) =>
    new MachineError(
      entry.id,
      entry.machine.root.id,
      `${opts.kind} paths of machine '${entry.id}' exceed the limit of ${limit} (${count}); raise \`limit\`, ` +
        `use kind 'shortest', or drop context from the state key (projectContext)`,
    );

  let raw: RawPath[];
  try {
    if (opts.kind !== 'simple') {
      raw = getShortestPaths(entry.machine, traversal).map((p) => {
        const steps = p.steps.filter((s, i) => !(i === 0 && s.event.type === 'xstate.init'));
        return { state: p.state, events: steps.map((s) => s.event), values: steps.map((s) => s.state.value) };
      });
      if (opts.kind === 'transitions') {
        const adjacency = getAdjacencyMap(entry.machine, traversal) as unknown as Adjacency;
        raw = [...raw, ...edgePaths(adjacency, raw, key)];
      }
      if (raw.length > limit) throw tooMany(`${raw.length} paths`);
    } else {
      const adjacency = getAdjacencyMap(entry.machine, traversal) as unknown as Adjacency;
      raw = simplePaths(adjacency, key, limit, () => tooMany(`stopped at ${limit + 1}`));
    }
  } catch (error) {
    if (error instanceof Error && error.message === 'Traversal limit exceeded') {
      throw new MachineError(
        entry.id,
        entry.machine.root.id,
        `the state graph of machine '${entry.id}' did not close within ${traversal.limit} traversal steps; ` +
          `the state key probably includes an unbounded context field (check projectContext)`,
      );
    }
    throw error;
  }

  const paths = raw.map((p, i): MachinePath => {
    const target = stateOf(p.state);
    return {
      id: `${opts.kind}-${i + 1}`,
      target,
      steps: p.events.map((event, j) => ({ event, value: p.values[j] as StateValue })),
      description: describePath(target.value, p.events),
    };
  });
  return {
    machineId: entry.id,
    behaviours: [...entry.behaviours],
    kind: opts.kind,
    initial: stateOf(initialTransition(entry.machine, opts.input)[0]),
    paths,
  };
}

/**
 * Every simple path (no state twice) from the initial state, one per prefix of a depth-first walk — the same
 * set `getSimplePaths` returns, but counted as it grows: `getSimplePaths` restarts the walk for every target
 * and materialises all paths before returning, and ran out of memory on a 30-state chain-with-skips graph.
 */
function simplePaths(
  adjacency: Adjacency,
  key: (s: AnyMachineSnapshot) => string,
  limit: number,
  overflow: () => Error,
): RawPath[] {
  const out: RawPath[] = [];
  const first = Object.entries(adjacency)[0];
  if (!first) return out;
  // Successors once per state, self-loops dropped: the walk visits states many times over.
  type Successor = { event: EventObject; next: AnyMachineSnapshot; nextKey: string };
  const successors = new Map<string, Successor[]>();
  for (const [stateKey, { transitions }] of Object.entries(adjacency)) {
    const list = Object.values(transitions).map(({ event, state }) => ({ event, next: state, nextKey: key(state) }));
    successors.set(stateKey, list.filter((s) => s.nextKey !== stateKey));
  }
  const onPath = new Set<string>();
  const events: EventObject[] = [];
  const values: StateValue[] = [];
  const visit = (state: AnyMachineSnapshot, stateKey: string): void => {
    if (out.length >= limit) throw overflow();
    out.push({ state, events: [...events], values: [...values] });
    onPath.add(stateKey);
    for (const { event, next, nextKey } of successors.get(stateKey) ?? []) {
      if (onPath.has(nextKey)) continue;
      events.push(event);
      values.push(next.value);
      visit(next, nextKey);
      events.pop();
      values.pop();
    }
    onPath.delete(stateKey);
  };
  visit(first[1].state, first[0]);
  return out;
}

// An event "does something" when transition() returns a new snapshot: XState hands back the same object
// when no transition is enabled (TOOLING-NOTES), and a new one for a targetless transition that runs actions.
function edgePaths(
  adjacency: Adjacency,
  shortest: readonly RawPath[],
  key: (s: AnyMachineSnapshot) => string,
): RawPath[] {
  const toState = new Map(shortest.map((p) => [key(p.state), p]));
  // A shortest path extends its BFS parent's path by one event, so an event list identifies its last edge.
  const covered = new Set(shortest.map((p) => JSON.stringify(p.events)));
  const out: RawPath[] = [];
  for (const [fromKey, { state, transitions }] of Object.entries(adjacency)) {
    const prefix = toState.get(fromKey);
    if (!prefix) continue;
    for (const { event, state: next } of Object.values(transitions)) {
      if (next === state) continue;
      const events = [...prefix.events, event];
      if (covered.has(JSON.stringify(events))) continue;
      out.push({ state: next, events, values: [...prefix.values, next.value] });
    }
  }
  return out;
}

/** `Running(app.Running, sidecar.Waiting.ContainerCreating) via SCHEDULED, STARTED(container=app)`. */
export function describePath(target: StateValue, events: readonly EventObject[]): string {
  const via = events.length === 0 ? '(initial state)' : events.map(formatEvent).join(', ');
  return `${formatValue(target)} via ${via}`;
}

/** A state value as dotted path; parallel regions in parentheses: `Running(app.Running, sidecar.Terminated)`. */
export function formatValue(value: StateValue): string {
  if (typeof value === 'string') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined) as Array<[string, StateValue]>;
  if (entries.length === 1) {
    const [k, v] = entries[0] as [string, StateValue];
    const rest = formatValue(v);
    return rest.startsWith('(') ? `${k}${rest}` : `${k}.${rest}`;
  }
  return `(${entries.map(([k, v]) => `${k}.${formatValue(v)}`).join(', ')})`;
}

/** `EXIT(container=app, code=1)`; an event without payload is its type. */
export function formatEvent(event: EventObject): string {
  const payload = Object.entries(event).filter(([k]) => k !== 'type');
  if (payload.length === 0) return event.type;
  return `${event.type}(${payload.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')})`;
}

export interface PathsJson {
  format: 'kubemodel-paths/1';
  machineId: string;
  behaviours: string[];
  kind: PathKind;
  initial: PathState;
  paths: MachinePath[];
}

/** The result as plain JSON data (what `--json` prints and what a test file generator reads back). */
export function pathsToJson(result: PathsResult): PathsJson {
  return JSON.parse(JSON.stringify({ format: 'kubemodel-paths/1', ...result })) as PathsJson;
}
