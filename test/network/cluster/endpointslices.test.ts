// The EndpointSlice controller as the model runs it (NET-SVC-01, 05, 06, 07, 09): membership, conditions,
// named targetPorts, headless/ExternalName/selectorless Services, the seeds' kubia, and a property.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/k8s/types.ts';
import { buildClusterNetwork, type EndpointSlice, type NetworkObject, type Service } from '../../../src/network/cluster/index.ts';
import type { EndpointSliceNet } from '../../../src/network/types.ts';
import { kubiaObjects } from './kubia.ts';

const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } } as const;
const pod = (name: string, extra: { labels?: Record<string, string>; status?: Pod['status']; deleting?: boolean; ports?: { name: string; containerPort: number; protocol?: 'TCP' | 'UDP' }[]; namespace?: string; hostname?: string; subdomain?: string } = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: extra.namespace ?? 'default', labels: extra.labels ?? { app: 'web' }, ...(extra.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
  spec: { nodeName: 'n', containers: [{ name: 'c', ports: extra.ports ?? [] }], ...(extra.hostname ? { hostname: extra.hostname } : {}), ...(extra.subdomain ? { subdomain: extra.subdomain } : {}) } as Pod['spec'],
  ...(extra.status ? { status: extra.status } : {}),
});
const web = (spec: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
});
const ready: Pod['status'] = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
const unready: Pod['status'] = { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] };
const flags = (slices: EndpointSliceNet[]) => slices.flatMap((s) => s.endpoints.map((e) => `${e.pod?.name}:${s.port} ready=${e.ready} serving=${e.serving} terminating=${e.terminating}`));

describe('EndpointSlice controller', () => {
  const rows: [string, NetworkObject[], string[]][] = [
    ['NET-SVC-07: a ready Pod is ready and serving', [node, pod('a', { status: ready }), web()], ['a:8080 ready=true serving=true terminating=false']],
    ['NET-SVC-07: a Pod failing readiness is listed but not ready and not serving', [node, pod('a', { status: unready }), web()], ['a:8080 ready=false serving=false terminating=false']],
    ['NET-SVC-07: a terminating ready Pod is serving and terminating but not ready', [node, pod('a', { status: ready, deleting: true }), web()], ['a:8080 ready=false serving=true terminating=true']],
    ['NET-SVC-07: a scheduled Pod without status counts as ready', [node, pod('a'), web()], ['a:8080 ready=true serving=true terminating=false']],
    ['NET-SVC-07: a Succeeded Pod is left out', [node, pod('a', { status: { phase: 'Succeeded', podIP: '192.168.128.9' } }), web()], []],
    ['NET-SVC-01: a Pod whose labels do not match is left out', [node, pod('a', { labels: { app: 'db' } }), web()], []],
    ['NET-SVC-01: a Pod of another namespace is left out', [node, pod('a', { namespace: 'other' }), web()], []],
    ['NET-SVC-05: publishNotReadyAddresses marks an unready Pod ready', [node, pod('a', { status: unready }), web({ publishNotReadyAddresses: true })], ['a:8080 ready=true serving=false terminating=false']],
    ['NET-SVC-06: a Service without a selector gets no endpoints from Pods', [node, pod('a'), web({ selector: undefined })], []],
    ['DNS-08: an ExternalName Service gets no endpoints', [node, pod('a'), web({ type: 'ExternalName', externalName: 'x.example.com' })], []],
  ];
  for (const [name, objects, expected] of rows) {
    it(name, () => {
      expect(flags(buildClusterNetwork(objects).endpointSlices)).toEqual(expected);
    });
  }

  it('NET-SVC-09: a named targetPort resolves per Pod; Pods with different numbers land in different slices', () => {
    const net = buildClusterNetwork([
      node,
      pod('a', { ports: [{ name: 'web', containerPort: 8080 }] }),
      pod('b', { ports: [{ name: 'web', containerPort: 9090 }] }),
      pod('c', { ports: [{ name: 'web', containerPort: 8080, protocol: 'UDP' }] }),
      pod('d'),
      web({ ports: [{ name: 'http', port: 80, targetPort: 'web' }] }),
    ]);
    expect(net.endpointSlices.map((s) => [s.portName, s.port, s.endpoints.map((e) => e.pod?.name)])).toEqual([
      ['http', 8080, ['a']],
      ['http', 9090, ['b']],
    ]);
  });

  it('NET-SVC-05: a headless Service without ports gets one port-less group (port 0)', () => {
    const net = buildClusterNetwork([node, pod('a'), web({ clusterIP: 'None', ports: [] })]);
    expect(net.endpointSlices).toMatchObject([{ service: 'web', port: 0, portName: '', endpoints: [{ ip: '192.168.128.2' }] }]);
  });

  it('DNS-05: an endpoint carries the hostname of a Pod whose subdomain is the Service', () => {
    const net = buildClusterNetwork([node, pod('a', { hostname: 'web-0', subdomain: 'web' }), pod('b', { hostname: 'x', subdomain: 'other' }), web({ clusterIP: 'None' })]);
    expect(net.endpointSlices[0]?.endpoints.map((e) => e.hostname ?? null)).toEqual(['web-0', null]);
  });

  it('NET-SVC-06: a hand-made EndpointSlice backs a selectorless Service; unset conditions read as ready', () => {
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'db-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'db' } },
      addressType: 'IPv4',
      ports: [{ name: 'pg', port: 5432 }],
      endpoints: [{ addresses: ['10.20.0.5'] }, { addresses: ['10.20.0.6'], conditions: { ready: false } }],
    };
    const db: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' }, spec: { ports: [{ name: 'pg', port: 5432 }] } };
    const net = buildClusterNetwork([db, slice]);
    expect(net.endpointSlices).toEqual([
      { namespace: 'default', service: 'db', portName: 'pg', protocol: 'TCP', port: 5432, endpoints: [
        { ip: '10.20.0.5', node: '', ready: true, serving: true, terminating: false },
        { ip: '10.20.0.6', node: '', ready: false, serving: true, terminating: false },
      ] },
    ]);
  });

  it('NET-SVC-06: a controller-made slice in the manifests is recomputed, not listed twice', () => {
    const dumped: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080 }],
      endpoints: [{ addresses: ['192.168.128.99'] }],
    };
    const net = buildClusterNetwork([node, pod('a'), web(), dumped]);
    expect(net.endpointSlices.flatMap((s) => s.endpoints.map((e) => e.ip))).toEqual(['192.168.128.2']);
  });
});

