// How iptables-save prints a rule back from the kernel (NET-IPT-01): the rule's own fields first (-s, -d, -p,
// each with "! " when negated, addresses always with a prefix length), then the matches in the order they
// were loaded, then -j and the target's options. Values are the kernel's, not the writer's: a probability of
// 0.16667 comes back as 0.16667000018, "--or-mark 0x004000" as "--set-xmark 0x4000/0x4000", and REJECT shows its
// default "--reject-with icmp-port-unreachable" (libxt_statistic, libxt_MARK, libipt_REJECT).
import { option, type Opt, type ParsedMatch, type ParsedRule } from './parse.ts';
import { printedProbability } from './probability.ts';

const NO_QUOTE = /^[_\-0-9a-zA-Z]+$/;

/** xtables_save_string: bare when only [_-0-9a-zA-Z], else double-quoted with " \ ' escaped. */
export const saveString = (s: string): string => (NO_QUOTE.test(s) ? s : `"${s.replace(/["\\']/g, (c) => `\\${c}`)}"`);

const withPrefix = (addr: string): string => (addr.includes('/') ? addr : `${addr}/32`);

const hex = (n: number): string => `0x${n.toString(16)}`;

/** "0x004000/0x004000" → [0x4000, 0x4000]; a bare value means mask 0xffffffff. */
export function parseMarkMask(text: string): [number, number] {
  const [value, mask] = text.split('/');
  return [Number(value), mask === undefined ? 0xffffffff : Number(mask)];
}

/** The MARK target as the kernel keeps it: value and mask of xt_mark_tginfo2. */
export function markTarget(opts: readonly Opt[]): [number, number] {
  const or = option(opts, '--or-mark');
  if (or?.value !== undefined) return [Number(or.value), Number(or.value)];
  const xor = option(opts, '--xor-mark');
  if (xor?.value !== undefined) return [Number(xor.value), 0];
  const set = option(opts, '--set-xmark') ?? option(opts, '--set-mark');
  return parseMarkMask(set?.value ?? '0');
}

const CT_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
export const ctStates = (text: string): string[] => CT_ORDER.filter((s) => text.split(',').includes(s));

const neg = (o: Opt | undefined): string => (o?.invert ? '! ' : '');

function saveMatch(m: ParsedMatch): string {
  const o = (name: string): Opt | undefined => option(m.options, name);
  const parts: string[] = [`-m ${m.module}`];
  switch (m.module) {
    case 'comment':
      parts.push(`--comment ${saveString(o('--comment')?.value ?? '')}`);
      break;
    case 'statistic':
      parts.push(`--mode ${o('--mode')?.value ?? 'random'}`, `${neg(o('--probability'))}--probability ${printedProbability(o('--probability')?.value ?? '0')}`);
      break;
    case 'mark': {
      const [v, mask] = parseMarkMask(o('--mark')?.value ?? '0');
      parts.push(`${neg(o('--mark'))}--mark ${hex(v)}/${hex(mask)}`);
      break;
    }
    case 'conntrack':
      parts.push(`${neg(o('--ctstate'))}--ctstate ${ctStates(o('--ctstate')?.value ?? '').join(',')}`);
      break;
    case 'addrtype':
      for (const name of ['--src-type', '--dst-type']) if (o(name)) parts.push(`${neg(o(name))}${name} ${o(name)?.value}`);
      break;
    case 'recent':
      for (const flag of ['--set', '--rcheck', '--update', '--remove']) if (o(flag)) parts.push(flag);
      if (o('--seconds')) parts.push(`--seconds ${o('--seconds')?.value}`);
      if (o('--reap')) parts.push('--reap');
      parts.push(`--name ${o('--name')?.value ?? 'DEFAULT'}`, `--mask ${o('--mask')?.value ?? '255.255.255.255'}`, o('--rdest') ? '--rdest' : '--rsource');
      break;
    case 'nfacct':
      // libxt_nfacct prints " --nfacct-name " and then xtables_save_string adds its own blank: two spaces.
      parts.push(`--nfacct-name  ${saveString(o('--nfacct-name')?.value ?? '')}`);
      break;
    default:
      for (const opt of m.options) parts.push(`${neg(opt)}${opt.name}${opt.value === undefined ? '' : ` ${opt.value}`}`);
  }
  return parts.join(' ');
}

function saveTarget(r: ParsedRule): string {
  const o = (name: string): Opt | undefined => option(r.targetOptions, name);
  switch (r.target) {
    case 'MARK': {
      const [v, mask] = markTarget(r.targetOptions);
      return `-j MARK --set-xmark ${hex(v)}/${hex(mask)}`;
    }
    case 'REJECT':
      return `-j REJECT --reject-with ${o('--reject-with')?.value ?? 'icmp-port-unreachable'}`;
    case 'DNAT':
      return `-j DNAT --to-destination ${o('--to-destination')?.value ?? ''}`;
    case 'MASQUERADE':
      return o('--random-fully') ? '-j MASQUERADE --random-fully' : '-j MASQUERADE';
    default:
      return [`-j ${r.target}`, ...r.targetOptions.map((x) => `${x.name}${x.value === undefined ? '' : ` ${x.value}`}`)].join(' ');
  }
}

/** One rule as iptables-save prints it. */
export function saveLine(r: ParsedRule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src) parts.push(`${r.src.invert ? '! ' : ''}-s ${withPrefix(r.src.addr)}`);
  if (r.dst) parts.push(`${r.dst.invert ? '! ' : ''}-d ${withPrefix(r.dst.addr)}`);
  if (r.protocol) parts.push(`${r.protocol.invert ? '! ' : ''}-p ${r.protocol.name}`);
  for (const m of r.matches) parts.push(saveMatch(m));
  if (r.target !== '') parts.push(saveTarget(r));
  return parts.join(' ');
}
