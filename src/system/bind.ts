// Binds a machine's named guards and actions to rules, giving both forms of the same machine: the XState
// machine (the definition: diagrams, paths, the differential oracle) and the compiled statechart (the checker).
import { assign, setup, type AnyStateMachine } from 'xstate';
import { getRule } from '../rules/registry.ts';
import { CompiledStatechart, type ActionImpl, type EventLike, type GuardImpl } from './statechart.ts';
import { MachineError } from '../errors.ts';

export interface MachineDefinition {
  config: Record<string, unknown> & { id: string };
  bindings: { guards: Record<string, string>; actions: Record<string, string> };
}

/** json-logic truthiness (json-logic-js `truthy`): an empty array is false. */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** An assignment rule yields [field, value] pairs; they become the context patch. */
function pairsToPatch(ruleId: string, value: unknown): Record<string, unknown> {
  if (!Array.isArray(value)) throw new MachineError('', '', `assignment rule ${ruleId} must yield [field, value] pairs`);
  const patch: Record<string, unknown> = {};
  for (const pair of value) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string') {
      throw new MachineError('', '', `assignment rule ${ruleId} yielded ${JSON.stringify(pair)}, not a [field, value] pair`);
    }
    patch[pair[0]] = pair[1];
  }
  return patch;
}

export function bindGuards(bindings: MachineDefinition['bindings']): Record<string, GuardImpl> {
  const out: Record<string, GuardImpl> = {};
  for (const [name, ruleId] of Object.entries(bindings.guards)) {
    const rule = getRule(ruleId);
    out[name] = (context, event, params) => truthy(rule.evaluate({ context, event, params: params ?? {} }));
  }
  return out;
}

export function bindActions(bindings: MachineDefinition['bindings']): Record<string, ActionImpl> {
  const out: Record<string, ActionImpl> = {};
  for (const [name, ruleId] of Object.entries(bindings.actions)) {
    const rule = getRule(ruleId);
    out[name] = (context, event, params) => pairsToPatch(ruleId, rule.evaluate({ context, event, params: params ?? {} }));
  }
  return out;
}

/** The XState machine; its context is the machine input as given. */
export function toXStateMachine(def: MachineDefinition): AnyStateMachine {
  const guards = bindGuards(def.bindings);
  const actions = bindActions(def.bindings);
  const xsGuards: Record<string, (args: { context: unknown; event: EventLike }, params: unknown) => boolean> = {};
  for (const [name, g] of Object.entries(guards)) xsGuards[name] = ({ context, event }, params) => g(context, event, params);
  const xsActions: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(actions)) {
    xsActions[name] = assign(({ context, event }: { context: unknown; event: EventLike }, params: unknown) => a(context, event, params) as never);
  }
  const machine = setup({ guards: xsGuards as never, actions: xsActions as never }).createMachine({
    ...(def.config as object),
    context: ({ input }: { input: unknown }) => input,
  } as never);
  return machine as unknown as AnyStateMachine;
}

export function toCompiled<C>(def: MachineDefinition): CompiledStatechart<C> {
  return new CompiledStatechart<C>(def.config, bindGuards(def.bindings), bindActions(def.bindings));
}
