// A transition function compiled from an XState machine config, for the checker's hot path.
// XState's public transition() builds a throwaway actor per call (about 30k transitions/s here); this runs the
// same statechart semantics on a precomputed node table with memoised configurations. It supports the subset
// kubemodel's machines use — compound, parallel and final states, guarded transitions with named guards and
// named assign actions, targets by sibling path or `#id` — and rejects everything else with a MachineError.
// test/system/statechart.differential.test.ts proves it equal to XState's transition() on random event runs.
import { MachineError } from '../errors.ts';

export type StateValue = string | { [key: string]: StateValue };
export interface EventLike {
  type: string;
  [key: string]: unknown;
}
export type GuardImpl = (context: unknown, event: EventLike, params: unknown) => boolean;
export type ActionImpl = (context: unknown, event: EventLike, params: unknown) => Record<string, unknown>;

interface NamedRef {
  type: string;
  params?: unknown;
}

interface StateNodeDef {
  index: number;
  path: string[];
  id: string;
  key: string;
  parent: StateNodeDef | undefined;
  kind: 'atomic' | 'compound' | 'parallel' | 'final';
  children: StateNodeDef[];
  initial: StateNodeDef | undefined;
  depth: number;
  on: Map<string, TransitionDef[]>;
  /** Indices of all descendants and itself, for exit-set computation. */
  descendants: Set<number>;
}

interface TransitionDef {
  uid: number;
  source: StateNodeDef;
  guard: NamedRef | undefined;
  actions: NamedRef[];
  targets: StateNodeDef[];
}

interface ConfigInfo {
  active: StateNodeDef[];
  activeSet: Set<StateNodeDef>;
  atomic: StateNodeDef[];
  value: StateValue;
  done: boolean;
  leafPath?: string;
  /** Memoised answers of matches(), by state path. */
  matches: Map<string, boolean>;
  /** Memoised: does any active state listen to this event type? */
  listens: Map<string, boolean>;
}

/** A machine state: active atomic node indices (sorted), the XState-shaped value and the context. */
export interface MState<C = unknown> {
  readonly config: string;
  readonly value: StateValue;
  readonly context: C;
}

const ALLOWED_STATE_KEYS = new Set(['id', 'initial', 'type', 'states', 'on', 'description', 'meta', 'tags']);
const ALLOWED_TRANSITION_KEYS = new Set(['target', 'guard', 'actions', 'description', 'meta']);

export class CompiledStatechart<C = unknown> {
  readonly id: string;
  private readonly nodes: StateNodeDef[] = [];
  private readonly root: StateNodeDef;
  private readonly configs = new Map<string, ConfigInfo>();
  private lastConfig: string | undefined;
  private lastInfo: ConfigInfo | undefined;
  private readonly targetsMemo = new Map<string, string>();
  private uid = 0;

  constructor(
    config: Record<string, unknown>,
    private readonly guards: Record<string, GuardImpl>,
    private readonly actions: Record<string, ActionImpl>,
  ) {
    this.id = String(config.id ?? 'machine');
    this.root = this.buildNode(config, undefined, this.id);
    for (const node of this.nodes) this.resolveTransitions(node, (config as never) as Record<string, unknown>);
  }

  /** The state after the machine starts with this context (no entry actions exist in the subset). */
  initial(context: C): MState<C> {
    const active = new Set<StateNodeDef>();
    this.enterDefault(this.root, active);
    return { config: this.configKey(active), value: this.valueOf(this.configKey(active)), context };
  }

  isDone(state: MState<C>): boolean {
    return this.configInfo(state.config).done;
  }

  /** The first active atomic state's path below the root, e.g. "Waiting.CrashLoopBackOff" (memoised). */
  leafPath(state: MState<C>): string {
    const info = this.configInfo(state.config);
    info.leafPath ??= (info.atomic[0]?.path ?? []).join('.');
    return info.leafPath;
  }

  /** Names of the active atomic states, e.g. ["container.Waiting.CrashLoopBackOff"]. */
  activeLeaves(state: MState<C>): string[] {
    return this.configInfo(state.config).atomic.map((n) => n.id);
  }

  /** Whether the state node with this dotted id (without the machine id) is active, e.g. "Running.Ready". */
  matches(state: MState<C>, path: string): boolean {
    const info = this.configInfo(state.config);
    let hit = info.matches.get(path);
    if (hit === undefined) {
      const id = `${this.id}.${path}`;
      hit = info.active.some((n) => n.id === id);
      info.matches.set(path, hit);
    }
    return hit;
  }

