// The packet tracer (NET-*): the L2/L3 walk of src/network/datapath (pod netns, veth, bridge, routes,
// VXLAN/IPIP/UDP encapsulation) with netfilter spliced in at every hook: on each node, the rules kube-proxy
// generates for it (src/network/kube-proxy) are parsed back from their iptables-save text and walked as data
// (src/network/netfilter), with one conntrack table per node that the whole trace shares, so replies are
// un-NATed. A delivered packet is then checked against the NetworkPolicies when the plugin enforces them.
import type { ClusterNetwork, Hop, Packet, PodNet, Protocol } from './types.ts';
import { iptablesRules } from './kube-proxy/index.ts';
import { emptyConntrack, parseIptablesSave, walkHook, type ConntrackTable, type Ruleset } from './netfilter/index.ts';
import { buildDatapath, traceDatapath, type DatapathHop, type TraceFrom } from './datapath/index.ts';
import { networkPolicyVerdict } from './policy/index.ts';
import type { NetworkPolicy } from './policy/types.ts';
import { resolve } from './cluster/index.ts';
import { InputError } from '../errors.ts';

export const EXTERNAL_CLIENT = '203.0.113.10';

export interface TraceRequest {
  /** `pod:<ns>/<name>` or `<ns>/<name>`, `node:<name>`, or `external[:<node>]`. */
  from: string;
  /** An IP, `<service>[.<ns>]:<port>`, or a DNS name (`kubia.default.svc.cluster.local[:port]`). */
  to: string;
  port?: number;
  protocol?: Protocol;
  srcPort?: number;
}

export interface TraceResult {
  packet: Packet;
  hops: Hop[];
  verdict: 'DELIVERED' | 'DROP' | 'REJECT';
  /** The Pod the packet reached, when it reached one. */
  deliveredTo?: string;
  notes: string[];
}

export interface TraceContext {
  kubernetesVersion?: string;
  policies?: readonly NetworkPolicy[];
  namespaces?: readonly { name: string; labels: Record<string, string> }[];
  /** Decides kube-proxy's random endpoint choice (`-m statistic`); default: the first rule that can match. */
  choose?: (p: number) => boolean;
}

function parseFrom(cluster: ClusterNetwork, from: string): { origin: TraceFrom; pod?: PodNet } {
  if (from.startsWith('node:')) return { origin: { node: from.slice(5) } };
  if (from === 'external' || from.startsWith('external:')) {
    const node = from.slice('external:'.length);
    return { origin: { external: from === 'external' ? {} : { node } } };
  }
  const ref = from.startsWith('pod:') ? from.slice(4) : from;
  const [ns, name] = ref.includes('/') ? (ref.split('/', 2) as [string, string]) : ['default', ref];
  const pod = cluster.pods.find((p) => p.namespace === ns && p.name === name);
  if (!pod) throw new InputError(`--from: no Pod "${ns}/${name}" in the cluster (use pod:<ns>/<name>, node:<name> or external[:<node>])`);
  return { origin: { pod: `${ns}/${name}` }, pod };
}

/** The destination IP and port: an IP, a Service (`name[.ns]:port`), or a DNS name resolved as the Pod would. */
function parseTo(cluster: ClusterNetwork, to: string, fromPod: PodNet | undefined, port: number | undefined): { ip: string; port: number; notes: string[] } {
  const notes: string[] = [];
  const colon = to.lastIndexOf(':');
  const host = colon > 0 ? to.slice(0, colon) : to;
  const givenPort = colon > 0 ? Number(to.slice(colon + 1)) : port;
  if (colon > 0 && !Number.isInteger(givenPort)) throw new InputError(`--to: "${to}" has no valid port after ":"`);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { ip: host, port: givenPort ?? 80, notes };
  const [svcName, ns = fromPod?.namespace ?? 'default'] = host.split('.');
  const svc = !host.includes('.svc') ? cluster.services.find((s) => s.name === svcName && s.namespace === ns) : undefined;
  if (svc) {
    if (svc.clusterIP === 'None') throw new InputError(`--to: Service ${ns}/${svcName} is headless; trace a Pod IP or its DNS name`);
    const p = givenPort ?? svc.ports[0]?.port;
    if (p === undefined) throw new InputError(`--to: Service ${ns}/${svcName} has no ports`);
    notes.push(`Service ${ns}/${svcName} has ClusterIP ${svc.clusterIP}`);
    return { ip: svc.clusterIP, port: p, notes };
  }
  if (!fromPod) throw new InputError(`--to: "${to}" is neither an IP nor a Service; DNS names are resolved from a Pod (--from pod:…)`);
  const answer = resolve(cluster, { namespace: fromPod.namespace, name: fromPod.name }, host);
  const a = answer.answer?.records.find((r) => (r as { type?: string }).type === 'A') as { value?: string; data?: string } | undefined;
  const ip = a?.value ?? a?.data;
  if (!ip) throw new InputError(`--to: "${host}" does not resolve from ${fromPod.namespace}/${fromPod.name} (tried ${answer.queries.map((q) => q.name).join(', ')})`);
  notes.push(`DNS: ${host} → ${ip} (tried ${answer.queries.map((q) => `${q.name} ${q.status}`).join(', ')})`);
  return { ip, port: givenPort ?? 80, notes };
}

