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
import { getRule } from '../../rules/registry.ts';
import { MutableNodeInfo } from '../node-info.ts';
import type { NodeInfo } from '../types.ts';
import { safeNumber, type ScorePlugin } from './plugin.ts';
import { cpuMemory, scalarOf, scoreRequests, sumScoreRequests, type CpuMemory, type ScoredResource, type ScoreRequests } from './requests.ts';

const RESOURCES: readonly { name: ScoredResource; weight: number }[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** The node's Pods' totals: kept by MutableNodeInfo across cycles, summed from the Pods for any other NodeInfo. */
const nodeTotals = (info: NodeInfo): ScoreRequests => (info instanceof MutableNodeInfo ? info.scoreRequested() : sumScoreRequests(info.pods));

/** Allocatable cpu/memory in scorer units: kept by MutableNodeInfo, converted afresh for any other NodeInfo. */
const allocatableOf = (info: NodeInfo): CpuMemory =>
  info instanceof MutableNodeInfo ? info.scoreAllocatable() : cpuMemory(scalarOf('cpu', info.allocatable.get('cpu')), scalarOf('memory', info.allocatable.get('memory')));

interface Usage {
  readonly name: ScoredResource;
  allocatable: number;
  /** On the node before the Pod. */
  allocated: number;
  /** With the Pod. */
  requested: number;
}

/** One Usage per resource, rewritten for each node: a cycle scores hundreds of nodes (see framework.ts). */
const usageViews = (): Usage[] => RESOURCES.map(({ name }) => ({ name, allocatable: 0, allocated: 0, requested: 0 }));

/**
 * Number arithmetic when every amount is a safe integer: a sum of two of them that stays within ±(2^53 - 1) was
 * not rounded, so it equals the bigint sum. False (fall back to bigints) when a sum leaves that range.
 */
function fillExact(view: Usage[], pod: Record<ScoredResource, number>, node: Record<ScoredResource, number>, allocatable: Record<ScoredResource, number>): boolean {
  for (const u of view) {
    const requested = node[u.name] + pod[u.name];
    if (!(Math.abs(requested) <= Number.MAX_SAFE_INTEGER)) return false;
    u.allocatable = allocatable[u.name];
    u.allocated = node[u.name];
    u.requested = requested;
  }
  return true;
}

/** `pod`: the incoming Pod's amounts, counted the same way (nonMissing) as the node's. */
function fillUsage(view: Usage[], pod: CpuMemory, info: NodeInfo, nonMissing: boolean): Usage[] {
  const totals = nodeTotals(info);
  const node = nonMissing ? totals.nonZero : totals.requested;
  const allocatable = allocatableOf(info);
  if (pod.exact && node.exact && allocatable.exact && fillExact(view, pod.exact, node.exact, allocatable.exact)) return view;
  // Beyond 2^53 somewhere: bigints, and safeNumber names the first amount that cannot be scored exactly.
  for (const u of view) {
    const allocated = node[u.name];
    u.allocatable = safeNumber(allocatable[u.name], `allocatable ${u.name}`);
    u.allocated = safeNumber(allocated, `requested ${u.name}`);
    u.requested = safeNumber(allocated + pod[u.name], `requested ${u.name}`);
  }
  return view;
}

export const nodeResourcesFit = (name: string): ScorePlugin => ({
  name,
  score(ctx) {
    const rule = getRule('scheduler/score/least-allocated');
    const pod = scoreRequests(ctx.pod).nonZero;
    const usage = usageViews();
    const resources = RESOURCES.map(({ name: resource, weight }) => ({ name: resource, requested: 0, allocatable: 0, weight }));
    const view = { resources };
    return ctx.feasible.map((info) => {
      fillUsage(usage, pod, info, true);
      resources.forEach((r, i) => {
        const u = usage[i] as Usage;
        r.requested = u.requested;
        r.allocatable = u.allocatable;
      });
      return rule.evaluate(view) as number;
    });
  },
});

/**
 * Go's balancedResourceScorer deviation: fractions capped at 1, nodes without the resource left out; two
 * fractions give |f1 - f2| / 2, more the population standard deviation. Written without temporary arrays
 * because it runs twice per feasible node.
 */
export function balanceStd(pairs: readonly { requested: number; allocatable: number }[]): number {
  let count = 0;
  let first = 0;
  let second = 0;
  for (const p of pairs) {
    if (p.allocatable === 0) continue;
    const f = Math.min(p.requested / p.allocatable, 1);
    if (count === 0) first = f;
    else if (count === 1) second = f;
    count += 1;
  }
  if (count === 2) return Math.abs((first - second) / 2);
  if (count > 2) {
    const fractions = pairs.filter((p) => p.allocatable !== 0).map((p) => Math.min(p.requested / p.allocatable, 1));
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
    const pod = useRequested ? own : scoreRequests(ctx.pod).nonZero;
    const usage = usageViews();
    const pairs = usage.map(() => ({ withPod: { requested: 0, allocatable: 0 }, withoutPod: { requested: 0, allocatable: 0 } }));
    const withPod = pairs.map((p) => p.withPod);
    const withoutPod = pairs.map((p) => p.withoutPod);
    const view = { stdWithPod: 0, stdWithoutPod: 0, scoresBalanceChange: ctx.minor >= 36 };
    return ctx.feasible.map((info) => {
      fillUsage(usage, pod, info, !useRequested);
      usage.forEach((u, i) => {
        const p = pairs[i] as (typeof pairs)[number];
        p.withPod.requested = u.requested;
        p.withPod.allocatable = u.allocatable;
        p.withoutPod.requested = u.allocated;
        p.withoutPod.allocatable = u.allocatable;
      });
      view.stdWithPod = balanceStd(withPod);
      view.stdWithoutPod = balanceStd(withoutPod);
      return rule.evaluate(view) as number;
    });
  },
};
