// The network-policy model: NetworkPolicies evaluated by src/network/policy over one Pod per workload.
// (a) a Service whose backends no Pod can reach on the targetPort, (b) a workload that cannot reach the
// cluster DNS, (c) connections a workload declares in kubemodel.io/connects-to. Enforcement is assumed.
import { describe, expect, it } from 'vitest';
import { parseConnectsTo } from '../../../src/policy/models/network-policy.ts';
import { ask, deployment, networkPolicy, service, statefulSet, type Obj } from './fixtures.ts';

const web = deployment('web', { replicas: 2, ports: [{ name: 'http', containerPort: 8080 }] });
const webSvc = service('web', [{ name: 'http', port: 80, targetPort: 'http' }]);
const denyIngress = networkPolicy('default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
const denyEgress = networkPolicy('default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
const toWeb = (from: Obj[], ports?: Obj[]) => networkPolicy('web-ingress', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from, ...(ports ? { ports } : {}) }] });
const dnsEgress = (ports: Obj[], to: Obj[] = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }]) =>
  networkPolicy('allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to, ports }] });
const api = deployment('api');
const frontend = (target: string) => deployment('frontend', { annotations: { 'kubemodel.io/connects-to': target } });

type Row = [name: string, objects: Obj[], expected: Record<string, unknown>, opts?: { kind?: string; name?: string }];

const serviceRows: Row[] = [
  ['NETPOL-01: reachable: no policy selects the backends', [webSvc, web], { serviceBlocked: false }],
  ['NETPOL-02/NETPOL-07: blocked: a default-deny ingress policy and nothing else', [webSvc, web, denyIngress], { serviceBlocked: true, policies: ['default/default-deny-ingress'], path: 'spec.ports[0]' }],
  ['NETPOL-07: blocked: the only rule admits port 9090, the targetPort is 8080', [webSvc, web, toWeb([{ podSelector: { matchLabels: { app: 'prometheus' } } }], [{ port: 9090 }])], { serviceBlocked: true }],
  ['NETPOL-03/NETPOL-07: reachable: a second policy admits the named port from some namespace', [webSvc, web, denyIngress, toWeb([{ namespaceSelector: { matchLabels: { team: 'frontend' } } }], [{ port: 'http' }])], { serviceBlocked: false }],
  ['NETPOL-06: reachable: an ipBlock admits addresses (e.g. a load balancer\'s)', [webSvc, web, toWeb([{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }])], { serviceBlocked: false }],
  ['NETPOL-05: reachable: namespace and pod selector in one peer name a client that may exist', [webSvc, web, toWeb([{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchExpressions: [{ key: 'role', operator: 'In', values: ['client'] }] } }])], { serviceBlocked: false }],
  ['NETPOL-06: reachable: other replicas of the same app are admitted by a podSelector on its own label', [webSvc, web, toWeb([{ podSelector: { matchLabels: { app: 'web' } } }])], { serviceBlocked: false }],
  ['NETPOL-02: reachable: an Egress-only policy does not isolate ingress', [webSvc, web, denyEgress], { serviceBlocked: false }],
];

const dnsRows: Row[] = [
  ['NETPOL-01: DNS open: no policy selects the workload', [api], { dnsBlocked: false }],
  ['NETPOL-02: DNS blocked: default-deny egress', [api, denyEgress], { dnsBlocked: true, dnsProtocols: ['UDP', 'TCP'], dnsPolicies: ['default/default-deny-egress'] }],
  ['NETPOL-03/DNS-01: DNS open: an egress rule to kube-system kube-dns on UDP and TCP 53', [api, denyEgress, dnsEgress([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }])], { dnsBlocked: false }],
  ['NETPOL-07: TCP blocked: the egress rule admits UDP 53 only', [api, dnsEgress([{ port: 53, protocol: 'UDP' }])], { dnsBlocked: true, dnsProtocols: ['TCP'], dnsMessage: expect.stringContaining('answers too large for UDP (truncated, retried over TCP) fail') }],
  [
    'NETPOL-06: DNS blocked: a podSelector without namespaceSelector only matches Pods of the policy\'s own namespace',
    [api, dnsEgress([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }])],
    { dnsBlocked: true, dnsProtocols: ['UDP', 'TCP'] },
  ],
  ['NETPOL-02: DNS blocked: an ingress policy in kube-system isolates CoreDNS', [api, networkPolicy('lockdown', { podSelector: {}, policyTypes: ['Ingress'] }, 'kube-system')], { dnsBlocked: true, dnsPolicies: ['kube-system/lockdown'], dnsMessage: expect.stringContaining('ingress of kube-system/coredns is isolated by NetworkPolicy kube-system/lockdown') }],
];

