// IPVS mode for the kubia cluster on node02 (10.0.0.12, endpoints 192.168.132.72/73 local). Each fact names the
// file it was read from: pkg/proxy/ipvs/{proxier.go,ipset.go,ipset/types.go,ipset/ipset.go,util/ipvs_linux.go}
// of kubernetes/kubernetes at a 1.31+ master commit, and ipvsadm.c / libipvs/libipvs.c of the ipvsadm tool.
import { describe, expect, it } from 'vitest';
import { compareAddresses, IPSET_INFO, ipvsRules } from '../../../src/network/kube-proxy/index.ts';
import { kubia, withService, ep } from './fixtures.ts';

const ipvs = ipvsRules(kubia(), { node: 'node02' });
const members = (name: string): string[] | undefined => ipvs.ipsets.find((s) => s.name === name)?.members;
const table = (name: string): string[] => {
  const start = ipvs.iptables.indexOf(`*${name}`);
  return ipvs.iptables.slice(start, ipvs.iptables.indexOf('COMMIT', start));
};

describe('IPVS mode: kube-ipvs0 and virtual servers', () => {
  it('NET-IPVS-01: only the ClusterIP is bound to kube-ipvs0 as /32; node addresses never are (proxier.go syncService bindAddr)', () => {
    expect(ipvs.dummyInterface).toEqual({ name: 'kube-ipvs0', addresses: ['192.168.199.234/32'] });
    expect(members('KUBE-IPVS-IPS')).toEqual(['192.168.199.234']);
  });

  it('NET-IPVS-02: the ClusterIP and the NodePort on the node address are virtual servers with rr, six real servers, Masq, weight 1 (util/ipvs_linux.go toIPVSDestination sets no forwarding flag = Masq)', () => {
    expect(ipvs.virtualServers.map((v) => `${v.protocol} ${v.address}:${v.port} ${v.scheduler}`)).toEqual(['TCP 192.168.199.234:8080 rr', 'TCP 10.0.0.12:32681 rr']);
    for (const vs of ipvs.virtualServers) expect(vs.realServers.map((r) => `${r.forward} ${r.weight}`)).toEqual(Array(6).fill('Masq 1'));
  });

  it('NET-IPVS-02: a NodePort gets a virtual server on every local address outside kube-ipvs0, e.g. docker0 (proxier.go nodeIPs from GetAllLocalAddressesExcept)', () => {
    const withDocker = ipvsRules(kubia(), { node: 'node02', nodeAddresses: ['10.0.0.12', '172.17.0.1'] });
    expect(withDocker.virtualServers.filter((v) => v.port === 32681).map((v) => v.address)).toEqual(['172.17.0.1', '10.0.0.12']);
  });

  it('NET-IPVS-02: ClientIP affinity is the persistent flag with the sticky timeout, shown as "persistent 10800" (proxier.go FlagPersistent; ipvsadm.c print_service_entry)', () => {
    const c = withService(kubia(), { name: 'sticky', clusterIP: '192.168.192.77', sessionAffinity: 'ClientIP' }, [ep('192.168.132.80', 'node02')]);
    expect(ipvsRules(c, { node: 'node02' }).ipvsadm).toContain('\nTCP  192.168.192.77:80 rr persistent 10800\n');
  });

  it('NET-IPVS-02: an empty --ipvs-scheduler falls back to rr; any other is passed through (proxier.go NewProxier)', () => {
    expect(ipvsRules(kubia(), { node: 'node02', scheduler: '' }).virtualServers[0]?.scheduler).toBe('rr');
    expect(ipvsRules(kubia(), { node: 'node02', scheduler: 'lc' }).virtualServers[0]?.scheduler).toBe('lc');
  });
});

describe('ipvsadm -Ln text (ipvsadm.c, libipvs.c)', () => {
  const lines = ipvs.ipvsadm.split('\n');

  it('NET-IPVS-02: header: kernel IPVS 1.2.1 with a 4096-entry connection table, then the two title lines', () => {
    expect(lines.slice(0, 3)).toEqual([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
    ]);
  });

  it('NET-IPVS-02: a real server is "  -> %-28s %-7s %-6d %-10u %-10u", trailing blanks kept', () => {
    expect(lines[4]).toBe(`  -> ${'192.168.131.21:8080'.padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}`);
    expect(lines[4]?.length).toBe(5 + 28 + 1 + 7 + 1 + 6 + 1 + 10 + 1 + 10);
  });

  it.each([
    ['later: 10.0.0.12 minus 192.168.199.234 wraps to a positive int', '10.0.0.12', '192.168.199.234', 1],
    ['earlier: 172.17.0.1 minus 10.96.0.1 wraps to a negative int (real outputs list docker0 first)', '172.17.0.1', '10.96.0.1', -1],
    ['earlier: 10.10.110.190 is below 10.96.0.1 without any wrap', '10.10.110.190', '10.96.0.1', -1],
  ])('NET-IPVS-02: ipvs_cmp_services puts the first address %s', (_name, a, b, sign) => {
    expect(Math.sign(compareAddresses(a, b))).toBe(sign);
  });
});

