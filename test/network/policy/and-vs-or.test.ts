// The seeds' AND vs OR example (examples/network/policy/): the table of its README, evaluated from the
// manifests; a test-local reader turns them into the PolicyCluster (NETPOL-04, NETPOL-05, NETPOL-08).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { networkPolicyVerdict, reachabilityMatrix, type NetworkPolicy, type PolicyCluster } from '../../../src/network/policy/index.ts';
import type { NetworkPlugin, PodNet } from '../../../src/network/types.ts';

const dir = new URL('../../../examples/network/policy/', import.meta.url);
const docs = (file: string): any[] => parseAllDocuments(readFileSync(new URL(file, dir), 'utf8')).map((d) => d.toJS());

function load(policyFile: string, plugin: NetworkPlugin = 'calico-bgp'): PolicyCluster {
  const objects = docs('cluster.yaml');
  const pods: PodNet[] = objects.filter((o) => o.kind === 'Pod').map((o) => ({
    namespace: o.metadata.namespace, name: o.metadata.name, node: o.spec.nodeName, ip: o.status.podIP, labels: o.metadata.labels ?? {},
    ready: true, terminating: false,
    ports: Object.fromEntries(o.spec.containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => [p.name, { port: p.containerPort, protocol: p.protocol ?? 'TCP' }]))),
  }));
  return {
    plugin, proxyMode: 'iptables', clusterCIDR: '192.168.128.0/18', serviceCIDR: '192.168.192.0/18', clusterDomain: 'cluster.local',
    nodes: [{ name: 'node1', ip: '10.0.0.11', podCIDR: '192.168.128.0/24' }, { name: 'node2', ip: '10.0.0.12', podCIDR: '192.168.129.0/24' }],
    pods, services: [], endpointSlices: [],
    namespaces: objects.filter((o) => o.kind === 'Namespace').map((o) => ({ name: o.metadata.name, labels: o.metadata.labels ?? {} })),
    policies: docs(policyFile) as NetworkPolicy[],
  };
}

const table: [from: string, or: boolean, and: boolean, why: string][] = [
  ['default/client', true, false, 'role=client in the policy namespace: the OR podSelector entry admits, the AND entry needs user=alice'],
  ['alice/client', true, true, 'role=client in an alice namespace: both entries admit'],
  ['alice/web', true, false, 'role=web in an alice namespace: the OR namespaceSelector entry admits, the AND entry needs role=client'],
  ['bob/client', false, false, 'role=client in bob: neither the alice namespaceSelector nor the default-namespace podSelector matches'],
];

describe('examples/network/policy: AND vs OR', () => {
  for (const [from, or, and, why] of table) {
    for (const [file, expected, id] of [['policy-or.yaml', or, 'NETPOL-04'], ['policy-and.yaml', and, 'NETPOL-05']] as const) {
      it(`${id}: ${file}: ${from} → default/db is ${expected ? 'allowed' : 'denied'} (${why})`, () => {
        const c = load(file);
        const src = c.pods.find((p) => `${p.namespace}/${p.name}` === from) as PodNet;
        const db = c.pods.find((p) => p.name === 'db') as PodNet;
        expect(networkPolicyVerdict(c, { from: src, to: db, port: 6379, protocol: 'TCP' }).allowed).toBe(expected);
      });
    }
  }

  it('NETPOL-08: on flannel both variants allow every pair', () => {
    for (const file of ['policy-or.yaml', 'policy-and.yaml']) {
      expect(reachabilityMatrix(load(file, 'flannel-vxlan'), 6379, 'TCP').allowed.flat().every(Boolean)).toBe(true);
    }
  });

  it('NETPOL-01: in the matrix only the db column is restricted; the other Pods are selected by no policy', () => {
    const m = reachabilityMatrix(load('policy-and.yaml'), 6379, 'TCP');
    const db = m.pods.indexOf('default/db');
    m.allowed.forEach((row, i) => row.forEach((cell, j) => {
      if (j !== db) expect(cell).toBe(true);
      else expect(cell).toBe(i === db || m.pods[i] === 'alice/client');
    }));
  });
});
