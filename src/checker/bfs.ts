// Exhaustive breadth-first model checking of a transition system: invariants on every reachable state,
// step invariants on every edge, deadlocks, and a convergence check (from every reachable state some
// fault-free path reaches a stable state). Breadth-first order makes every counterexample a shortest one.
// Pure: progress is reported through a callback, time and memory are read through injected functions.

export interface Edge<A> {
  action: A;
  next: unknown;
}

export interface TransitionSystem<S, A> {
  initial: S[];
  successors(state: S): { action: A; next: S }[];
  key(state: S): string;
  /** Fault-free actions are the ones a convergence path may use. */
  isFault(action: A): boolean;
  /** A state with no component work left (only the environment or users could change it). */
  isStable(state: S, successors: { action: A; next: S }[]): boolean;
  /** A state without successors that is a legitimate end (not a deadlock). */
  isTerminal(state: S): boolean;
}

export interface StateInvariant<S> {
  id: string;
  description: string;
  holds: (state: S) => boolean;
}

export interface StepInvariant<S, A> {
  id: string;
  description: string;
  holds: (from: S, action: A, to: S) => boolean;
}

export interface CheckBounds {
  maxStates?: number;
  maxDepth?: number;
  maxSeconds?: number;
  maxHeapBytes?: number;
}

export interface Progress {
  states: number;
  depth: number;
  queue: number;
  seconds: number;
}

export interface CheckOptions<S, A> {
  invariants: StateInvariant<S>[];
  stepInvariants?: StepInvariant<S, A>[];
  /** Checked only on stable states (no component work left): what must hold once the system has settled. */
  stableInvariants?: StateInvariant<S>[];
  bounds?: CheckBounds;
  checkDeadlock?: boolean;
  checkConvergence?: boolean;
  /** Stop at the first violation (default) or keep exploring to count every violated invariant once. */
  stopAtFirst?: boolean;
  now?: () => number;
  heapUsed?: () => number;
  onProgress?: (p: Progress) => void;
  progressEverySeconds?: number;
}

export interface Trace<S, A> {
  initial: S;
  steps: { action: A; state: S }[];
}

export interface Violation<S, A> {
  kind: 'invariant' | 'step-invariant' | 'stable-invariant' | 'deadlock' | 'no-convergence';
  id: string;
  description: string;
  trace: Trace<S, A>;
}

export interface CheckResult<S, A> {
  states: number;
  edges: number;
  depth: number;
  seconds: number;
  statesPerSecond: number;
  peakHeapBytes: number;
  complete: boolean;
  stoppedBy?: 'maxStates' | 'maxDepth' | 'maxSeconds' | 'maxHeapBytes';
  violations: Violation<S, A>[];
  stableStates: number;
}

