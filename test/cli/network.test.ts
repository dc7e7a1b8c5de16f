// The network commands end to end: `kubemodel iptables`, `trace` and `reach` on the bundled kubia example
// and on bad input (exit codes 0 / 1 / 2, one-line errors).
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubemodel, root } from '../support/cli.ts';



describe('kubemodel iptables / trace / reach', () => {
  it.each(['iptables', 'trace', 'reach'])('NET-IPT-01: `%s --help` shows examples', (cmd) => {
    const r = kubemodel([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Examples:');
  });

  it("NET-IPT-03, NET-IPT-04: `--kubernetes-version 1.16 iptables --node node02 --format list` prints the seeds' chain names", () => {
    const r = kubemodel(['--kubernetes-version', '1.16', 'iptables', '--node', 'node02', '--format', 'list']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Chain KUBE-SVC-L5EAUEZ74VZL5GSC (2 references)');
    expect(r.out).toContain('KUBE-SEP-DHEI6HLVRKMGWFA5  all  --  0.0.0.0/0            0.0.0.0/0            statistic mode random probability 0.16667000018');
    expect(r.out).toContain('KUBE-NODEPORTS  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL');
  });

  it('NET-IPT-02, NET-NAT-01: trace from a node to the kubia Service is delivered and exits 0', () => {
    const r = kubemodel(['trace', '--from', 'node:node01', '--to', 'kubia:8080']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/DELIVERED to default\/kubia-\w+: TCP /);
    expect(r.out).toContain('-j DNAT --to-destination');
  });

  it('NETPOL-01: reach on the policy example with Calico prints the matrix', () => {
    const r = kubemodel(['reach', join(root, 'examples', 'network', 'policy'), '--plugin', 'calico-bgp', '--port', '80']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('from \\ to');
  });

  it('API-04: a bad --plugin, an unknown Pod and an invalid policy CIDR are one-line errors with exit 2', () => {
    expect(kubemodel(['trace', '--plugin', 'weave', '--from', 'node:node01', '--to', 'kubia:8080'])).toMatchObject({ code: 2, err: expect.stringMatching(/^error: --plugin: "weave" is not one of /) });
    const missing = kubemodel(['trace', '--from', 'default/nope', '--to', 'kubia:8080']);
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), 'kubemodel-net-'));
    const bad = join(dir, 'policy.yaml');
    writeFileSync(
      bad,
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: bad\n  namespace: default\nspec:\n  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/33\n',
    );
    const r = kubemodel(['reach', join(root, 'examples', 'network', 'kubia'), bad, '--plugin', 'calico-bgp']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/NetworkPolicy .*bad.*cidr/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('flannel host-gw across a routed boundary', () => {
  const example = join(root, 'examples', 'network', 'host-gw-routed');
  it('NET-FLANNEL-13: host-gw drops the packet at the router (exit 1); VXLAN delivers it', () => {
    const hostGw = kubemodel(['trace', example, '--plugin', 'flannel-host-gw', '--from', 'default/client', '--to', '192.168.129.2:80']);
    expect(hostGw.code).toBe(1);
    expect(hostGw.out).toMatch(/router 10\.0\.0\.1 has no route/);
    expect(hostGw.out).toContain('DROP: TCP 192.168.128.2:40000 → 192.168.129.2:80');
    const vxlan = kubemodel(['trace', example, '--plugin', 'flannel-vxlan', '--from', 'default/client', '--to', '192.168.129.2:80']);
    expect(vxlan.code).toBe(0);
    expect(vxlan.out).toContain('DELIVERED to default/web');
  });
});
