// kube-proxy's iptables rules as the current release writes them (NET-IPT-04 … NET-IPT-13), following
// syncProxyRules and writeServiceToEndpointRules of pkg/proxy/iptables/proxier.go (read at a ≥ 1.31 commit):
// KUBE-SERVICES jumps to the internal policy chain (KUBE-SVC, or KUBE-SVL with internalTrafficPolicy Local),
// the ClusterIP masquerade rule moved into that chain, NodePorts and load-balancer IPs go through KUBE-EXT,
// endpoint rules carry "ns/svc:port -> ip:port" comments, and a missing endpoint set is REJECTed (none at all)
// or DROPped (no local one under a Local policy) in the filter table. externalIPs jump from KUBE-SERVICES to
// KUBE-EXT; a LoadBalancer with loadBalancerSourceRanges sends its load-balancer IPs through KUBE-FW, which
// jumps to KUBE-EXT only for admitted sources (and for the LB IP itself when a range holds the node's IP) and
// otherwise falls through, leaving the packet un-DNATed for the filter KUBE-PROXY-FIREWALL DROP.
import { cidrContains, parseCidr, parseIPv4 } from '../cluster/ipv4.ts';
import { sloppyCidr } from '../cluster/service-external.ts';
import type { ClusterNetwork } from '../types.ts';
import { endpointChain, serviceChain } from './chain-names.ts';
import { canaryChains, declare, emptyTable, line, prependJumps, type GeneratedRules, type GeneratedTable, type JumpSpec } from './output.ts';
import { kubeProxyProbability } from './probability.ts';
import { servicePortsForNode, type EndpointInfo, type ServicePortInfo } from './service-ports.ts';
import type { ProxyFeatures } from './version.ts';

const MASQ_MARK = '0x004000';
const q = (s: string): string => `"${s}"`;
const LARGE_CLUSTER_ENDPOINTS = 1000;
const INVALID_COUNTER = 'ct_state_invalid_dropped_pkts';
// metrics.LocalhostNodePortAcceptedNFAcctCounter; the Prometheus metric is kubeproxy_iptables_localhost_nodeports_accepted_packets_total.
const LOCALHOST_NODEPORT_COUNTER = 'localhost_nps_accepted_pkts';

export interface CurrentOptions {
  node: string;
  features: ProxyFeatures;
  /** --iptables-localhost-nodeports (default true): NodePorts answer on 127.0.0.1 and KUBE-FIREWALL guards it. */
  localhostNodePorts: boolean;
  /** nf_conntrack_tcp_be_liberal set on the node: no INVALID drop rule. */
  conntrackTCPLiberal: boolean;
  /** iptables supports --random-fully (1.6.2+). */
  randomFully: boolean;
}

/** proxy.CategorizeEndpoints: which endpoints Cluster and Local policies use, falling back to serving-terminating
 * ones when none is ready; topology hints are not modelled. */
