// Bad input is an InputError naming the object and the field, in the apiserver's words where it has them
// (NET-MODEL-02, NET-SVC-03, NET-SVC-09, NET-SVC-10).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import type { Node, Pod } from '../../../src/k8s/types.ts';
import { buildClusterNetwork, type ClusterNetworkOptions, type EndpointSlice, type NetworkObject, type Service } from '../../../src/network/cluster/index.ts';

const node = (name: string, extra: Partial<Node> = {}): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, ...extra });
const pod = (name: string, podIP: string, nodeName = 'n'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName, containers: [{ name: 'c' }] },
  status: { podIP },
});
const svc = (name: string, spec: Service['spec']): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });

const rows: [string, NetworkObject[], ClusterNetworkOptions, string, string][] = [
  ['NET-MODEL-02: a Pod IP outside the cluster CIDR is rejected', [node('n'), pod('p', '10.244.1.5')], {}, 'Pod "default/p"', 'status.podIP: Invalid value: "10.244.1.5": is outside the cluster CIDR 192.168.128.0/18'],
  ['NET-MODEL-02: a malformed Pod IP is rejected', [node('n'), pod('p', '192.168.128.300')], {}, 'Pod "default/p"', 'status.podIP: Invalid value: "192.168.128.300": must be a valid IPv4 address'],
  ['NET-FLANNEL-01: under flannel a Pod IP outside its node\'s /24 is rejected', [node('n'), pod('p', '192.168.140.5')], {}, 'Pod "default/p"', 'is outside node "n"\'s pod CIDR 192.168.128.0/24'],
  ['NET-MODEL-01: two Pods with one IP are rejected', [node('n'), pod('p', '192.168.128.5'), pod('q', '192.168.128.5')], {}, 'Pod "default/q"', 'is already the IP of Pod "default/p"'],
  ['NET-MODEL-02: a node IP inside the Service CIDR is rejected', [node('n', { status: { addresses: [{ type: 'InternalIP', address: '192.168.192.7' }] } })], {}, 'Node "n"', 'status.addresses[0].address: Invalid value: "192.168.192.7": lies inside the Service CIDR 192.168.192.0/18'],
  ['NET-MODEL-02: a malformed node IP is rejected', [node('n', { status: { addresses: [{ type: 'InternalIP', address: 'node-1' }] } })], {}, 'Node "n"', 'must be a valid IPv4 address'],
  ['NET-FLANNEL-01: a spec.podCIDR outside the cluster CIDR is rejected', [node('n', { spec: { podCIDR: '10.244.0.0/24' } })], {}, 'Node "n"', 'spec.podCIDR: Invalid value: "10.244.0.0/24": is not within the cluster CIDR 192.168.128.0/18'],
  ['NET-SVC-09: a Service port 0 is rejected', [svc('s', { ports: [{ port: 0 }] })], {}, 'Service "default/s"', 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
  ['NET-SVC-09: a Service port 70000 is rejected', [svc('s', { ports: [{ port: 80 }, { port: 70000 }] })], {}, 'Service "default/s"', 'spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
  ['NET-SVC-09: a numeric targetPort 65536 is rejected', [svc('s', { ports: [{ port: 80, targetPort: 65536 }] })], {}, 'Service "default/s"', 'spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive'],
  ['NET-SVC-03: the seed\'s nodePort 8081 is outside 30000-32767', [svc('s', { type: 'NodePort', ports: [{ port: 80, nodePort: 8081 }] })], {}, 'Service "default/s"', 'spec.ports[0].nodePort: Invalid value: 8081: provided port is not in the valid range. The range of valid ports is 30000-32767'],
  ['NET-SVC-03: one nodePort for two Services is rejected', [svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })], {}, 'Service "default/b"', 'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated'],
  ['NET-SVC-02: a nodePort on a ClusterIP Service is forbidden', [svc('s', { ports: [{ port: 80, nodePort: 30080 }] })], {}, 'Service "default/s"', "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
  ['NET-SVC-02: a clusterIP outside the Service CIDR is rejected', [svc('s', { clusterIP: '10.96.0.10', ports: [{ port: 80 }] })], {}, 'Service "default/s"', 'spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is not in the valid range. The range of valid IPs is 192.168.192.0/18'],
  ['NET-SVC-02: the Service CIDR\'s broadcast address is not allocatable', [svc('s', { clusterIP: '192.168.255.255', ports: [{ port: 80 }] })], {}, 'Service "default/s"', 'is not in the valid range'],
  ['NET-SVC-10: the first address belongs to default/kubernetes', [svc('s', { clusterIP: '192.168.192.1', ports: [{ port: 80 }] })], {}, 'Service "default/s"', 'failed to allocate IP 192.168.192.1: provided IP is already allocated'],
  ['NET-SVC-02: two Services with one clusterIP are rejected', [svc('a', { clusterIP: '192.168.199.234', ports: [{ port: 80 }] }), svc('b', { clusterIP: '192.168.199.234', ports: [{ port: 80 }] })], {}, 'Service "default/b"', 'provided IP is already allocated'],
  ['NET-MODEL-02: a cluster CIDR overlapping the Service CIDR is rejected', [], { clusterCIDR: '192.168.0.0/16' }, '', '--service-cluster-ip-range: Invalid value: "192.168.192.0/18": overlaps the cluster CIDR 192.168.0.0/16'],
  ['NET-MODEL-02: a cluster CIDR with host bits set is rejected', [], { clusterCIDR: '192.168.128.1/18' }, '', '--cluster-cidr: Invalid value: "192.168.128.1/18"'],
];

describe('bad input', () => {
  for (const [name, objects, opts, subject, message] of rows) {
    it(name, () => {
      let caught: unknown;
      try {
        buildClusterNetwork(objects, opts);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InputError);
      const err = caught as InputError;
      expect(err.subject ?? '').toBe(subject);
      expect(err.message).toContain(message);
    });
  }

  it('NET-SVC-06: a hand-made EndpointSlice with a malformed address names the slice and field', () => {
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'db-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'db' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.300'] }],
    };
    expect(() => buildClusterNetwork([svc('db', { ports: [{ port: 5432 }] }), slice])).toThrow(/endpoints\[0\]\.addresses\[0\]: Invalid value: "10.0.0.300"/);
  });

  it('NET-SVC-03: one Service may use a nodePort for both TCP and UDP', () => {
    const dns = svc('dns', { type: 'NodePort', ports: [{ name: 'udp', port: 53, protocol: 'UDP', nodePort: 30053 }, { name: 'tcp', port: 53, protocol: 'TCP', nodePort: 30053 }] });
    expect(buildClusterNetwork([dns]).services[0]?.ports.map((p) => p.nodePort)).toEqual([30053, 30053]);
  });

  it('NET-CALICO-12: under Calico a Pod IP in another node\'s block is accepted', () => {
    const net = buildClusterNetwork([node('n'), node('m'), pod('p', '192.168.129.7', 'n')], { plugin: 'calico-ipip' });
    expect(net.pods[0]).toMatchObject({ node: 'n', ip: '192.168.129.7' });
  });
});
