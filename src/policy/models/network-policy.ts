// `network-policy`: what the manifests' NetworkPolicies let through (NETPOL-01..NETPOL-07), decided by the
// policy evaluator of src/network/policy over a cluster network built from the manifests (one Pod per
// workload, addressed by the network model's IPAM; named ports as FindPort reads them). NetworkPolicies act
// on Pod addresses after kube-proxy's DNAT, so a connection to a Service is judged at the backend Pod and
// the targetPort. Enforcement is assumed (NETPOL-08: a plugin that implements policies, e.g. Calico).
//   Service: can any Pod, from any namespace, reach the selected Pods' targetPort? Candidate clients are the
//     workloads of the manifests plus, for every ingress rule of a policy isolating the backends, a made-up
//     Pod (or address) that satisfies the rule's peer, so a rule admitting someone is always witnessed.
//   workload: can it resolve names? UDP and TCP 53 to the cluster DNS Pods (the kube-system/kube-dns
//     Service's backends; CoreDNS labelled k8s-app=kube-dns when the manifests have none, DNS-01).
//   workload annotated kubemodel.io/connects-to: "<service>[.<namespace>]:<port>[,…]": is each connection
//     allowed, and if not, by whose policies (the source's egress or the destination's ingress)?
import type { LabelSelector, Pod } from '../../k8s/types.ts';
import { buildClusterNetwork, resolveTargetPort, type NetworkObject } from '../../network/cluster/index.ts';
import { blockSize, cidrContains, formatIPv4 } from '../../network/cluster/ipv4.ts';
import { prepareCluster, type PreparedCluster, type PreparedPeer } from '../../network/policy/prepare.ts';
import type { ConnectionEnd, NetworkPolicy, PolicyVerdict } from '../../network/policy/types.ts';
import { validateNetworkPolicy } from '../../network/policy/validate.ts';
import { evaluateConnection } from '../../network/policy/verdict.ts';
import type { PodNet, Protocol } from '../../network/types.ts';
import type { IndexedObject } from '../object-index.ts';
import { isRecord, podView, WORKLOAD_KINDS } from '../pod-template.ts';
import { describeObject, memo, networkNodes, objectKey, objectsOf, workloadTemplate, workloadsSelectedBy } from './cluster-view.ts';
import type { ModelContext, PolicyModel } from './types.ts';

export const CONNECTS_TO = 'kubemodel.io/connects-to';

interface PolicyNetwork {
  prep: PreparedCluster;
  /** The Pod standing for each workload (and each bound Pod), by object key. */
  podOf: Map<string, PodNet>;
  /** The cluster DNS Pods. */
  dns: PodNet[];
}

const DNS_LABELS = { 'k8s-app': 'kube-dns' };