const db: Obj = { ...statefulSet('db', 1, 'standard'), metadata: { name: 'db', namespace: 'data' } };
((db['spec'] as Obj)['template'] as { spec: { containers: Obj[] } }).spec.containers = [{ name: 'postgres', image: 'postgres:16', ports: [{ name: 'pg', containerPort: 5432 }] }];
const dbSvc = service('db', [{ port: 5432, targetPort: 'pg' }], { namespace: 'data' });

const connectionRows: Row[] = [
  ['NETPOL-01: allowed: no policies at all', [frontend('web:80'), webSvc, web], { connectionDenied: false }],
  ['NETPOL-04: allowed: the backend admits the client by podSelector', [frontend('web:80'), webSvc, web, toWeb([{ podSelector: { matchLabels: { app: 'frontend' } } }], [{ port: 'http' }])], { connectionDenied: false }],
  [
    'NETPOL-02: denied on the ingress side: the backend admits only the gateway',
    [frontend('web:80'), webSvc, web, toWeb([{ podSelector: { matchLabels: { app: 'gateway' } } }])],
    { connectionDenied: true, denied: ['web:80'], connectionPolicies: ['default/web-ingress'], connectionMessage: expect.stringContaining('ingress of default/web is isolated by NetworkPolicy default/web-ingress and no rule admits TCP 8080 from default/frontend to default/web') },
  ],
  [
    'NET-SVC-09/NETPOL-07: denied on the egress side: the client may send to 80, the Pods listen on the targetPort 8080',
    [frontend('web:80'), webSvc, web, networkPolicy('fe-egress', { podSelector: { matchLabels: { app: 'frontend' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] })],
    { connectionDenied: true, connectionPolicies: ['default/fe-egress'], connectionMessage: expect.stringContaining('egress of default/frontend is isolated by NetworkPolicy default/fe-egress') },
  ],
  [
    'NETPOL-06: denied across namespaces: data/db admits only Pods of its own namespace',
    [frontend('db.data:5432'), db, dbSvc, networkPolicy('same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }, 'data')],
    { connectionDenied: true, denied: ['db.data:5432'], connectionPolicies: ['data/same-ns'] },
  ],
  [
    'NETPOL-05: allowed across namespaces: namespaceSelector default plus podSelector frontend',
    [frontend('db.data:5432'), db, dbSvc, networkPolicy('from-frontend', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'default' } }, podSelector: { matchLabels: { app: 'frontend' } } }] }] }, 'data')],
    { connectionDenied: false },
  ],
  ['NETPOL-01: no verdict for a Service that is not in the manifests or a port it does not have', [frontend('missing:80, web:8080'), webSvc, web, denyIngress], { connectionDenied: false, denied: [] }],
];

describe('network-policy model', () => {
  for (const [name, objects, expected, opts] of serviceRows) it(`Service: ${name}`, () => expect(ask('network-policy', objects, { kind: 'Service', ...opts })).toMatchObject(expected));
  for (const [name, objects, expected, opts] of dnsRows) it(`DNS: ${name}`, () => expect(ask('network-policy', objects, { kind: 'Deployment', name: 'api', ...opts })).toMatchObject(expected));
  for (const [name, objects, expected, opts] of connectionRows) it(`connects-to: ${name}`, () => expect(ask('network-policy', objects, { kind: 'Deployment', name: 'frontend', ...opts })).toMatchObject(expected));

  it('NETPOL-07: the annotation may sit on the Pod template; the finding then points there', () => {
    const fe = deployment('frontend');
    ((fe['spec'] as Obj)['template'] as { metadata: Obj }).metadata['annotations'] = { 'kubemodel.io/connects-to': 'web:80' };
    expect(ask('network-policy', [fe, webSvc, web, denyIngress], { name: 'frontend' })).toMatchObject({
      connectionDenied: true,
      annotationPath: 'spec.template.metadata.annotations[kubemodel.io/connects-to]',
    });
  });

  const parses: [string, string, { service: string; namespace: string; port: number }[]][] = [
    ['web:80', 'shop', [{ service: 'web', namespace: 'shop', port: 80 }]],
    ['db.data:5432, cache.infra:6379', 'default', [{ service: 'db', namespace: 'data', port: 5432 }, { service: 'cache', namespace: 'infra', port: 6379 }]],
    ['web, :80, Web:80, web:http', 'default', []],
  ];
  for (const [value, ns, expected] of parses) {
    it(`connects-to "${value}" parses to ${expected.length} target(s)`, () => expect(parseConnectsTo(value, ns).map(({ service, namespace, port }) => ({ service, namespace, port }))).toEqual(expected));
  }
});
