// How `iptables -t <table> -nL` lists a chain (NET-IPT-01), after print_header/print_firewall of iptables:
// "Chain X (policy ACCEPT)" for built-in chains, "Chain X (N references)" for user chains, the column header,
// then per rule: target padded to 9, the protocol ("all" when none), "--", source and destination padded to 19
// (each preceded by "!" or a blank, /32 left out), and each match's and the target's own text. The seeds'
// dump (001, "iptables -t nat -nL") shows exactly these texts: "MARK or 0x4000", "tcp dpt:8080",
// "ADDRTYPE match dst-type LOCAL", "statistic mode random probability 0.16667000018", "tcp to:192.168.131.21:8080".
import { option, type Opt, type ParsedMatch, type ParsedRule } from './parse.ts';
import { printedProbability } from './probability.ts';
import { ctStates, markTarget, parseMarkMask } from './render-save.ts';

const pad = (s: string, width: number): string => (s.length >= width ? s : s + ' '.repeat(width - s.length));
const hex = (n: number): string => `0x${n.toString(16)}`;

/** xtables_ipaddr_to_numeric + mask: "0.0.0.0/0" for any, the bare address for /32, else addr/len. */
function listAddress(addr: string | undefined): string {
  if (addr === undefined) return '0.0.0.0/0';
  if (addr.endsWith('/32')) return addr.slice(0, -3);
  return addr;
}

function listMatch(m: ParsedMatch): string {
  const o = (name: string): Opt | undefined => option(m.options, name);
  const bang = (x: Opt | undefined): string => (x?.invert ? ' !' : '');
  switch (m.module) {
    case 'comment':
      return ` /* ${o('--comment')?.value ?? ''} */`;
    case 'tcp':
    case 'udp':
    case 'sctp': {
      const dport = o('--dport');
      const sport = o('--sport');
      return ` ${m.module}${sport ? ` spt:${sport.invert ? '!' : ''}${sport.value}` : ''}${dport ? ` dpt:${dport.invert ? '!' : ''}${dport.value}` : ''}`;
    }
    case 'addrtype': {
      let s = ' ADDRTYPE match';
      for (const [name, label] of [['--src-type', 'src-type'], ['--dst-type', 'dst-type']] as const) {
        const t = o(name);
        if (t) s += ` ${label} ${t.invert ? '!' : ''}${t.value}`;
      }
      return s;
    }
    case 'statistic':
      return ` statistic mode ${o('--mode')?.value ?? 'random'}${bang(o('--probability'))} probability ${printedProbability(o('--probability')?.value ?? '0')}`;
    case 'mark': {
      const [v, mask] = parseMarkMask(o('--mark')?.value ?? '0');
      return ` mark match${bang(o('--mark'))} ${hex(v)}/${hex(mask)}`;
    }
    case 'conntrack':
      return `${bang(o('--ctstate'))} ctstate ${ctStates(o('--ctstate')?.value ?? '').join(',')}`;
    case 'recent': {
      let s = ' recent:';
      for (const [flag, word] of [['--set', 'SET'], ['--rcheck', 'CHECK'], ['--update', 'UPDATE'], ['--remove', 'REMOVE']] as const) if (o(flag)) s += ` ${word}`;
      if (o('--seconds')) s += ` seconds: ${o('--seconds')?.value}`;
      if (o('--reap')) s += ' reap';
      return `${s} name: ${o('--name')?.value ?? 'DEFAULT'} side: ${o('--rdest') ? 'dest' : 'source'} mask: ${o('--mask')?.value ?? '255.255.255.255'}`;
    }
    case 'nfacct':
      return ` nfacct-name  ${o('--nfacct-name')?.value ?? ''}`;
    default:
      return ` ${m.module}`;
  }
}

function listTarget(r: ParsedRule): string {
  const o = (name: string): Opt | undefined => option(r.targetOptions, name);
  switch (r.target) {
    case 'MARK': {
      const [v, mask] = markTarget(r.targetOptions);
      if (v === 0) return ` MARK and ${hex(~mask >>> 0)}`;
      if (v === mask) return ` MARK or ${hex(v)}`;
      if (mask === 0) return ` MARK xor ${hex(v)}`;
      if (mask === 0xffffffff) return ` MARK set ${hex(v)}`;
      return ` MARK xset ${hex(v)}/${hex(mask)}`;
    }
    case 'DNAT':
      return ` to:${o('--to-destination')?.value ?? ''}`;
    case 'REJECT':
      return ` reject-with ${o('--reject-with')?.value ?? 'icmp-port-unreachable'}`;
    case 'MASQUERADE':
      return o('--random-fully') ? ' random-fully' : '';
    default:
      return '';
  }
}

export const LIST_HEADER = `${pad('target', 9)}  prot opt ${pad('source', 19)}  ${pad('destination', 19)} `;

/** One rule line of `iptables -nL` (with the trailing blanks iptables leaves after the destination column). */
export function listLine(r: ParsedRule): string {
  const proto = r.protocol?.name ?? 'all';
  return (
    `${pad(r.target, 9)} ${r.protocol?.invert ? '!' : ' '}${pad(proto, 5)}-- ` +
    `${r.src?.invert ? '!' : ' '}${pad(listAddress(r.src?.addr), 19)} ` +
    `${r.dst?.invert ? '!' : ' '}${pad(listAddress(r.dst?.addr), 19)} ` +
    r.matches.map(listMatch).join('') +
    listTarget(r)
  );
}
