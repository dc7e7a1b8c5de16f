// One scheduling cycle (SCHED-01, SCHED-02, SCHED-03, SCHED-24, SCHED-25), after schedule_one.go:
// PreFilter, Filter over the nodes from nextStartNodeIndex until numFeasibleNodesToFind feasible ones are found,
// then Score and selectHost; when nothing fits, DefaultPreemption (PostFilter) and the FailedScheduling message
// exactly as the selected release writes it.
import { InputError } from '../errors.ts';
import type { Pod } from '../k8s/types.ts';
import { fitErrorMessage } from './fit-error.ts';
import { runFilters } from './framework.ts';
import { buildNodeInfos, type MutableNodeInfo } from './node-info.ts';
import { preempt } from './preemption.ts';
import { preFilter } from './prefilter.ts';
import { chooseHost, scoreNodes } from './select-host.ts';
import type { ClusterSnapshot, PluginStatus, ScheduleOptions, ScheduleResult } from './types.ts';
import { messageFormat, reasonsFor, schedulerMinor } from './wording.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/**
 * numFeasibleNodesToFind: all nodes below 100; else percentageOfNodesToScore, adaptive when 0
 * (50 − nodes/125, at least 5), never fewer than 100. 1000 nodes → 42% → 420; 5000 → 10% → 500.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < 100) return numAllNodes;
  let p = percentage;
  if (p <= 0) p = Math.max(50 - Math.floor(numAllNodes / 125), 5);
  return Math.max(Math.floor((numAllNodes * p) / 100), 100);
}

/** Schedules `pod` against a snapshot (NodeInfos built from it); see scheduleOn for incremental use. */
export function schedule(pod: Pod, snapshot: ClusterSnapshot, opts: ScheduleOptions = {}): ScheduleResult {
  return scheduleOn(pod, buildNodeInfos(snapshot), snapshot, opts);
}

function fail(message: string, extra: Partial<Extract<ScheduleResult, { ok: false }>> = {}): ScheduleResult {
  return { ok: false, message, perNode: [], ...extra };
}

