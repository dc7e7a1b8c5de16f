// `rollout`: a bounded model check of this Deployment's next rollout with the count-level rollout system
// (src/rollout: the Deployment controller's real arithmetic, the ReplicaSet controller, Pods becoming
// available in any order; no crashes). Two questions:
//   (a) can available Pods drop below what a PodDisruptionBudget selecting the Pods requires? The Deployment
//       controller scales ReplicaSets down directly, never through the eviction API, so a budget does not
//       hold it back (ROLL-05: it only keeps replicas − maxUnavailable available);
//   (b) can the rollout never finish for lack of room? The scheduler places the template's Pods on the
//       cluster (scheduling.ts) up to replicas + maxSurge; a Pod becomes available only while fewer than
//       that many run, so with maxUnavailable 0 and no room for the surge Pod nothing ever moves.
// The answer carries the shortest counterexample in the rollout system's step vocabulary.
// Assumes the old template needs what the new one does, and that the running revision is settled.
import { check, type StateInvariant, type TransitionSystem } from '../../checker/bfs.ts';
import { progressingCondition } from '../../deployment/conditions.ts';
import { deploymentDefaults } from '../../deployment/defaults.ts';
import { resolveFenceposts, maxUnavailableOf } from '../../deployment/fenceposts.ts';
import { podTemplateHash, replicaSetName } from '../../deployment/pod-template-hash.ts';
import { rolloutStatusMessage } from '../../deployment/rollout-status.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import type { Deployment, IntOrString, LabelSelector } from '../../k8s/types.ts';
import { getRule } from '../../rules/registry.ts';
import { rolloutBounds } from '../../rollout/check.ts';
import { availableIn, NEW, OLD, type RolloutAction, type RolloutConstants, type RolloutState } from '../../rollout/state.ts';
import { describeRolloutStep, RolloutSystem } from '../../rollout/system.ts';
import { rolloutStableInvariants } from '../../../properties/rollout.ts';
import type { IndexedObject } from '../object-index.ts';
import { isRecord, podView } from '../pod-template.ts';
import { memo, objectKey, objectsIn, workloadTemplate } from './cluster-view.ts';
import { placeWorkload } from './scheduling.ts';
import type { ModelContext, PolicyModel } from './types.ts';

/**
 * Keeps one check under about 200 ms (some 100 µs a state): the shortest drop below an 80 % budget for 100
 * replicas at 25 %/25 % is found after 464 states. A run that stops at the bound answers null (unknown).
 */
const MAX_STATES = 2000;

/** A PodDisruptionBudget's desiredHealthy for `replicas` Pods, as the disruption controller computes it. */
export function desiredHealthy(spec: Record<string, unknown>, replicas: number): number | undefined {
  const valid = (v: unknown): v is IntOrString => (typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && /^\d+%$/.test(v));
  // intstr.GetScaledValueFromIntOrPercent with roundUp, the same arithmetic as a Deployment's maxSurge.
  const scaled = (v: IntOrString): number => getRule('deployment/max-surge').evaluate({ maxSurge: v, maxUnavailable: 0, replicas }) as number;
  const { maxUnavailable, minAvailable } = spec;
  if (maxUnavailable !== undefined && maxUnavailable !== null) return valid(maxUnavailable) ? Math.max(0, replicas - scaled(maxUnavailable)) : undefined;
  if (minAvailable !== undefined && minAvailable !== null) return valid(minAvailable) ? scaled(minAvailable) : undefined;
  return undefined;
}

interface Budget {
  name: string;
  desiredHealthy: number;
  /** "minAvailable: 3", "maxUnavailable: 10%". */
  says: string;
  /** Set when the floor is the Deployment's own kubemodel.io/min-available annotation, not a PDB. */
  annotation?: true;
}

/** "Can this rollout ever drop below N available Pods?" for a Deployment that has no budget to say N. */
export const MIN_AVAILABLE_ANNOTATION = 'kubemodel.io/min-available';

/** The strictest PodDisruptionBudget of the namespace whose selector matches the template's labels. */
function budgetFor(target: IndexedObject, labels: Record<string, string>, replicas: number, ctx: ModelContext): Budget | undefined {
  let best: Budget | undefined;
  for (const pdb of objectsIn(ctx, 'PodDisruptionBudget', target.namespace)) {
    const spec = isRecord(pdb.object['spec']) ? pdb.object['spec'] : {};
    // policy/v1: a null selector selects nothing, {} selects every Pod of the namespace.
    if (!isRecord(spec['selector']) || !matchesSelector(spec['selector'] as LabelSelector, labels)) continue;
    const healthy = desiredHealthy(spec, replicas);
    if (healthy === undefined || healthy <= 0) continue;
    const field = spec['maxUnavailable'] !== undefined && spec['maxUnavailable'] !== null ? 'maxUnavailable' : 'minAvailable';
    if (!best || healthy > best.desiredHealthy) best = { name: pdb.name, desiredHealthy: healthy, says: `${field}: ${String(spec[field])}` };
  }
  const asked = (target.object['metadata'] as { annotations?: Record<string, unknown> } | undefined)?.annotations?.[MIN_AVAILABLE_ANNOTATION];
  const n = typeof asked === 'string' && /^\d+$/.test(asked) ? Number(asked) : undefined;
  if (n !== undefined && n > 0 && (!best || n > best.desiredHealthy)) best = { name: MIN_AVAILABLE_ANNOTATION, desiredHealthy: n, says: `${MIN_AVAILABLE_ANNOTATION}: "${n}"`, annotation: true };
  return best;
}