/** One Pod per workload, bound round-robin to the cluster's nodes only so that IPAM gives it an address. */
function buildPolicyNetwork(ctx: ModelContext): PolicyNetwork | undefined {
  // Policies never look at which node a Pod is on, only at its address: when the manifests hold more
  // workloads than the cluster's nodes have /24 Pod ranges for, extra nodes only hold addresses.
  const workloadCount = WORKLOAD_KINDS.reduce((n, kind) => n + objectsOf(ctx, kind).length, 0) + 1;
  const real = networkNodes(ctx);
  const extra = Math.max(0, Math.ceil(workloadCount / 200) - real.length);
  const nodes = [...real, ...Array.from({ length: extra }, (_, i) => ({ apiVersion: 'v1' as const, kind: 'Node' as const, metadata: { name: `kubemodel-ipam-${i}` } }))];
  const nodeNames = nodes.length > 0 ? nodes.map((n) => n.metadata.name) : ['node-0'];
  const pods: Pod[] = [];
  const keyOfPod = new Map<string, string>();
  const used = new Set<string>();
  const workloads = WORKLOAD_KINDS.flatMap((kind) => objectsOf(ctx, kind));
  workloads.forEach((o, i) => {
    const raw = o.object as unknown as Pod;
    const bound = o.kind === 'Pod' && typeof raw.spec?.nodeName === 'string' && raw.spec.nodeName !== '';
    const t = bound ? undefined : workloadTemplate(o, ctx);
    const base = bound ? raw : t?.pod;
    if (!base || !Array.isArray(base.spec?.containers)) return;
    // Named after the workload; a second workload of that name in the namespace gets its kind added.
    let name = o.name;
    if (used.has(`${o.namespace}/${name}`)) name = `${o.name}-${o.kind.toLowerCase()}`;
    used.add(`${o.namespace}/${name}`);
    keyOfPod.set(`${o.namespace}/${name}`, objectKey(o));
    // Without status: the model allocates addresses itself (a described Pod's real podIP may lie outside its range).
    const { status: _status, ...rest } = base;
    pods.push({ ...rest, metadata: { ...base.metadata, name, namespace: o.namespace }, spec: { ...base.spec, nodeName: bound ? (raw.spec.nodeName as string) : (nodeNames[i % nodeNames.length] as string) } });
  });
  const dnsService = objectsOf(ctx, 'Service').find((s) => s.namespace === 'kube-system' && s.name === 'kube-dns');
  const dnsSelector = dnsService && isRecord(dnsService.object['spec']) && isRecord(dnsService.object['spec']['selector']) ? (dnsService.object['spec']['selector'] as Record<string, string>) : DNS_LABELS;
  const dnsWorkloads = workloadsSelectedBy(ctx, 'kube-system', dnsSelector);
  if (dnsWorkloads.length === 0) {
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { ...dnsSelector } },
      spec: {
        nodeName: nodeNames[0] as string,
        containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }] }],
      },
    });
  }
  const network = buildClusterNetwork([...nodes, ...pods] as NetworkObject[]);
  const policies: NetworkPolicy[] = [];
  for (const o of objectsOf(ctx, 'NetworkPolicy')) {
    const p = { ...(o.object as unknown as NetworkPolicy), metadata: { ...(o.object as unknown as NetworkPolicy).metadata, namespace: o.namespace } };
    try {
      validateNetworkPolicy(p);
      policies.push(p);
    } catch {
      // An invalid policy is rejected by the API server: it changes nothing.
    }
  }
  const namespaces = objectsOf(ctx, 'Namespace').map((n) => ({ name: n.name, labels: ((n.object['metadata'] as { labels?: Record<string, string> }).labels ?? {}) }));
  const prep = prepareCluster({ ...network, policies, namespaces, policyAgent: 'calico' });
  const podOf = new Map<string, PodNet>();
  for (const p of network.pods) {
    const key = keyOfPod.get(`${p.namespace}/${p.name}`);
    if (key) podOf.set(key, p);
  }
  const dnsKeys = new Set(dnsWorkloads.map(objectKey));
  const dns = dnsWorkloads.length > 0 ? [...podOf].filter(([k]) => dnsKeys.has(k)).map(([, p]) => p) : network.pods.filter((p) => p.namespace === 'kube-system' && p.name === 'coredns');
  return { prep, podOf, dns };
}

// Built once per run; a cluster the network model cannot address is remembered as "no answer", not rebuilt per object.
const policyNetwork = (ctx: ModelContext): PolicyNetwork | undefined =>
  memo(ctx, 'netpol', () => {
    try {
      return buildPolicyNetwork(ctx);
    } catch {
      return undefined;
    }
  });

/** Labels a LabelSelector certainly matches: its matchLabels, the first value of each In, "x" for Exists. */
function labelsFor(selector: LabelSelector | null): Record<string, string> {
  const out: Record<string, string> = { ...(selector?.matchLabels ?? {}) };
  for (const r of selector?.matchExpressions ?? []) {
    if (r.operator === 'In' && r.values?.[0] !== undefined && out[r.key] === undefined) out[r.key] = r.values[0];
    if (r.operator === 'Exists' && out[r.key] === undefined) out[r.key] = 'x';
  }
  return out;
}

/** An address inside the ipBlock and outside its except ranges. */
function addressIn(block: NonNullable<PreparedPeer['ipBlock']>): string | undefined {
  const candidates = [block.cidr.base + (block.cidr.prefix < 31 ? 1 : 0), ...block.except.map((e) => e.base + blockSize(e.prefix))];
  const ip = candidates.find((a) => cidrContains(block.cidr, a) && !block.except.some((e) => cidrContains(e, a)));
  return ip === undefined ? undefined : formatIPv4(ip);
}

