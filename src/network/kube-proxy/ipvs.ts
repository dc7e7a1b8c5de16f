// kube-proxy's IPVS mode (NET-IPVS-01 … NET-IPVS-04) as the current release writes it, after syncProxyRules,
// writeIptablesRules, acceptIPVSTraffic, createAndLinkKubeChain and syncEndpoint of pkg/proxy/ipvs/proxier.go
// (read at a master commit of the 1.31+ era: KUBE-IPVS-OUT-FILTER, KUBE-IPVS-IPS and the filter-table source-range
// firewall are present). Every ClusterIP and load-balancer IP is bound to the dummy interface kube-ipvs0 so the
// node accepts packets for it; each becomes an IPVS virtual server (scheduler rr by default) whose real servers
// are the endpoints with weight 1 and no forwarding flag, i.e. Masq; a NodePort becomes one virtual server per
// node address. Filtering, masquerading and NodePort marking stay in iptables, matched against ipsets, so the
// number of iptables rules does not grow with Services (NET-IPVS-03).
// Not modelled (the cluster model has no such fields): externalIPs, loadBalancerSourceRanges, health-check
// NodePorts, IPv6, --nodeport-addresses. Older releases' IPVS rules are not modelled either.
import type { ClusterNetwork } from '../types.ts';
import { categorize } from './iptables-current.ts';
import { IPSET_INFO, IPSET_RULES, IPVS_CHAINS, type IpSetType } from './ipvs-sets.ts';
import { compareServices, renderIpvsadm, type IpvsadmRealServer, type IpvsadmService } from './ipvsadm.ts';
import { line, prependJumps, type JumpRule, type JumpSpec } from './output.ts';
import { servicePortsForNode } from './service-ports.ts';

export type IpvsRealServer = IpvsadmRealServer;
export type IpvsVirtualServer = IpvsadmService;

export interface IpSet {
  name: string;
  type: IpSetType;
  comment: string;
  /** Sorted for a stable output; `ipset list` prints hash sets in hash order. */
  members: string[];
}

export interface IpvsRules {
  dummyInterface: { name: 'kube-ipvs0'; addresses: string[] };
  /** Sorted as `ipvsadm -Ln` lists them. */
  virtualServers: IpvsVirtualServer[];
  /** Every set kube-proxy creates, in creation order, empty ones included. */
  ipsets: IpSet[];
  /** kube-proxy's iptables-restore input: "*nat", chain lines, rules, "COMMIT", then the same for filter. */
  iptables: string[];
  /** The jump rules it installs one by one with `iptables -I` (EnsureRule Prepend), in their final order. */
  jumps: JumpRule[];
  /** `ipvsadm -Ln` */
  ipvsadm: string;
}

export interface IpvsOptions {
  node: string;
  /** --ipvs-scheduler; kube-proxy falls back to rr when it is empty. */
  scheduler?: string;
  /** Every local address outside kube-ipvs0 (each gets NodePort virtual servers: docker0, cni0 … on a real node).
   * Default: the node's InternalIP only. */
  nodeAddresses?: string[];
  /** --masquerade-all */
  masqueradeAll?: boolean;
  /** The node's iptables knows --random-fully (default true). */
  randomFully?: boolean;
}

/** "%#08x" of 1 << 14: kube-proxy's default --iptables-masquerade-bit. */
const MASQ_MARK = '0x004000';
const q = (s: string): string => `"${s}"`;

/** iptablesJumpChain, in order. */
const JUMPS: JumpSpec[] = [
  { table: 'nat', from: 'OUTPUT', to: 'KUBE-SERVICES', comment: 'kubernetes service portals', extra: [] },
  { table: 'nat', from: 'PREROUTING', to: 'KUBE-SERVICES', comment: 'kubernetes service portals', extra: [] },
  { table: 'nat', from: 'POSTROUTING', to: 'KUBE-POSTROUTING', comment: 'kubernetes postrouting rules', extra: [] },
  { table: 'filter', from: 'FORWARD', to: 'KUBE-FORWARD', comment: 'kubernetes forwarding rules', extra: [] },
  { table: 'filter', from: 'INPUT', to: 'KUBE-NODE-PORT', comment: 'kubernetes health check rules', extra: [] },
  { table: 'filter', from: 'INPUT', to: 'KUBE-PROXY-FIREWALL', comment: 'kube-proxy firewall rules', extra: [] },
  { table: 'filter', from: 'FORWARD', to: 'KUBE-PROXY-FIREWALL', comment: 'kube-proxy firewall rules', extra: [] },
  { table: 'filter', from: 'INPUT', to: 'KUBE-IPVS-FILTER', comment: 'kubernetes ipvs access filter', extra: [] },
  { table: 'filter', from: 'OUTPUT', to: 'KUBE-IPVS-OUT-FILTER', comment: 'kubernetes ipvs access filter', extra: [] },
];

