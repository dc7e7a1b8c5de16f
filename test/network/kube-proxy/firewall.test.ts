// loadBalancerSourceRanges (KUBE-FW, KUBE-PROXY-FIREWALL) and externalIPs in kube-proxy's rules
// (NET-SVC-04, NET-SVC-11, NET-IPT-03, NET-IPT-05), checked as text and by walking the generated rules.
import { describe, expect, it } from 'vitest';
import { serviceChain } from '../../../src/network/kube-proxy/chain-names.ts';
import { iptablesRules } from '../../../src/network/kube-proxy/index.ts';
import { emptyConntrack, parseIptablesSave, walkHook, type Hook } from '../../../src/network/netfilter/index.ts';
import type { ClusterNetwork, ServiceNet } from '../../../src/network/types.ts';
import { ep, kubia, withService } from './fixtures.ts';

const LB = '203.0.113.10';
const ADMITTED = '198.51.100.0/24';
const FW = serviceChain('FW', 'default/web', 'tcp');
const EXT = serviceChain('EXT', 'default/web', 'tcp');
const NODE02 = '10.0.0.12';

const lbCluster = (extra: Partial<ServiceNet> = {}): ClusterNetwork =>
  withService(kubia(), { name: 'web', clusterIP: '192.168.192.60', type: 'LoadBalancer', loadBalancerIPs: [LB], loadBalancerSourceRanges: [ADMITTED], ...extra }, [ep('192.168.131.21', 'node01')]);

const walk = (cluster: ClusterNetwork, hook: Hook, src: string, dst: string, kubernetesVersion?: string) =>
  walkHook(
    parseIptablesSave(iptablesRules(cluster, { node: 'node02', ...(kubernetesVersion ? { kubernetesVersion } : {}) })),
    hook,
    { src, dst, protocol: 'TCP', srcPort: 40000, dstPort: 80 },
    { localAddresses: [NODE02, '127.0.0.1'], conntrack: emptyConntrack },
  );

describe('loadBalancerSourceRanges on the current release', () => {
  const save = iptablesRules(lbCluster(), { node: 'node02' }).split('\n');

  it.each([
    ['NET-SVC-04, NET-IPT-05: the load-balancer IP jumps to KUBE-FW instead of KUBE-EXT', `-A KUBE-SERVICES -d ${LB}/32 -p tcp -m comment --comment "default/web loadbalancer IP" -m tcp --dport 80 -j ${FW}`],
    ['NET-SVC-04: an admitted source range continues to KUBE-EXT', `-A ${FW} -s ${ADMITTED} -m comment --comment "default/web loadbalancer IP" -j ${EXT}`],
    ['NET-SVC-04: KUBE-FW ends with a comment-only rule; the drop happens in filter', `-A ${FW} -m comment --comment "other traffic to default/web will be dropped by KUBE-PROXY-FIREWALL"`],
    ['NET-SVC-04, NET-IPT-03: filter KUBE-PROXY-FIREWALL drops what KUBE-FW did not DNAT', `-A KUBE-PROXY-FIREWALL -d ${LB}/32 -p tcp -m comment --comment "default/web traffic not accepted by ${FW}" -m tcp --dport 80 -j DROP`],
  ])('%s', (_name, expected) => {
    expect(save).toContain(expected);
  });

  it('NET-SVC-04: the chain is declared and the LB IP as a source is not admitted when no range holds the node IP', () => {
    expect(save).toContain(`:${FW} - [0:0]`);
    expect(save.some((l) => l.startsWith(`-A ${FW} -s ${LB}/32`))).toBe(false);
  });

  it('NET-SVC-04: a range holding the node IP also admits the LB IP as source (a VIP routed back locally)', () => {
    const text = iptablesRules(lbCluster({ loadBalancerSourceRanges: [ADMITTED, '10.0.0.0/24'] }), { node: 'node02' });
    expect(text).toContain(`-A ${FW} -s ${LB}/32 -m comment --comment "default/web loadbalancer IP" -j ${EXT}`);
  });

  it('NET-SVC-04: without source ranges there is no KUBE-FW chain and the LB IP jumps to KUBE-EXT', () => {
    const text = iptablesRules(lbCluster({ loadBalancerSourceRanges: [] }), { node: 'node02' });
    expect(text).not.toContain('KUBE-FW-');
    expect(text).toContain(`--dport 80 -j ${EXT}`);
  });

  it('NET-SVC-04, NET-IPT-12: without endpoints there is no KUBE-FW chain, only the REJECT', () => {
    const c = withService(kubia(), { name: 'web', clusterIP: '192.168.192.60', type: 'LoadBalancer', loadBalancerIPs: [LB], loadBalancerSourceRanges: [ADMITTED] }, []);
    const text = iptablesRules(c, { node: 'node02' });
    expect(text).not.toContain('KUBE-FW-');
    expect(text).toContain(`-A KUBE-EXTERNAL-SERVICES -d ${LB}/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT`);
  });

  it('NET-SVC-04, NET-IPT-01: a client inside the range is DNATed to the endpoint at PREROUTING', () => {
    const r = walk(lbCluster(), 'PREROUTING', '198.51.100.9', LB);
    expect(r.verdict).toBe('ACCEPT');
    expect(r.packet.dst).toBe('192.168.131.21');
    expect(r.packet.dstPort).toBe(8080);
    expect(r.hops.map((h) => h.chain)).toContain(FW);
  });

  it('NET-SVC-04, NET-IPT-03: a client outside the range passes PREROUTING untouched and is dropped in FORWARD', () => {
    const pre = walk(lbCluster(), 'PREROUTING', '192.0.2.9', LB);
    expect(pre.packet.dst).toBe(LB);
    const fwd = walk(lbCluster(), 'FORWARD', '192.0.2.9', LB);
    expect(fwd.verdict).toBe('DROP');
    expect(fwd.hops.at(-1)?.chain).toBe('KUBE-PROXY-FIREWALL');
  });
});

