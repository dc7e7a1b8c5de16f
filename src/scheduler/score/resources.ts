// NodeResourcesFit (LeastAllocated strategy) and NodeResourcesBalancedAllocation (SCHED-19, SCHED-20): this file
// gathers requested and allocatable per resource; the rules scheduler/score/least-allocated and
// scheduler/score/balanced-allocation do the arithmetic. Default resources: cpu weight 1, memory weight 1
// (NodeResourcesFitArgs / NodeResourcesBalancedAllocationArgs defaults in pkg/scheduler/apis/config/v1).
//
// What each plugin counts (noderesources/resource_allocation.go):
// - Fit: the node's NonZeroRequested (every container without a cpu/memory request counts 100m/200Mi) plus the
//   Pod's requests with the same defaults. Two empty 4-cpu/16Gi nodes, one running a 3-cpu Pod: 97 against 57.
// - BalancedAllocation: real requests (useRequested, since 1.22 patch releases / 1.23, kubernetes#105845; older
//   releases used the non-zero figures). A best-effort Pod (nothing requested) is skipped since 1.33
//   (kubernetes#130260). Since 1.36 it scores the change in balance (kubernetes#135573).
// Not modelled: pod-level resources, in-place resize (status resources), DRA-backed extended resources, and the
// pre-1.22 BalancedAllocation formula (1 - |cpu fraction - memory fraction|).
import type { Quantity } from '../../k8s/quantity.ts';
import { getRule } from '../../rules/registry.ts';
import { MutableNodeInfo } from '../node-info.ts';
import type { NodeInfo } from '../types.ts';
import { safeNumber, type ScoreContext, type ScorePlugin } from './plugin.ts';
import { scalarOf, scoreRequests, sumScoreRequests, type ScoredResource, type ScoreRequests } from './requests.ts';

const RESOURCES: readonly { name: ScoredResource; weight: number }[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** The node's Pods' totals: kept by MutableNodeInfo across cycles, summed from the Pods for any other NodeInfo. */
const nodeTotals = (info: NodeInfo): ScoreRequests => (info instanceof MutableNodeInfo ? info.scoreRequested() : sumScoreRequests(info.pods));

/** Allocatable cpu/memory in scorer units, once per allocatable map (a MutableNodeInfo keeps the same map). */
const allocatableCache = new WeakMap<ReadonlyMap<string, Quantity>, Record<ScoredResource, bigint>>();

function allocatableOf(info: NodeInfo): Record<ScoredResource, bigint> {
  let a = allocatableCache.get(info.allocatable);
  if (a === undefined) {
    a = { cpu: scalarOf('cpu', info.allocatable.get('cpu')), memory: scalarOf('memory', info.allocatable.get('memory')) };
    allocatableCache.set(info.allocatable, a);
  }
  return a;
}

interface Usage {
  name: ScoredResource;
  allocatable: number;
  /** On the node before the Pod. */
  allocated: number;
  /** With the Pod. */
  requested: number;
}

function usage(ctx: ScoreContext, info: NodeInfo, nonMissing: boolean): Usage[] {
  const pod = nonMissing ? scoreRequests(ctx.pod).nonZero : scoreRequests(ctx.pod).requested;
  const totals = nodeTotals(info);
  const node = nonMissing ? totals.nonZero : totals.requested;
  const allocatable = allocatableOf(info);
  return RESOURCES.map(({ name }) => {
    const allocated = node[name];
    return {
      name,
      allocatable: safeNumber(allocatable[name], `allocatable ${name}`),
      allocated: safeNumber(allocated, `requested ${name}`),
      requested: safeNumber(allocated + pod[name], `requested ${name}`),
    };
  });
}

export const nodeResourcesFit = (name: string): ScorePlugin => ({
  name,
  score(ctx) {
    const rule = getRule('scheduler/score/least-allocated');
    return ctx.feasible.map((info) => {
      const resources = usage(ctx, info, true).map((u, i) => ({
        name: u.name,
        requested: u.requested,
        allocatable: u.allocatable,
        weight: RESOURCES[i]?.weight ?? 1,
      }));
      return rule.evaluate({ resources }) as number;
    });
  },
});

/** Go's balancedResourceScorer deviation: fractions capped at 1, nodes without the resource left out. */
export function balanceStd(pairs: readonly { requested: number; allocatable: number }[]): number {
  const fractions = pairs.filter((p) => p.allocatable !== 0).map((p) => Math.min(p.requested / p.allocatable, 1));
  if (fractions.length === 2) return Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  if (fractions.length > 2) {
    const mean = fractions.reduce((a, f) => a + f, 0) / fractions.length;
    const sum = fractions.reduce((a, f) => a + (f - mean) * (f - mean), 0);
    return Math.sqrt(sum / fractions.length);
  }
  return 0;
}

export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  score(ctx) {
    const useRequested = ctx.minor >= 22;
    const own = scoreRequests(ctx.pod).requested;
    if (ctx.minor >= 33 && RESOURCES.every(({ name }) => own[name] === 0n)) return undefined;
    const rule = getRule('scheduler/score/balanced-allocation');
    return ctx.feasible.map((info) => {
      const u = usage(ctx, info, !useRequested);
      return rule.evaluate({
        stdWithPod: balanceStd(u.map((x) => ({ requested: x.requested, allocatable: x.allocatable }))),
        stdWithoutPod: balanceStd(u.map((x) => ({ requested: x.allocated, allocatable: x.allocatable }))),
        scoresBalanceChange: ctx.minor >= 36,
      }) as number;
    });
  },
};