/** (b): Pods become available only while fewer than `capacity` of the template's Pods are running. */
class CapacityBound implements TransitionSystem<RolloutState, RolloutAction> {
  readonly initial: RolloutState[];
  constructor(readonly inner: RolloutSystem, readonly capacity: number) {
    this.initial = inner.initial;
  }
  successors(s: RolloutState) {
    const running = availableIn(s) + s.rses.reduce((n, r) => n + r.terminating, 0);
    return this.inner.successors(s).filter((x) => x.action.step !== 'pod-available' || running < this.capacity);
  }
  key(s: RolloutState) {
    return this.inner.key(s);
  }
  isFault(a: RolloutAction) {
    return this.inner.isFault(a);
  }
  isStable(s: RolloutState, succ: { action: RolloutAction }[]) {
    return this.inner.isStable(s, succ);
  }
  isTerminal() {
    return true;
  }
}

function steps(trace: { steps: { action: RolloutAction; state: RolloutState }[] }, oldName: string, newName: string): string[] {
  return trace.steps.map((st) => describeRolloutStep(st.action, st.state).replaceAll(OLD, oldName).replaceAll(NEW, newName));
}

const numbered = (list: readonly string[]): string => list.map((s, i) => `(${i + 1}) ${s}`).join(' ');

/** The Progressing condition and `kubectl rollout status` line once progressDeadlineSeconds pass without progress. */
function deadlineWords(d: Deployment, rs: string): string {
  const stalled: Deployment = {
    ...d,
    metadata: { ...d.metadata, generation: 2 },
    status: {
      observedGeneration: 2,
      conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rs}" is progressing.`, lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }],
    },
  } as Deployment;
  // Asked one second after the deadline has passed since the last progress.
  const deadline = deploymentDefaults(d).progressDeadlineSeconds;
  const now = new Date(Date.UTC(2026, 0, 1) + (Math.min(deadline, 10 ** 9) + 1) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const decision = progressingCondition(stalled, stalled.status ?? {}, rs, now);
  if (decision.action !== 'set' || decision.condition.reason !== 'ProgressDeadlineExceeded') return 'the rollout never finishes, and without a progress deadline no condition says so';
  const status = rolloutStatusMessage({ ...stalled, status: { ...stalled.status, conditions: [decision.condition] } } as Deployment).message;
  return `Progressing=False, reason ProgressDeadlineExceeded: ${decision.condition.message} (kubectl rollout status: ${status})`;
}

