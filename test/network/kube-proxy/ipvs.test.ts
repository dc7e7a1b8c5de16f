// IPVS mode for the kubia cluster: kube-ipvs0 addresses, virtual servers and real servers.
import { describe, expect, it } from 'vitest';
import { ipvsRules } from '../../../src/network/kube-proxy/index.ts';
import { kubia } from './fixtures.ts';

describe('IPVS mode', () => {
  const ipvs = ipvsRules(kubia(), { node: 'node02' });

  it('NET-IPVS-01: every Service VIP is bound to kube-ipvs0 as /32', () => {
    expect(ipvs.dummyInterface).toEqual({ name: 'kube-ipvs0', addresses: ['192.168.199.234/32'] });
  });

  it('NET-IPVS-02: the ClusterIP and the node\'s NodePort are virtual servers with rr over the six endpoints in Masq mode, weight 1', () => {
    expect(ipvs.virtualServers.map((v) => `${v.protocol} ${v.address}:${v.port} ${v.scheduler}`)).toEqual(['TCP 10.0.0.12:32681 rr', 'TCP 192.168.199.234:8080 rr']);
    expect(ipvs.virtualServers[1]?.realServers).toHaveLength(6);
    // ipvsadm prints the real server with "%-28s %-7s %-6d %-10u %-10u".
    expect(ipvs.ipvsadm).toContain(`TCP  192.168.199.234:8080 rr\n  -> ${'192.168.131.21:8080'.padEnd(28)} Masq    1      0          0\n`);
  });

  it('NET-IPVS-03: iptables matches ipsets, so its rule count does not grow with Services', () => {
    expect(ipvs.ipsets.find((s) => s.name === 'KUBE-CLUSTER-IP')?.members).toEqual(['192.168.199.234,tcp:8080']);
    expect(ipvs.ipsets.find((s) => s.name === 'KUBE-NODE-PORT-TCP')?.members).toEqual(['32681']);
    expect(ipvs.iptables.some((l) => l.includes('--match-set KUBE-CLUSTER-IP dst,dst'))).toBe(true);
  });
});