export function categorize(sp: ServicePortInfo): { cluster: EndpointInfo[]; local: EndpointInfo[]; reachable: EndpointInfo[]; hasAny: boolean } {
  const eps = sp.endpoints;
  const usesCluster = !sp.internalPolicyLocal || (sp.externallyAccessible && !sp.externalPolicyLocal);
  const usesLocal = sp.internalPolicyLocal || sp.externalPolicyLocal;
  let cluster: EndpointInfo[] = [];
  let hasAny = false;
  if (usesCluster) {
    cluster = eps.filter((e) => e.ready);
    if (cluster.length === 0) cluster = eps.filter((e) => e.serving && e.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocal) return { cluster, local: [], reachable: cluster, hasAny };
  if (eps.some((e) => e.ready || (e.serving && e.terminating))) hasAny = true;
  const localReady = eps.filter((e) => e.local && e.ready);
  const local = localReady.length > 0 ? localReady : eps.filter((e) => e.local && e.serving && e.terminating);
  if (!usesCluster) return { cluster, local, reachable: local, hasAny };
  const union = new Map([...cluster, ...local].map((e) => [e.endpoint, e]));
  const reachable = [...union.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
  return { cluster, local, reachable, hasAny };
}

function endpointRules(nat: GeneratedTable, sp: ServicePortInfo, chain: string, eps: EndpointInfo[], comments: boolean, digits: 5 | 10): void {
  const comment = (ep: EndpointInfo): string => (comments ? line('-m comment --comment', q(`${sp.svcPortName} -> ${ep.endpoint}`)) : '');
  const sep = (ep: EndpointInfo): string => endpointChain(sp.svcPortName, sp.protocol, ep.endpoint);
  if (sp.sessionAffinity) {
    for (const ep of eps) nat.rules.push(line('-A', chain, comment(ep), '-m recent --name', sep(ep), '--rcheck --seconds', String(sp.stickySeconds), '--reap -j', sep(ep)));
  }
  eps.forEach((ep, i) => {
    const probability = i < eps.length - 1 ? line('-m statistic --mode random --probability', kubeProxyProbability(eps.length - i, digits)) : '';
    nat.rules.push(line('-A', chain, comment(ep), probability, '-j', sep(ep)));
  });
}

export function currentRules(cluster: ClusterNetwork, opts: CurrentOptions): GeneratedRules {
  const { node, features } = opts;
  const filter = emptyTable();
  const nat = emptyTable();
  const cidr = cluster.clusterCIDR;
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) declare(filter, c);
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) declare(nat, c);
  nat.rules.push(line('-A KUBE-POSTROUTING -m mark ! --mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j RETURN'));
  nat.rules.push(line('-A KUBE-POSTROUTING -j MARK --xor-mark', MASQ_MARK));
  nat.rules.push(line('-A KUBE-POSTROUTING -m comment --comment', q('kubernetes service traffic requiring SNAT'), '-j MASQUERADE', opts.randomFully ? '--random-fully' : ''));
  nat.rules.push(line('-A KUBE-MARK-MASQ -j MARK --or-mark', MASQ_MARK));
  if (opts.localhostNodePorts) {
    declare(filter, 'KUBE-FIREWALL');
    filter.rules.push(line('-A KUBE-FIREWALL -m comment --comment', q('block incoming localnet connections'), '-d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP'));
  }

  const ports = servicePortsForNode(cluster, node, features.colonAlways);
  const nodeIP = parseIPv4(cluster.nodes.find((n) => n.name === node)?.ip ?? '');
  const total = ports.reduce((n, sp) => n + sp.endpoints.length, 0);
  const comments = total <= LARGE_CLUSTER_ENDPOINTS;

  for (const sp of ports) {
    const name = sp.svcPortName;
    const proto = sp.protocol;
    const portMatch = line('-m', proto, '-p', proto);
    const { cluster: clusterEps, local: localEps, reachable, hasAny } = categorize(sp);
    const svc = serviceChain('SVC', name, proto);
    const svl = serviceChain('SVL', name, proto);
    const ext = serviceChain('EXT', name, proto);
    const usesCluster = clusterEps.length > 0 && (!sp.internalPolicyLocal || (sp.externallyAccessible && !sp.externalPolicyLocal));
    const usesLocal = localEps.length > 0 && (sp.internalPolicyLocal || sp.externalPolicyLocal);
    const internalChain = sp.internalPolicyLocal ? svl : svc;
    const hasInternal = hasAny && (!sp.internalPolicyLocal || localEps.length > 0);
    const externalPolicyChain = sp.externalPolicyLocal ? svl : svc;
    const hasExternal = hasAny && (!sp.externalPolicyLocal || localEps.length > 0);
    const usesExt = hasAny && sp.externallyAccessible;
    const fw = serviceChain('FW', name, proto);
    const usesFW = hasAny && sp.loadBalancerIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
    const noEndpoints = q(`${name} has no endpoints`);
    const noLocal = q(`${name} has no local endpoints`);
    const [intTarget, intComment] = hasAny ? ['DROP', noLocal] : ['REJECT', noEndpoints];
    const [extTarget, extComment] = hasAny ? ['DROP', noLocal] : ['REJECT', noEndpoints];

    if (hasInternal) nat.rules.push(line('-A KUBE-SERVICES -m comment --comment', q(`${name} cluster IP`), portMatch, '-d', sp.clusterIP, '--dport', String(sp.port), '-j', internalChain));
    else filter.rules.push(line('-A KUBE-SERVICES -m comment --comment', intComment, portMatch, '-d', sp.clusterIP, '--dport', String(sp.port), '-j', intTarget));

    for (const ip of sp.externalIPs) {
      if (hasAny) nat.rules.push(line('-A KUBE-SERVICES -m comment --comment', q(`${name} external IP`), portMatch, '-d', ip, '--dport', String(sp.port), '-j', ext));
      if (!hasExternal) filter.rules.push(line('-A KUBE-EXTERNAL-SERVICES -m comment --comment', extComment, portMatch, '-d', ip, '--dport', String(sp.port), '-j', extTarget));
    }
    for (const lb of sp.loadBalancerIPs) {
      if (hasAny) nat.rules.push(line('-A KUBE-SERVICES -m comment --comment', q(`${name} loadbalancer IP`), portMatch, '-d', lb, '--dport', String(sp.port), '-j', usesFW ? fw : ext));
      if (usesFW) filter.rules.push(line('-A KUBE-PROXY-FIREWALL -m comment --comment', q(`${name} traffic not accepted by ${fw}`), portMatch, '-d', lb, '--dport', String(sp.port), '-j DROP'));
    }
    if (!hasExternal) {
      for (const lb of sp.loadBalancerIPs) filter.rules.push(line('-A KUBE-EXTERNAL-SERVICES -m comment --comment', extComment, portMatch, '-d', lb, '--dport', String(sp.port), '-j', extTarget));
    }
    if (sp.nodePort !== 0) {
      if (hasAny) {
        if (opts.localhostNodePorts && features.nfacct) {
          nat.rules.push(line('-A KUBE-NODEPORTS -m comment --comment', name, portMatch, '-d 127.0.0.0/8 --dport', String(sp.nodePort), '-m nfacct --nfacct-name', LOCALHOST_NODEPORT_COUNTER, '-j', ext));
        }
        nat.rules.push(line('-A KUBE-NODEPORTS -m comment --comment', name, portMatch, '--dport', String(sp.nodePort), '-j', ext));
      }
      if (!hasExternal) filter.rules.push(line('-A KUBE-EXTERNAL-SERVICES -m comment --comment', extComment, '-m addrtype --dst-type LOCAL', portMatch, '--dport', String(sp.nodePort), '-j', extTarget));
    }

    if (hasInternal && cidr !== '') {
      nat.rules.push(line('-A', internalChain, '-m comment --comment', q(`${name} cluster IP`), portMatch, '-d', sp.clusterIP, '--dport', String(sp.port), '! -s', cidr, '-j KUBE-MARK-MASQ'));
    }
    if (usesExt) {
      declare(nat, ext);
      if (!sp.externalPolicyLocal) {
        nat.rules.push(line('-A', ext, '-m comment --comment', q(`masquerade traffic for ${name} external destinations`), '-j KUBE-MARK-MASQ'));
      } else {
        if (cidr !== '') nat.rules.push(line('-A', ext, '-m comment --comment', q(`pod traffic for ${name} external destinations`), '-s', cidr, '-j', svc));
        nat.rules.push(line('-A', ext, '-m comment --comment', q(`masquerade LOCAL traffic for ${name} external destinations`), '-m addrtype --src-type LOCAL -j KUBE-MARK-MASQ'));
        nat.rules.push(line('-A', ext, '-m comment --comment', q(`route LOCAL traffic for ${name} external destinations`), '-m addrtype --src-type LOCAL -j', svc));
      }
      if (hasExternal) nat.rules.push(line('-A', ext, '-j', externalPolicyChain));
    }
    if (usesFW) {
      declare(nat, fw);
      const fwArgs = line('-A', fw, '-m comment --comment', q(`${name} loadbalancer IP`));
      let allowFromNode = false;
      for (const range of sp.loadBalancerSourceRanges) {
        const cidr = sloppyCidr(range) ?? range;
        nat.rules.push(line(fwArgs, '-s', cidr, '-j', ext));
        const parsed = parseCidr(cidr);
        if (parsed !== undefined && nodeIP !== undefined && cidrContains(parsed, nodeIP)) allowFromNode = true;
      }
      // A VIP-style balancer's IP is often routed locally, so the node's own request to it arrives with the VIP as source.
      if (allowFromNode) for (const lb of sp.loadBalancerIPs) nat.rules.push(line(fwArgs, '-s', lb, '-j', ext));
      nat.rules.push(line('-A', fw, '-m comment --comment', q(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`)));
    }
    if (usesCluster) {
      declare(nat, svc);
      endpointRules(nat, sp, svc, clusterEps, comments, features.probabilityDigits);
    }
    if (usesLocal) {
      declare(nat, svl);
      endpointRules(nat, sp, svl, localEps, comments, features.probabilityDigits);
    }
    for (const ep of reachable) {
      const sep = endpointChain(name, proto, ep.endpoint);
      declare(nat, sep);
      const comment = comments ? line('-m comment --comment', name) : '';
      nat.rules.push(line('-A', sep, comment, '-s', ep.ip, '-j KUBE-MARK-MASQ'));
      const recent = sp.sessionAffinity ? line('-m recent --name', sep, '--set') : '';
      nat.rules.push(line('-A', sep, comment, recent, portMatch, '-j DNAT --to-destination', ep.endpoint));
    }
  }

  nat.rules.push(line('-A KUBE-SERVICES -m comment --comment', q('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), '-m addrtype --dst-type LOCAL', opts.localhostNodePorts ? '' : '! -d 127.0.0.0/8', '-j KUBE-NODEPORTS'));
  if (!opts.conntrackTCPLiberal) filter.rules.push(line('-A KUBE-FORWARD -m conntrack --ctstate INVALID', features.nfacct ? `-m nfacct --nfacct-name ${INVALID_COUNTER}` : '', '-j DROP'));
  filter.rules.push(line('-A KUBE-FORWARD -m comment --comment', q('kubernetes forwarding rules'), '-m mark --mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j ACCEPT'));
  filter.rules.push(line('-A KUBE-FORWARD -m comment --comment', q('kubernetes forwarding conntrack rule'), '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'));

  const newConn = ['-m', 'conntrack', '--ctstate', 'NEW'];
  const j = (table: 'filter' | 'nat', from: string, to: string, comment: string, extra: string[] = []): JumpSpec => ({ table, from, to, comment, extra });
  const specs: JumpSpec[] = [
    j('filter', 'INPUT', 'KUBE-EXTERNAL-SERVICES', 'kubernetes externally-visible service portals', newConn),
    j('filter', 'FORWARD', 'KUBE-EXTERNAL-SERVICES', 'kubernetes externally-visible service portals', newConn),
    j('filter', 'INPUT', 'KUBE-NODEPORTS', 'kubernetes health check service ports'),
    j('filter', 'FORWARD', 'KUBE-SERVICES', 'kubernetes service portals', newConn),
    j('filter', 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals', newConn),
    j('filter', 'FORWARD', 'KUBE-FORWARD', 'kubernetes forwarding rules'),
    j('filter', 'INPUT', 'KUBE-PROXY-FIREWALL', 'kubernetes load balancer firewall', newConn),
    j('filter', 'OUTPUT', 'KUBE-PROXY-FIREWALL', 'kubernetes load balancer firewall', newConn),
    j('filter', 'FORWARD', 'KUBE-PROXY-FIREWALL', 'kubernetes load balancer firewall', newConn),
    j('nat', 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals'),
    j('nat', 'PREROUTING', 'KUBE-SERVICES', 'kubernetes service portals'),
    j('nat', 'POSTROUTING', 'KUBE-POSTROUTING', 'kubernetes postrouting rules'),
    // kubelet's own anti-martian chain, duplicated by kube-proxy (iptablesKubeletJumpChains), without a comment.
    j('filter', 'INPUT', 'KUBE-FIREWALL', ''),
    j('filter', 'OUTPUT', 'KUBE-FIREWALL', ''),
  ];
  const ensuredChains = features.canary ? canaryChains() : [];
  if (!opts.localhostNodePorts) ensuredChains.push({ table: 'filter', chain: 'KUBE-FIREWALL' });
  return { tables: { filter, nat }, jumps: prependJumps(specs), ensuredChains };
}