  /**
   * The next state, or undefined when no transition is enabled (XState would return the same snapshot).
   * A final root is not special-cased here: callers treat done states as terminal (TOOLING-NOTES).
   */
  transition(state: MState<C>, event: EventLike): MState<C> | undefined {
    const info = this.configInfo(state.config);
    if (!this.handles(state.config, event.type)) return undefined;
    const selected = this.select(this.root, info.activeSet, state.context, event);
    if (!selected || selected.length === 0) return undefined;
    const kept = this.removeConflicts(state.config, selected);
    let context = state.context;
    for (const t of kept) {
      for (const a of t.actions) {
        const impl = this.actions[a.type];
        if (!impl) throw new MachineError(this.id, t.source.id, `action "${a.type}" is not bound to a rule`);
        context = { ...(context as object), ...impl(context, event, a.params) } as C;
      }
    }
    const config = this.applyTargets(state.config, kept);
    if (config === state.config && context === state.context) return { config, value: state.value, context };
    return { config, value: config === state.config ? state.value : this.valueOf(config), context };
  }

  /** Every transition definition as (source id, event, guard, targets), in document order, for coverage. */
  allTransitions(): { source: string; event: string; guard?: string; targets: string[] }[] {
    const out: { source: string; event: string; guard?: string; targets: string[] }[] = [];
    for (const node of this.nodes) {
      for (const [event, list] of node.on) {
        for (const t of list) {
          out.push({
            source: node.id,
            event,
            ...(t.guard ? { guard: t.guard.type } : {}),
            targets: t.targets.map((x) => x.id),
          });
        }
      }
    }
    return out;
  }

  stateIds(): string[] {
    return this.nodes.map((n) => n.id);
  }

  // --- building -------------------------------------------------------------------------------------------

  private buildNode(def: Record<string, unknown>, parent: StateNodeDef | undefined, key: string): StateNodeDef {
    const path = parent ? [...parent.path, key] : [];
    const id = parent ? `${parent.id}.${key}` : key;
    for (const k of Object.keys(def)) {
      if (!ALLOWED_STATE_KEYS.has(k)) {
        throw new MachineError(this.id, id, `"${k}" is outside the statechart subset the interpreter runs (use named guards and assign actions on transitions)`);
      }
    }
    const states = (def.states ?? {}) as Record<string, Record<string, unknown>>;
    const type = def.type as string | undefined;
    const hasChildren = Object.keys(states).length > 0;
    const kind: StateNodeDef['kind'] =
      type === 'parallel' ? 'parallel' : type === 'final' ? 'final' : hasChildren ? 'compound' : 'atomic';
    if (type !== undefined && type !== 'parallel' && type !== 'final' && type !== 'compound' && type !== 'atomic') {
      throw new MachineError(this.id, id, `state type "${type}" is not supported`);
    }
    const node: StateNodeDef = {
      index: this.nodes.length,
      path,
      id,
      key,
      parent,
      kind,
      children: [],
      initial: undefined,
      depth: parent ? parent.depth + 1 : 0,
      on: new Map(),
      descendants: new Set(),
    };
    this.nodes.push(node);
    for (const [childKey, childDef] of Object.entries(states)) {
      node.children.push(this.buildNode(childDef, node, childKey));
    }
    if (kind === 'compound') {
      const initialKey = def.initial as string | undefined;
      node.initial = node.children.find((c) => c.key === initialKey);
      if (!node.initial) {
        throw new MachineError(this.id, id, `compound state has no valid initial state; add { initial: '${node.children[0]?.key}' }`);
      }
    }
    node.descendants.add(node.index);
    for (const c of node.children) for (const d of c.descendants) node.descendants.add(d);
    return node;
  }