interface Witness {
  end: ConnectionEnd;
  namespace?: { name: string; labels: Record<string, string> };
}

/** For each ingress rule of each policy isolating `to`, a client its peers admit (NETPOL-04..NETPOL-07). */
function witnesses(prep: PreparedCluster, to: PodNet): Witness[] {
  let n = 0;
  // Addresses 192.168.191.200-249, at the far end of the model's default Pod range, never handed to a workload here.
  const pod = (namespace: string, labels: Record<string, string>): PodNet => ({ namespace, name: `kubemodel-client-${n}`, node: '', ip: formatIPv4(0xc0a8bf00 + 200 + (n++ % 50)), labels, ready: true, terminating: false, ports: {} });
  // Some Pod elsewhere: it gets in whenever nothing isolates the destination (NETPOL-01).
  const out: Witness[] = [{ end: pod('kubemodel-elsewhere', {}) }];
  for (const policy of prep.policies) {
    if (policy.namespace !== to.namespace || !policy.isolates.Ingress) continue;
    for (const rule of policy.rules.Ingress) {
      if (rule.peers.length === 0) out.push({ end: pod('kubemodel-elsewhere', {}) });
      for (const peer of rule.peers) {
        if (peer.ipBlock) {
          const ip = addressIn(peer.ipBlock);
          if (ip) out.push({ end: { ip } });
        } else if (peer.namespaceSelector) {
          const nsLabels = labelsFor(peer.namespaceSelector);
          const name = nsLabels['kubernetes.io/metadata.name'] ?? `kubemodel-ns-${n}`;
          out.push({ end: pod(name, labelsFor(peer.podSelector)), namespace: { name, labels: nsLabels } });
        } else out.push({ end: pod(policy.namespace, labelsFor(peer.podSelector)) });
      }
    }
  }
  return out;
}

/** The ingress verdict for one client, with the client's made-up namespace labels in view. */
function ingressFrom(prep: PreparedCluster, w: Witness, to: PodNet, port: number, protocol: Protocol): PolicyVerdict {
  const view = w.namespace ? { ...prep, namespaceLabels: (ns: string) => (ns === w.namespace?.name ? { ...w.namespace.labels, 'kubernetes.io/metadata.name': ns } : prep.namespaceLabels(ns)) } : prep;
  return evaluateConnection(view, { from: w.end, to, port, protocol });
}

/** The side(s) that deny a connection, in the evaluator's terms: whose policies isolate it, and that no rule admits `what`. */
function denial(v: PolicyVerdict, what: string): string {
  const sides: string[] = [];
  if (!v.egress.allowed) sides.push(`egress of ${v.egress.pod} is isolated by NetworkPolicy ${v.egress.selectedBy.join(', ')} and no rule admits ${what}`);
  if (!v.ingress.allowed) sides.push(`ingress of ${v.ingress.pod} is isolated by NetworkPolicy ${v.ingress.selectedBy.join(', ')} and no rule admits ${what}`);
  return sides.join('; ');
}

/** The policies responsible for a denial, the source's egress ones first. */
const denyingPolicies = (v: PolicyVerdict): string[] => [...(v.egress.allowed ? [] : v.egress.selectedBy), ...(v.ingress.allowed ? [] : v.ingress.selectedBy)];

