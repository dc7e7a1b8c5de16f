// The order in which kubelet evicts Pods under node pressure (NODE-13): rankMemoryPressure and
// rankDiskPressureFunc (pkg/kubelet/eviction/helpers.go) compare, in turn, whether usage exceeds the Pod's
// request (a Pod without stats first), the Pod's priority (lower first) and usage above the request (larger
// first); rule eviction/rank-compare holds the comparison.
// Requests are GetResourceRequestQuantity: PodRequests (containers, sidecars, the init-container peak) plus
// overhead, 0 when nothing is requested — so a BestEffort Pod exceeds its request with any usage (RES-08).
// Kubernetes' own quirk is kept: for nodefs.inodesFree the third key subtracts the ephemeral-storage request
// (in bytes) from the inode count, while "exceeds" compares inodes against an inode request, always 0.
// Ties keep the input order (Kubernetes' sort.Sort leaves them unspecified).
import { getRule } from '../rules/registry.ts';
import type { Pod } from '../k8s/types.ts';
import { podRequests } from '../scheduler/score/requests.ts';
import type { EvictionSignal } from './signals.ts';

/** One container's stats from the summary API; quantities as text. */
export interface ContainerStats {
  name: string;
  /** Working set bytes. */
  memory?: string;
  /** Writable layer and log bytes. */
  rootfs?: string;
  logs?: string;
}

/** A Pod's usage as the ranking function for the signal measures it (the caller sums what it counts). */
export interface PodStats {
  memory?: string;
  ephemeralStorage?: string;
  inodes?: string;
  containers?: ContainerStats[];
  /** Bytes used per emptyDir (or other local) volume, for RES-11. */
  volumes?: Record<string, string>;
}

export interface PodWithStats {
  pod: Pod;
  /** Absent: the summary had no stats for this Pod, which ranks it first. */
  stats?: PodStats;
}

interface Side {
  statsFound: boolean;
  usage: string;
  request: string;
  subtract: string;
  priority: number;
}

function side(p: PodWithStats, signal: EvictionSignal): Side {
  const requests = podRequests(p.pod);
  const memory = String(requests.get('memory') ?? 0n);
  const storage = String(requests.get('ephemeral-storage') ?? 0n);
  const priority = p.pod.spec.priority ?? 0;
  const stats = p.stats;
  if (signal === 'memory.available') return { statsFound: !!stats, usage: stats?.memory ?? '0', request: memory, subtract: memory, priority };
  if (signal === 'nodefs.inodesFree') return { statsFound: !!stats, usage: stats?.inodes ?? '0', request: '0', subtract: storage, priority };
  return { statsFound: !!stats, usage: stats?.ephemeralStorage ?? '0', request: storage, subtract: storage, priority };
}

/**
 * The Pods in eviction order for the starved signal. Example (memory, all priority 0): BestEffort using
 * 50Mi, Burstable 600Mi of a 100Mi request, Burstable 90Mi of 100Mi → the 600Mi Pod (500Mi above), the
 * BestEffort Pod (50Mi above), then the Pod within its request.
 */
export function rankForEviction(pods: readonly PodWithStats[], signal: EvictionSignal): Pod[] {
  const compare = getRule('eviction/rank-compare');
  const sides = pods.map((p) => ({ pod: p.pod, side: side(p, signal) }));
  return sides.sort((a, b) => compare.evaluate({ a: a.side, b: b.side }) as number).map((x) => x.pod);
}
