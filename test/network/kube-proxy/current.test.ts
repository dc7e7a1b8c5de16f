// The current release's rules for the same kubia Service and for the special cases: no endpoints,
// externalTrafficPolicy/internalTrafficPolicy Local, ClientIP affinity; and the data form for the walker.
import { describe, expect, it } from 'vitest';
import { iptablesRules, kubeProxyRuleset } from '../../../src/network/kube-proxy/index.ts';
import { ep, kubia, withService } from './fixtures.ts';

const SVC = 'KUBE-SVC-XCCRWSFD2BRL7CRI';
const EXT = 'KUBE-EXT-XCCRWSFD2BRL7CRI';

describe('kubia on the current release', () => {
  const save = iptablesRules(kubia(), { node: 'node02' }).split('\n');
  const restore = iptablesRules(kubia(), { node: 'node02', format: 'restore' }).split('\n');

  it.each([
    ['NET-IPT-05: the unnamed port hashes "default/kubiatcp" (no colon since 1.19), so the chain name changed', `:${SVC} - [0:0]`],
    ['NET-IPT-05: KUBE-SERVICES jumps straight to KUBE-SVC; the masquerade rule moved into the SVC chain', `-A KUBE-SERVICES -d 192.168.199.234/32 -p tcp -m comment --comment "default/kubia cluster IP" -m tcp --dport 8080 -j ${SVC}`],
    ['NET-IPT-05, NET-IPT-11: off-cluster sources to the ClusterIP are marked inside KUBE-SVC', `-A ${SVC} ! -s 192.168.128.0/18 -d 192.168.199.234/32 -p tcp -m comment --comment "default/kubia cluster IP" -m tcp --dport 8080 -j KUBE-MARK-MASQ`],
    ['NET-IPT-07: the first of six endpoints, with the endpoint in the comment and 1/6 read back from the kernel', `-A ${SVC} -m comment --comment "default/kubia -> 192.168.131.21:8080" -m statistic --mode random --probability 0.16666666651 -j KUBE-SEP-QEDP4QZ65FSQESJI`],
    ['NET-IPT-07: the last endpoint is unconditional', `-A ${SVC} -m comment --comment "default/kubia -> 192.168.133.87:8080" -j KUBE-SEP-ENBNSXXA7IQL5DUP`],
    ['NET-IPT-08: hairpin traffic from the endpoint itself is marked before the DNAT', '-A KUBE-SEP-QEDP4QZ65FSQESJI -s 192.168.131.21/32 -m comment --comment "default/kubia" -j KUBE-MARK-MASQ'],
    ['NET-IPT-08: DNAT to the Pod IP and target port', '-A KUBE-SEP-QEDP4QZ65FSQESJI -p tcp -m comment --comment "default/kubia" -m tcp -j DNAT --to-destination 192.168.131.21:8080'],
    ['NET-IPT-09: the NodePort goes through KUBE-EXT', `-A KUBE-NODEPORTS -p tcp -m comment --comment "default/kubia" -m tcp --dport 32681 -j ${EXT}`],
    ['NET-IPT-09, NET-IPT-11: KUBE-EXT marks all external traffic for masquerade under the Cluster policy', `-A ${EXT} -m comment --comment "masquerade traffic for default/kubia external destinations" -j KUBE-MARK-MASQ`],
    ['NET-IPT-05: KUBE-NODEPORTS is still the last rule of KUBE-SERVICES, for local destinations', '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS'],
    ['NET-IPT-06: KUBE-MARK-MASQ ORs 0x4000 into the mark (written --or-mark, kept as set-xmark)', '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000'],
    ['NET-IPT-10: unmarked packets return from KUBE-POSTROUTING', '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN'],
    ['NET-IPT-10: the mark is cleared (xor) before MASQUERADE so a re-traversing packet is not masqueraded twice', '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0'],
    ['NET-IPT-10: marked packets are masqueraded', '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully'],
    ['NET-IPT-13: KUBE-FORWARD accepts marked packets', '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT'],
    ['NET-IPT-13: one conntrack rule replaced the pod source/destination pair', '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'],
    ['NET-IPT-12: filter FORWARD sends new connections to KUBE-SERVICES', '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
    ['NET-IPT-04: nat PREROUTING jumps to KUBE-SERVICES', '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES'],
  ])('%s', (_name, expected) => {
    expect(save).toContain(expected);
  });

  it('NET-IPT-07: kube-proxy writes ten digits and "-d" without a prefix; iptables-save adds /32 and reads the kernel value', () => {
    expect(restore).toContain(`-A ${SVC} -m comment --comment "default/kubia -> 192.168.131.21:8080" -m statistic --mode random --probability 0.1666666667 -j KUBE-SEP-QEDP4QZ65FSQESJI`);
    expect(restore).toContain('-A KUBE-SERVICES -m comment --comment "default/kubia cluster IP" -m tcp -p tcp -d 192.168.199.234 --dport 8080 -j KUBE-SVC-XCCRWSFD2BRL7CRI');
    expect(restore).toContain('-A KUBE-MARK-MASQ -j MARK --or-mark 0x004000');
  });

  it('NET-IPT-14: rules grow by one SVC rule and two SEP rules per endpoint', () => {
    const sepRules = save.filter((l) => l.startsWith('-A KUBE-SEP-'));
    const svcRules = save.filter((l) => l.startsWith(`-A ${SVC} `));
    expect(sepRules).toHaveLength(12);
    expect(svcRules).toHaveLength(1 + 6);
  });
});

describe('special cases (current release)', () => {
  it('NET-IPT-12: a Service without endpoints gets no nat chains, a REJECT in filter KUBE-SERVICES, and for its NodePort one in KUBE-EXTERNAL-SERVICES', () => {
    const c = withService(kubia(), { name: 'empty', clusterIP: '192.168.192.50', type: 'NodePort' }, []);
    const text = iptablesRules(c, { node: 'node02' });
    expect(text).toContain('-A KUBE-SERVICES -d 192.168.192.50/32 -p tcp -m comment --comment "default/empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable');
    expect(text).toContain('-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/empty has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j REJECT --reject-with icmp-port-unreachable');
    expect(text).not.toContain('default/empty cluster IP');
  });

  it('NET-IPT-12: v1.15 rejects the same Service in filter KUBE-SERVICES with the old comment', () => {
    const c = withService(kubia(), { name: 'empty', clusterIP: '192.168.192.50' }, []);
    expect(iptablesRules(c, { node: 'node02', kubernetesVersion: '1.15', format: 'restore' })).toContain(
      '-A KUBE-SERVICES -m comment --comment "default/empty: has no endpoints" -m tcp -p tcp -d 192.168.192.50/32 --dport 80 -j REJECT',
    );
  });

  it('NET-IPT-09: externalTrafficPolicy Local: KUBE-EXT short-circuits pod and local traffic to KUBE-SVC and sends the rest to KUBE-SVL with local endpoints only', () => {
    const c = withService(kubia(), { name: 'web', clusterIP: '192.168.192.60', type: 'NodePort', externalTrafficPolicy: 'Local' }, [ep('192.168.132.5', 'node02'), ep('192.168.131.5', 'node01')]);
    const lines = iptablesRules(c, { node: 'node02' }).split('\n');
    const ext = lines.filter((l) => l.startsWith('-A KUBE-EXT-') && l.includes('web'));
    expect(ext.map((l) => l.replace(/KUBE-(EXT|SVC|SVL)-\w+/g, 'KUBE-$1'))).toEqual([
      '-A KUBE-EXT -s 192.168.128.0/18 -m comment --comment "pod traffic for default/web external destinations" -j KUBE-SVC',
      '-A KUBE-EXT -m comment --comment "masquerade LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      '-A KUBE-EXT -m comment --comment "route LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC',
    ]);
    const svl = lines.filter((l) => l.startsWith('-A KUBE-SVL-'));
    expect(svl).toHaveLength(1);
    expect(svl[0]).toContain('"default/web -> 192.168.132.5:8080"');
  });

  it('NET-IPT-09: externalTrafficPolicy Local on a node without a local endpoint DROPs external traffic ("has no local endpoints")', () => {
    const c = withService(kubia(), { name: 'web', clusterIP: '192.168.192.60', type: 'NodePort', externalTrafficPolicy: 'Local' }, [ep('192.168.131.5', 'node01')]);
    expect(iptablesRules(c, { node: 'node02' })).toContain('-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j DROP');
  });

  it('NET-SVC: internalTrafficPolicy Local: the ClusterIP goes to KUBE-SVL; without a local endpoint it is DROPped in filter', () => {
    const c = withService(kubia(), { name: 'itp', clusterIP: '192.168.192.70', internalTrafficPolicy: 'Local' }, [ep('192.168.132.9', 'node02')]);
    expect(iptablesRules(c, { node: 'node02' })).toMatch(/-A KUBE-SERVICES -d 192\.168\.192\.70\/32 .* -j KUBE-SVL-\w+/);
    expect(iptablesRules(c, { node: 'node01' })).toContain('-A KUBE-SERVICES -d 192.168.192.70/32 -p tcp -m comment --comment "default/itp has no local endpoints" -m tcp --dport 80 -j DROP');
  });

  it('NET-SVC: ClientIP affinity checks the recent list before balancing and records the client in the SEP chain', () => {
    const c = withService(kubia(), { name: 'sticky', clusterIP: '192.168.192.80', sessionAffinity: 'ClientIP' }, [ep('192.168.131.7', 'node01'), ep('192.168.132.7', 'node02')]);
    const lines = iptablesRules(c, { node: 'node02' }).split('\n');
    const svc = lines.filter((l) => l.includes('default/sticky ->'));
    expect(svc).toHaveLength(4);
    expect(svc[0]).toMatch(/-m recent --rcheck --seconds 10800 --reap --name (KUBE-SEP-\w+) --mask 255\.255\.255\.255 --rsource -j \1$/);
    expect(svc[2]).toContain('-m statistic --mode random --probability 0.50000000000');
    const sets = lines.filter((l) => l.startsWith('-A KUBE-SEP-') && l.includes('-m recent --set'));
    expect(sets).toHaveLength(2);
    expect(sets[0]).toMatch(/^-A (KUBE-SEP-\w+) -p tcp -m comment --comment "default\/sticky" -m recent --set --name \1 --mask 255\.255\.255\.255 --rsource -m tcp -j DNAT --to-destination /);
  });

  it('NET-IPT-01: the ruleset is data: built-in chains with policy ACCEPT, each rule with its save text, matches and target', () => {
    const rs = kubeProxyRuleset(kubia(), { node: 'node02' });
    expect(rs.tables.nat.chains.PREROUTING?.policy).toBe('ACCEPT');
    const svc = rs.tables.nat.chains[SVC]?.rules ?? [];
    expect(svc[0]?.match).toMatchObject({ notSrc: '192.168.128.0/18', dst: '192.168.199.234/32', protocol: 'tcp', dport: 8080 });
    expect(svc[1]).toMatchObject({ target: 'KUBE-SEP-QEDP4QZ65FSQESJI', match: { statisticProbability: 0.1666666667 } });
    const dnat = rs.tables.nat.chains['KUBE-SEP-QEDP4QZ65FSQESJI']?.rules[1];
    expect(dnat).toMatchObject({ target: 'DNAT', targetArgs: { toDestination: '192.168.131.21:8080' } });
    expect(rs.tables.nat.chains['KUBE-MARK-MASQ']?.rules[0]?.targetArgs).toEqual({ setXmark: { value: 0x4000, mask: 0x4000 } });
    expect(JSON.parse(JSON.stringify(rs))).toEqual(rs);
  });

  it('NET-IPT-01: a node that is not in the cluster and a malformed version are input errors naming the field', () => {
    expect(() => iptablesRules(kubia(), { node: 'nope' })).toThrow(/node "nope" is not in the cluster/);
    expect(() => iptablesRules(kubia(), { node: 'node02', kubernetesVersion: 'banana' })).toThrow(/not of the form/);
  });
});
