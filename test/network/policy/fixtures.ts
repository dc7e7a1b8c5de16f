// Small clusters for the NetworkPolicy tests: Pods with labels and named ports on two nodes, namespaces
// with labels, and a policy builder. Not a test file.
import type { NetworkPolicy, NetworkPolicySpec, PolicyCluster } from '../../../src/network/policy/index.ts';
import type { NetworkPlugin, PodNet } from '../../../src/network/types.ts';

export function pod(namespace: string, name: string, ip: string, labels: Record<string, string> = {}, node = 'node1'): PodNet {
  return {
    namespace, name, ip, labels, node, ready: true, terminating: false,
    ports: { http: { port: 8080, protocol: 'TCP' }, dns: { port: 53, protocol: 'UDP' } },
  };
}

export const policy = (namespace: string, name: string, spec: NetworkPolicySpec): NetworkPolicy => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec,
});

export const pods = {
  db: pod('default', 'db', '10.244.1.10', { role: 'db' }),
  frontend: pod('default', 'frontend', '10.244.1.11', { role: 'frontend' }),
  client: pod('default', 'client', '10.244.2.12', { role: 'client' }, 'node2'),
  aliceClient: pod('alice', 'client', '10.244.2.20', { role: 'client' }, 'node2'),
  aliceOther: pod('alice', 'other', '10.244.2.21', { role: 'other' }, 'node2'),
  bobClient: pod('bob', 'client', '10.244.1.30', { role: 'client' }),
};

export function cluster(policies: NetworkPolicy[], plugin: NetworkPlugin = 'calico-bgp'): PolicyCluster {
  return {
    plugin, proxyMode: 'iptables', clusterCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', clusterDomain: 'cluster.local',
    nodes: [
      { name: 'node1', ip: '192.168.0.11', podCIDR: '10.244.1.0/24' },
      { name: 'node2', ip: '192.168.0.12', podCIDR: '10.244.2.0/24' },
    ],
    pods: Object.values(pods),
    services: [], endpointSlices: [],
    policies,
    namespaces: [{ name: 'default' }, { name: 'alice', labels: { user: 'alice' } }, { name: 'bob', labels: { user: 'bob' } }],
  };
}