export function rolloutAnswer(target: IndexedObject, ctx: ModelContext): Record<string, unknown> | undefined {
  const d = target.object as unknown as Deployment;
  if (!isRecord(d.spec) || !isRecord(d.spec.template)) return undefined;
  const t = workloadTemplate(target, ctx);
  if (!t) return undefined;
  const spec = deploymentDefaults(d);
  const strategy = spec.strategyType;
  const replicas = spec.replicas;
  if (replicas <= 0) return undefined;
  const fence = strategy === 'RollingUpdate' ? resolveFenceposts(spec.maxSurge ?? 0, spec.maxUnavailable ?? 0, replicas) : { surge: 0, unavailable: replicas };
  const maxUnavailable = strategy === 'RollingUpdate' ? maxUnavailableOf(d) : replicas;
  const constants: RolloutConstants = { replicas, maxSurge: spec.maxSurge ?? 0, maxUnavailable: spec.maxUnavailable ?? 0, maxFaults: 0, strategy };
  const floor = replicas - maxUnavailable;
  const labels = (podView(target.kind, target.object)?.metadata['labels'] ?? {}) as Record<string, string>;
  const newName = replicaSetName(target.name, podTemplateHash(d.spec.template));
  const oldName = 'the old ReplicaSet';
  const answer: Record<string, unknown> = { replicas, strategy, maxSurge: fence.surge, maxUnavailable, floor, newReplicaSet: newName };

  // (a) The PodDisruptionBudget's floor against what the rollout lets availability drop to.
  const budget = budgetFor(target, labels, replicas, ctx);
  answer['pdb'] = budget?.name ?? null;
  answer['minAvailable'] = budget?.desiredHealthy ?? null;
  answer['belowBudget'] = null;
  answer['counterexample'] = [];
  answer['budgetMessage'] = '';
  // The Deployment controller never takes availability below replicas - maxUnavailable (ROLL-05, the
  // min-available invariant the rollout models prove), so a budget at or under that floor cannot be broken
  // by the rollout: only a budget above it needs the model check, which then finds the shortest run.
  if (budget && budget.desiredHealthy <= floor) answer['belowBudget'] = false;
  else if (budget) {
    const below: StateInvariant<RolloutState> = { id: 'pdb-floor', description: `available ≥ ${budget.desiredHealthy}`, holds: (s) => availableIn(s) >= budget.desiredHealthy };
    // New Pods never becoming available loses no low point: the controller may remove maxUnavailable old
    // Pods once the surge Pods exist (available or not), and no more until new ones are available, which
    // only raises availability. It cuts the states to explore about fourfold (100 replicas: 464, not 1,894).
    const stalled = { ...constants, newPodsBecomeAvailable: false };
    const result = check(new RolloutSystem(stalled), { invariants: [below], bounds: { maxStates: MAX_STATES }, checkDeadlock: false, checkConvergence: false });
    const v = result.violations[0];
    if (v) {
      const trace = steps(v.trace, oldName, newName);
      const reached = availableIn(v.trace.steps.at(-1)?.state ?? v.trace.initial);
      answer['belowBudget'] = true;
      answer['counterexample'] = trace;
      answer['budgetMessage'] =
        `a rollout of ${strategy === 'Recreate' ? 'strategy Recreate' : `maxUnavailable ${maxUnavailable}`} takes available Pods down to ${reached} ` +
        (budget.annotation
          ? `while the Deployment asks for at least ${budget.desiredHealthy} (${budget.says}). `
          : `while PodDisruptionBudget "${budget.name}" (${budget.says}) wants ${budget.desiredHealthy} (status.currentHealthy ${reached} < status.desiredHealthy ${budget.desiredHealthy}); the Deployment controller scales ReplicaSets down without the eviction API, so the budget does not stop it. `) +
        `Shortest run: ${numbered(trace)}`;
    } else if (result.complete) answer['belowBudget'] = false;
  }

  // (b) Room for the rollout: how many Pods of this template fit, up to replicas + maxSurge.
  answer['capacity'] = null;
  answer['completes'] = null;
  answer['stuckTrace'] = [];
  answer['completionMessage'] = '';
  const placement = placeWorkload(target, ctx, fence.surge);
  if (placement && !placement.truncated && placement.placed.length >= replicas) {
    const capacity = placement.placed.length;
    answer['capacity'] = capacity;
    if (capacity >= replicas + fence.surge) answer['completes'] = true;
    else {
      const system = new CapacityBound(new RolloutSystem(constants), capacity);
      const bounds = rolloutBounds(constants);
      const complete = rolloutStableInvariants.filter((p) => p.id === 'rollout-complete').map((p) => ({ id: p.id, description: p.description, holds: (s: RolloutState) => p.holds(s, bounds) }));
      const result = check(system, { invariants: [], stableInvariants: complete, bounds: { maxStates: MAX_STATES }, checkDeadlock: false, checkConvergence: false });
      const v = result.violations[0];
      if (v) {
        const trace = steps(v.trace, oldName, newName);
        answer['completes'] = false;
        answer['stuckTrace'] = trace;
        answer['completionMessage'] =
          `${deadlineWords(d, newName)}. The cluster has room for ${capacity} Pods of this template and the rollout needs ${replicas + fence.surge} (replicas ${replicas} + maxSurge ${fence.surge}); ` +
          `${maxUnavailable === 0 ? 'with maxUnavailable 0 no old Pod is removed before a new one is available, so ' : ''}the new ReplicaSet's Pods stay Pending: ${placement.failed?.message ?? ''} ` +
          `Shortest run to the stuck state: ${numbered(trace)}`;
      } else if (result.complete) answer['completes'] = true;
    }
  }
  answer['message'] = [answer['budgetMessage'], answer['completionMessage']].filter((m) => m !== '').join(' ') || `a rollout of ${replicas} replicas keeps at least ${floor} available and finishes`;
  return answer;
}

export const rolloutModel: PolicyModel = {
  name: 'rollout',
  description: "A bounded model check of the Deployment's next RollingUpdate or Recreate rollout: availability against its PodDisruptionBudget, and whether the cluster has room for it to finish",
  kinds: ['Deployment'],
  answer(target, ctx) {
    return memo(ctx, `rollout:${objectKey(target)}`, () => rolloutAnswer(target, ctx));
  },
};
