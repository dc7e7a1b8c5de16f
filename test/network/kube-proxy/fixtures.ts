// Clusters for the kube-proxy tests: the seeds' kubia cluster (examples/network/kubia) and small builders.
import { readFileSync } from 'node:fs';
import type { ClusterNetwork, EndpointNet, ServiceNet } from '../../../src/network/types.ts';

export const kubia = (): ClusterNetwork =>
  JSON.parse(readFileSync(new URL('../../fixtures/network/kubia-cluster.json', import.meta.url), 'utf8')) as ClusterNetwork;

export const kubiaDump = (): string => readFileSync(new URL('../../../examples/network/kubia/expected-iptables-nL-v1.15.txt', import.meta.url), 'utf8');

/** A one-port Service plus its slice, added to a copy of the cluster. */
export function withService(base: ClusterNetwork, svc: Partial<ServiceNet> & { name: string; clusterIP: string }, endpoints: EndpointNet[], port = 80, targetPort = 8080): ClusterNetwork {
  const service: ServiceNet = {
    namespace: 'default',
    type: 'ClusterIP',
    ports: [{ name: '', protocol: 'TCP', port, targetPort, ...(svc.type === 'NodePort' || svc.type === 'LoadBalancer' ? { nodePort: 30080 } : {}) }],
    ...svc,
  };
  return {
    ...base,
    services: [...base.services, service],
    endpointSlices: [...base.endpointSlices, { namespace: service.namespace, service: service.name, portName: '', protocol: 'TCP', port: targetPort, endpoints }],
  };
}

export const ep = (ip: string, node: string, ready = true): EndpointNet => ({ ip, node, ready, serving: ready, terminating: false });
