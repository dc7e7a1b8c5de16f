// The service-endpoints model: the Pods of the workloads a Service selects are scheduled, then published by
// the EndpointSlice controller of the network model; a port left without a ready endpoint is reported with the
// reason. A selector that matches no workload is the static policy's business: no answer.
import { describe, expect, it } from 'vitest';
import { ask, container, daemonSet, deployment, node, pod, service, type Obj } from './fixtures.ts';

const http = [{ name: 'http', containerPort: 8080 }];

type Row = [name: string, objects: Obj[], expected: Record<string, unknown>];

const rows: Row[] = [
  ['NET-SVC-09: endpoints: a named targetPort the container declares', [service('web', [{ name: 'http', port: 80, targetPort: 'http' }]), deployment('web', { replicas: 2, ports: http })], { noEndpoints: false, endpoints: 2 }],
  ['NET-SVC-09: endpoints: a numeric targetPort needs no declared port', [service('web', [{ port: 80, targetPort: 8080 }]), deployment('web', { replicas: 3 })], { noEndpoints: false, endpoints: 3 }],
  [
    'NET-SVC-09: no endpoints: targetPort "web" names no container port (FindPort skips the Pods)',
    [service('web', [{ name: 'http', port: 80, targetPort: 'web' }]), deployment('web', { replicas: 2, ports: http })],
    {
      noEndpoints: true,
      path: 'spec.ports[0].targetPort',
      message:
        'port 80/TCP (targetPort "web") has no endpoints, so kube-proxy rejects its connections ("default/web:http has no endpoints"): Deployment "web" declares no container port named "web" with protocol TCP (named ports: http (8080/TCP))',
    },
  ],
  [
    'NET-SVC-09: no endpoints for one port only: metrics is not declared, http is',
    [service('web', [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }]), deployment('web', { replicas: 1, ports: http })],
    { noEndpoints: true, endpoints: 1, path: 'spec.ports[1].targetPort', message: expect.stringMatching(/^port 9090\/TCP \(targetPort "metrics"\) has no endpoints/) },
  ],
  [
    'NET-SVC-09: no endpoints: the name matches but the protocol does not (UDP Service port, TCP container port)',
    [service('dns', [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' }]), deployment('dns', { ports: [{ name: 'dns', containerPort: 53, protocol: 'TCP' }] })],
    { noEndpoints: true, message: expect.stringContaining('declares no container port named "dns" with protocol UDP') },
  ],
  [
    'NET-SVC-01: no endpoints: the only matching workload has replicas: 0',
    [service('web', [{ port: 80 }]), deployment('web', { replicas: 0 })],
    { noEndpoints: true, endpoints: 0, path: 'spec.selector', message: 'port 80/TCP (targetPort 80) has no endpoints, so kube-proxy rejects its connections ("default/web has no endpoints"): Deployment "web" has replicas: 0' },
  ],
  [
    'NET-SVC-07/SCHED-03: no endpoints: no Pod of the workload can be scheduled, so none runs or is ready',
    [service('web', [{ port: 80 }]), deployment('web', { replicas: 2, podSpec: { nodeSelector: { disktype: 'ssd' } } })],
    { noEndpoints: true, message: expect.stringContaining("no Pod of Deployment \"web\" can be scheduled (0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector.") },
  ],
  ['NET-SVC-01: endpoints: one workload of two cannot be scheduled, the other serves', [service('web', [{ port: 80 }]), deployment('web', { replicas: 0 }), deployment('web-canary', { labels: { app: 'web' }, replicas: 1 })], { noEndpoints: false, endpoints: 1 }],
  ['DS-01: endpoints: a DaemonSet has one Pod per worker', [service('agent', [{ port: 9100 }]), daemonSet('agent')], { noEndpoints: false, endpoints: 2 }],
  ['NET-SVC-07: endpoints: a Pod bound in the manifests is published as it is', [service('web', [{ port: 80 }]), { ...pod('web-0', { nodeName: 'worker01', containers: [container()] }), metadata: { name: 'web-0', labels: { app: 'web' } } }], { noEndpoints: false, endpoints: 1 }],
];

describe('service-endpoints model', () => {
  for (const [name, objects, expected] of rows) {
    it(name, () => expect(ask('service-endpoints', objects)).toMatchObject(expected));
  }

  it('NET-SVC-06: no answer for a Service without selector, an ExternalName Service, or a selector matching nothing', () => {
    const bare = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { ports: [{ port: 5432 }] } };
    const external = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } };
    expect(ask('service-endpoints', [bare])).toBeUndefined();
    expect(ask('service-endpoints', [external])).toBeUndefined();
    expect(ask('service-endpoints', [service('web', [{ port: 80 }], { selector: { app: 'website' } }), deployment('web')])).toBeUndefined();
  });

  it('NET-SVC-07: a described cluster with its own node addresses and Pod CIDRs is still answered', () => {
    const real = { ...node('worker01', '4'), spec: { podCIDR: '10.244.1.0/24' }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, addresses: [{ type: 'InternalIP', address: '192.168.130.10' }] } };
    const running = { ...pod('web-0', { nodeName: 'worker01', containers: [container()] }, 'default'), metadata: { name: 'web-0', namespace: 'default', labels: { app: 'web' } }, status: { phase: 'Running', podIP: '10.244.1.7' } };
    expect(ask('service-endpoints', [service('web', [{ port: 80 }]), deployment('web', { replicas: 1 })], { cluster: [real, running] })).toMatchObject({ noEndpoints: false, endpoints: 2 });
  });

  it('NET-SVC-01: the selector is matched in the Service\'s namespace only', () => {
    expect(ask('service-endpoints', [service('web', [{ port: 80 }], { namespace: 'shop' }), deployment('web', { namespace: 'other' })])).toBeUndefined();
  });
});
