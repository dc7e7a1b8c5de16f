// The ipsets kube-proxy's IPVS mode keeps and the iptables rules that match them (NET-IPVS-03). Facts from
// pkg/proxy/ipvs/ipset.go (names, comments), pkg/proxy/ipvs/proxier.go (ipsetInfo: the type of each set, in
// creation order; ipsetWithIptablesChain: which chain matches which set, with what direction flags) and
// pkg/proxy/ipvs/ipset/types.go (type strings), all read at a master commit of the 1.31+ era (KUBE-IPVS-IPS
// and the filter-table KUBE-SOURCE-RANGES-FIREWALL present). IPv6 sets are named KUBE-6-… (not modelled).

export type IpSetType = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

export interface IpSetInfo {
  name: string;
  type: IpSetType;
  comment: string;
}

/** ipsetInfo, in order. The member formats come from ipset.Entry.String(): hash:ip "10.0.0.1", hash:ip,port
 * "10.0.0.1,tcp:80", hash:ip,port,ip "10.0.0.1,tcp:80,10.0.0.1", hash:ip,port,net "…,10.0.1.0/24",
 * bitmap:port "30080". */
export const IPSET_INFO: readonly IpSetInfo[] = [
  { name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose' },
  { name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', comment: 'Kubernetes service cluster ip + port for masquerade purpose' },
  { name: 'KUBE-EXTERNAL-IP', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port for masquerade and filter purpose' },
  { name: 'KUBE-EXTERNAL-IP-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER', type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  { name: 'KUBE-LOAD-BALANCER-FW', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange' },
  { name: 'KUBE-LOAD-BALANCER-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-IP', type: 'hash:ip,port,ip', comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', type: 'hash:ip,port,net', comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose' },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'" },
  { name: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'" },
  { name: 'KUBE-HEALTH-CHECK-NODE-PORT', type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: 'KUBE-IPVS-IPS', type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

export interface IpSetRuleSpec {
  set: string;
  table: 'nat' | 'filter';
  from: string;
  to: string;
  matchType: string;
  protocol: '' | 'tcp' | 'udp' | 'sctp';
}

/** ipsetWithIptablesChain, in order; a rule is written only when its set has members. The Local sets come
 * before their Cluster sets so RETURN wins over KUBE-MARK-MASQ (externalTrafficPolicy Local keeps the source). */
export const IPSET_RULES: readonly IpSetRuleSpec[] = [
  { set: 'KUBE-LOOP-BACK', table: 'nat', from: 'KUBE-POSTROUTING', to: 'MASQUERADE', matchType: 'dst,dst,src', protocol: '' },
  { set: 'KUBE-LOAD-BALANCER', table: 'nat', from: 'KUBE-SERVICES', to: 'KUBE-LOAD-BALANCER', matchType: 'dst,dst', protocol: '' },
  { set: 'KUBE-LOAD-BALANCER-LOCAL', table: 'nat', from: 'KUBE-LOAD-BALANCER', to: 'RETURN', matchType: 'dst,dst', protocol: '' },
  { set: 'KUBE-NODE-PORT-LOCAL-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', matchType: 'dst', protocol: 'tcp' },
  { set: 'KUBE-NODE-PORT-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', matchType: 'dst', protocol: 'tcp' },
  { set: 'KUBE-NODE-PORT-LOCAL-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', matchType: 'dst', protocol: 'udp' },
  { set: 'KUBE-NODE-PORT-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', matchType: 'dst', protocol: 'udp' },
  { set: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', matchType: 'dst,dst', protocol: 'sctp' },
  { set: 'KUBE-NODE-PORT-SCTP-HASH', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', matchType: 'dst,dst', protocol: 'sctp' },
  { set: 'KUBE-LOAD-BALANCER-FW', table: 'filter', from: 'KUBE-PROXY-FIREWALL', to: 'KUBE-SOURCE-RANGES-FIREWALL', matchType: 'dst,dst', protocol: '' },
  { set: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', matchType: 'dst,dst,src', protocol: '' },
  { set: 'KUBE-LOAD-BALANCER-SOURCE-IP', table: 'filter', from: 'KUBE-SOURCE-RANGES-FIREWALL', to: 'RETURN', matchType: 'dst,dst,src', protocol: '' },
];

/** iptablesChains: the chains the restore input declares, per table, in order. */
export const IPVS_CHAINS: Readonly<Record<'nat' | 'filter', readonly string[]>> = {
  nat: ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ'],
  filter: ['KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER'],
};
