// The FailedScheduling vocabulary of kube-scheduler per minor version (SCHED-03): the reason each filter
// plugin records for a node, and the shape of the whole message. Rows carry the minors they hold for
// (both ends inclusive, the model keys on the minor only); comments name the Kubernetes change and
// where the evidence for a boundary is weak. Sources: pkg/scheduler/framework/plugins/*, framework/types.go
// (FitError.Error), framework/preemption/preemption.go, plugins/defaultpreemption/default_preemption.go,
// CHANGELOG-1.24.md, and messages users posted with their versions.
import { CURRENT_KUBERNETES_VERSION, inRange, parseKubernetesMinor } from '../k8s/version.ts';

/** What a reason says; the rule decides whether it applies, this table how the release words it. */
export type ReasonKey =
  | 'unschedulable'
  | 'nodeName'
  | 'taint'
  | 'nodeAffinity'
  | 'ports'
  | 'tooManyPods'
  | 'insufficient'
  | 'affinityRules'
  | 'antiAffinityRules'
  | 'existingAntiAffinity'
  | 'spreadSkew'
  | 'spreadMissingLabel'
  | 'affinityTermsConflict'
  | 'notInPreFilterResult'
  | 'noVictims'
  | 'preemptionNotHelpful'
  | 'preemptionNever'
  | 'noNodes'
  | 'draNoClaims'
  | 'volumeClaimNotFound'
  | 'volumeClaimDeleting'
  | 'volumeClaimLost'
  | 'volumeUnboundImmediate'
  | 'volumeNodeConflict'
  | 'volumeBindConflict'
  | 'volumePVNotExist';

export interface ReasonRow {
  key: ReasonKey;
  since: string;
  /** Last minor with this wording (inclusive); absent = still current. */
  until?: string;
  /** Reasons the status carries, in order; placeholders {key} {value} {resource} {plugins} {claim} {volume}. */
  reasons: string[];
}

const AFFINITY_COMMON = "node(s) didn't match pod affinity/anti-affinity";