export function check<S, A>(system: TransitionSystem<S, A>, opts: CheckOptions<S, A>): CheckResult<S, A> {
  const now = opts.now ?? (() => 0);
  const heapUsed = opts.heapUsed ?? (() => 0);
  const bounds = opts.bounds ?? {};
  const stopAtFirst = opts.stopAtFirst ?? true;
  const started = now();
  const index = new Map<string, number>();
  const states: S[] = [];
  const parent: number[] = [];
  const via: (A | undefined)[] = [];
  const depthOf: number[] = [];
  // Fault-free edges reversed, for the convergence check: target → sources.
  const reverse: number[][] = [];
  const stable: boolean[] = [];
  const violations: Violation<S, A>[] = [];
  const reported = new Set<string>();
  let edges = 0;
  let maxDepth = 0;
  let peakHeap = 0;
  let stoppedBy: CheckResult<S, A>['stoppedBy'];
  let lastProgress = started;

  const traceTo = (i: number, extra?: { action: A; state: S }): Trace<S, A> => {
    const steps: { action: A; state: S }[] = [];
    let cur = i;
    while (parent[cur]! >= 0) {
      steps.unshift({ action: via[cur] as A, state: states[cur]! });
      cur = parent[cur]!;
    }
    if (extra) steps.push(extra);
    return { initial: states[cur]!, steps };
  };
  const report = (v: Violation<S, A>): boolean => {
    if (reported.has(`${v.kind}:${v.id}`)) return false;
    reported.add(`${v.kind}:${v.id}`);
    violations.push(v);
    return stopAtFirst;
  };
  const add = (s: S, from: number, action: A | undefined, depth: number): number => {
    const id = states.length;
    index.set(system.key(s), id);
    states.push(s);
    parent.push(from);
    via.push(action);
    depthOf.push(depth);
    reverse.push([]);
    stable.push(false);
    return id;
  };
  const checkState = (id: number): boolean => {
    for (const inv of opts.invariants) {
      if (!inv.holds(states[id]!)) {
        if (report({ kind: 'invariant', id: inv.id, description: inv.description, trace: traceTo(id) })) return true;
      }
    }
    return false;
  };

  let stop = false;
  for (const s of system.initial) {
    if (index.has(system.key(s))) continue;
    const id = add(s, -1, undefined, 0);
    if (checkState(id)) stop = true;
  }
  let head = 0;
  while (!stop && head < states.length) {
    const id = head++;
    const s = states[id]!;
    const depth = depthOf[id]!;
    if (bounds.maxDepth !== undefined && depth >= bounds.maxDepth) {
      stoppedBy = 'maxDepth';
      continue;
    }
    const succ = system.successors(s);
    stable[id] = system.isStable(s, succ);
    if (stable[id]) {
      for (const inv of opts.stableInvariants ?? []) {
        if (!inv.holds(s) && report({ kind: 'stable-invariant', id: inv.id, description: inv.description, trace: traceTo(id) })) stop = true;
      }
      if (stop) break;
    }
    if (succ.length === 0 && opts.checkDeadlock !== false && !system.isTerminal(s)) {
      if (report({ kind: 'deadlock', id: 'deadlock', description: 'no action is enabled in a state that is not a legitimate end', trace: traceTo(id) })) break;
    }
    for (const { action, next } of succ) {
      edges++;
      const k = system.key(next);
      let nid = index.get(k);
      // Step invariants read the stored copy of a known state, so views cached per state are reused.
      const target = nid === undefined ? next : states[nid]!;
      for (const inv of opts.stepInvariants ?? []) {
        if (!inv.holds(s, action, target)) {
          if (report({ kind: 'step-invariant', id: inv.id, description: inv.description, trace: traceTo(id, { action, state: target }) })) stop = true;
        }
      }
      if (stop) break;
      if (nid === undefined) {
        if (bounds.maxStates !== undefined && states.length >= bounds.maxStates) {
          stoppedBy = 'maxStates';
          stop = true;
          break;
        }
        nid = add(next, id, action, depth + 1);
        if (depth + 1 > maxDepth) maxDepth = depth + 1;
        if (checkState(nid)) {
          stop = true;
          break;
        }
      }
      if (!system.isFault(action)) reverse[nid]!.push(id);
    }
    if ((id & 1023) === 0) {
      const t = now();
      const heap = heapUsed();
      if (heap > peakHeap) peakHeap = heap;
      if (bounds.maxSeconds !== undefined && t - started > bounds.maxSeconds) {
        stoppedBy = 'maxSeconds';
        break;
      }
      if (bounds.maxHeapBytes !== undefined && heap > bounds.maxHeapBytes) {
        stoppedBy = 'maxHeapBytes';
        break;
      }
      if (opts.onProgress && t - lastProgress >= (opts.progressEverySeconds ?? 1)) {
        lastProgress = t;
        opts.onProgress({ states: states.length, depth, queue: states.length - head, seconds: t - started });
      }
    }
  }
  const complete = !stop && stoppedBy === undefined && head >= states.length;

  // Convergence: walk fault-free edges backwards from the stable states; whatever is not reached cannot
  // settle without another fault. Only meaningful on a complete exploration.
  if (complete && opts.checkConvergence !== false && violations.length === 0) {
    const reaches = new Uint8Array(states.length);
    const work: number[] = [];
    for (let i = 0; i < states.length; i++) if (stable[i]) {
      reaches[i] = 1;
      work.push(i);
    }
    while (work.length > 0) {
      const t = work.pop()!;
      for (const src of reverse[t]!) if (!reaches[src]) {
        reaches[src] = 1;
        work.push(src);
      }
    }
    const stuck = reaches.indexOf(0);
    if (stuck >= 0) {
      report({
        kind: 'no-convergence',
        id: 'convergence',
        description: 'from this state no fault-free path reaches a stable state',
        trace: traceTo(stuck),
      });
    }
  }
  const seconds = Math.max(now() - started, 1e-9);
  const heap = heapUsed();
  return {
    states: states.length,
    edges,
    depth: maxDepth,
    seconds,
    statesPerSecond: states.length / seconds,
    peakHeapBytes: Math.max(peakHeap, heap),
    complete,
    ...(stoppedBy ? { stoppedBy } : {}),
    violations,
    stableStates: stable.filter(Boolean).length,
  };
}
