// DefaultPreemption, the PostFilter plugin (SCHED-24, SCHED-23): framework/preemption/preemption.go and
// plugins/defaultpreemption/default_preemption.go. A Pod that fits nowhere may evict lower-priority Pods:
// - not eligible with preemptionPolicy Never;
// - only nodes whose status is Unschedulable are tried; UnschedulableAndUnresolvable ones (taints, selector,
//   node name, cordon, required affinity, missing spread label) are "Preemption is not helpful for scheduling";
// - on a tried node all lower-priority Pods are removed; if the Pod still does not fit, that failure is the
//   node's status; if there were none, "No preemption victims found for incoming pod"; otherwise victims are
//   reprieved from the most important down while the Pod still fits;
// - the node is chosen by: fewest PDB violations (no PDBs modelled: all 0), lowest highest-victim priority,
//   lowest sum of priorities, fewest victims, latest start of the highest-priority victims, then node order.
// Left out: PDBs, nominated Pods and the nominated-node eligibility check, extenders, async preemption.
import type { Pod, PriorityClass } from '../k8s/types.ts';
import { fitErrorMessage } from './fit-error.ts';
import { runFilters } from './framework.ts';
import type { MutableNodeInfo } from './node-info.ts';
import { refreshState, type CycleState } from './prefilter.ts';
import { moreImportant, podPriority, preemptionPolicy, startTime } from './priority.ts';
import { seededRandom } from './select-host.ts';
import type { ClusterSnapshot, PluginStatus } from './types.ts';
import { reasonsFor } from './wording.ts';

export type PreemptionOutcome =
  | { kind: 'notEligible'; message: string }
  | { kind: 'noCandidates'; message: string }
  | { kind: 'nominated'; node: string; victims: Pod[] };

const MAX_INT32_PLUS_1 = 2147483648;

type Victims = { ok: true; victims: Pod[] } | { ok: false; status: PluginStatus };

function selectVictims(pod: Pod, state: CycleState, target: MutableNodeInfo, nodes: readonly MutableNodeInfo[], snapshot: ClusterSnapshot): Victims {
  const classes = snapshot.priorityClasses ?? [];
  const priority = podPriority(pod, classes);
  const copy = target.clone();
  const world = nodes.map((n) => (n === target ? copy : n));
  const potential = copy.pods.filter((p) => podPriority(p, classes) < priority);
  if (potential.length === 0) {
    return { ok: false, status: { plugin: 'DefaultPreemption', code: 'UnschedulableAndUnresolvable', reasons: reasonsFor(state.minor, 'noVictims') } };
  }
  for (const p of potential) copy.removePod(p);
  const failed = runFilters(refreshState(state, world, snapshot), copy)[0];
  if (failed) return { ok: false, status: failed };
  potential.sort((a, b) => (moreImportant(a, b, classes) ? -1 : moreImportant(b, a, classes) ? 1 : 0));
  const victims: Pod[] = [];
  for (const p of potential) {
    copy.addPod(p);
    if (runFilters(refreshState(state, world, snapshot), copy).length > 0) {
      copy.removePod(p);
      victims.push(p);
    }
  }
  return { ok: true, victims };
}

/** pickOneNodeForPreemption's criteria, each applied only to the nodes tied on the previous ones. */
function pickNode(candidates: { node: string; victims: Pod[] }[], classes: readonly PriorityClass[]): { node: string; victims: Pod[] } {
  const prio = (p: Pod): number => podPriority(p, classes);
  const earliestOfHighest = (victims: Pod[]): number => {
    const top = Math.max(...victims.map(prio));
    return Math.min(...victims.filter((v) => prio(v) === top).map(startTime));
  };
  const scores: ((c: { victims: Pod[] }) => number)[] = [
    (c) => -prio(c.victims[0] as Pod),
    (c) => -c.victims.reduce((s, v) => s + prio(v) + MAX_INT32_PLUS_1, 0),
    (c) => -c.victims.length,
    (c) => earliestOfHighest(c.victims),
  ];
  let remaining = candidates;
  for (const score of scores) {
    const best = Math.max(...remaining.map(score));
    remaining = remaining.filter((c) => score(c) === best);
    if (remaining.length === 1) break;
  }
  return remaining[0] as { node: string; victims: Pod[] };
}

export function preempt(
  pod: Pod,
  state: CycleState,
  nodes: readonly MutableNodeInfo[],
  statusOf: (node: string) => PluginStatus | undefined,
  snapshot: ClusterSnapshot,
  seed: number,
): PreemptionOutcome {
  const minor = state.minor;
  const classes = snapshot.priorityClasses ?? [];
  if (preemptionPolicy(pod, classes) === 'Never') return { kind: 'notEligible', message: reasonsFor(minor, 'preemptionNever')[0] ?? '' };
  const potential = nodes.filter((n) => statusOf(n.name)?.code === 'Unschedulable');
  const failedStatuses = new Map<string, PluginStatus>();
  const candidates: { node: string; victims: Pod[] }[] = [];
  if (potential.length > 0) {
    const wanted = Math.min(potential.length, Math.max(Math.floor((potential.length * 10) / 100), 100));
    const offset = Math.floor(seededRandom(seed ^ 0x5bd1e995)() * potential.length);
    for (let i = 0; i < potential.length && candidates.length < wanted; i++) {
      const target = potential[(offset + i) % potential.length] as MutableNodeInfo;
      const result = selectVictims(pod, state, target, nodes, snapshot);
      if (result.ok && result.victims.length > 0) candidates.push({ node: target.name, victims: result.victims });
      else if (!result.ok) failedStatuses.set(target.name, result.status);
    }
  }
  if (candidates.length === 0) {
    const message = fitErrorMessage(minor, {
      numAllNodes: nodes.length,
      reasonsPerNode: [...failedStatuses.values()].map((s) => s.reasons),
      absent: { count: nodes.length - failedStatuses.size, reasons: reasonsFor(minor, 'preemptionNotHelpful') },
    });
    return { kind: 'noCandidates', message };
  }
  const order = new Map(nodes.map((n, i) => [n.name, i]));
  candidates.sort((a, b) => (order.get(a.node) ?? 0) - (order.get(b.node) ?? 0));
  return { kind: 'nominated', ...pickNode(candidates, classes) };
}
