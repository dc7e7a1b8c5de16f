// Small clusters for the data path tests: the seeds' flannel network (cluster CIDR 192.168.128.0/18, node
// subnets 192.168.128.0/24 and 192.168.132.0/24) and a Calico cluster like the seeds' (10.244.0.0/16),
// plus a third node behind a router for the routed-boundary cases.
import type { ClusterNetwork, NetworkPlugin, PodNet } from '../../../src/network/types.ts';

const pod = (name: string, node: string, ip: string, namespace = 'default'): PodNet => ({
  namespace, name, node, ip, labels: { app: name }, ready: true, terminating: false, ports: {},
});

/** Seeds' flannel layout: node01 owns 192.168.132.0/24 (the seed's capture), node02 192.168.128.0/24, node03 sits on another segment. */
export function flannelCluster(plugin: NetworkPlugin = 'flannel-vxlan', withRoutedNode = false): ClusterNetwork {
  return {
    plugin, proxyMode: 'iptables', clusterCIDR: '192.168.128.0/18', serviceCIDR: '192.168.192.0/18', clusterDomain: 'cluster.local',
    nodes: [
      { name: 'node01', ip: '10.231.209.117', podCIDR: '192.168.132.0/24' },
      { name: 'node02', ip: '10.231.209.118', podCIDR: '192.168.128.0/24' },
      ...(withRoutedNode ? [{ name: 'node03', ip: '10.231.210.20', podCIDR: '192.168.129.0/24' }] : []),
    ],
    pods: [
      pod('kubia-a', 'node01', '192.168.132.73'),
      pod('kubia-b', 'node01', '192.168.132.70'),
      pod('kubia-c', 'node02', '192.168.128.10'),
      ...(withRoutedNode ? [pod('kubia-d', 'node03', '192.168.129.5')] : []),
    ],
    services: [], endpointSlices: [],
  };
}

/** Seeds' Calico layout: node1 (192.168.231.56) owns 10.244.3.0/24; node2 on the same segment; node3 behind a router. */
export function calicoCluster(plugin: NetworkPlugin = 'calico-ipip', withRoutedNode = false): ClusterNetwork {
  return {
    plugin, proxyMode: 'iptables', clusterCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', clusterDomain: 'cluster.local',
    nodes: [
      { name: 'node1', ip: '192.168.231.56', podCIDR: '10.244.3.0/24' },
      { name: 'node2', ip: '192.168.231.16', podCIDR: '10.244.1.0/24' },
      ...(withRoutedNode ? [{ name: 'node3', ip: '192.168.232.26', podCIDR: '10.244.2.0/24' }] : []),
    ],
    pods: [
      pod('web-a', 'node1', '10.244.3.30'),
      pod('web-b', 'node1', '10.244.3.31'),
      pod('web-c', 'node2', '10.244.1.7'),
      ...(withRoutedNode ? [pod('web-d', 'node3', '10.244.2.9')] : []),
    ],
    services: [], endpointSlices: [],
  };
}

export const tcp = (dst: string, src = ''): { src: string; dst: string; protocol: 'TCP'; srcPort: number; dstPort: number } => ({
  src, dst, protocol: 'TCP', srcPort: 40000, dstPort: 8080,
});