describe('ipsets and the few iptables rules (ipset.go, proxier.go writeIptablesRules)', () => {
  it('NET-IPVS-03: seventeen sets in creation order with their ipset types (proxier.go ipsetInfo, ipset/types.go)', () => {
    expect(ipvs.ipsets.map((s) => s.name)).toEqual(IPSET_INFO.map((s) => s.name));
    expect(IPSET_INFO.map((s) => `${s.name} ${s.type}`)).toEqual(expect.arrayContaining([
      'KUBE-LOOP-BACK hash:ip,port,ip', 'KUBE-CLUSTER-IP hash:ip,port', 'KUBE-NODE-PORT-TCP bitmap:port',
      'KUBE-NODE-PORT-SCTP-HASH hash:ip,port', 'KUBE-LOAD-BALANCER-SOURCE-CIDR hash:ip,port,net', 'KUBE-IPVS-IPS hash:ip',
    ]));
    expect(IPSET_INFO).toHaveLength(17);
  });

  it('NET-IPVS-03: members are written as ipset.Entry.String() prints them (ipset/ipset.go)', () => {
    expect(members('KUBE-CLUSTER-IP')).toEqual(['192.168.199.234,tcp:8080']);
    expect(members('KUBE-NODE-PORT-TCP')).toEqual(['32681']);
    expect(members('KUBE-LOOP-BACK')).toEqual(['192.168.132.72,tcp:8080,192.168.132.72', '192.168.132.73,tcp:8080,192.168.132.73']);
  });

  it('NET-IPVS-03, NET-IPT-05, NET-IPT-06, NET-IPT-10: the nat table, in write order', () => {
    expect(table('nat')).toEqual([
      '*nat',
      ':KUBE-SERVICES - [0:0]', ':KUBE-POSTROUTING - [0:0]', ':KUBE-NODE-PORT - [0:0]', ':KUBE-LOAD-BALANCER - [0:0]', ':KUBE-MARK-MASQ - [0:0]',
      '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
      '-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE',
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 192.168.128.0/18 -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
      '-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x004000/0x004000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --xor-mark 0x004000',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x004000',
    ]);
  });

  it('NET-IPVS-03, NET-IPT-13: the filter table keeps KUBE-FORWARD and the KUBE-IPVS-FILTER that rejects new connections to other ports of a VIP (issue #72236)', () => {
    const filter = table('filter');
    expect(filter).toContain('-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x004000/0x004000 -j ACCEPT');
    expect(filter).toContain('-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
    expect(filter.at(-1)).toBe('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT');
  });

  it('NET-IPVS-03: a hundred more Services add ipset members and virtual servers, not iptables rules', () => {
    let c = kubia();
    for (let i = 0; i < 100; i++) c = withService(c, { name: `s${i}`, clusterIP: `192.168.193.${i + 1}` }, [ep(`192.168.131.${100 + i}`, 'node01')]);
    const big = ipvsRules(c, { node: 'node02' });
    expect(big.iptables).toHaveLength(ipvs.iptables.length);
    expect(big.virtualServers).toHaveLength(ipvs.virtualServers.length + 100);
  });

  it('NET-IPVS-03, NET-IPT-04: jumps are prepended; filter INPUT ends up IPVS-FILTER, PROXY-FIREWALL, NODE-PORT (proxier.go iptablesJumpChain)', () => {
    expect(ipvs.jumps.filter((j) => j.table === 'filter' && j.chain === 'INPUT').map((j) => j.line)).toEqual([
      '-A INPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER',
      '-A INPUT -m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL',
      '-A INPUT -m comment --comment "kubernetes health check rules" -j KUBE-NODE-PORT',
    ]);
    expect(ipvs.jumps.filter((j) => j.table === 'nat').map((j) => j.chain)).toEqual(['OUTPUT', 'PREROUTING', 'POSTROUTING']);
  });

  it('NET-IPVS-03: without a cluster CIDR the ClusterIP set is matched src,dst to masquerade node-originated VIP sources', () => {
    const ipt = ipvsRules({ ...kubia(), clusterCIDR: '' }, { node: 'node02' }).iptables;
    expect(ipt).toContain('-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ');
  });
});
