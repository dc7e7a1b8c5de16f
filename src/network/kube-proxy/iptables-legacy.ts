// kube-proxy's iptables rules as releases 1.12–1.21 wrote them (NET-IPT-04 … NET-IPT-13), following
// syncProxyRules of the 1.15 proxier (pkg/proxy/iptables/proxier.go, read in the Arktos fork, which is based
// on 1.15): the ClusterIP masquerade rule sits in KUBE-SERVICES ahead of the jump to KUBE-SVC, NodePorts jump
// straight to KUBE-SVC (or KUBE-XLB with externalTrafficPolicy Local), and a Service without endpoints gets a
// REJECT in the filter table. Version differences inside the era come from ProxyFeatures. loadBalancerSourceRanges
// filter the KUBE-FW chain by source; externalIPs (whose rules used -m physdev) are not modelled for these releases.
import { cidrContains, parseCidr, parseIPv4 } from '../cluster/ipv4.ts';
import type { ClusterNetwork } from '../types.ts';
import { endpointChain, serviceChain } from './chain-names.ts';
import { canaryChains, declare, emptyTable, line, prependJumps, type GeneratedRules, type JumpSpec } from './output.ts';
import { kubeProxyProbability } from './probability.ts';
import { servicePortsForNode } from './service-ports.ts';
import type { ProxyFeatures } from './version.ts';

const MARK = '0x004000/0x004000';
const q = (s: string): string => `"${s}"`;
/** utilproxy.ToCIDR: a bare IPv4 address becomes ip/32. */
const cidr32 = (ip: string): string => (ip.includes('/') ? ip : `${ip}/32`);
/** The comment threshold: past 1000 endpoint chains kube-proxy leaves SVC/SEP comments out (PR #65755). */
const LARGE_CLUSTER_ENDPOINTS = 1000;

export interface LegacyOptions {
  node: string;
  features: ProxyFeatures;
}

