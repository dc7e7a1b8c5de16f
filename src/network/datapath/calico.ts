// What Calico leaves on a node (NET-CALICO-02..04, NET-CALICO-09): no bridge; per Pod a cali<hash> veth
// with MAC ee:ee:ee:ee:ee:ee and proxy ARP, a /32 route "<pod-ip> dev cali… scope link", a blackhole for
// the node's own block, and per other node a BIRD route — via tunl0 onlink when the IPPool encapsulates,
// else via the node's IP on eth0, or, when that IP is not on-link, via the router (BIRD resolves next hops
// recursively, "gateway recursive"), which has no Pod routes (NET-CALICO-08).
// Which peer BIRD learned each route from follows the BGP topology, mesh or route reflectors (bgp.ts,
// NET-CALICO-06/07); the next hop is the originating node's either way.
// Follows Calico's CNI plugin and Felix/BIRD (v3.x). Leaves out: Calico VXLAN mode, natOutgoing.
import type { ClusterNetwork, NodeNet, PodNet } from '../types.ts';
import { bgpPeers, bgpTopologyOf, learnedFrom } from './bgp.ts';
import { calicoEncapsulates } from './decide.ts';
import { baseHost, gatewayOf, hostMtu, hostNetwork, onLink, segmentOf } from './host.ts';
import { nthAddress } from './ip.ts';
import { CALICO_GATEWAY, CALICO_MAC, calicoVethName, derivedMac, ENCAP_OVERHEAD, podKey, podNetns } from './names.ts';
import type { DatapathOptions, Device, IpipMode, Netns, NodeDatapath } from './types.ts';

export function ipipModeOf(cluster: ClusterNetwork, opts: DatapathOptions): IpipMode {
  return opts.ipipMode ?? (cluster.plugin === 'calico-ipip' ? 'Always' : 'Never');
}

/** 10-calico.conflist's mtu 1440 with IPIP (NET-CALICO-12), at most host MTU − 20; the host MTU without IPIP. */
export function calicoMtu(mode: IpipMode, opts: DatapathOptions): number {
  return mode === 'Never' ? hostMtu(opts) : Math.min(1440, hostMtu(opts) - ENCAP_OVERHEAD.ipip);
}

export function calicoPodMac(pod: PodNet): string {
  return derivedMac(`pod/${pod.namespace}/${pod.name}`);
}

function podNamespace(node: NodeNet, pod: PodNet, hostVeth: Device, mtu: number): Netns {
  return {
    id: podNetns(pod.namespace, pod.name),
    devices: [
      { index: 1, name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', addresses: ['127.0.0.1/8'] },
      { index: 2, name: 'eth0', kind: 'veth', mtu, mac: calicoPodMac(pod), addresses: [`${pod.ip}/32`], peer: { netns: `node/${node.name}`, device: hostVeth.name, index: hostVeth.index } },
    ],
    routes: [
      { dst: 'default', via: CALICO_GATEWAY, dev: 'eth0', owner: 'calico CNI' },
      { dst: CALICO_GATEWAY, dev: 'eth0', scope: 'link', owner: 'calico CNI' },
    ],
    // Answered by the host through proxy ARP on the cali* end, whose MAC is ee:ee:ee:ee:ee:ee (NET-CALICO-02).
    neighbours: [{ ip: CALICO_GATEWAY, dev: 'eth0', lladdr: CALICO_MAC, state: 'REACHABLE', owner: 'proxy-arp' }],
    fdb: [],
  };
}

export function calicoNode(cluster: ClusterNetwork, node: NodeNet, opts: DatapathOptions): Omit<NodeDatapath, 'segment'> {
  const host = baseHost(cluster, node, opts);
  const mode = ipipModeOf(cluster, opts);
  const mtu = calicoMtu(mode, opts);
  if (mode !== 'Never') {
    // Calico gives tunl0 an address from the node's block so node-originated tunnel traffic has a Pod-network source.
    host.devices.push({ index: host.devices.length + 1, name: 'tunl0', kind: 'ipip', mtu, addresses: [`${nthAddress(node.podCIDR, 0)}/32`] });
  }
  host.routes.push({ dst: node.podCIDR, blackhole: true, proto: 'bird', owner: 'BIRD (own block)' });

  const pods = new Map<string, Netns>();
  for (const pod of cluster.pods.filter((p) => p.node === node.name)) {
    const name = calicoVethName(pod.namespace, pod.name);
    const veth: Device = { index: host.devices.length + 1, name, kind: 'veth', mtu, mac: CALICO_MAC, addresses: [], proxyArp: true, peer: { netns: podNetns(pod.namespace, pod.name), device: 'eth0', index: 2 } };
    host.devices.push(veth);
    host.routes.push({ dst: pod.ip, dev: name, scope: 'link', owner: 'calico CNI' });
    host.neighbours.push({ ip: pod.ip, dev: name, lladdr: calicoPodMac(pod), state: 'REACHABLE', owner: 'arp' });
    pods.set(podKey(pod.namespace, pod.name), podNamespace(node, pod, veth, mtu));
  }

  const gateway = gatewayOf(cluster, segmentOf(node, opts), opts);
  const topology = bgpTopologyOf(cluster, opts);
  for (const other of cluster.nodes.filter((n) => n.name !== node.name)) {
    // Without a session path (reflector mode, no reflectors) BIRD never hears of the block (NET-CALICO-07).
    const peer = learnedFrom(cluster, topology, node.name, other.name);
    if (!peer) continue;
    const bgp = { learnedFrom: { peer: peer.node, address: peer.address, type: peer.type, originator: other.name } };
    const sameSubnet = hostNetwork(node, opts) === hostNetwork(other, opts);
    if (calicoEncapsulates(mode, sameSubnet)) {
      host.routes.push({ dst: other.podCIDR, via: other.ip, dev: 'tunl0', proto: 'bird', onlink: true, owner: 'BIRD', ...bgp });
    } else if (onLink(node, other.ip, opts)) {
      host.routes.push({ dst: other.podCIDR, via: other.ip, dev: 'eth0', proto: 'bird', owner: 'BIRD', ...bgp });
    } else {
      host.routes.push({ dst: other.podCIDR, via: gateway, dev: 'eth0', proto: 'bird', owner: `BIRD (next hop ${other.ip} resolved recursively through the router)`, ...bgp });
    }
  }
  return { node: node.name, host, pods, refused: [], bgpPeers: bgpPeers(cluster, node.name, topology) };
}
