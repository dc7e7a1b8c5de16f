// The seeds' kubia cluster (001_e4c1afa65cf6ad06.txt): pod CIDR 192.168.128.0/18 with one /24 per node
// (192.168.128.0/24 … 192.168.133.0/24), Service kubia NodePort 192.168.199.234 8080:32681/TCP with six
// Pods (app=kubia), two of which the seed shows with their IPs (192.168.131.21 and 192.168.132.73).
import type { Node, Pod } from '../../../src/k8s/types.ts';
import type { NetworkObject, Service } from '../../../src/network/cluster/index.ts';

export const kubiaNodes: Node[] = ['master', 'node01', 'node02', 'node03', 'node04', 'node05'].map((name, i) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { addresses: [{ type: 'InternalIP', address: `10.231.209.${110 + i}` }, { type: 'Hostname', address: name }] },
}));

const kubiaPod = (name: string, nodeName: string, podIP?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'kubia' } },
  spec: { nodeName, containers: [{ name: 'kubia', image: 'beikejiedeliulangmao/kubia', ports: [{ containerPort: 8080, name: 'http' }] }] },
  ...(podIP ? { status: { phase: 'Running', podIP, conditions: [{ type: 'Ready', status: 'True' }] } } : {}),
});

export const kubiaPods: Pod[] = [
  kubiaPod('kubia-24hmb', 'node04', '192.168.132.73'),
  kubiaPod('kubia-rpr99', 'node03', '192.168.131.21'),
  kubiaPod('kubia-5f7kq', 'node01'),
  kubiaPod('kubia-8xj2d', 'node02'),
  kubiaPod('kubia-c4mzn', 'node05'),
  kubiaPod('kubia-q9wlt', 'node01'),
];

export const kubiaService: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'kubia', namespace: 'default' },
  spec: { type: 'NodePort', clusterIP: '192.168.199.234', selector: { app: 'kubia' }, ports: [{ port: 8080, targetPort: 8080, nodePort: 32681 }] },
};

export const kubiaObjects: NetworkObject[] = [...kubiaNodes, ...kubiaPods, kubiaService];