export const REASON_WORDING: readonly ReasonRow[] = [
  // nodeunschedulable/node_unschedulable.go, unchanged since the predicate ErrNodeUnschedulable.
  { key: 'unschedulable', since: '1.16', reasons: ['node(s) were unschedulable'] },
  // The HostName predicate and the early NodeName plugin said "hostname"; node_name.go later "node name"
  // (boundary 1.22 is not pinned by a changelog entry).
  { key: 'nodeName', since: '1.16', until: '1.21', reasons: ["node(s) didn't match the requested hostname"] },
  { key: 'nodeName', since: '1.22', reasons: ["node(s) didn't match the requested node name"] },
  // PodToleratesNodeTaints; PR #87250 (1.18) named the taint; PR #109119 (1.24, with #107775's preemption
  // suffix) shortened it; PR #134740 (1.35, cherry-picked into late 1.34 patches as #135023) drops key and value.
  { key: 'taint', since: '1.16', until: '1.17', reasons: ["node(s) had taints that the pod didn't tolerate"] },
  { key: 'taint', since: '1.18', until: '1.23', reasons: ["node(s) had taint {{key}: {value}}, that the pod didn't tolerate"] },
  { key: 'taint', since: '1.24', until: '1.34', reasons: ['node(s) had untolerated taint {{key}: {value}}'] },
  { key: 'taint', since: '1.35', reasons: ['node(s) had untolerated taint(s)'] },
  // MatchNodeSelector predicate; the NodeAffinity plugin's ErrReasonPod, "/selector" added by PR #97521 (1.21).
  // The 1.20-only wording is inferred from that PR's title; a 2021 event still read "didn't match node selector".
  { key: 'nodeAffinity', since: '1.16', until: '1.19', reasons: ["node(s) didn't match node selector"] },
  { key: 'nodeAffinity', since: '1.20', until: '1.20', reasons: ["node(s) didn't match Pod's node affinity"] },
  { key: 'nodeAffinity', since: '1.21', reasons: ["node(s) didn't match Pod's node affinity/selector"] },
  { key: 'ports', since: '1.16', reasons: ["node(s) didn't have free ports for the requested pod ports"] },
  // noderesources/fit.go: one reason per short resource, "Insufficient cpu", "Insufficient nvidia.com/gpu".
  { key: 'tooManyPods', since: '1.16', reasons: ['Too many pods'] },
  { key: 'insufficient', since: '1.16', reasons: ['Insufficient {resource}'] },
  // interpodaffinity/filtering.go: until PR #102518 (1.22) every failure also carried the common reason, so a
  // node counted under both in the histogram.
  { key: 'affinityRules', since: '1.16', until: '1.21', reasons: [AFFINITY_COMMON, "node(s) didn't match pod affinity rules"] },
  { key: 'affinityRules', since: '1.22', reasons: ["node(s) didn't match pod affinity rules"] },
  { key: 'antiAffinityRules', since: '1.16', until: '1.21', reasons: [AFFINITY_COMMON, "node(s) didn't match pod anti-affinity rules"] },
  { key: 'antiAffinityRules', since: '1.22', reasons: ["node(s) didn't match pod anti-affinity rules"] },
  { key: 'existingAntiAffinity', since: '1.16', until: '1.21', reasons: [AFFINITY_COMMON, "node(s) didn't satisfy existing pods anti-affinity rules"] },
  { key: 'existingAntiAffinity', since: '1.22', reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"] },
  // podtopologyspread/filtering.go ErrReasonConstraintsNotMatch and ErrReasonNodeLabelNotMatch.
  { key: 'spreadSkew', since: '1.16', reasons: ["node(s) didn't match pod topology spread constraints"] },
  { key: 'spreadMissingLabel', since: '1.16', reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"] },
  // nodeaffinity PreFilter (PreFilterResult, PR #108648, 1.24): metadata.name terms that exclude each other.
  { key: 'affinityTermsConflict', since: '1.24', reasons: ['pod affinity terms conflict'] },
  // schedule_one.go: nodes a PreFilterResult left out count under this status (NodeToStatus absent-node
  // status; the 1.31 boundary follows PR #122251/#125197 and is not pinned by a changelog entry).
  { key: 'notInPreFilterResult', since: '1.31', reasons: ["node(s) didn't satisfy plugin(s) {plugins}"] },
  // default_preemption.go SelectVictimsOnNode; PR #108705 (1.24) replaced the per-node wording.
  { key: 'noVictims', since: '1.24', reasons: ['No preemption victims found for incoming pod'] },
  { key: 'preemptionNotHelpful', since: '1.24', reasons: ['Preemption is not helpful for scheduling'] },
  { key: 'preemptionNever', since: '1.24', reasons: ['not eligible due to preemptionPolicy=Never.'] },
  // schedule_one.go ErrNoNodesAvailable: an empty cluster gives no "0/0 nodes are available" histogram.
  { key: 'noNodes', since: '1.16', reasons: ['no nodes available to schedule pods'] },
  // DynamicResources PostFilter runs before DefaultPreemption once DRA is on by default (GA in 1.34).
  { key: 'draNoClaims', since: '1.34', reasons: ['no new claims to deallocate'] },
  // VolumeBinding (plugins/volumebinding): PreFilter rejections carry the claim lister's or the plugin's error
  // text. Before PreFilter existed (1.19) a missing claim was a scheduling error rather than a status; the
  // model words 1.16-1.18 like 1.19. The Lost-claim check is PR #105245 (1.23); before it such a claim counted
  // as bound and failed every node with volumePVNotExist.
  { key: 'volumeClaimNotFound', since: '1.16', reasons: ['persistentvolumeclaim "{claim}" not found'] },
  { key: 'volumeClaimDeleting', since: '1.16', reasons: ['persistentvolumeclaim "{claim}" is being deleted'] },
  { key: 'volumeClaimLost', since: '1.23', reasons: ['persistentvolumeclaim "{claim}" bound to non-existent persistentvolume "{volume}"'] },
  { key: 'volumeUnboundImmediate', since: '1.16', reasons: ['pod has unbound immediate PersistentVolumeClaims'] },
  // binder.go ErrReasonNodeConflict; PR #129887 (opened January 2025) reworded it. The 1.33 boundary is
  // inferred from its dates; events quoting the new text alongside the 1.24-1.34 taint wording confirm <= 1.34.
  { key: 'volumeNodeConflict', since: '1.16', until: '1.32', reasons: ['node(s) had volume node affinity conflict'] },
  { key: 'volumeNodeConflict', since: '1.33', reasons: ["node(s) didn't match PersistentVolume's node affinity"] },
  { key: 'volumeBindConflict', since: '1.16', reasons: ["node(s) didn't find available persistent volumes to bind"] },
  // ErrReasonPVNotExist: PR #95541 (1.20, backported to 1.18/1.19 patches) made a missing bound PV a status
  // instead of an error; PR #105196 (1.23) reworded it per node.
  { key: 'volumePVNotExist', since: '1.16', until: '1.22', reasons: ['pvc(s) bound to non-existent pv(s)'] },
  { key: 'volumePVNotExist', since: '1.23', reasons: ['node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'] },
];

/** How FitError.Error() and the PostFilter part are assembled in a release. */
export interface MessageFormat {
  /** PR #107775 (1.24): DefaultPreemption's outcome is appended as "preemption: …". */
  preemptionSuffix: boolean;
  /**
   * 1.24–1.27 appended the PostFilter message with " %v." although it already ended with a period, giving
   * "…for incoming pod.."; PR #117588 (merged April 2023, so 1.28) stopped the doubling.
   */
  doubledPeriod: boolean;
  /**
   * PR #110894 (1.26): a PreFilter rejection is written once ("0/3 nodes are available: <msg>."); before, every
   * node carried the PreFilter status and the histogram said "3 <msg>".
   */
  preFilterOnce: boolean;
}

export function messageFormat(minor: number): MessageFormat {
  return { preemptionSuffix: minor >= 24, doubledPeriod: minor >= 24 && minor <= 27, preFilterOnce: minor >= 26 };
}

/** The minor a ScheduleOptions.kubernetesVersion selects (default: the current release). */
export function schedulerMinor(version: string | undefined): number {
  return parseKubernetesMinor(version ?? CURRENT_KUBERNETES_VERSION);
}

const byMinor = new Map<number, Map<ReasonKey, readonly string[]>>();

/** The reasons `key` gives in release `minor`, placeholders filled; [] when the release has no such status. */
export function reasonsFor(minor: number, key: ReasonKey, args: Readonly<Record<string, string>> = {}): string[] {
  let table = byMinor.get(minor);
  if (!table) {
    table = new Map(REASON_WORDING.filter((r) => inRange(minor, r)).map((r) => [r.key, r.reasons]));
    byMinor.set(minor, table);
  }
  const templates = table.get(key) ?? [];
  return templates.map((t) => t.replace(/\{(key|value|resource|plugins|claim|volume)\}/g, (_, name: string) => args[name] ?? ''));
}
