// A Pod's requests as the resource scorers see them: component-helpers/resource PodRequests, with the
// scheduler's NonMissingContainerRequests for NodeResourcesFit (pkg/scheduler/util: DefaultMilliCPURequest
// 100, DefaultMemoryRequest 200Mi). A container that names no cpu (memory) request counts 100m (200Mi); an
// explicit "0" stays 0 (SCHED-19). Init containers run before the app containers, so the Pod needs the larger
// of the two phases (SCHED-22); sidecars (restartable init containers, KEP-753) keep running, so they add to
// the app containers and to every later init container. Overhead is added on top.
// Values are what the scorers compare: cpu in millicores (MilliValue), everything else Value(), rounded up.
import { parseQuantity, Quantity } from '../../k8s/quantity.ts';
import type { Container, Pod, ResourceList } from '../../k8s/types.ts';

export const DEFAULT_MILLI_CPU_REQUEST = 100n;
export const DEFAULT_MEMORY_REQUEST = 200n * 1024n * 1024n;

/** The scheduler's defaults for containers that name no cpu/memory request (GetNonzeroRequests). */
const NON_MISSING: ResourceList = { cpu: '100m', memory: '200Mi' };

type Totals = Map<string, Quantity>;

function containerRequests(c: Container, nonMissing: boolean): Totals {
  const out: Totals = new Map();
  for (const [name, text] of Object.entries(c.resources?.requests ?? {})) out.set(name, parseQuantity(text));
  if (nonMissing) for (const [name, text] of Object.entries(NON_MISSING)) if (!out.has(name)) out.set(name, parseQuantity(text));
  return out;
}

function add(into: Totals, from: Totals): void {
  for (const [name, q] of from) into.set(name, (into.get(name) ?? Quantity.of(0n)).add(q));
}

function maxInto(into: Totals, from: Totals): void {
  for (const [name, q] of from) {
    const have = into.get(name);
    if (have === undefined || q.cmp(have) > 0) into.set(name, q);
  }
}

/** PodRequests: e.g. app 250m + 250m, init 1 → cpu 1000m; app 250m with a 100m sidecar and a 1-cpu init → 1100m. */
export function podRequests(pod: Pod, opts: { nonMissing?: boolean } = {}): Map<string, bigint> {
  const nonMissing = opts.nonMissing ?? false;
  const reqs: Totals = new Map();
  for (const c of pod.spec.containers) add(reqs, containerRequests(c, nonMissing));
  const sidecars: Totals = new Map();
  const initPeak: Totals = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const own = containerRequests(c, nonMissing);
    const phase: Totals = new Map();
    if (c.restartPolicy === 'Always') {
      add(reqs, own);
      add(sidecars, own);
      add(phase, sidecars);
    } else {
      add(phase, own);
      add(phase, sidecars);
    }
    maxInto(initPeak, phase);
  }
  maxInto(reqs, initPeak);
  for (const [name, text] of Object.entries(pod.spec.overhead ?? {})) add(reqs, new Map([[name, parseQuantity(text)]]));
  const out = new Map<string, bigint>();
  for (const [name, q] of reqs) out.set(name, name === 'cpu' ? q.milliValue() : q.value());
  return out;
}

/** The two resources the default resource scorers weigh (cpu weight 1, memory weight 1). */
export type ScoredResource = 'cpu' | 'memory';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const isSafe = (n: bigint): boolean => n <= MAX_SAFE && n >= -MAX_SAFE;

/** cpu (millicores) and memory (bytes): exact as bigints, and as JS numbers whenever both fit below 2^53. */
export interface CpuMemory {
  readonly cpu: bigint;
  readonly memory: bigint;
  /** The same as numbers; absent when either is beyond ±(2^53 - 1), where only the bigints are exact. */
  readonly exact?: Readonly<Record<ScoredResource, number>>;
}

export function cpuMemory(cpu: bigint, memory: bigint): CpuMemory {
  return isSafe(cpu) && isSafe(memory) ? { cpu, memory, exact: { cpu: Number(cpu), memory: Number(memory) } } : { cpu, memory };
}

/** What the resource scorers count of a Pod or a node's Pods: real requests and NonZeroRequested. */
export interface ScoreRequests {
  readonly requested: CpuMemory;
  /** With 100m / 200Mi for every container naming no cpu / memory request (SCHED-19). */
  readonly nonZero: CpuMemory;
}

const scoreRequestCache = new WeakMap<Pod, ScoreRequests>();

/**
 * podRequests' cpu and memory, both ways, parsed once per Pod object: a scheduling cycle looks at every Pod on
 * every feasible node, and Pods are replaced, never edited in place, when they change.
 */
export function scoreRequests(pod: Pod): ScoreRequests {
  let r = scoreRequestCache.get(pod);
  if (r === undefined) {
    const requested = podRequests(pod);
    const nonZero = podRequests(pod, { nonMissing: true });
    r = {
      requested: cpuMemory(requested.get('cpu') ?? 0n, requested.get('memory') ?? 0n),
      nonZero: cpuMemory(nonZero.get('cpu') ?? 0n, nonZero.get('memory') ?? 0n),
    };
    scoreRequestCache.set(pod, r);
  }
  return r;
}

/** Σ scoreRequests over `pods`: e.g. a node's Pods 250m and one without requests → requested 250m, nonZero 350m. */
export function sumScoreRequests(pods: readonly Pod[]): ScoreRequests {
  let [cpu, memory, nzCpu, nzMemory] = [0n, 0n, 0n, 0n];
  for (const p of pods) {
    const r = scoreRequests(p);
    cpu += r.requested.cpu;
    memory += r.requested.memory;
    nzCpu += r.nonZero.cpu;
    nzMemory += r.nonZero.memory;
  }
  return { requested: cpuMemory(cpu, memory), nonZero: cpuMemory(nzCpu, nzMemory) };
}

/** A node's allocatable in the scorers' units (cpu millicores, others Value()). */
export function scalarOf(name: string, q: Quantity | undefined): bigint {
  if (q === undefined) return 0n;
  return name === 'cpu' ? q.milliValue() : q.value();
}