/** One cycle over NodeInfos the caller keeps up to date (snapshot supplies PriorityClasses and Namespaces). */
export function scheduleOn(pod: Pod, nodes: readonly MutableNodeInfo[], snapshot: ClusterSnapshot, opts: ScheduleOptions = {}): ScheduleResult {
  const minor = schedulerMinor(opts.kubernetesVersion);
  const seed = opts.seed ?? 0;
  const mine = opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  if ((pod.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME) !== mine) {
    return fail(`not scheduled: spec.schedulerName is "${pod.spec.schedulerName}", this scheduler is "${mine}"`, { ignored: 'otherScheduler' });
  }
  if (pod.spec.nodeName) return fail(`not scheduled: spec.nodeName already names "${pod.spec.nodeName}"`, { ignored: 'alreadyBound' });
  if (nodes.length === 0) return fail(reasonsFor(minor, 'noNodes')[0] ?? '');

  const pre = preFilter(pod, nodes, snapshot, minor, (p) => nodes[0]?.requestsOf(p) ?? new Map());
  const statuses = new Map<string, PluginStatus>();
  let absent: { count: number; status: PluginStatus } | undefined;
  let start = opts.startIndex ?? 0;
  const feasible: MutableNodeInfo[] = [];

  if (pre.rejection) {
    for (const n of nodes) statuses.set(n.name, pre.rejection);
  } else {
    const candidates = pre.onlyNodes ? nodes.filter((n) => pre.onlyNodes?.has(n.name)) : nodes;
    if (pre.onlyNodes && minor >= 31) {
      const reasons = reasonsFor(minor, 'notInPreFilterResult', { plugins: `[${(pre.plugins ?? []).join(' ')}]` });
      absent = { count: nodes.length - candidates.length, status: { plugin: 'NodeAffinity', code: 'UnschedulableAndUnresolvable', reasons } };
    }
    const wanted = numFeasibleNodesToFind(candidates.length, opts.percentageOfNodesToScore);
    let processed = 0;
    for (let i = 0; i < candidates.length && feasible.length < wanted; i++) {
      const info = candidates[(start + i) % candidates.length] as MutableNodeInfo;
      const failed = runFilters(pre.state, info, opts.runAllFilters);
      processed += 1;
      if (failed.length === 0) feasible.push(info);
      else statuses.set(info.name, mergeStatuses(failed));
    }
    start = (start + processed) % nodes.length;
  }

  if (feasible.length > 0) {
    const scores = feasible.length === 1 ? [] : scoreNodes(pod, feasible, snapshot, opts);
    const node = feasible.length === 1 ? (feasible[0] as MutableNodeInfo).name : chooseHost(scores, seed);
    return { ok: true, node, scores, evaluatedNodes: feasible.length + statuses.size, nextStartIndex: start };
  }

  const format = messageFormat(minor);
  const perNode = [...statuses].map(([node, s]) => ({ node, statuses: [s] }));
  if (absent) for (const n of nodes) if (!pre.onlyNodes?.has(n.name)) perNode.push({ node: n.name, statuses: [absent.status] });
  const statusOf = (name: string): PluginStatus | undefined => statuses.get(name) ?? absent?.status;
  const outcome = preempt(pod, pre.state, nodes, statusOf, snapshot, seed);
  let postFilterMsg: string | undefined;
  if (format.preemptionSuffix && outcome.kind !== 'nominated') {
    postFilterMsg = [...reasonsFor(minor, 'draNoClaims'), `preemption: ${outcome.message}`].join(', ');
  }
  const preFilterOnce = pre.rejection !== undefined && format.preFilterOnce;
  const message = fitErrorMessage(minor, {
    numAllNodes: nodes.length,
    reasonsPerNode: preFilterOnce ? [] : [...statuses.values()].map((s) => s.reasons),
    ...(absent ? { absent: { count: absent.count, reasons: absent.status.reasons } } : {}),
    ...(preFilterOnce && pre.rejection ? { preFilterMsg: pre.rejection.reasons.join(', ') } : {}),
    ...(postFilterMsg ? { postFilterMsg } : {}),
  });
  return {
    ok: false,
    message,
    perNode,
    ...(pre.rejection ? { preFilter: pre.rejection } : {}),
    ...(outcome.kind === 'nominated' ? { nominated: { node: outcome.node, victims: outcome.victims.map(podKey) } } : {}),
    nextStartIndex: start,
  };
}

/** runAllFilters: one status with every failing plugin's reasons, coded by the first. */
function mergeStatuses(failed: PluginStatus[]): PluginStatus {
  if (failed.length === 1) return failed[0] as PluginStatus;
  const first = failed[0] as PluginStatus;
  return { plugin: first.plugin, code: first.code, reasons: failed.flatMap((s) => s.reasons) };
}

export const podKey = (p: Pod): string => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;

/**
 * The worded reasons `node` rejects `pod` with in the selected release ([] = it fits): the first failing
 * plugin's, or every failing plugin's with runAllFilters; a PreFilter rejection applies to every node.
 */
export function fitsNode(pod: Pod, node: string, snapshot: ClusterSnapshot, opts: ScheduleOptions = {}): string[] {
  const minor = schedulerMinor(opts.kubernetesVersion);
  const nodes = buildNodeInfos(snapshot);
  const info = nodes.find((n) => n.name === node);
  if (!info) throw new InputError(`fitsNode: no node "${node}" in the snapshot`);
  const pre = preFilter(pod, nodes, snapshot, minor, (p) => info.requestsOf(p));
  if (pre.rejection) return pre.rejection.reasons;
  return runFilters(pre.state, info, opts.runAllFilters).flatMap((s) => s.reasons);
}