describe('the seeds\' kubia Service', () => {
  const net = buildClusterNetwork(kubiaObjects);

  it('NET-SVC-01: all six kubia Pods are ready endpoints on port 8080', () => {
    expect(net.endpointSlices).toHaveLength(1);
    const [slice] = net.endpointSlices;
    expect(slice).toMatchObject({ namespace: 'default', service: 'kubia', portName: '', protocol: 'TCP', port: 8080 });
    expect(slice?.endpoints.map((e) => [e.pod?.name, e.ip, e.node, e.ready])).toEqual([
      ['kubia-24hmb', '192.168.132.73', 'node04', true],
      ['kubia-rpr99', '192.168.131.21', 'node03', true],
      ['kubia-5f7kq', '192.168.129.2', 'node01', true],
      ['kubia-8xj2d', '192.168.130.2', 'node02', true],
      ['kubia-c4mzn', '192.168.133.2', 'node05', true],
      ['kubia-q9wlt', '192.168.129.3', 'node01', true],
    ]);
  });

  it('NET-FLANNEL-01: the six nodes hold 192.168.128.0/24 to 192.168.133.0/24', () => {
    expect(net.nodes.map((n) => n.podCIDR)).toEqual(['192.168.128.0/24', '192.168.129.0/24', '192.168.130.0/24', '192.168.131.0/24', '192.168.132.0/24', '192.168.133.0/24']);
  });
});

describe('property: ready Pods and the Service\'s slices', () => {
  const labelValue = fc.constantFrom('a', 'b');
  const podArb = fc.record({
    app: labelValue,
    tier: labelValue,
    readiness: fc.constantFrom('True', 'False', 'Unknown', 'none', 'no-status'),
    deleting: fc.boolean(),
    phase: fc.constantFrom('Running', 'Pending', 'Succeeded'),
    node: fc.constantFrom('n', 'm'),
  });
  const selectorArb = fc.record({ app: labelValue, tier: labelValue }, { requiredKeys: [] });

  test.prop([fc.array(podArb, { maxLength: 12 }), selectorArb, fc.boolean()], { seed: 20241106, numRuns: 300 })(
    'NET-SVC-07: every ready Pod matching the selector appears exactly once per port; no unready Pod is marked ready',
    (specs, selector, twoPorts) => {
      const pods: Pod[] = specs.map((s, i) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `p${i}`, namespace: 'default', labels: { app: s.app, tier: s.tier }, ...(s.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
        spec: { nodeName: s.node, containers: [{ name: 'c', ports: [{ name: 'web', containerPort: 8080 }] }] },
        ...(s.readiness === 'no-status' ? {} : { status: { phase: s.phase, ...(s.readiness === 'none' ? {} : { conditions: [{ type: 'Ready', status: s.readiness }] }) } }),
      }));
      const ports = twoPorts ? [{ name: 'http', port: 80, targetPort: 'web' }, { name: 'alt', port: 81, targetPort: 9000 }] : [{ name: 'http', port: 80, targetPort: 'web' }];
      const service: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'default' }, spec: { selector, ports } };
      const net = buildClusterNetwork([...pods, service]);
      const hasSelector = Object.keys(selector).length > 0;
      const matches = (p: Pod) => hasSelector && Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v);
      // Ready per the Pod's own status, computed directly: Ready condition True, or no status at all.
      const podReady = (i: number) => {
        const s = specs[i] as (typeof specs)[number];
        return s.readiness === 'True' || s.readiness === 'no-status' || (s.readiness === 'none' && s.phase === 'Running');
      };
      for (const port of ports) {
        const slices = net.endpointSlices.filter((sl) => sl.portName === port.name);
        const listed = slices.flatMap((sl) => sl.endpoints);
        pods.forEach((p, i) => {
          const s = specs[i] as (typeof specs)[number];
          const count = listed.filter((e) => e.pod?.name === p.metadata.name).length;
          const terminal = s.readiness !== 'no-status' && s.phase === 'Succeeded';
          if (matches(p) && podReady(i) && !s.deleting && !terminal) expect(count).toBe(1);
          if (!matches(p)) expect(count).toBe(0);
        });
        for (const e of listed) {
          const i = Number(e.pod?.name.slice(1));
          const s = specs[i] as (typeof specs)[number];
          if (!podReady(i) || s.deleting) expect(e.ready).toBe(false);
        }
      }
    },
  );
});