  private resolveTransitions(node: StateNodeDef, rootDef: Record<string, unknown>): void {
    let def: Record<string, unknown> = rootDef;
    for (const k of node.path) def = ((def.states as Record<string, unknown>)[k] ?? {}) as Record<string, unknown>;
    const on = (def.on ?? {}) as Record<string, unknown>;
    for (const [eventType, raw] of Object.entries(on)) {
      const list = (Array.isArray(raw) ? raw : [raw]) as Record<string, unknown>[];
      node.on.set(
        eventType,
        list.map((t) => {
          for (const k of Object.keys(t)) {
            if (!ALLOWED_TRANSITION_KEYS.has(k)) throw new MachineError(this.id, node.id, `transition key "${k}" on ${eventType} is not supported`);
          }
          const targets = t.target === undefined ? [] : (Array.isArray(t.target) ? t.target : [t.target]).map((x) => this.resolveTarget(node, String(x)));
          const actions = t.actions === undefined ? [] : (Array.isArray(t.actions) ? t.actions : [t.actions]).map(toRef);
          return { uid: this.uid++, source: node, guard: t.guard === undefined ? undefined : toRef(t.guard), actions, targets };
        }),
      );
    }
  }

  private resolveTarget(source: StateNodeDef, target: string): StateNodeDef {
    let base: StateNodeDef | undefined;
    let rest: string[];
    if (target.startsWith('#')) {
      const [idPart, ...tail] = target.slice(1).split('.');
      base = this.nodes.find((n) => n.id === idPart || (n === this.root && this.id === idPart));
      rest = tail;
    } else if (target.startsWith('.')) {
      base = source;
      rest = target.slice(1).split('.');
    } else {
      base = source.parent ?? source;
      rest = target.split('.');
    }
    let node = base;
    for (const k of rest) node = node?.children.find((c) => c.key === k);
    if (!node) throw new MachineError(this.id, source.id, `target "${target}" does not exist`);
    return node;
  }

  // --- configurations -------------------------------------------------------------------------------------

  private enterDefault(node: StateNodeDef, active: Set<StateNodeDef>): void {
    active.add(node);
    if (node.kind === 'compound' && node.initial) this.enterDefault(node.initial, active);
    else if (node.kind === 'parallel') for (const c of node.children) this.enterDefault(c, active);
  }

  private configKey(active: Set<StateNodeDef>): string {
    const atomic = [...active].filter((n) => n.children.length === 0).map((n) => n.index);
    atomic.sort((a, b) => a - b);
    return atomic.join(',');
  }

  private configInfo(config: string): ConfigInfo {
    // Calls come in bursts for one state (every offered event is tried on it): keep the last answer at hand.
    if (config === this.lastConfig) return this.lastInfo!;
    let info = this.configs.get(config);
    if (!info) {
      const atomic = config.split(',').map((i) => this.nodes[Number(i)]!);
      const active = new Set<StateNodeDef>();
      for (const leaf of atomic) for (let n: StateNodeDef | undefined = leaf; n; n = n.parent) active.add(n);
      const activeList = [...active].sort((a, b) => a.index - b.index);
      info = { matches: new Map(), listens: new Map(), active: activeList, activeSet: active, atomic, value: this.buildValue(this.root, active), done: this.isFinal(this.root, active) };
      this.configs.set(config, info);
    }
    this.lastConfig = config;
    this.lastInfo = info;
    return info;
  }

  private valueOf(config: string): StateValue {
    return this.configInfo(config).value;
  }

  private buildValue(node: StateNodeDef, active: Set<StateNodeDef>): StateValue {
    if (node.kind === 'parallel') {
      const v: Record<string, StateValue> = {};
      for (const c of node.children) v[c.key] = this.buildValue(c, active);
      return v;
    }
    const child = node.children.find((c) => active.has(c));
    if (!child) return {};
    if (child.children.length === 0) return child.key;
    return { [child.key]: this.buildValue(child, active) };
  }

  private isFinal(node: StateNodeDef, active: Set<StateNodeDef>): boolean {
    if (node.kind === 'parallel') return node.children.every((c) => this.isFinal(c, active));
    const child = node.children.find((c) => active.has(c));
    return child !== undefined && child.kind === 'final';
  }

  /** Cheap pre-check, memoised per configuration: does any active state listen to this event type? */
  private handles(config: string, eventType: string): boolean {
    const info = this.configInfo(config);
    let hit = info.listens.get(eventType);
    if (hit === undefined) {
      hit = info.active.some((n) => n.on.has(eventType));
      info.listens.set(eventType, hit);
    }
    return hit;
  }

