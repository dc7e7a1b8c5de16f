// The interpreter: composes machine instances and the API store into one transition system with a pure
// step(state, action) → state, the list of enabled actions of a state, and a canonical state key.
// Which events may happen is data (the machines' offers, gated by rules); what they do is the statecharts.
import { getRule } from '../rules/registry.ts';
import { truthy } from './bind.ts';
import type { Pod } from '../k8s/types.ts';
import { containerOffers } from '../../machines/container.ts';
import { podOffers } from '../../machines/pod.ts';
import { containerView, groupFacts, podInstances, podView, type PodMachines } from './pods.ts';
import { createObject, deleteObject, emptyStore, updateObject, type StoredObject } from './store.ts';
import type { Action, Instance, ModelConstants, Offer, SystemState } from './types.ts';
import type { CompiledRule } from '../rules/types.ts';
import type { MState } from './statechart.ts';
import { podMachines } from './machines.ts';

export interface Successor {
  action: Action;
  next: SystemState;
}

interface BoundOffer extends Offer {
  rule: CompiledRule | undefined;
}

function bindOffers(offers: readonly Offer[]): BoundOffer[] {
  return offers.map((o) => ({ ...o, rule: o.when ? getRule(o.when) : undefined }));
}

export class PodSystem {
  readonly machines: PodMachines;
  private readonly offers: { pod: BoundOffer[]; container: BoundOffer[] };

  constructor(
    readonly constants: ModelConstants,
    machines?: PodMachines,
  ) {
    this.machines = machines ?? podMachines();
    this.offers = { pod: bindOffers(podOffers as unknown as Offer[]), container: bindOffers(containerOffers as unknown as Offer[]) };
  }

  /** The system right after these Pods were created through the API server (API-02). */
  initial(pods: readonly Pod[]): SystemState {
    let store = emptyStore;
    const instances: Instance[] = [];
    for (const pod of pods) {
      const created = createObject(store, pod as unknown as StoredObject);
      if (!created.ok) throw new Error(created.message);
      store = created.store;
      instances.push(...podInstances(pod, this.machines));
    }
    return { instances: sortInstances(instances), store, faults: 0 };
  }

  /** Every enabled action with the state it leads to, in a deterministic order. */
  successors(state: SystemState): Successor[] {
    const out: Successor[] = [];
    const faultsLeft = state.faults < this.constants.maxFaults;
    forEachGroup(state.instances, (start, end) => {
      const group = state.instances.slice(start, end);
      const podInst = group[0]!;
      const facts = groupFacts(this.machines, group);
      const pview = podView(facts, this.constants);
      for (const offer of this.offers.pod) {
        if (offer.fault && !faultsLeft) continue;
        if (offer.rule && !truthy(offer.rule.evaluate(pview))) continue;
        const next = this.machines.pod.transition(podInst.state, offer.event);
        if (!next) continue;
        const action: Action = { instance: podInst.id, event: offer.event, actor: offer.actor, fault: offer.fault === true };
        out.push({ action, next: this.apply(state, start, next, action) });
      }
      for (let i = 1; i < group.length; i++) {
        const inst = group[i]!;
        let view: ReturnType<typeof containerView> | undefined;
        for (const offer of this.offers.container) {
          if (offer.fault && !faultsLeft) continue;
          const next = this.machines.container.transition(inst.state, offer.event);
          if (!next) continue;
          view ??= containerView(facts, group, i, this.constants);
          if (offer.rule && !truthy(offer.rule.evaluate(view))) continue;
          const action: Action = { instance: inst.id, event: offer.event, actor: offer.actor, fault: offer.fault === true };
          out.push({ action, next: this.apply(state, start + i, next, action) });
        }
      }
    });
    return out;
  }

  /** step(state, action): the state after one action; throws if the action is not enabled. */
  step(state: SystemState, action: Action): SystemState {
    const found = this.successors(state).find(
      (s) => s.action.instance === action.instance && JSON.stringify(s.action.event) === JSON.stringify(action.event),
    );
    if (!found) throw new Error(`${action.event.type} is not enabled for ${action.instance}`);
    return found.next;
  }

  private apply(state: SystemState, index: number, next: MState, action: Action): SystemState {
    const inst = state.instances[index]!;
    let instances = state.instances.slice();
    instances[index] = { ...inst, state: next };
    let store = state.store;
    const faults = state.faults + (action.fault ? 1 : 0);
    if (inst.machine === 'pod') {
      if (action.event.type === 'DELETE') {
        const current = store.objects.get(inst.object);
        if (current) {
          const written = updateObject(store, {
            ...current,
            metadata: { ...current.metadata, deletionTimestamp: 'now', deletionGracePeriodSeconds: (next.context as { gracePeriodSeconds: number }).gracePeriodSeconds },
          });
          if (written.ok) store = written.store;
        }
      }
      if (this.machines.pod.isDone(next) || this.machines.pod.matches(next, 'lifecycle.Gone')) {
        const [, ns, name] = inst.object.split('/');
        const removed = deleteObject(store, 'Pod', name!, ns);
        if (removed.ok) store = removed.store;
        instances = instances.filter((x) => x.object !== inst.object);
      }
    }
    return { instances, store, faults };
  }

  /**
   * Canonical key: instance states and the fault count. The store adds nothing beyond the instances here
   * except resourceVersions, which are opaque and only compared for equality (API-03), so they are left out.
   */
  key(state: SystemState): string {
    let key = String(state.faults);
    for (const inst of state.instances) key += `|${inst.id}=${inst.state.config}:${contextKey(inst.state.context)}`;
    return key;
  }

  podOf(state: SystemState, podKey: string): Pod | undefined {
    return state.store.objects.get(podKey) as unknown as Pod | undefined;
  }
}

function contextKey(context: unknown): string {
  const c = context as Record<string, unknown>;
  let out = '';
  for (const k in c) {
    const v = c[k];
    if (typeof v === 'boolean' || k === 'name' || k === 'role' || k === 'restartPolicy') continue;
    out += `${v},`;
  }
  return out;
}

function sortInstances(instances: Instance[]): Instance[] {
  // Pods keep their containers right after them, in spec order; Pods are ordered by namespace/name.
  const groups = new Map<string, Instance[]>();
  for (const i of instances) {
    const g = groups.get(i.object) ?? [];
    g.push(i);
    groups.set(i.object, g);
  }
  return [...groups.keys()].sort().flatMap((k) => groups.get(k)!);
}

/** Calls fn(start, end) for each run of instances that belong to one Pod. */
export function forEachGroup(instances: readonly Instance[], fn: (start: number, end: number) => void): void {
  let start = 0;
  while (start < instances.length) {
    let end = start + 1;
    while (end < instances.length && instances[end]!.object === instances[start]!.object) end++;
    fn(start, end);
    start = end;
  }
}
