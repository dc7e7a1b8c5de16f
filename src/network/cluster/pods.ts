// Pods as the network sees them (NET-MODEL-01, NET-CNI-06, NET-SVC-07): one IP each — status.podIP when the
// manifest has one, else what host-local IPAM would have handed out on the Pod's node, in creation order —
// plus readiness (rules/network/cluster/pod-ready.json), termination, named ports, and DNS identity.
// hostNetwork Pods share their node's IP and take nothing from IPAM. Unscheduled Pods have no sandbox,
// hence no IP, and are left out.
import { InputError } from '../../errors.ts';
import type { Container } from '../../k8s/types.ts';
import type { NetworkPlugin, NodeNet, PodNet, Protocol } from '../types.ts';
import { cidrContains, formatCidr, formatIPv4, parseCidr, parseIPv4, type Cidr } from './ipv4.ts';
import { subjectOf, type NetworkPod } from './objects.ts';
import { allocateOrThrow, newHostLocal, reserve, type HostLocalState } from './pod-ipam.ts';
import { decideBoolean } from './rules.ts';
import type { EndpointPod } from './endpointslices.ts';

/** Creation order: by creationTimestamp when every Pod has one (RFC 3339 sorts as text), else as listed. */
export function creationOrder<T extends { metadata: { creationTimestamp?: string } }>(objects: readonly T[]): T[] {
  if (!objects.every((o) => o.metadata.creationTimestamp !== undefined)) return [...objects];
  return [...objects].sort((a, b) => ((a.metadata.creationTimestamp as string) < (b.metadata.creationTimestamp as string) ? -1 : (a.metadata.creationTimestamp as string) > (b.metadata.creationTimestamp as string) ? 1 : 0));
}

/** Named ports of the app containers and of sidecars (init containers with restartPolicy Always), as FindPort reads them. */
function namedPorts(pod: NetworkPod): Record<string, { port: number; protocol: Protocol }> {
  const out: Record<string, { port: number; protocol: Protocol }> = {};
  const containers: Container[] = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (p.name && out[p.name] === undefined) out[p.name] = { port: p.containerPort, protocol: p.protocol ?? 'TCP' };
    }
  }
  return out;
}

const isCalico = (plugin: NetworkPlugin): boolean => plugin.startsWith('calico');

/** PodNets in creation order, each paired with its phase for the EndpointSlice controller. */
export function buildPods(pods: readonly NetworkPod[], nodes: readonly NodeNet[], clusterCIDR: Cidr, plugin: NetworkPlugin): EndpointPod[] {
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));
  const ipam = new Map<string, { state: HostLocalState; subnet: Cidr }>();
  const stateOf = (node: NodeNet) => {
    let entry = ipam.get(node.name);
    if (!entry) {
      const subnet = parseCidr(node.podCIDR) as Cidr;
      entry = { state: newHostLocal(subnet), subnet };
      ipam.set(node.name, entry);
    }
    return entry;
  };
  const ordered = creationOrder(pods).filter((p) => p.spec.nodeName && nodeByName.has(p.spec.nodeName));
  const owners = new Map<number, string>();
  const subject = (p: NetworkPod) => subjectOf('Pod', p.metadata.namespace ?? 'default', p.metadata.name);

  // Given IPs are checked and held first, so an allocation never hands out an address a later Pod reports.
  const given = new Map<NetworkPod, number>();
  for (const pod of ordered) {
    const node = nodeByName.get(pod.spec.nodeName as string) as NodeNet;
    const text = pod.status?.podIP;
    if (pod.spec.hostNetwork || text === undefined || text === '') continue;
    const ip = parseIPv4(text);
    const bad = (detail: string) => new InputError(`status.podIP: Invalid value: "${text}": ${detail}`, undefined, undefined, undefined, subject(pod));
    if (ip === undefined) throw bad('must be a valid IPv4 address');
    if (!cidrContains(clusterCIDR, ip)) throw bad(`is outside the cluster CIDR ${formatCidr(clusterCIDR)} (NET-MODEL-02)`);
    const nodeCidr = parseCidr(node.podCIDR) as Cidr;
    if (!isCalico(plugin) && !cidrContains(nodeCidr, ip)) throw bad(`is outside node "${node.name}"'s pod CIDR ${node.podCIDR}, the only range flannel's host-local IPAM allocates from there`);
    const other = owners.get(ip);
    if (other !== undefined) throw bad(`is already the IP of ${other} (NET-MODEL-01)`);
    owners.set(ip, subject(pod));
    given.set(pod, ip);
    // Under Calico the address may sit in another node's block: hold it wherever it lies.
    const home = nodes.find((n) => cidrContains(parseCidr(n.podCIDR) as Cidr, ip));
    if (home) stateOf(home).state.reserved.add(ip);
  }

  return ordered.flatMap((pod) => {
    const node = nodeByName.get(pod.spec.nodeName as string) as NodeNet;
    const phase = pod.status?.phase ?? '';
    let ip: string;
    if (pod.spec.hostNetwork) ip = node.ip;
    else {
      const own = given.get(pod);
      const { state, subnet } = stateOf(node);
      if (own !== undefined) {
        if (cidrContains(subnet, own)) reserve(state, own);
        ip = formatIPv4(own);
      } else if (phase === 'Succeeded' || phase === 'Failed') {
        return []; // A finished Pod's sandbox is gone and its IP released.
      } else ip = formatIPv4(allocateOrThrow(state, subnet, subject(pod)));
    }
    const readyCondition = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? null;
    const net: PodNet = {
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      node: node.name,
      ip,
      labels: { ...(pod.metadata.labels ?? {}) },
      ready: decideBoolean('pod-ready', { scheduled: true, phase: pod.status?.phase ?? null, readyCondition }),
      terminating: pod.metadata.deletionTimestamp !== undefined,
      ports: namedPorts(pod),
    };
    if (pod.spec.hostname) net.hostname = pod.spec.hostname;
    if (pod.spec.subdomain) net.subdomain = pod.spec.subdomain;
    return [{ net, phase }];
  });
}
