// `npm run bench` (network part): kube-proxy rule generation for 10,000 Services × 10 endpoints, parsing the
// iptables-save text back, and netfilter lookups per second (a NEW connection to a random ClusterIP walked
// through OUTPUT). Prints a table; asserts nothing.
import { iptablesRules } from '../src/network/kube-proxy/index.ts';
import { emptyConntrack, parseIptablesSave, walkHook } from '../src/network/netfilter/index.ts';
import type { ClusterNetwork, EndpointNet, ServiceNet } from '../src/network/types.ts';

function cluster(services: number, endpoints: number): ClusterNetwork {
  const svcs: ServiceNet[] = [];
  const slices: ClusterNetwork['endpointSlices'] = [];
  for (let i = 0; i < services; i++) {
    const ip = `10.${96 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`;
    svcs.push({ namespace: 'default', name: `svc-${i}`, type: 'ClusterIP', clusterIP: ip, ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: 8080 }] });
    const eps: EndpointNet[] = Array.from({ length: endpoints }, (_, j) => ({ ip: `10.${(i * endpoints + j) >> 16 & 255}.${(i * endpoints + j) >> 8 & 255}.${(i * endpoints + j) & 255}`, node: 'node01', ready: true, serving: true, terminating: false }));
    slices.push({ namespace: 'default', service: `svc-${i}`, portName: '', protocol: 'TCP', port: 8080, endpoints: eps });
  }
  return {
    plugin: 'flannel-vxlan',
    proxyMode: 'iptables',
    clusterCIDR: '10.0.0.0/10',
    serviceCIDR: '10.96.0.0/12',
    clusterDomain: 'cluster.local',
    nodes: [{ name: 'node01', ip: '192.168.1.11', podCIDR: '10.0.1.0/24' }],
    pods: [],
    services: svcs,
    endpointSlices: slices,
  };
}

const row = (cells: (string | number)[]) => cells.map((c, i) => String(c).padStart(i === 0 ? 34 : 14)).join('  ');
console.log('\nkube-proxy rules and netfilter lookups\n');
console.log(row(['services × endpoints', 'rules', 'generate s', 'parse s', 'lookups/s']));
for (const [services, endpoints] of [[1000, 10], [10000, 10]] as const) {
  const c = cluster(services, endpoints);
  let t = performance.now();
  const text = iptablesRules(c, { node: 'node01' });
  const generate = (performance.now() - t) / 1000;
  t = performance.now();
  const ruleset = parseIptablesSave(text);
  const parse = (performance.now() - t) / 1000;
  const lines = text.split('\n').filter((l) => l.startsWith('-A')).length;
  const n = 200;
  t = performance.now();
  for (let k = 0; k < n; k++) {
    const svc = c.services[(k * 7919) % services]!;
    walkHook(ruleset, 'OUTPUT', { src: '192.168.1.11', dst: svc.clusterIP, protocol: 'TCP', srcPort: 40000 + k, dstPort: 80 }, { localAddresses: ['192.168.1.11'], conntrack: emptyConntrack });
  }
  const lookups = n / ((performance.now() - t) / 1000);
  console.log(row([`${services} × ${endpoints}`, lines, generate.toFixed(2), parse.toFixed(2), Math.round(lookups)]));
}