describe('externalIPs on the current release', () => {
  const cluster = withService(kubia(), { name: 'web', clusterIP: '192.168.192.60', externalIPs: ['198.51.100.50'] }, [ep('192.168.131.21', 'node01')]);

  it('NET-SVC-11, NET-IPT-05: an external IP gets an "external IP" rule in KUBE-SERVICES jumping to KUBE-EXT, which masquerades', () => {
    const save = iptablesRules(cluster, { node: 'node02' }).split('\n');
    expect(save).toContain(`-A KUBE-SERVICES -d 198.51.100.50/32 -p tcp -m comment --comment "default/web external IP" -m tcp --dport 80 -j ${EXT}`);
    expect(save).toContain(`-A ${EXT} -m comment --comment "masquerade traffic for default/web external destinations" -j KUBE-MARK-MASQ`);
  });

  it('NET-SVC-11, NET-IPT-06: a packet to the external IP is marked for masquerade and DNATed to the endpoint', () => {
    const r = walk(cluster, 'PREROUTING', '192.0.2.9', '198.51.100.50');
    expect(r.packet.dst).toBe('192.168.131.21');
    expect(r.packet.mark).toBe(0x4000);
  });

  it('NET-SVC-11, NET-IPT-12: without endpoints the external IP is REJECTed in KUBE-EXTERNAL-SERVICES', () => {
    const empty = withService(kubia(), { name: 'web', clusterIP: '192.168.192.60', externalIPs: ['198.51.100.50'] }, []);
    expect(iptablesRules(empty, { node: 'node02' })).toContain('-A KUBE-EXTERNAL-SERVICES -d 198.51.100.50/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT');
  });
});

describe('loadBalancerSourceRanges on v1.15', () => {
  const FW15 = serviceChain('FW', 'default/web:', 'tcp');
  const SVC15 = serviceChain('SVC', 'default/web:', 'tcp');

  it('NET-SVC-04: KUBE-FW marks for masquerade, admits the range to KUBE-SVC and sends the rest to KUBE-MARK-DROP', () => {
    const save = iptablesRules(lbCluster(), { node: 'node02', kubernetesVersion: '1.15' }).split('\n');
    const fw = save.filter((l) => l.startsWith(`-A ${FW15} `));
    expect(fw).toEqual([
      `-A ${FW15} -m comment --comment "default/web: loadbalancer IP" -j KUBE-MARK-MASQ`,
      `-A ${FW15} -s ${ADMITTED} -m comment --comment "default/web: loadbalancer IP" -j ${SVC15}`,
      `-A ${FW15} -m comment --comment "default/web: loadbalancer IP" -j KUBE-MARK-DROP`,
    ]);
    expect(save).toContain(':KUBE-MARK-DROP - [0:0]');
  });

  it('NET-SVC-04, NET-IPT-01: the v1.15 rules parse for the walker and DNAT an admitted client', () => {
    const r = walk(lbCluster(), 'PREROUTING', '198.51.100.9', LB, '1.15');
    expect(r.packet.dst).toBe('192.168.131.21');
  });
});