/** (a) For each Service port: is every selected backend's targetPort closed to every client? */
function serviceAnswer(target: IndexedObject, net: PolicyNetwork, ctx: ModelContext): Record<string, unknown> | undefined {
  const spec = isRecord(target.object['spec']) ? target.object['spec'] : {};
  if (spec['type'] === 'ExternalName' || !isRecord(spec['selector'])) return undefined;
  const backends = workloadsSelectedBy(ctx, target.namespace, spec['selector'] as Record<string, string>)
    .map((o) => ({ o, pod: net.podOf.get(objectKey(o)) }))
    .filter((b): b is { o: IndexedObject; pod: PodNet } => b.pod !== undefined);
  if (backends.length === 0) return undefined;
  const ports = Array.isArray(spec['ports']) ? spec['ports'].filter(isRecord) : [];
  const sources: Witness[] = [...net.podOf.values()].map((p) => ({ end: p }));
  const blocked: { index: number; text: string; policies: string[] }[] = [];
  ports.forEach((sp, index) => {
    const protocol = (typeof sp['protocol'] === 'string' ? sp['protocol'] : 'TCP') as Protocol;
    const targetPort = (sp['targetPort'] ?? sp['port']) as number | string;
    const judged = backends.flatMap(({ o, pod }) => {
      const port = resolveTargetPort(pod, targetPort, protocol);
      if (port === undefined) return [];
      // The made-up witnesses first: one of them gets in whenever anything can, so the manifests' own
      // Pods (thousands, in a large repository) are asked only when every witness is refused.
      const clients = [...witnesses(net.prep, pod), ...sources.filter((s) => s.end !== pod)];
      const open = clients.some((w) => ingressFrom(net.prep, w, pod, port, protocol).ingress.allowed);
      const policies = evaluateConnection(net.prep, { from: { ip: '203.0.113.1' }, to: pod, port, protocol }).ingress.selectedBy;
      return [{ o, pod, port, open, policies }];
    });
    if (judged.length === 0 || judged.some((j) => j.open)) return;
    const policies = [...new Set(judged.flatMap((j) => j.policies))];
    const who = judged.map((j) => `${describeObject(j.o)} (${protocol} ${j.port})`).join(', ');
    blocked.push({ index, policies, text: `port ${String(sp['port'])}/${protocol}: no Pod in any namespace may connect to ${who}: ingress of ${judged.map((j) => `${j.pod.namespace}/${j.pod.name}`).join(', ')} is isolated by NetworkPolicy ${policies.join(', ')}, and no rule admits ${protocol} ${judged[0]?.port} from any Pod` });
  });
  const first = blocked[0];
  return {
    serviceBlocked: first !== undefined,
    policies: [...new Set(blocked.flatMap((b) => b.policies))],
    message: blocked.map((b) => b.text).join('. '),
    path: first ? `spec.ports[${first.index}]` : 'spec.selector',
  };
}

/** (b) DNS from the workload's Pod: UDP 53 and TCP 53 to every cluster DNS Pod. */
function dnsAnswer(pod: PodNet, net: PolicyNetwork): { dnsBlocked: boolean; dnsProtocols: string[]; dnsPolicies: string[]; dnsMessage: string } {
  const denied: { protocol: Protocol; verdict: PolicyVerdict; to: PodNet; port: number }[] = [];
  if (!net.dns.includes(pod)) {
    for (const protocol of ['UDP', 'TCP'] as const) {
      for (const dns of net.dns) {
        const port = resolveTargetPort(dns, 53, protocol) ?? 53;
        const verdict = evaluateConnection(net.prep, { from: pod, to: dns, port, protocol });
        if (verdict.allowed) continue;
        denied.push({ protocol, verdict, to: dns, port });
        break;
      }
    }
  }
  const protocols = denied.map((d) => d.protocol);
  const policies = [...new Set(denied.flatMap((d) => denyingPolicies(d.verdict)))];
  if (denied.length === 0) return { dnsBlocked: false, dnsProtocols: [], dnsPolicies: [], dnsMessage: '' };
  const consequence = protocols.length === 2 ? 'every name lookup fails' : protocols[0] === 'UDP' ? 'name lookups fail (resolvers ask over UDP first)' : 'answers too large for UDP (truncated, retried over TCP) fail';
  const first = denied[0] as (typeof denied)[number];
  const same = denied.every((d) => denial(d.verdict, '') === denial(first.verdict, ''));
  const parts = same ? [denial(first.verdict, `${protocols.join(' or ')} 53 to ${first.to.namespace}/${first.to.name}`)] : denied.map((d) => denial(d.verdict, `${d.protocol} ${d.port} to ${d.to.namespace}/${d.to.name}`));
  return { dnsBlocked: true, dnsProtocols: protocols, dnsPolicies: policies, dnsMessage: `${protocols.join(' and ')} port 53 to the cluster DNS ${protocols.length === 2 ? 'are' : 'is'} denied, so ${consequence}: ${parts.join('; ')}` };
}

interface Target {
  service: string;
  namespace: string;
  port: number;
  text: string;
}

