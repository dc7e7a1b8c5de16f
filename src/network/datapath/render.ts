// A namespace printed the way iproute2 prints it (`ip addr`, `ip route`, `ip neigh`, `bridge fdb`), so the
// model's output can be compared line by line with the seeds' captures (NET-FLANNEL-08, NET-CALICO-04).
import { parseCidr, parseIp, formatIp } from './ip.ts';
import type { Device, Netns, Route } from './types.ts';

function flags(d: Device): string {
  if (d.kind === 'loopback') return 'LOOPBACK,UP,LOWER_UP';
  if (d.kind === 'tun') return 'POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP';
  if (d.kind === 'ipip') return 'NOARP,UP,LOWER_UP';
  return 'BROADCAST,MULTICAST,UP,LOWER_UP';
}

function linkName(d: Device): string {
  if (d.peer) return `${d.name}@if${d.peer.index}`;
  return d.kind === 'ipip' ? `${d.name}@NONE` : d.name;
}

function linkLine(d: Device): string {
  if (d.kind === 'loopback') return `    link/loopback ${d.mac} brd 00:00:00:00:00:00`;
  if (d.kind === 'tun') return '    link/none ';
  if (d.kind === 'ipip') return '    link/ipip 0.0.0.0 brd 0.0.0.0';
  return `    link/ether ${d.mac} brd ff:ff:ff:ff:ff:ff${d.peer ? ' link-netnsid 0' : ''}`;
}

function detailLine(d: Device): string | undefined {
  if (d.vxlan) {
    const v = d.vxlan;
    return `    vxlan id ${v.id} local ${v.local} dev ${v.dev} srcport 0 0 dstport ${v.dstport}${v.learning ? '' : ' nolearning'} ageing 300`;
  }
  if (d.kind === 'bridge') return '    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0';
  if (d.master) return `    veth\n    bridge_slave state forwarding${d.proxyArp ? ' proxy_arp on' : ''} learning on flood on`;
  if (d.kind === 'veth' && d.proxyArp) return '    veth proxy_arp on';
  return undefined;
}

function inetLine(d: Device, cidr: string): string {
  const c = parseCidr(cidr);
  const scope = d.kind === 'loopback' ? 'host' : 'global';
  const brd = c.prefix < 31 && d.kind !== 'loopback' && d.kind !== 'tun' ? ` brd ${formatIp(c.network + 2 ** (32 - c.prefix) - 1)}` : '';
  return `    inet ${cidr}${brd} scope ${scope} ${d.name}\n       valid_lft forever preferred_lft forever`;
}

/** `ip addr` (with `details`, the `ip -d addr` lines for vxlan, bridge and veth devices). */
export function ipAddr(ns: Netns, options: { details?: boolean } = {}): string {
  const out: string[] = [];
  for (const d of ns.devices) {
    const master = d.master ? ` master ${d.master}` : '';
    const state = d.kind === 'loopback' || d.kind === 'vxlan' || d.kind === 'tun' || d.kind === 'ipip' ? 'UNKNOWN' : 'UP';
    out.push(`${d.index}: ${linkName(d)}: <${flags(d)}> mtu ${d.mtu} qdisc noqueue${master} state ${state} group default`);
    out.push(linkLine(d));
    const detail = options.details ? detailLine(d) : undefined;
    if (detail) out.push(detail);
    for (const a of d.addresses) out.push(inetLine(d, a));
  }
  return out.join('\n');
}

export function formatRoute(r: Route): string {
  const parts: string[] = [r.blackhole ? `blackhole ${r.dst}` : r.dst];
  if (r.via) parts.push(`via ${r.via}`);
  if (r.dev) parts.push(`dev ${r.dev}`);
  if (r.proto) parts.push(`proto ${r.proto}`);
  if (r.scope) parts.push(`scope ${r.scope}`);
  if (r.src) parts.push(`src ${r.src}`);
  if (r.onlink) parts.push('onlink');
  return parts.join(' ');
}

/** Sort key of the main table as `ip route` lists it: default first, then by network, then prefix length. */
function routeKey(r: Route): [number, number] {
  if (r.dst === 'default') return [-1, 0];
  const c = parseCidr(r.dst);
  return [c.network, c.prefix];
}

export function ipRoute(ns: Netns): string {
  const sorted = [...ns.routes].sort((a, b) => {
    const [an, ap] = routeKey(a);
    const [bn, bp] = routeKey(b);
    return an - bn || ap - bp;
  });
  return sorted.map(formatRoute).join('\n');
}

export function ipNeigh(ns: Netns): string {
  const sorted = [...ns.neighbours].sort((a, b) => parseIp(a.ip) - parseIp(b.ip));
  return sorted.map((n) => `${n.ip} dev ${n.dev} lladdr ${n.lladdr} ${n.state}`).join('\n');
}

export function bridgeFdb(ns: Netns): string {
  return ns.fdb
    .map((e) => {
      const parts = [e.mac, 'dev', e.dev];
      if (e.dst) parts.push('dst', e.dst);
      if (e.master) parts.push('master', e.master);
      if (e.self) parts.push('self');
      if (e.permanent) parts.push('permanent');
      return parts.join(' ');
    })
    .join('\n');
}
