// The network invariants of the packet-routing issue as properties over random situations (NET-SVC-04,
// NETPOL-01..03): a connection to a ClusterIP with at least one ready endpoint is delivered to a ready
// endpoint Pod, never to an unready one; and under an enforcing plugin a trace is delivered exactly when the
// NetworkPolicy verdict allows the pair (denied pairs never deliver).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tracePacket } from '../../src/network/trace.ts';
import { buildClusterNetwork, type NetworkObject } from '../../src/network/cluster/index.ts';
import { networkPolicyVerdict } from '../../src/network/policy/index.ts';
import type { NetworkPolicy } from '../../src/network/policy/types.ts';
import { kubia } from './kube-proxy/fixtures.ts';

describe('network invariants', () => {
  it('NET-SVC-04, NET-IPT-05: a ClusterIP connection always reaches a ready endpoint Pod, whichever endpoints are ready and whichever is chosen', () => {
    const base = kubia();
    const slice = base.endpointSlices[0]!;
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: slice.endpoints.length, maxLength: slice.endpoints.length }).filter((r) => r.some(Boolean)),
        fc.constantFrom(...base.nodes.map((n) => n.name)),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (ready, node, choices) => {
          const endpoints = slice.endpoints.map((e, i) => ({ ...e, ready: ready[i]!, serving: ready[i]! }));
          const cluster = { ...base, endpointSlices: [{ ...slice, endpoints }], pods: base.pods.map((p) => ({ ...p, ready: endpoints.find((e) => e.ip === p.ip)?.ready ?? p.ready })) };
          let k = 0;
          const r = tracePacket(cluster, { from: `node:${node}`, to: 'kubia:8080' }, { choose: () => choices[k++ % choices.length]! });
          expect(r.verdict).toBe('DELIVERED');
          expect(endpoints.filter((e) => e.ready).map((e) => e.ip)).toContain(r.packet.dst);
        },
      ),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it('NETPOL-01, NETPOL-02, NETPOL-03: with Calico, a trace delivers exactly the pairs the policy verdict allows', () => {
    const dir = join(import.meta.dirname, '..', '..', 'examples', 'network', 'policy');
    const load = (f: string) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS()).filter(Boolean) as { kind: string; metadata: { name: string; labels?: Record<string, string> } }[];
    for (const policyFile of ['policy-and.yaml', 'policy-or.yaml']) {
      const objects = [...load('cluster.yaml'), ...load(policyFile)];
      const cluster = buildClusterNetwork(objects.filter((o) => o.kind === 'Node' || o.kind === 'Pod' || o.kind === 'Service') as unknown as NetworkObject[], { plugin: 'calico-bgp' });
      const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as unknown as NetworkPolicy[];
      const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => ({ name: o.metadata.name, labels: o.metadata.labels ?? {} }));
      let denied = 0;
      for (const from of cluster.pods) {
        for (const to of cluster.pods) {
          if (from === to) continue;
          const port = Object.values(to.ports)[0]?.port ?? 80;
          const allowed = networkPolicyVerdict({ ...cluster, policies, namespaces }, { from, to, port, protocol: 'TCP' }).allowed;
          if (!allowed) denied++;
          const r = tracePacket(cluster, { from: `${from.namespace}/${from.name}`, to: `${to.ip}:${port}` }, { policies, namespaces });
          expect({ pair: `${from.namespace}/${from.name} → ${to.namespace}/${to.name}`, delivered: r.verdict === 'DELIVERED' }).toEqual({ pair: `${from.namespace}/${from.name} → ${to.namespace}/${to.name}`, delivered: allowed });
        }
      }
      // Not vacuous: the example's policy denies some pairs.
      expect(denied).toBeGreaterThan(0);
    }
  });
});
