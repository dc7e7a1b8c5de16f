// What flannel leaves on a node: the bridge plugin's cni0 with the subnet's .1 and one veth per Pod
// (NET-CNI-06), plus the backend's device and routes — vxlan: flannel.1 (.0/32, VNI 1, port 8472, MTU
// 1500 − 50) with one onlink route, one PERMANENT neighbour and one FDB entry per other node (NET-FLANNEL-07..09);
// host-gw: "<subnet> via <node-ip> dev eth0" (NET-FLANNEL-13); udp: the TUN flannel0 holding the whole
// cluster CIDR (NET-FLANNEL-05). Follows flannel's pkg/backend/{vxlan,hostgw,udp} (current release).
import type { ClusterNetwork, NodeNet, PodNet } from '../types.ts';
import { flannelRemoteRoute } from './decide.ts';
import { baseHost, hostMtu, onLink } from './host.ts';
import { nthAddress, parseCidr } from './ip.ts';
import { bridgeVethName, ENCAP_OVERHEAD, FLANNEL_VNI, FLANNEL_VXLAN_PORT, hostMac, podKey, podMacFromIp, podNetns, vtepMac } from './names.ts';
import type { DatapathOptions, Device, Netns, NodeDatapath } from './types.ts';

export type FlannelBackend = 'vxlan' | 'host-gw' | 'udp';

/** FLANNEL_MTU: what the backend leaves of the host MTU (1450 for vxlan, 1472 for udp, 1500 for host-gw). */
export function flannelMtu(backend: FlannelBackend, opts: DatapathOptions): number {
  const overhead = backend === 'vxlan' ? ENCAP_OVERHEAD.vxlan : backend === 'udp' ? ENCAP_OVERHEAD.udp : 0;
  return hostMtu(opts) - overhead;
}

const nextIndex = (ns: Netns): number => ns.devices.length + 1;

/** The Pod's namespace as the bridge plugin leaves it (NET-L2-02): eth0 in the node subnet, default via .1. */
function podNamespace(cluster: ClusterNetwork, node: NodeNet, pod: PodNet, hostVeth: Device, mtu: number): Netns {
  const gateway = nthAddress(node.podCIDR, 1);
  const prefix = parseCidr(node.podCIDR).prefix;
  return {
    id: podNetns(pod.namespace, pod.name),
    devices: [
      { index: 1, name: 'lo', kind: 'loopback', mtu: 65536, mac: '00:00:00:00:00:00', addresses: ['127.0.0.1/8'] },
      { index: 2, name: 'eth0', kind: 'veth', mtu, mac: podMacFromIp(pod.ip), addresses: [`${pod.ip}/${prefix}`], peer: { netns: `node/${node.name}`, device: hostVeth.name, index: hostVeth.index } },
    ],
    routes: [
      { dst: 'default', via: gateway, dev: 'eth0', owner: 'bridge CNI (isDefaultGateway)' },
      // flannel's CNI plugin adds the cluster network as an IPAM route through the same gateway (NET-L2-02).
      { dst: cluster.clusterCIDR, via: gateway, dev: 'eth0', owner: 'flannel CNI (ipam routes)' },
      { dst: node.podCIDR, dev: 'eth0', proto: 'kernel', scope: 'link', src: pod.ip, owner: 'kernel' },
    ],
    neighbours: [{ ip: gateway, dev: 'eth0', lladdr: hostMac(node.name, 'cni0'), state: 'REACHABLE', owner: 'arp' }],
    fdb: [],
  };
}

export function flannelNode(cluster: ClusterNetwork, node: NodeNet, backend: FlannelBackend, opts: DatapathOptions): Omit<NodeDatapath, 'segment'> {
  const host = baseHost(cluster, node, opts);
  const mtu = flannelMtu(backend, opts);
  const gateway = nthAddress(node.podCIDR, 1);
  const refused: NodeDatapath['refused'] = [];

  if (backend === 'vxlan') {
    host.devices.push({
      index: nextIndex(host), name: 'flannel.1', kind: 'vxlan', mtu, mac: vtepMac(node.name),
      addresses: [`${nthAddress(node.podCIDR, 0)}/32`],
      vxlan: { id: FLANNEL_VNI, local: node.ip, dev: 'eth0', dstport: FLANNEL_VXLAN_PORT, learning: false },
    });
  }
  if (backend === 'udp') {
    const clusterPrefix = parseCidr(cluster.clusterCIDR).prefix;
    host.devices.push({ index: nextIndex(host), name: 'flannel0', kind: 'tun', mtu, addresses: [`${nthAddress(node.podCIDR, 0)}/${clusterPrefix}`] });
    host.routes.push({ dst: cluster.clusterCIDR, dev: 'flannel0', proto: 'kernel', scope: 'link', src: nthAddress(node.podCIDR, 0), owner: 'kernel (flanneld adds it too)' });
  }
  const cni0: Device = { index: nextIndex(host), name: 'cni0', kind: 'bridge', mtu, mac: hostMac(node.name, 'cni0'), addresses: [`${gateway}/${parseCidr(node.podCIDR).prefix}`] };
  host.devices.push(cni0);
  host.routes.push({ dst: node.podCIDR, dev: 'cni0', proto: 'kernel', scope: 'link', src: gateway, owner: 'kernel' });
  host.fdb.push({ mac: cni0.mac as string, dev: 'cni0', master: 'cni0', permanent: true, owner: 'kernel' });

  const pods = new Map<string, Netns>();
  for (const pod of cluster.pods.filter((p) => p.node === node.name)) {
    const name = bridgeVethName(pod.namespace, pod.name);
    const veth: Device = { index: nextIndex(host), name, kind: 'veth', mtu, mac: hostMac(node.name, name), addresses: [], master: 'cni0', peer: { netns: podNetns(pod.namespace, pod.name), device: 'eth0', index: 2 } };
    host.devices.push(veth);
    const mac = podMacFromIp(pod.ip);
    host.neighbours.push({ ip: pod.ip, dev: 'cni0', lladdr: mac, state: 'REACHABLE', owner: 'arp' });
    host.fdb.push({ mac, dev: name, master: 'cni0', permanent: false, owner: 'bridge learning' });
    host.fdb.push({ mac: veth.mac as string, dev: name, master: 'cni0', permanent: true, owner: 'kernel' });
    pods.set(podKey(pod.namespace, pod.name), podNamespace(cluster, node, pod, veth, mtu));
  }

  for (const other of cluster.nodes.filter((n) => n.name !== node.name)) {
    const kind = flannelRemoteRoute(backend, onLink(node, other.ip, opts));
    if (kind === 'vtep') {
      const vtep = nthAddress(other.podCIDR, 0);
      const mac = vtepMac(other.name);
      host.routes.push({ dst: other.podCIDR, via: vtep, dev: 'flannel.1', onlink: true, owner: 'flanneld' });
      host.neighbours.push({ ip: vtep, dev: 'flannel.1', lladdr: mac, state: 'PERMANENT', owner: 'flanneld' });
      host.fdb.push({ mac, dev: 'flannel.1', dst: other.ip, self: true, permanent: true, owner: 'flanneld' });
    } else if (kind === 'direct') {
      host.routes.push({ dst: other.podCIDR, via: other.ip, dev: 'eth0', owner: 'flanneld' });
    } else if (kind === 'refused') {
      refused.push({
        route: { dst: other.podCIDR, via: other.ip, dev: 'eth0', owner: 'flanneld' },
        error: `Nexthop has invalid gateway: ${other.ip} is not on-link from ${node.name} (no connected route on eth0 covers it)`,
      });
    }
  }
  return { node: node.name, host, pods, refused };
}
