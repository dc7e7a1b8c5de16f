// `calicoctl node status` as it prints a node's BGP sessions (NET-CALICO-06, NET-CALICO-07), so the model's
// peers can be compared with a real node's: calicoctl asks BIRD for "show protocols", keeps the Mesh_/Node_/
// Global_ sessions and prints them with olekukonko/tablewriter — headers upper-cased and centred (the extra
// space of an odd gap goes right), cells left-aligned (no cell of this table is a number), "+-|" borders.
// Follows calicoctl/commands/node/status.go (printBIRDPeers, printPeers) with BIRD and bird6 running and no
// IPv6 peers; SINCE is BIRD's time of the last state change, which the model has no clock for: a parameter.
import type { BgpPeer } from './types.ts';

const HEADERS = ['PEER ADDRESS', 'PEER TYPE', 'STATE', 'SINCE', 'INFO'];

function centre(text: string, width: number): string {
  const gap = width - text.length;
  const left = Math.floor(gap / 2);
  return ' '.repeat(left) + text + ' '.repeat(gap - left);
}

/** A tablewriter table with a header row, as calicoctl renders it. */
export function tablewriter(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: string[]): string => `|${cells.map((c) => ` ${c} `).join('|')}|`;
  return [
    border,
    line(headers.map((h, i) => centre(h, widths[i] ?? 0))),
    border,
    ...rows.map((r) => line(widths.map((w, i) => (r[i] ?? '').padEnd(w)))),
    border,
  ];
}

/** The BIRDv4 section: "IPv4 BGP status" and the peer table, or "No IPv4 peers found.". */
export function bgpStatusTable(peers: BgpPeer[], since = '00:00:00'): string {
  if (peers.length === 0) return 'IPv4 BGP status\nNo IPv4 peers found.';
  const rows = peers.map((p) => [p.address, p.type, p.state, since, p.info]);
  return ['IPv4 BGP status', ...tablewriter(HEADERS, rows)].join('\n');
}

/** The whole output of `calicoctl node status` on a node whose calico-node, BIRD and bird6 run. */
export function calicoctlNodeStatus(peers: BgpPeer[], options: { since?: string } = {}): string {
  return `Calico process is running.\n\n${bgpStatusTable(peers, options.since)}\n\nIPv6 BGP status\nNo IPv6 peers found.\n\n`;
}
