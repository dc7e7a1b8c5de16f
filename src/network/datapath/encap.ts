// Outer headers of the three tunnels (NET-FLANNEL-05, NET-FLANNEL-11, NET-CALICO-09): VXLAN puts the inner
// Ethernet frame (VTEP MACs) into UDP 8472 with VNI 1 between node IPs; flannel's UDP backend puts the
// bare IP packet into UDP 8285 between flanneld processes; IPIP puts the IP packet into an outer IP header
// (protocol 4). The UDP source port of VXLAN is a hash of the inner flow, from the local port range.
import type { Packet } from '../types.ts';
import { createHash } from 'node:crypto';
import { FLANNEL_UDP_PORT, FLANNEL_VNI, FLANNEL_VXLAN_PORT } from './names.ts';
import type { Encapsulation } from './types.ts';

/** Linux spreads VXLAN flows over the local port range 32768–60999 by hashing the inner headers. */
export function vxlanSourcePort(p: Packet): number {
  const h = createHash('sha256').update(`${p.protocol} ${p.src}:${p.srcPort} ${p.dst}:${p.dstPort}`).digest();
  return 32768 + (h.readUInt32BE(0) % (60999 - 32768 + 1));
}

export function vxlanEncap(inner: Packet, outerSrc: string, outerDst: string, innerSrcMac: string, innerDstMac: string): Encapsulation {
  return { kind: 'vxlan', outerSrc, outerDst, udpSrcPort: vxlanSourcePort(inner), udpDstPort: FLANNEL_VXLAN_PORT, vni: FLANNEL_VNI, innerSrcMac, innerDstMac };
}

export function udpEncap(outerSrc: string, outerDst: string): Encapsulation {
  return { kind: 'udp', outerSrc, outerDst, udpSrcPort: FLANNEL_UDP_PORT, udpDstPort: FLANNEL_UDP_PORT };
}

export function ipipEncap(outerSrc: string, outerDst: string, ttl: number): Encapsulation {
  return { kind: 'ipip', outerSrc, outerDst, ttl };
}

/** One line for a trace: "VXLAN: outer 192.168.1.11 → 192.168.1.12 UDP 40123 → 8472 VNI 1, inner …". */
export function describeEncap(e: Encapsulation): string {
  if (e.kind === 'vxlan') {
    return `VXLAN encapsulation: outer IP ${e.outerSrc} → ${e.outerDst}, UDP ${e.udpSrcPort} → ${e.udpDstPort}, VNI ${e.vni}, inner Ethernet ${e.innerSrcMac} → ${e.innerDstMac}`;
  }
  if (e.kind === 'udp') return `UDP encapsulation by flanneld: outer IP ${e.outerSrc} → ${e.outerDst}, UDP ${e.udpSrcPort} → ${e.udpDstPort}`;
  return `IPIP encapsulation: outer IP ${e.outerSrc} → ${e.outerDst} (protocol 4, +20 bytes)`;
}
