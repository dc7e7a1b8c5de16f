// The part of every node that exists before any network plugin: lo, eth0 on the node's host network, the
// connected route and the default route to the segment's router (NET-L2-07). Also which nodes share an L2
// segment, which decides whether host-gw and plain-BGP next hops work (NET-FLANNEL-13, NET-CALICO-08).
import type { ClusterNetwork, NodeNet } from '../types.ts';
import { inCidr, networkOf, nthAddress, parseCidr, parseIp } from './ip.ts';
import { derivedMac, hostMac, nodeNetns } from './names.ts';
import type { DatapathOptions, Device, Netns, Neighbour, Route } from './types.ts';

export const hostPrefix = (opts: DatapathOptions): number => opts.hostPrefix ?? 24;
export const hostMtu = (opts: DatapathOptions): number => opts.mtu ?? 1500;

export function hostNetwork(node: NodeNet, opts: DatapathOptions): string {
  return networkOf(node.ip, hostPrefix(opts));
}

/** NodeNet.segment, else the host network: nodes in one host network share a broadcast domain by default. */
export function segmentOf(node: NodeNet, opts: DatapathOptions): string {
  return node.segment ?? hostNetwork(node, opts);
}

/** The segment's router: configured, else .1 of its host network (.254 when a node already uses .1). */
export function gatewayOf(cluster: ClusterNetwork, segment: string, opts: DatapathOptions): string {
  const configured = opts.gateways?.[segment];
  if (configured) return configured;
  const members = cluster.nodes.filter((n) => segmentOf(n, opts) === segment);
  const first = members[0];
  if (!first) throw new Error(`segment "${segment}" has no nodes`);
  const net = hostNetwork(first, opts);
  const one = nthAddress(net, 1);
  return members.some((n) => n.ip === one) ? nthAddress(net, 254) : one;
}

export function routerMac(segment: string): string {
  return derivedMac(`router/${segment}`);
}

/** The kernel accepts "via X" without onlink only when X lies in a connected prefix (the host network). */
export function onLink(from: NodeNet, nextHop: string, opts: DatapathOptions): boolean {
  return inCidr(hostNetwork(from, opts), nextHop);
}

export function findNode(cluster: ClusterNetwork, name: string): NodeNet {
  const node = cluster.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`node "${name}" is not in the cluster network (known: ${cluster.nodes.map((n) => n.name).join(', ')})`);
  return node;
}

/** The node owning a pod CIDR that contains `ip`, if any. */
export function nodeForPodIp(cluster: ClusterNetwork, ip: string): NodeNet | undefined {
  return cluster.nodes.find((n) => inCidr(n.podCIDR, ip));
}

/** Bad input names the node and the field (issue 6: "clear error naming the object and field"). */
export function checkNode(node: NodeNet): void {
  try {
    parseIp(node.ip);
  } catch {
    throw new Error(`node "${node.name}": ip "${node.ip}" is not an IPv4 address`);
  }
  try {
    parseCidr(node.podCIDR);
  } catch {
    throw new Error(`node "${node.name}": podCIDR "${node.podCIDR}" is not an IPv4 CIDR`);
  }
}

export function baseHost(cluster: ClusterNetwork, node: NodeNet, opts: DatapathOptions): Netns {
  const segment = segmentOf(node, opts);
  const gateway = gatewayOf(cluster, segment, opts);
  const devices: Device[] = [
    { index: 1, name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', addresses: ['127.0.0.1/8'] },
    { index: 2, name: 'eth0', kind: 'ether', mtu: hostMtu(opts), mac: hostMac(node.name, 'eth0'), addresses: [`${node.ip}/${hostPrefix(opts)}`] },
  ];
  const routes: Route[] = [
    { dst: 'default', via: gateway, dev: 'eth0', proto: 'static', owner: 'node network configuration' },
    { dst: hostNetwork(node, opts), dev: 'eth0', proto: 'kernel', scope: 'link', src: node.ip, owner: 'kernel' },
  ];
  // Steady-state ARP cache: the router and the nodes that answer ARP on this segment (NET-L2-07).
  const neighbours: Neighbour[] = [];
  if (onLink(node, gateway, opts)) neighbours.push({ ip: gateway, dev: 'eth0', lladdr: routerMac(segment), state: 'REACHABLE', owner: 'arp' });
  for (const other of cluster.nodes) {
    if (other.name !== node.name && segmentOf(other, opts) === segment && onLink(node, other.ip, opts)) {
      neighbours.push({ ip: other.ip, dev: 'eth0', lladdr: hostMac(other.name, 'eth0'), state: 'REACHABLE', owner: 'arp' });
    }
  }
  return { id: nodeNetns(node.name), devices, routes, neighbours, fdb: [] };
}
