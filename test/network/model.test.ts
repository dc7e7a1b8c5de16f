// The network models (properties/models/network-*.json) keep their pinned results: connections to a ClusterIP
// while endpoints change, checked exhaustively over the netfilter rules kube-proxy writes for each readiness.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNetworkModel, type NetworkModelFile } from '../../src/network/model.ts';

const load = (id: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'properties', 'models', `${id}.json`), 'utf8')) as NetworkModelFile;

describe('network models', () => {
  it('NET-SVC-04, NET-NAT-02, NET-NAT-03: network-conntrack explores 155 states with no violation', () => {
    const m = load('network-conntrack');
    const r = checkNetworkModel(m);
    expect({ states: r.states, depth: r.depth, complete: r.complete, violations: r.violations }).toEqual({ states: m.expect.states, depth: m.expect.depth, complete: true, violations: [] });
  });

  it('NET-NAT-03: the broken kube-proxy without conntrack is caught in 2 steps: the reply comes from the Pod, not the Service', () => {
    const m = load('network-conntrack-broken');
    const r = checkNetworkModel(m);
    expect(r.violations.map((v) => v.id)).toEqual(['reply-from-service-address']);
    expect(r.violations[0]!.steps).toEqual(['client opens connection 0 to 192.168.199.234:8080 → 192.168.131.21', 'reply on connection 0 reaches the client from 192.168.131.21:8080']);
  });

  it('NET-NAT-02: with more connections and endpoint changes the state space grows and the invariants still hold', () => {
    const m = load('network-conntrack');
    const r = checkNetworkModel({ ...m, constants: { maxConnections: 3, maxEndpointChanges: 3 } });
    expect(r.states).toBeGreaterThan(m.expect.states!);
    expect(r.violations).toEqual([]);
  });
});