  /**
   * XState v5's selection: the deepest active states answer first; a compound state is asked only when its
   * active child found nothing, a parallel state only when none of its regions found anything.
   */
  private select(node: StateNodeDef, active: Set<StateNodeDef>, context: unknown, event: EventLike): TransitionDef[] | undefined {
    if (node.kind === 'compound') {
      const child = node.children.find((c) => active.has(c));
      const inner = child ? this.select(child, active, context, event) : undefined;
      if (inner && inner.length > 0) return inner;
    } else if (node.kind === 'parallel') {
      const all: TransitionDef[] = [];
      for (const region of node.children) {
        const inner = this.select(region, active, context, event);
        if (inner) all.push(...inner);
      }
      if (all.length > 0) return all;
    }
    const list = node.on.get(event.type);
    if (!list) return undefined;
    for (const t of list) if (t.guard === undefined || this.checkGuard(t.guard, context, event)) return [t];
    return undefined;
  }

  private checkGuard(guard: NamedRef, context: unknown, event: EventLike): boolean {
    const impl = this.guards[guard.type];
    if (!impl) throw new MachineError(this.id, '', `guard "${guard.type}" is not bound to a rule`);
    return impl(context, event, guard.params);
  }

  /** XState v5's transition domain: the source itself for targets inside it, else the least common ancestor. */
  private domainOf(t: TransitionDef): StateNodeDef | undefined {
    if (t.targets.length === 0) return undefined;
    if (t.targets.every((x) => x === t.source || isDescendant(x, t.source))) return t.source;
    for (let a = t.source.parent; a; a = a.parent) {
      const ancestor = a;
      if (t.targets.every((x) => isDescendant(x, ancestor))) return ancestor;
    }
    return this.root;
  }

  private exitSet(config: string, t: TransitionDef): Set<number> {
    const domain = this.domainOf(t);
    const out = new Set<number>();
    if (!domain) return out;
    for (const n of this.configInfo(config).active) if (n !== domain && domain.descendants.has(n.index)) out.add(n.index);
    return out;
  }

  /** XState/SCXML: a transition whose exit set meets an earlier one's is dropped unless its source is deeper. */
  private removeConflicts(config: string, selected: TransitionDef[]): TransitionDef[] {
    if (selected.length < 2) return selected;
    const kept: TransitionDef[] = [];
    for (const t1 of selected) {
      const e1 = this.exitSet(config, t1);
      let preempted = false;
      const remove: TransitionDef[] = [];
      for (const t2 of kept) {
        const e2 = this.exitSet(config, t2);
        if ([...e1].some((i) => e2.has(i))) {
          if (isDescendant(t1.source, t2.source)) remove.push(t2);
          else {
            preempted = true;
            break;
          }
        }
      }
      if (!preempted) {
        for (const r of remove) kept.splice(kept.indexOf(r), 1);
        kept.push(t1);
      }
    }
    return kept;
  }

  private applyTargets(config: string, transitions: TransitionDef[]): string {
    const memoKey = `${config}|${transitions.map((t) => t.uid).join(',')}`;
    const hit = this.targetsMemo.get(memoKey);
    if (hit !== undefined) return hit;
    const active = new Set(this.configInfo(config).active);
    for (const t of transitions) {
      const domain = this.domainOf(t);
      if (!domain) continue;
      for (const n of [...active]) if (n !== domain && domain.descendants.has(n.index)) active.delete(n);
      for (const target of t.targets) this.enterTowards(domain, target, active);
    }
    const next = this.configKey(active);
    this.targetsMemo.set(memoKey, next);
    return next;
  }

  /** Enter every state from below `domain` down to `target`, completing parallel siblings and defaults. */
  private enterTowards(domain: StateNodeDef, target: StateNodeDef, active: Set<StateNodeDef>): void {
    const chain: StateNodeDef[] = [];
    for (let n: StateNodeDef | undefined = target; n && n !== domain; n = n.parent) chain.unshift(n);
    for (const n of chain) {
      active.add(n);
      const parent = n.parent;
      if (parent && parent.kind === 'parallel') {
        for (const sibling of parent.children) {
          if (sibling !== n && ![...active].some((a) => sibling.descendants.has(a.index))) this.enterDefault(sibling, active);
        }
      }
    }
    this.enterDefault(target, active);
  }
}

function isDescendant(child: StateNodeDef, parent: StateNodeDef): boolean {
  return child !== parent && parent.descendants.has(child.index);
}

function toRef(x: unknown): NamedRef {
  if (typeof x === 'string') return { type: x };
  if (x && typeof x === 'object' && typeof (x as NamedRef).type === 'string') return x as NamedRef;
  throw new MachineError('', '', `guards and actions must be referenced by name, got ${JSON.stringify(x)}`);
}
