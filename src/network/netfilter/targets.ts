// What a terminating or modifying target does to a packet (NET-IPT-03). ACCEPT ends the current table;
// DROP and REJECT end the walk (DROP silently, REJECT with an error reply); DNAT, SNAT, MASQUERADE and
// REDIRECT rewrite and end the nat table; MARK and unmodelled extensions change the mark or nothing and
// the walk goes on. Jumps and RETURN are the walker's business (walk.ts).
import { InputError } from '../../errors.ts';
import type { Packet } from '../types.ts';
import type { Hook, NatAddress, Target, WalkContext, WalkVerdict } from './types.ts';

export interface TargetEffect {
  packet: Packet;
  /** Set when the target ends the table (ACCEPT, the NAT targets) or the walk (DROP, REJECT). */
  verdict?: WalkVerdict;
  rewrite?: string;
  note?: string;
  dnat?: NatAddress;
  snat?: NatAddress;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

export function applyTarget(target: Exclude<Target, { kind: 'jump' | 'RETURN' }>, hook: Hook, packet: Packet, ctx: WalkContext): TargetEffect {
  switch (target.kind) {
    case 'ACCEPT':
    case 'DROP':
      return { packet, verdict: target.kind };
    case 'REJECT':
      return { packet, verdict: 'REJECT', note: `rejected with ${target.rejectWith ?? 'icmp-port-unreachable'}` };
    case 'MARK': {
      // NET-IPT-06: KUBE-MARK-MASQ's --or-mark 0x4000 is (mark & ~0x4000) ^ 0x4000; the xor-mark in
      // KUBE-POSTROUTING (value 0x4000, mask 0) clears it again so a re-walked packet is not masqueraded twice.
      const before = packet.mark ?? 0;
      const mark = ((before & ~target.mask) ^ target.value) >>> 0;
      return { packet: { ...packet, mark }, rewrite: `mark ${hex(before)} → ${hex(mark)}` };
    }
    case 'DNAT':
      return dnat(packet, target.to, 'DNAT');
    case 'REDIRECT': {
      // The incoming interface's primary address; for locally generated packets the loopback address.
      const ip = hook === 'OUTPUT' ? '127.0.0.1' : ctx.localAddresses[0];
      if (ip === undefined) throw new InputError('REDIRECT needs a local address (ctx.localAddresses is empty)');
      return dnat(packet, target.toPort === undefined ? { ip } : { ip, port: target.toPort }, 'REDIRECT');
    }
    case 'SNAT':
      return snat(packet, target.to, 'SNAT');
    case 'MASQUERADE': {
      // NET-IPT-10: the source becomes the address of the interface the packet leaves by (flannel.1's
      // x.x.x.0 toward another node, cni0's x.x.x.1 toward a local Pod). The source port is kept: port
      // reallocation (--random-fully) only matters for clashing tuples, which the model does not have.
      if (ctx.egressAddress === undefined) throw new InputError(`MASQUERADE at ${hook} needs the outgoing interface's address (ctx.egressAddress)`);
      return snat(packet, { ip: ctx.egressAddress }, 'MASQUERADE');
    }
    case 'extension':
      return { packet, note: `target ${target.name} not modelled; walk continues` };
  }
}

function dnat(packet: Packet, to: NatAddress, what: string): TargetEffect {
  const port = to.port ?? packet.dstPort;
  return {
    packet: { ...packet, dst: to.ip, dstPort: port },
    verdict: 'ACCEPT',
    rewrite: `${what} destination ${packet.dst}:${packet.dstPort} → ${to.ip}:${port}`,
    dnat: { ip: to.ip, port },
  };
}

function snat(packet: Packet, to: NatAddress, what: string): TargetEffect {
  const port = to.port ?? packet.srcPort;
  return {
    packet: { ...packet, src: to.ip, srcPort: port },
    verdict: 'ACCEPT',
    rewrite: `${what} source ${packet.src}:${packet.srcPort} → ${to.ip}:${port}`,
    snat: { ip: to.ip, port },
  };
}
