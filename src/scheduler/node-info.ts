// framework.NodeInfo built from a ClusterSnapshot and kept up to date as Pods are bound or removed
// (SCHED-04, SCHED-05): a Pod occupies the node named in spec.nodeName unless it is terminal (Succeeded or
// Failed: kubelet has released everything). Every Pod counts 1 against allocatable "pods".
import { Quantity } from '../k8s/quantity.ts';
import type { Node, Pod } from '../k8s/types.ts';
import { nodeAllocatable, podRequests, type ResourceAmounts } from './resources.ts';
import { cpuMemory, scalarOf, sumScoreRequests, type CpuMemory, type ScoreRequests } from './score/requests.ts';
import type { ClusterSnapshot, NodeInfo } from './types.ts';

/** `${protocol}/${hostIP}/${port}` with kube-scheduler's defaults TCP and 0.0.0.0; hostPort 0 is no port. */
export function hostPorts(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort !== undefined && p.hostPort > 0) {
        const ip = (p as { hostIP?: string }).hostIP || '0.0.0.0';
        out.push(`${p.protocol || 'TCP'}/${ip}/${p.hostPort}`);
      }
    }
  }
  return out;
}

export const occupiesNode = (pod: Pod): boolean =>
  Boolean(pod.spec.nodeName) && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';

const quantityOf = (resource: string, units: bigint): Quantity =>
  resource === 'cpu' ? Quantity.of(units, -3) : Quantity.of(units, 0, resource === 'memory' || resource === 'ephemeral-storage' ? 'BinarySI' : 'DecimalSI');

/** A NodeInfo that Pods can be added to and removed from; the Quantity views are rebuilt on demand. */
export class MutableNodeInfo implements NodeInfo {
  readonly pods: Pod[] = [];
  readonly requestedUnits: ResourceAmounts = new Map();
  readonly allocatableUnits: ResourceAmounts;
  readonly usedPortCounts = new Map<string, number>();
  /** Pods here that carry pod (anti-)affinity, for InterPodAffinity's PreFilter. */
  readonly podsWithAffinity: Pod[] = [];
  generation = 0;
  private quantities?: { generation: number; requested: Map<string, Quantity> };
  private allocatableQuantities?: Map<string, Quantity>;
  private freeCache: { generation: number; values: Map<string, number> } = { generation: -1, values: new Map() };
  private readonly podRequestCache = new WeakMap<Pod, ResourceAmounts>();
  private scoreSums?: { generation: number; sums: ScoreRequests };
  private scoreAlloc?: CpuMemory;

  constructor(readonly node: Node) {
    this.allocatableUnits = nodeAllocatable(node.status?.allocatable);
  }

  get name(): string {
    return this.node.metadata.name;
  }

  get requested(): ReadonlyMap<string, Quantity> {
    if (this.quantities?.generation !== this.generation) {
      const requested = new Map<string, Quantity>();
      for (const [k, v] of this.requestedUnits) requested.set(k, quantityOf(k, v));
      requested.set('pods', Quantity.of(BigInt(this.pods.length)));
      this.quantities = { generation: this.generation, requested };
    }
    return this.quantities.requested;
  }

  get allocatable(): ReadonlyMap<string, Quantity> {
    this.allocatableQuantities ??= new Map([...this.allocatableUnits].map(([k, v]) => [k, quantityOf(k, v)]));
    return this.allocatableQuantities;
  }

  get usedPorts(): ReadonlySet<string> {
    return new Set(this.usedPortCounts.keys());
  }

  /** Allocatable minus requested as a JSON number ("pods": allocatable minus Pods here); exact below 2^53. */
  free(resource: string): number {
    if (this.freeCache.generation !== this.generation) this.freeCache = { generation: this.generation, values: new Map() };
    let v = this.freeCache.values.get(resource);
    if (v === undefined) {
      const used = resource === 'pods' ? BigInt(this.pods.length) : (this.requestedUnits.get(resource) ?? 0n);
      v = Number((this.allocatableUnits.get(resource) ?? 0n) - used);
      this.freeCache.values.set(resource, v);
    }
    return v;
  }

  /**
   * The resource scorers' cpu/memory totals of the Pods here (framework.NodeInfo.Requested and NonZeroRequested,
   * in score/requests.ts units), summed again only after a Pod was added or removed: a cycle scores hundreds of
   * nodes and binds one Pod, so nearly every node's totals carry over.
   */
  scoreRequested(): ScoreRequests {
    if (this.scoreSums?.generation !== this.generation) this.scoreSums = { generation: this.generation, sums: sumScoreRequests(this.pods) };
    return this.scoreSums.sums;
  }

  /** Allocatable cpu/memory in the resource scorers' units (score/requests.ts scalarOf), computed once. */
  scoreAllocatable(): CpuMemory {
    this.scoreAlloc ??= cpuMemory(scalarOf('cpu', this.allocatable.get('cpu')), scalarOf('memory', this.allocatable.get('memory')));
    return this.scoreAlloc;
  }

  requestsOf(pod: Pod): ResourceAmounts {
    let r = this.podRequestCache.get(pod);
    if (!r) {
      r = podRequests(pod);
      this.podRequestCache.set(pod, r);
    }
    return r;
  }

  addPod(pod: Pod): void {
    this.pods.push(pod);
    if (pod.spec.affinity?.podAffinity || pod.spec.affinity?.podAntiAffinity) this.podsWithAffinity.push(pod);
    this.account(pod, 1n);
  }

  /** Removes this very Pod object (or one with the same namespace/name); false if it is not here. */
  removePod(pod: Pod): boolean {
    const i = this.pods.findIndex((p) => p === pod || sameKey(p, pod));
    if (i < 0) return false;
    const [removed] = this.pods.splice(i, 1) as [Pod];
    const j = this.podsWithAffinity.indexOf(removed);
    if (j >= 0) this.podsWithAffinity.splice(j, 1);
    this.account(removed, -1n);
    return true;
  }

  clone(): MutableNodeInfo {
    const copy = new MutableNodeInfo(this.node);
    for (const p of this.pods) copy.addPod(p);
    return copy;
  }

  private account(pod: Pod, sign: 1n | -1n): void {
    for (const [k, v] of this.requestsOf(pod)) this.requestedUnits.set(k, (this.requestedUnits.get(k) ?? 0n) + sign * v);
    for (const port of hostPorts(pod)) {
      const n = (this.usedPortCounts.get(port) ?? 0) + Number(sign);
      if (n > 0) this.usedPortCounts.set(port, n);
      else this.usedPortCounts.delete(port);
    }
    this.generation += 1;
  }
}

const sameKey = (a: Pod, b: Pod): boolean =>
  a.metadata.name === b.metadata.name && (a.metadata.namespace ?? 'default') === (b.metadata.namespace ?? 'default');

/** One NodeInfo per node, in snapshot order, with every Pod that occupies it. */
export function buildNodeInfos(snapshot: ClusterSnapshot): MutableNodeInfo[] {
  const infos = snapshot.nodes.map((n) => new MutableNodeInfo(n));
  const byName = new Map(infos.map((i) => [i.name, i]));
  for (const pod of snapshot.pods) {
    if (occupiesNode(pod)) byName.get(pod.spec.nodeName as string)?.addPod(pod);
  }
  return infos;
}