export function ipvsRules(cluster: ClusterNetwork, opts: IpvsOptions): IpvsRules {
  const scheduler = opts.scheduler === undefined || opts.scheduler === '' ? 'rr' : opts.scheduler;
  const nodeAddresses = opts.nodeAddresses ?? cluster.nodes.filter((n) => n.name === opts.node).map((n) => n.ip);
  const sets = new Map<string, Set<string>>(IPSET_INFO.map((s) => [s.name, new Set<string>()]));
  const add = (set: string, entry: string): void => void sets.get(set)?.add(entry);
  const bound = new Set<string>();
  const virtualServers: IpvsVirtualServer[] = [];

  for (const sp of servicePortsForNode(cluster, opts.node, false)) {
    const proto = sp.protocol;
    const protocol = proto.toUpperCase() as IpvsVirtualServer['protocol'];
    const { cluster: clusterEps, local: localEps } = categorize(sp);
    // syncEndpoint: a Local policy uses the local endpoints, or the cluster ones when there are none (PR #97081).
    const endpointsFor = (onlyLocal: boolean): IpvsRealServer[] =>
      (onlyLocal && localEps.length > 0 ? localEps : clusterEps).map((e) => ({ address: e.ip, port: e.port, forward: 'Masq' as const, weight: 1, activeConn: 0, inActConn: 0 }));
    const virtualServer = (address: string, port: number, onlyLocal: boolean): void => {
      const vs: IpvsVirtualServer = { protocol, address, port, scheduler, realServers: endpointsFor(onlyLocal) };
      if (sp.sessionAffinity) vs.persistentSeconds = sp.stickySeconds;
      virtualServers.push(vs);
    };

    // Hairpin: a local endpoint reaching its own Service is masqueraded in KUBE-POSTROUTING (NET-IPT-08).
    for (const e of sp.endpoints.filter((x) => x.local)) add('KUBE-LOOP-BACK', `${e.ip},${proto}:${e.port},${e.ip}`);
    add('KUBE-CLUSTER-IP', `${sp.clusterIP},${proto}:${sp.port}`);
    virtualServer(sp.clusterIP, sp.port, sp.internalPolicyLocal);
    bound.add(sp.clusterIP);

    for (const lb of sp.loadBalancerIPs) {
      add('KUBE-LOAD-BALANCER', `${lb},${proto}:${sp.port}`);
      if (sp.externalPolicyLocal) add('KUBE-LOAD-BALANCER-LOCAL', `${lb},${proto}:${sp.port}`);
      virtualServer(lb, sp.port, sp.externalPolicyLocal);
      // An address that already sits on another interface is not bound to kube-ipvs0 again.
      if (!nodeAddresses.includes(lb)) bound.add(lb);
    }

    if (sp.nodePort !== 0 && nodeAddresses.length > 0) {
      const local = sp.externalPolicyLocal;
      if (proto === 'sctp') {
        for (const ip of nodeAddresses) {
          add('KUBE-NODE-PORT-SCTP-HASH', `${ip},sctp:${sp.nodePort}`);
          if (local) add('KUBE-NODE-PORT-LOCAL-SCTP-HASH', `${ip},sctp:${sp.nodePort}`);
        }
      } else {
        const suffix = proto.toUpperCase();
        add(`KUBE-NODE-PORT-${suffix}`, String(sp.nodePort));
        if (local) add(`KUBE-NODE-PORT-LOCAL-${suffix}`, String(sp.nodePort));
      }
      for (const ip of nodeAddresses) virtualServer(ip, sp.nodePort, local);
    }
  }
  for (const ip of bound) add('KUBE-IPVS-IPS', ip);

  const has = (set: string): boolean => (sets.get(set)?.size ?? 0) > 0;
  const nat: string[] = [line('-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN')];
  const filter: string[] = [];
  const comment = (set: string): string => q(IPSET_INFO.find((s) => s.name === set)?.comment ?? '');
  for (const r of IPSET_RULES.filter((x) => has(x.set))) {
    const rule = line('-A', r.from, r.protocol === '' ? '' : `-p ${r.protocol}`, '-m comment --comment', comment(r.set), '-m set --match-set', r.set, r.matchType, '-j', r.to);
    (r.table === 'nat' ? nat : filter).push(rule);
  }
  if (has('KUBE-CLUSTER-IP')) {
    const head = line('-A KUBE-SERVICES -m comment --comment', comment('KUBE-CLUSTER-IP'), '-m set --match-set KUBE-CLUSTER-IP');
    // Without a cluster CIDR kube-proxy cannot tell Pods from the rest and marks node-originated VIP sources.
    if (opts.masqueradeAll) nat.push(line(head, 'dst,dst -j KUBE-MARK-MASQ'));
    else if (cluster.clusterCIDR !== '') nat.push(line(head, 'dst,dst ! -s', cluster.clusterCIDR, '-j KUBE-MARK-MASQ'));
    else nat.push(line(head, 'src,dst -j KUBE-MARK-MASQ'));
  }
  nat.push('-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT');
  nat.push('-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ');
  filter.push('-A KUBE-SOURCE-RANGES-FIREWALL -j DROP');
  // acceptIPVSTraffic: these must stay last in KUBE-SERVICES.
  for (const set of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER']) if (has(set)) nat.push(line('-A KUBE-SERVICES -m set --match-set', set, 'dst,dst -j ACCEPT'));
  filter.push(line('-A KUBE-FORWARD -m comment --comment', q('kubernetes forwarding rules'), '-m mark --mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j ACCEPT'));
  filter.push(line('-A KUBE-FORWARD -m comment --comment', q('kubernetes forwarding conntrack rule'), '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'));
  filter.push(line('-A KUBE-NODE-PORT -m comment --comment', comment('KUBE-HEALTH-CHECK-NODE-PORT'), '-m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT'));
  // KUBE-IPVS-FILTER (issue #72236): a VIP bound to kube-ipvs0 must not expose the node's own ports.
  for (const set of ['KUBE-LOAD-BALANCER', 'KUBE-CLUSTER-IP', 'KUBE-EXTERNAL-IP', 'KUBE-EXTERNAL-IP-LOCAL']) filter.push(line('-A KUBE-IPVS-FILTER -m set --match-set', set, 'dst,dst -j RETURN'));
  filter.push('-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN');
  filter.push('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT');
  nat.push(line('-A KUBE-POSTROUTING -m mark ! --mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j RETURN'));
  nat.push(line('-A KUBE-POSTROUTING -j MARK --xor-mark', MASQ_MARK));
  nat.push(line('-A KUBE-POSTROUTING -m comment --comment', q('kubernetes service traffic requiring SNAT'), '-j MASQUERADE', (opts.randomFully ?? true) ? '--random-fully' : ''));
  nat.push(line('-A KUBE-MARK-MASQ -j MARK --or-mark', MASQ_MARK));

  const iptables = [
    '*nat', ...IPVS_CHAINS.nat.map((c) => `:${c} - [0:0]`), ...nat, 'COMMIT',
    '*filter', ...IPVS_CHAINS.filter.map((c) => `:${c} - [0:0]`), ...filter, 'COMMIT',
  ];
  const ipsets = IPSET_INFO.map((s) => ({ ...s, members: [...(sets.get(s.name) ?? [])].sort() }));
  virtualServers.sort(compareServices);
  const ipNumber = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const addresses = [...bound].sort((a, b) => ipNumber(a) - ipNumber(b)).map((ip) => `${ip}/32`);
  return { dummyInterface: { name: 'kube-ipvs0', addresses }, virtualServers, ipsets, iptables, jumps: prependJumps(JUMPS), ipvsadm: renderIpvsadm(virtualServers) };
}