export function tracePacket(cluster: ClusterNetwork, request: TraceRequest, ctx: TraceContext = {}): TraceResult {
  const { origin, pod: fromPod } = parseFrom(cluster, request.from);
  const target = parseTo(cluster, request.to, fromPod, request.port);
  const protocol = request.protocol ?? 'TCP';
  // An outside client gets an address from TEST-NET-3 (RFC 5737); a node's is picked by the kernel's route.
  const src = fromPod?.ip ?? ('external' in origin ? EXTERNAL_CLIENT : '');
  const packet: Packet = { src, dst: target.ip, protocol, srcPort: request.srcPort ?? 40000, dstPort: target.port };
  const rulesets = new Map<string, Ruleset>();
  const conntrack = new Map<string, ConntrackTable>();
  const dp = buildDatapath(cluster);
  const rulesetOf = (node: string): Ruleset => {
    let r = rulesets.get(node);
    if (!r) {
      r = parseIptablesSave(iptablesRules(cluster, { node, ...(ctx.kubernetesVersion ? { kubernetesVersion: ctx.kubernetesVersion } : {}) }), { file: `kube-proxy@${node}` });
      rulesets.set(node, r);
    }
    return r;
  };
  const addressesOf = (node: string) => (dp.nodes.get(node)?.host.devices ?? []).flatMap((d) => d.addresses.map((a) => a.split('/')[0]!));
  const deviceAddress = (node: string, device: string | undefined) => dp.nodes.get(node)?.host.devices.find((d) => d.name === device)?.addresses[0]?.split('/')[0];
  const hops: DatapathHop[] = traceDatapath(cluster, packet, origin, {
    atHook: (where, hook, p, devices) => {
      const node = where.startsWith('node/') ? where.slice(5) : where;
      const egress = deviceAddress(node, devices.out);
      const result = walkHook(rulesetOf(node), hook, p, {
        localAddresses: addressesOf(node),
        conntrack: conntrack.get(node) ?? emptyConntrack,
        ...(ctx.choose ? { choose: ctx.choose } : {}),
        ...(egress ? { egressAddress: egress } : {}),
        ...(devices.in ? { inInterface: devices.in } : {}),
        ...(devices.out ? { outInterface: devices.out } : {}),
        where,
      });
      return { packet: result.packet, hops: result.hops, verdict: result.verdict };
    },
  });
  const last = hops[hops.length - 1];
  const final = last?.packet ?? packet;
  const notes = [...target.notes];
  let verdict: TraceResult['verdict'] = last?.verdict === 'DELIVERED' ? 'DELIVERED' : last?.verdict === 'REJECT' ? 'REJECT' : 'DROP';
  const destination = cluster.pods.find((p) => p.ip === final.dst);
  if (verdict === 'DELIVERED' && destination) {
    const verdictOfPolicy = networkPolicyVerdict(
      { ...cluster, policies: [...(ctx.policies ?? [])], namespaces: [...(ctx.namespaces ?? [])] },
      { from: fromPod ?? { ip: final.src }, to: destination, port: final.dstPort, protocol },
    );
    if (!verdictOfPolicy.allowed) {
      verdict = 'DROP';
      hops.push({ where: `pod/${destination.namespace}/${destination.name}`, device: 'network-policy', packet: final, verdict: 'DROP', note: verdictOfPolicy.reason } as DatapathHop);
    } else if (verdictOfPolicy.reason) notes.push(verdictOfPolicy.reason);
  }
  return { packet: final, hops, verdict, ...(verdict === 'DELIVERED' && destination ? { deliveredTo: `${destination.namespace}/${destination.name}` } : {}), notes };
}