export function legacyRules(cluster: ClusterNetwork, { node, features }: LegacyOptions): GeneratedRules {
  const filter = emptyTable();
  const nat = emptyTable();
  const clusterCIDR = cluster.clusterCIDR;
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD']) declare(filter, c);
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) declare(nat, c);

  if (features.postroutingClearsMark) {
    nat.rules.push(line('-A KUBE-POSTROUTING -m mark ! --mark', MARK, '-j RETURN'));
    nat.rules.push('-A KUBE-POSTROUTING -j MARK --xor-mark 0x004000');
    nat.rules.push(line('-A KUBE-POSTROUTING -m comment --comment', q('kubernetes service traffic requiring SNAT'), '-j MASQUERADE'));
    nat.rules.push('-A KUBE-MARK-MASQ -j MARK --or-mark 0x004000');
  } else {
    nat.rules.push(line('-A KUBE-POSTROUTING -m comment --comment', q('kubernetes service traffic requiring SNAT'), '-m mark --mark', MARK, '-j MASQUERADE'));
    nat.rules.push(line('-A KUBE-MARK-MASQ -j MARK --set-xmark', MARK));
  }

  const ports = servicePortsForNode(cluster, node, features.colonAlways);
  const nodeIP = parseIPv4(cluster.nodes.find((n) => n.name === node)?.ip ?? '');
  let usesMarkDrop = false;
  // Endpoints reaches kube-proxy with ready addresses only (notReadyAddresses are not proxied).
  const usable = new Map(ports.map((p) => [p, p.endpoints.filter((e) => e.ready)]));
  const totalEndpoints = [...usable.values()].reduce((n, eps) => n + eps.length, 0);
  const dropComments = features.svcSepCommentsDropped || totalEndpoints > LARGE_CLUSTER_ENDPOINTS;

  for (const sp of ports) {
    const eps = usable.get(sp) ?? [];
    const hasEndpoints = eps.length > 0;
    const name = sp.svcPortName;
    const proto = sp.protocol;
    const onlyLocal = sp.externalPolicyLocal;
    const svc = serviceChain('SVC', name, proto);
    const xlb = serviceChain('XLB', name, proto);
    const fw = serviceChain('FW', name, proto);
    const svcComment = dropComments ? '' : `-m comment --comment ${name}`;
    if (hasEndpoints) declare(nat, svc);
    if (onlyLocal) declare(nat, xlb);

    const portMatch = line('-m', proto, '-p', proto);
    if (hasEndpoints) {
      const args = line('-A KUBE-SERVICES -m comment --comment', q(`${name} cluster IP`), portMatch, '-d', cidr32(sp.clusterIP), '--dport', String(sp.port));
      if (clusterCIDR !== '') nat.rules.push(line(args, '! -s', clusterCIDR, '-j KUBE-MARK-MASQ'));
      nat.rules.push(line(args, '-j', svc));
    } else {
      filter.rules.push(line('-A KUBE-SERVICES -m comment --comment', q(`${name} has no endpoints`), portMatch, '-d', cidr32(sp.clusterIP), '--dport', String(sp.port), '-j REJECT'));
    }

    for (const lb of sp.loadBalancerIPs) {
      if (!hasEndpoints) {
        filter.rules.push(line('-A KUBE-SERVICES -m comment --comment', q(`${name} has no endpoints`), portMatch, '-d', cidr32(lb), '--dport', String(sp.port), '-j REJECT'));
        continue;
      }
      declare(nat, fw);
      nat.rules.push(line('-A KUBE-SERVICES -m comment --comment', q(`${name} loadbalancer IP`), portMatch, '-d', cidr32(lb), '--dport', String(sp.port), '-j', fw));
      const fwArgs = line('-A', fw, '-m comment --comment', q(`${name} loadbalancer IP`));
      const chosen = onlyLocal ? xlb : svc;
      if (!onlyLocal) nat.rules.push(line(fwArgs, '-j KUBE-MARK-MASQ'));
      if (sp.loadBalancerSourceRanges.length === 0) nat.rules.push(line(fwArgs, '-j', chosen));
      let allowFromNode = false;
      for (const range of sp.loadBalancerSourceRanges) {
        nat.rules.push(line(fwArgs, '-s', range, '-j', chosen));
        const parsed = parseCidr(range);
        if (parsed !== undefined && nodeIP !== undefined && cidrContains(parsed, nodeIP)) allowFromNode = true;
      }
      if (allowFromNode) nat.rules.push(line(fwArgs, '-s', cidr32(lb), '-j', chosen));
      // Not DNATed by now: kubelet's KUBE-MARK-DROP sets 0x8000 and its KUBE-FIREWALL drops the packet.
      nat.rules.push(line(fwArgs, '-j KUBE-MARK-DROP'));
      usesMarkDrop = true;
    }

    if (sp.nodePort !== 0) {
      if (hasEndpoints) {
        const args = line('-A KUBE-NODEPORTS -m comment --comment', name, portMatch, '--dport', String(sp.nodePort));
        if (!onlyLocal) {
          nat.rules.push(line(args, '-j KUBE-MARK-MASQ'));
          nat.rules.push(line(args, '-j', svc));
        } else {
          nat.rules.push(line(args, '-s 127.0.0.0/8 -j KUBE-MARK-MASQ'));
          nat.rules.push(line(args, '-j', xlb));
        }
      } else {
        filter.rules.push(line('-A KUBE-EXTERNAL-SERVICES -m comment --comment', q(`${name} has no endpoints`), '-m addrtype --dst-type LOCAL', portMatch, '--dport', String(sp.nodePort), '-j REJECT'));
      }
    }
    if (!hasEndpoints) continue;

    const chains = eps.map((e) => endpointChain(name, proto, e.endpoint));
    for (const c of chains) declare(nat, c);
    if (sp.sessionAffinity) {
      for (const c of chains) nat.rules.push(line('-A', svc, svcComment, '-m recent --name', c, '--rcheck --seconds', String(sp.stickySeconds), '--reap -j', c));
    }
    eps.forEach((ep, i) => {
      const c = chains[i] as string;
      const probability = i < eps.length - 1 ? line('-m statistic --mode random --probability', kubeProxyProbability(eps.length - i, features.probabilityDigits)) : '';
      nat.rules.push(line('-A', svc, svcComment, probability, '-j', c));
      nat.rules.push(line('-A', c, svcComment, '-s', cidr32(ep.ip), '-j KUBE-MARK-MASQ'));
      const recent = sp.sessionAffinity ? line('-m recent --name', c, '--set') : '';
      nat.rules.push(line('-A', c, svcComment, recent, portMatch, '-j DNAT --to-destination', ep.endpoint));
    });

    if (!onlyLocal) continue;
    nat.rules.push(line('-A', xlb, '-m comment --comment', q(`masquerade LOCAL traffic for ${name} LB IP`), '-m addrtype --src-type LOCAL -j KUBE-MARK-MASQ'));
    nat.rules.push(line('-A', xlb, '-m comment --comment', q(`route LOCAL traffic for ${name} LB IP to service chain`), '-m addrtype --src-type LOCAL -j', svc));
    if (clusterCIDR !== '') nat.rules.push(line('-A', xlb, '-m comment --comment', q('Redirect pods trying to reach external loadbalancer VIP to clusterIP'), '-s', clusterCIDR, '-j', svc));
    const locals = eps.map((e, i) => ({ e, c: chains[i] as string })).filter((x) => x.e.local);
    if (locals.length === 0) {
      nat.rules.push(line('-A', xlb, '-m comment --comment', q(`${name} has no local endpoints`), '-j KUBE-MARK-DROP'));
      continue;
    }
    if (sp.sessionAffinity) {
      for (const { c } of locals) nat.rules.push(line('-A', xlb, '-m comment --comment', name, '-m recent --name', c, '--rcheck --seconds', String(sp.stickySeconds), '--reap -j', c));
    }
    locals.forEach(({ c }, i) => {
      const probability = i < locals.length - 1 ? line('-m statistic --mode random --probability', kubeProxyProbability(locals.length - i, features.probabilityDigits)) : '';
      nat.rules.push(line('-A', xlb, '-m comment --comment', q(`Balancing rule ${i} for ${name}`), probability, '-j', c));
    });
  }

  nat.rules.push(line('-A KUBE-SERVICES -m comment --comment', q('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), '-m addrtype --dst-type LOCAL -j KUBE-NODEPORTS'));
  if (features.dropInvalid) filter.rules.push('-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP');
  filter.rules.push(line('-A KUBE-FORWARD -m comment --comment', q('kubernetes forwarding rules'), '-m mark --mark', MARK, '-j ACCEPT'));
  if (clusterCIDR !== '') {
    filter.rules.push(line('-A KUBE-FORWARD -s', clusterCIDR, '-m comment --comment', q('kubernetes forwarding conntrack pod source rule'), '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'));
    filter.rules.push(line('-A KUBE-FORWARD -m comment --comment', q('kubernetes forwarding conntrack pod destination rule'), '-d', clusterCIDR, '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'));
  }

  const newConn = ['-m', 'conntrack', '--ctstate', 'NEW'];
  const specs: JumpSpec[] = [
    { table: 'filter', from: 'INPUT', to: 'KUBE-EXTERNAL-SERVICES', comment: 'kubernetes externally-visible service portals', extra: newConn },
    ...(features.forwardToServices ? [{ table: 'filter', from: 'FORWARD', to: 'KUBE-SERVICES', comment: 'kubernetes service portals', extra: newConn } satisfies JumpSpec] : []),
    { table: 'filter', from: 'OUTPUT', to: 'KUBE-SERVICES', comment: 'kubernetes service portals', extra: newConn },
    { table: 'filter', from: 'INPUT', to: 'KUBE-SERVICES', comment: 'kubernetes service portals', extra: newConn },
    { table: 'filter', from: 'FORWARD', to: 'KUBE-FORWARD', comment: 'kubernetes forwarding rules', extra: [] },
    { table: 'nat', from: 'OUTPUT', to: 'KUBE-SERVICES', comment: 'kubernetes service portals', extra: [] },
    { table: 'nat', from: 'PREROUTING', to: 'KUBE-SERVICES', comment: 'kubernetes service portals', extra: [] },
    { table: 'nat', from: 'POSTROUTING', to: 'KUBE-POSTROUTING', comment: 'kubernetes postrouting rules', extra: [] },
  ];
  const ensuredChains = features.canary ? canaryChains() : [];
  // KUBE-MARK-DROP belongs to kubelet in these releases; it must exist for the jump, its rules are not modelled.
  if (usesMarkDrop) ensuredChains.push({ table: 'nat', chain: 'KUBE-MARK-DROP' });
  return { tables: { filter, nat }, jumps: prependJumps(specs), ensuredChains };
}
