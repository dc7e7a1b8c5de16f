// Shared reading of an XState v5 StateNode tree for the diagram exporters (Mermaid, DOT) and path coverage.
// Machine configs name their guards and actions (STYLE lesson 2), so everything a diagram shows is in
// `machine.root`; nothing here runs the machine.
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

/** One transition definition as drawn: a source node, zero or more targets, and its label parts. */
export interface Edge {
  source: AnyStateNode;
  /** Empty for a targetless transition (actions only: no exit, no entry). */
  targets: AnyStateNode[];
  /** The trigger as a reader sees it: `EVENT`, `after 1000ms`, `always`, `onDone`. */
  trigger: string;
  /** Raw event descriptor ('' for eventless). */
  eventType: string;
  guard: string | undefined;
  actions: string[];
  definition: AnyTransitionDefinition;
}

/** Every state node below the root, parents before children, in config order. */
export function descendants(node: AnyStateNode): AnyStateNode[] {
  return childrenOf(node).flatMap((child) => [child, ...descendants(child)]);
}

export function childrenOf(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states) as AnyStateNode[];
}

/** True when `node` is `ancestor` or lies inside it. */
export function isWithin(node: AnyStateNode, ancestor: AnyStateNode): boolean {
  for (let n: AnyStateNode | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/**
 * Identifier per node for diagram languages: derived from the key path, so `Waiting` under two parallel
 * regions (`Running.app.Waiting`, `Running.sidecar.Waiting`) gets two ids. Only [A-Za-z0-9_]: Mermaid ids
 * may not contain '-', ':', spaces or '{'. Paths that sanitise to the same text get a numeric suffix.
 */
export function nodeIds(machine: AnyStateMachine): Map<AnyStateNode, string> {
  const ids = new Map<AnyStateNode, string>();
  const used = new Set<string>();
  for (const node of descendants(machine.root)) {
    const base = 's_' + node.path.map((k) => k.replace(/[^A-Za-z0-9]/g, '_')).join('__');
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(node, id);
  }
  return ids;
}

/** All transitions of the machine, including the root's own handlers, eventless and delayed ones. */
export function allEdges(machine: AnyStateMachine): Edge[] {
  return [machine.root, ...descendants(machine.root)].flatMap(edgesOf);
}

export function edgesOf(node: AnyStateNode): Edge[] {
  const defs: AnyTransitionDefinition[] = [...node.transitions.values()].flat();
  defs.push(...(node.always ?? []));
  return defs.map((definition) => ({
    source: node,
    targets: [...(definition.target ?? [])],
    trigger: triggerText(String(definition.eventType ?? ''), node),
    eventType: String(definition.eventType ?? ''),
    guard: definition.guard === undefined ? undefined : guardText(definition.guard),
    actions: definition.actions.map(actionText),
    definition,
  }));
}

/** `EVENT [guard(params)] / a, b`; the parts joined by `sep` so DOT can break lines. */
export function edgeLabel(edge: Edge, sep = ' '): string {
  let label = edge.trigger;
  if (edge.guard !== undefined) label += `${sep}[${edge.guard}]`;
  if (edge.actions.length > 0) label += `${sep}/ ${edge.actions.join(', ')}`;
  if (edge.targets.length === 0) label += `${sep}(internal)`;
  return label;
}

// XState encodes delayed, done and error transitions as internal event types; readers want the config word.
function triggerText(eventType: string, source: AnyStateNode): string {
  if (eventType === '') return 'always';
  const after = /^xstate\.after\.(.+)$/.exec(eventType);
  if (after?.[1] !== undefined) {
    const delay = after[1].endsWith(`.${source.id}`) ? after[1].slice(0, -source.id.length - 1) : after[1];
    return /^\d+$/.test(delay) ? `after ${delay}ms` : `after ${delay}`;
  }
  if (eventType === `xstate.done.state.${source.id}`) return 'onDone';
  const actor = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType);
  if (actor) return `${actor[1] === 'done' ? 'onDone' : 'onError'}(${actor[2]})`;
  return eventType;
}

/** `isContainer(name=app)`, `not(ok)`, `and(a, not(b))`; inline functions show their name or `inline`. */
export function guardText(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const combined = (guard as { guards?: unknown[] }).guards;
    const name = guard.name || 'inline';
    if (Array.isArray(combined)) return `${name}(${combined.map(guardText).join(', ')})`;
    const stateValue = (guard as { stateValue?: unknown }).stateValue;
    if (stateValue !== undefined) return `${name}(${JSON.stringify(stateValue)})`;
    return name;
  }
  if (guard && typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: unknown; params?: unknown };
    return `${String(type)}${paramsText(params)}`;
  }
  return 'guard';
}

export function actionText(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'function') {
    const type = (action as { type?: unknown }).type;
    return typeof type === 'string' ? type.replace(/^xstate\./, '') : action.name || 'inline';
  }
  if (action && typeof action === 'object' && 'type' in action) {
    const { type, params } = action as { type: unknown; params?: unknown };
    return `${String(type)}${paramsText(params)}`;
  }
  return 'action';
}

// `name=app, code=1`: no quotes, braces or colons, which both Mermaid and DOT labels handle badly.
function paramsText(params: unknown): string {
  if (params === undefined) return '';
  if (typeof params === 'function') return '(…)';
  if (params === null || typeof params !== 'object') return `(${String(params)})`;
  const parts = Object.entries(params).map(
    ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return `(${parts.join(', ')})`;
}
