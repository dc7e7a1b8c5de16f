// A Service's connections as a transition system (NET-SVC-04, NET-IPT-05, NET-NAT-02, NET-NAT-03): a client
// process on a node opens connections to a ClusterIP, sends more packets on them and receives replies, while
// the Service's endpoints become ready and unready (the EndpointSlice changes and kube-proxy rewrites the
// node's rules). Every packet walks the node's netfilter rules as data (src/network/netfilter) with the node's
// one conntrack table; a new connection's random endpoint choice (`-m statistic`) branches into one successor
// per endpoint. The model checker then proves: a new connection only ever reaches a ready endpoint; every later
// packet of a connection stays on the endpoint it started on, whatever the endpoints did since; every reply
// reaches the client from the Service's IP and port.
import type { CheckBounds, StateInvariant, StepInvariant, TransitionSystem } from '../checker/bfs.ts';
import { check } from '../checker/bfs.ts';
import { toReport, type ModelReport } from '../checker/report.ts';
import { InputError } from '../errors.ts';
import { iptablesRules } from './kube-proxy/index.ts';
import { emptyConntrack, enumerateChoices, packetPath, parseIptablesSave, type ConntrackTable, type Ruleset } from './netfilter/index.ts';
import type { ClusterNetwork, Packet } from './types.ts';

export interface NetworkModelFile {
  kind: 'network';
  id: string;
  description: string;
  /** The cluster: one node, one Service, its endpoints (on that node) and which start ready. */
  cluster: ClusterNetwork;
  service: { namespace: string; name: string };
  constants?: { maxConnections?: number; maxEndpointChanges?: number };
  invariants?: string[];
  /** A deliberately broken kube-proxy: its conntrack is ignored for later packets (each is load-balanced anew). */
  broken?: 'no-conntrack';
  expect: { states?: number; depth?: number; complete?: boolean; violation?: { id: string; steps: string[] } | null };
}

interface Connection {
  port: number;
  /** Where the first packet was DNATed to, or null if it was rejected. */
  endpoint: string | null;
}

export interface NetworkState {
  ready: readonly boolean[];
  connections: readonly Connection[];
  conntrack: ConntrackTable;
  changes: number;
  /** What the last packet did: checked by the step invariants. */
  last?: { kind: 'open' | 'send' | 'reply'; connection: number; dst?: string; src?: string; verdict: string };
}

export interface NetworkAction {
  step: 'open' | 'send' | 'reply' | 'ready' | 'unready';
  index: number;
  /** For `open`: the endpoint the random choice picked. */
  outcome?: string;
}

const CLIENT_PORT = 40000;

export class ServiceConnectionSystem implements TransitionSystem<NetworkState, NetworkAction> {
  readonly initial: NetworkState[];
  private readonly rules = new Map<string, Ruleset>();
  private readonly node: string;
  private readonly clientIP: string;
  private readonly serviceIP: string;
  private readonly servicePort: number;
  private readonly endpoints: string[];

  constructor(readonly file: NetworkModelFile) {
    const c = file.cluster;
    const node = c.nodes[0];
    const svc = c.services.find((s) => s.namespace === file.service.namespace && s.name === file.service.name);
    const slice = c.endpointSlices.find((s) => s.namespace === file.service.namespace && s.service === file.service.name);
    if (!node || !svc || !slice || svc.ports.length === 0) throw new InputError(`model ${file.id}: needs a node, the Service ${file.service.namespace}/${file.service.name} with a port, and its EndpointSlice`);
    this.node = node.name;
    this.clientIP = node.ip;
    this.serviceIP = svc.clusterIP;
    this.servicePort = svc.ports[0]!.port;
    this.endpoints = slice.endpoints.map((e) => e.ip);
    this.initial = [{ ready: slice.endpoints.map((e) => e.ready), connections: [], conntrack: emptyConntrack, changes: 0 }];
  }

  get maxConnections(): number {
    return this.file.constants?.maxConnections ?? 2;
  }

  /** kube-proxy's rules for this readiness, generated once per readiness vector and parsed back as data. */
  private rulesFor(ready: readonly boolean[]): Ruleset {
    const key = ready.map((r) => (r ? '1' : '0')).join('');
    let r = this.rules.get(key);
    if (!r) {
      const c = this.file.cluster;
      const cluster: ClusterNetwork = {
        ...c,
        endpointSlices: c.endpointSlices.map((s) =>
          s.namespace === this.file.service.namespace && s.service === this.file.service.name ? { ...s, endpoints: s.endpoints.map((e, i) => ({ ...e, ready: ready[i]!, serving: ready[i]! })) } : s,
        ),
      };
      r = parseIptablesSave(iptablesRules(cluster, { node: this.node }));
      this.rules.set(key, r);
    }
    return r;
  }

  private path(s: NetworkState, packet: Packet, outbound: boolean, choose?: (p: number) => boolean) {
    return packetPath(this.rulesFor(s.ready), packet, {
      locallyGenerated: outbound,
      // The client is a process on the node; endpoints are Pods behind cni0.
      route: (p) => (p.dst === this.clientIP || !this.endpoints.includes(p.dst) ? { local: true } : { local: false, outInterface: 'cni0', egressAddress: this.clientIP }),
      localAddresses: [this.clientIP],
      conntrack: this.file.broken === 'no-conntrack' ? emptyConntrack : s.conntrack,
      ...(choose ? { choose } : {}),
    });
  }

