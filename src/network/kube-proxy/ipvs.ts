// kube-proxy's IPVS mode (NET-IPVS-01 … NET-IPVS-04), after pkg/proxy/ipvs: every Service address is bound
// to the dummy interface kube-ipvs0 as a /32 so the node accepts packets for it; each Service port becomes an
// IPVS virtual server (scheduler rr by default) whose real servers are the endpoints in Masq (NAT) mode with
// weight 1; NodePorts get a virtual server per node address. Filtering, masquerading and NodePort marking
// stay in iptables, whose rule count no longer grows with Services because it matches ipsets instead.
// Not read from source in this pass (see the report): ipset names and iptables texts are from memory of
// pkg/proxy/ipvs/ipset.go and proxier.go and may differ in detail from any given release.
import type { ClusterNetwork } from '../types.ts';
import { categorize } from './iptables-current.ts';
import { servicePortsForNode } from './service-ports.ts';

export interface IpvsRealServer {
  address: string;
  port: number;
  forward: 'Masq';
  weight: number;
}

export interface IpvsVirtualServer {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  address: string;
  port: number;
  scheduler: string;
  /** ClientIP affinity: `persistent <seconds>`. */
  persistentSeconds?: number;
  realServers: IpvsRealServer[];
}

export interface IpSet {
  name: string;
  type: string;
  comment: string;
  members: string[];
}

export interface IpvsRules {
  dummyInterface: { name: 'kube-ipvs0'; addresses: string[] };
  virtualServers: IpvsVirtualServer[];
  ipsets: IpSet[];
  /** The few iptables rules IPVS mode keeps, as iptables-save lines of the nat table. */
  iptables: string[];
  /** `ipvsadm -Ln` */
  ipvsadm: string;
}

const ipNumber = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const pad = (s: string, w: number): string => (s.length >= w ? s : s + ' '.repeat(w - s.length));

export function ipvsRules(cluster: ClusterNetwork, { node, scheduler = 'rr' }: { node: string; scheduler?: string }): IpvsRules {
  const nodeIPs = cluster.nodes.filter((n) => n.name === node).map((n) => n.ip);
  const ports = servicePortsForNode(cluster, node, false);
  const vips = new Set<string>();
  const virtualServers: IpvsVirtualServer[] = [];
  const clusterIPSet: string[] = [];
  const loopBack: string[] = [];
  const nodePorts: Record<string, string[]> = { tcp: [], udp: [], sctp: [] };
  for (const sp of ports) {
    const { cluster: eps } = categorize(sp);
    const protocol = sp.protocol.toUpperCase() as IpvsVirtualServer['protocol'];
    const realServers = eps.map((e) => ({ address: e.ip, port: e.port, forward: 'Masq' as const, weight: 1 }));
    const add = (address: string, port: number): void => {
      const vs: IpvsVirtualServer = { protocol, address, port, scheduler, realServers };
      if (sp.sessionAffinity) vs.persistentSeconds = sp.stickySeconds;
      virtualServers.push(vs);
    };
    vips.add(sp.clusterIP);
    add(sp.clusterIP, sp.port);
    clusterIPSet.push(`${sp.clusterIP},${sp.protocol}:${sp.port}`);
    for (const lb of sp.loadBalancerIPs) {
      vips.add(lb);
      add(lb, sp.port);
    }
    if (sp.nodePort !== 0) {
      for (const ip of nodeIPs) add(ip, sp.nodePort);
      nodePorts[sp.protocol]?.push(String(sp.nodePort));
    }
    for (const e of eps.filter((x) => x.local)) loopBack.push(`${e.ip},${sp.protocol}:${e.port},${e.ip}`);
  }
  virtualServers.sort((a, b) => a.protocol.localeCompare(b.protocol) || ipNumber(a.address) - ipNumber(b.address) || a.port - b.port);
  const ipsets: IpSet[] = [
    { name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', comment: 'Kubernetes service cluster ip + port for masquerade purpose', members: clusterIPSet.sort() },
    { name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose', members: loopBack.sort() },
    { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose', members: (nodePorts.tcp ?? []).sort() },
    { name: 'KUBE-NODE-PORT-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose', members: (nodePorts.udp ?? []).sort() },
  ];
  const cidr = cluster.clusterCIDR;
  const iptables = [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
    '-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    ...(cidr === '' ? [] : [`-A KUBE-SERVICES ! -s ${cidr} -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ`]),
    '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
    '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
  ];
  const text = [
    'IP Virtual Server version 1.2.1 (size=4096)',
    'Prot LocalAddress:Port Scheduler Flags',
    '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
    ...virtualServers.flatMap((vs) => [
      `${vs.protocol}  ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistentSeconds === undefined ? '' : ` persistent ${vs.persistentSeconds}`}`,
      ...vs.realServers.map((r) => `  -> ${pad(`${r.address}:${r.port}`, 28)} ${pad(r.forward, 7)} ${pad(String(r.weight), 6)} ${pad('0', 10)} ${pad('0', 10)}`.trimEnd()),
    ]),
  ].join('\n');
  const addresses = [...vips].sort((a, b) => ipNumber(a) - ipNumber(b)).map((ip) => `${ip}/32`);
  return { dummyInterface: { name: 'kube-ipvs0', addresses }, virtualServers, ipsets, iptables, ipvsadm: `${text}\n` };
}
