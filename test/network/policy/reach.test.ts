// reachabilityMatrix for `kubemodel reach` (NETPOL-02, NETPOL-08): rows are sources, columns destinations.
import { describe, expect, it } from 'vitest';
import { formatReachability, reachabilityMatrix } from '../../../src/network/policy/index.ts';
import { cluster, policy } from './fixtures.ts';

describe('reachabilityMatrix', () => {
  const deny = policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });

  it('NETPOL-02: default-deny ingress in default blocks every column of a default Pod except the Pod itself', () => {
    const m = reachabilityMatrix(cluster([deny]), 80, 'TCP');
    expect(m.pods).toEqual(['default/db', 'default/frontend', 'default/client', 'alice/client', 'alice/other', 'bob/client']);
    m.pods.forEach((to, j) => m.pods.forEach((_, i) => {
      expect(m.allowed[i]?.[j]).toBe(!to.startsWith('default/') || i === j);
    }));
  });

  it('NETPOL-08: formatted, the flannel matrix says policies are not enforced and shows no denial', () => {
    const text = formatReachability(reachabilityMatrix(cluster([deny], 'flannel-vxlan'), 80, 'TCP'));
    expect(text.split('\n')[0]).toBe('TCP/80 (NetworkPolicy not enforced by the network plugin)');
    expect(text).not.toContain('X');
  });

  it('NETPOL-02: formatted, denied cells are X', () => {
    const text = formatReachability(reachabilityMatrix(cluster([deny]), 80, 'TCP'));
    expect(text).toContain('        0  . X X . . .');
  });
});