  successors(s: NetworkState): { action: NetworkAction; next: NetworkState }[] {
    const out: { action: NetworkAction; next: NetworkState }[] = [];
    if (s.connections.length < this.maxConnections) {
      const index = s.connections.length;
      const packet: Packet = { src: this.clientIP, dst: this.serviceIP, protocol: 'TCP', srcPort: CLIENT_PORT + index, dstPort: this.servicePort };
      for (const o of enumerateChoices((choose) => this.path(s, packet, true, choose))) {
        const r = o.value;
        const endpoint = r.verdict === 'FORWARD' ? r.packet.dst : null;
        out.push({
          action: { step: 'open', index, outcome: endpoint ?? r.verdict },
          next: { ...s, connections: [...s.connections, { port: packet.srcPort, endpoint }], conntrack: r.conntrack, last: { kind: 'open', connection: index, dst: r.packet.dst, verdict: r.verdict } },
        });
      }
    }
    s.connections.forEach((c, index) => {
      if (c.endpoint === null) return;
      const packet: Packet = { src: this.clientIP, dst: this.serviceIP, protocol: 'TCP', srcPort: c.port, dstPort: this.servicePort };
      const sent = this.path(s, packet, true);
      out.push({ action: { step: 'send', index }, next: { ...s, conntrack: this.file.broken === 'no-conntrack' ? s.conntrack : sent.conntrack, last: { kind: 'send', connection: index, dst: sent.packet.dst, verdict: sent.verdict } } });
      const reply: Packet = { src: c.endpoint, dst: this.clientIP, protocol: 'TCP', srcPort: Number(sent.packet.dstPort), dstPort: c.port };
      const back = this.path({ ...s, conntrack: sent.conntrack }, reply, false);
      out.push({ action: { step: 'reply', index }, next: { ...s, conntrack: back.conntrack, last: { kind: 'reply', connection: index, src: `${back.packet.src}:${back.packet.srcPort}`, verdict: back.verdict } } });
    });
    if (s.changes < (this.file.constants?.maxEndpointChanges ?? 2)) {
      s.ready.forEach((r, index) => {
        const ready = s.ready.map((x, i) => (i === index ? !r : x));
        out.push({ action: { step: r ? 'unready' : 'ready', index }, next: { ...s, ready, changes: s.changes + 1, last: undefined } as NetworkState });
      });
    }
    return out;
  }

  key(s: NetworkState): string {
    const ct = [...s.conntrack.entries.keys()].sort().join(',');
    const last = s.last ? `${s.last.kind}:${s.last.connection}:${s.last.dst ?? ''}:${s.last.src ?? ''}:${s.last.verdict}` : '';
    return `${s.ready.map((r) => (r ? 1 : 0)).join('')}|${s.connections.map((c) => c.endpoint ?? 'x').join(',')}|${ct}|${s.changes}|${last}`;
  }

  isFault(a: NetworkAction): boolean {
    return a.step === 'ready' || a.step === 'unready';
  }

  isStable(): boolean {
    return true;
  }

  isTerminal(): boolean {
    return true;
  }

  serviceAddress(): string {
    return `${this.serviceIP}:${this.servicePort}`;
  }
}

export function networkInvariants(system: ServiceConnectionSystem): { state: StateInvariant<NetworkState>[]; step: StepInvariant<NetworkState, NetworkAction>[] } {
  return {
    state: [],
    step: [
      {
        id: 'new-connection-reaches-ready-endpoint',
        description: 'a new connection to the ClusterIP reaches a ready endpoint when there is one, and is rejected when there is none (NET-SVC-04, NET-IPT-05)',
        holds: (before, action, after) => {
          if (action.step !== 'open') return true;
          const ready = system.file.cluster.endpointSlices.find((x) => x.service === system.file.service.name)!.endpoints.map((e, i) => (before.ready[i] ? e.ip : null)).filter((x): x is string => x !== null);
          const conn = after.connections[action.index]!;
          return ready.length > 0 ? conn.endpoint !== null && ready.includes(conn.endpoint) : conn.endpoint === null && after.last?.verdict === 'REJECT';
        },
      },
      {
        id: 'connection-stays-on-its-endpoint',
        description: 'every later packet of a connection goes to the endpoint its first packet went to, whatever the endpoints did since (conntrack, NET-NAT-02)',
        holds: (before, action, after) => action.step !== 'send' || after.last?.dst === before.connections[action.index]!.endpoint,
      },
      {
        id: 'reply-from-service-address',
        description: "a reply reaches the client from the Service's IP and port: conntrack un-NATs it (NET-NAT-03)",
        holds: (_before, action, after) => action.step !== 'reply' || after.last?.src === system.serviceAddress(),
      },
    ],
  };
}

export type NetworkCheckReport = ModelReport<string>;

export function checkNetworkModel(file: NetworkModelFile, opts: { bounds?: CheckBounds; now?: () => number; heapUsed?: () => number } = {}): NetworkCheckReport {
  const system = new ServiceConnectionSystem(file);
  const inv = networkInvariants(system);
  const wanted = file.invariants ?? inv.step.map((i) => i.id);
  const result = check(system, {
    invariants: inv.state,
    stepInvariants: inv.step.filter((i) => wanted.includes(i.id)),
    checkDeadlock: false,
    ...(opts.bounds ? { bounds: opts.bounds } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.heapUsed ? { heapUsed: opts.heapUsed } : {}),
  });
  return toReport(file, result, inv.step.filter((i) => wanted.includes(i.id)), (trace) =>
    trace.steps.map((st) => {
      const a = st.action;
      const last = st.state.last;
      if (a.step === 'open') return `client opens connection ${a.index} to ${system.serviceAddress()} → ${a.outcome}`;
      if (a.step === 'send') return `client sends on connection ${a.index} → ${last?.dst ?? '?'}`;
      if (a.step === 'reply') return `reply on connection ${a.index} reaches the client from ${last?.src ?? '?'}`;
      return `endpoint ${a.index} becomes ${a.step} (kube-proxy rewrites the rules)`;
    }),
  );
}