/** "web:80", "db.data:5432, cache.infra:6379" → the parts that parse; the rest are ignored. */
export function parseConnectsTo(value: string, namespace: string): Target[] {
  return value.split(',').flatMap((part) => {
    const m = /^\s*([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9]([-a-z0-9]*[a-z0-9])?))?:(\d{1,5})\s*$/.exec(part);
    if (!m) return [];
    return [{ service: m[1] as string, namespace: m[3] ?? namespace, port: Number(m[5]), text: part.trim() }];
  });
}

/** (c) Each declared connection through its Service to every backend. */
function connectionsAnswer(
  target: IndexedObject,
  pod: PodNet,
  net: PolicyNetwork,
  ctx: ModelContext,
): { connectionDenied: boolean; denied: string[]; connectionPolicies: string[]; connectionMessage: string; annotationPath: string } {
  const view = podView(target.kind, target.object);
  const annotations = { ...(target.object['metadata'] as { annotations?: Record<string, string> }).annotations, ...(view?.metadata['annotations'] as Record<string, string> | undefined) };
  const value = annotations[CONNECTS_TO];
  const onTemplate = (view?.metadata['annotations'] as Record<string, string> | undefined)?.[CONNECTS_TO] !== undefined && view?.path !== '';
  const denied: string[] = [];
  const texts: string[] = [];
  const policies = new Set<string>();
  for (const c of typeof value === 'string' ? parseConnectsTo(value, target.namespace) : []) {
    const svc = objectsOf(ctx, 'Service').find((s) => s.name === c.service && s.namespace === c.namespace);
    const spec = svc && isRecord(svc.object['spec']) ? svc.object['spec'] : undefined;
    if (!svc || !spec || !isRecord(spec['selector'])) continue;
    const sp = (Array.isArray(spec['ports']) ? spec['ports'] : []).find((p) => isRecord(p) && p['port'] === c.port) as Record<string, unknown> | undefined;
    if (!sp) continue;
    const protocol = (typeof sp['protocol'] === 'string' ? sp['protocol'] : 'TCP') as Protocol;
    const targetPort = (sp['targetPort'] ?? sp['port']) as number | string;
    for (const o of workloadsSelectedBy(ctx, c.namespace, spec['selector'] as Record<string, string>)) {
      const to = net.podOf.get(objectKey(o));
      const port = to && resolveTargetPort(to, targetPort, protocol);
      if (!to || port === undefined) continue;
      const v = evaluateConnection(net.prep, { from: pod, to, port, protocol });
      if (v.allowed) continue;
      denied.push(c.text);
      for (const p of denyingPolicies(v)) policies.add(p);
      texts.push(`the connection to ${c.text} (${protocol} ${port} on ${describeObject(o)}, after kube-proxy's DNAT) is denied: ${denial(v, `${protocol} ${port} from ${v.egress.pod} to ${v.ingress.pod}`)}`);
      break;
    }
  }
  const annotationPath = `${onTemplate ? `${view?.path}.` : ''}metadata.annotations[${CONNECTS_TO}]`;
  return { connectionDenied: denied.length > 0, denied, connectionPolicies: [...policies], connectionMessage: texts.join('. '), annotationPath };
}

export function networkPolicyAnswer(target: IndexedObject, ctx: ModelContext): Record<string, unknown> | undefined {
  const net = policyNetwork(ctx);
  if (!net) return undefined;
  if (target.kind === 'Service') return serviceAnswer(target, net, ctx);
  const pod = net.podOf.get(objectKey(target));
  if (!pod) return undefined;
  const dns = dnsAnswer(pod, net);
  const conns = connectionsAnswer(target, pod, net, ctx);
  const message = [dns.dnsMessage, conns.connectionMessage].filter((m) => m !== '').join('. ');
  return { ...dns, ...conns, pod: `${pod.namespace}/${pod.name}`, message };
}

export const networkPolicyModel: PolicyModel = {
  name: 'network-policy',
  description: "What the manifests' NetworkPolicies let through: clients of a Service's targetPort, a workload's DNS lookups, and the connections it declares in kubemodel.io/connects-to",
  kinds: ['Service', ...WORKLOAD_KINDS],
  answer(target, ctx) {
    return memo(ctx, `netpol:${objectKey(target)}`, () => networkPolicyAnswer(target, ctx));
  },
};
