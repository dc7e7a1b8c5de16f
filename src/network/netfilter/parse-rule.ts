// One `-A CHAIN ...` line into matches and a target (NET-IPT-03), in the order written: iptables evaluates
// matches left to right and stops at the first that fails, which decides when a `-m statistic` draw
// happens. Options kube-proxy, flannel and Calico's simple rules use are understood; anything else is an
// InputError naming the option and the line, never silently ignored (an ignored match would over-match).
import { InputError } from '../../errors.ts';
import { parseCidr } from './ipv4.ts';
import { parseMarkValue } from './tokenize.ts';
import type { CtState, Match, PortMatch, Rule, Target } from './types.ts';

const CT_STATES: readonly CtState[] = ['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'SNAT', 'DNAT'];
const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'MARK', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT']);
/** Match modules whose options are all listed below; `-m tcp` etc. only enable --sport/--dport. */
// nfacct only counts packets (kube-proxy's metrics); it matches everything.
const MODULES = new Set(['tcp', 'udp', 'sctp', 'comment', 'addrtype', 'mark', 'statistic', 'recent', 'conntrack', 'state', 'multiport', 'nfacct']);
/** Flags of recent/addrtype/MASQUERADE that take no value and change nothing the model sees. */
const IGNORED_FLAGS = new Set(['--reap', '--rsource', '--limit-iface-in', '--limit-iface-out']);

export interface RuleParseContext {
  line: number;
  file?: string;
  /** Chains of the rule's table: `-j NAME` with a declared NAME is a jump, otherwise a target extension. */
  chains: { has(name: string): boolean };
}

export function parseRule(text: string, words: string[], ctx: RuleParseContext): Rule {
  const fail = (message: string): never => {
    throw new InputError(`${message} in "${text}"`, ctx.file, ctx.line);
  };
  const matches: Match[] = [];
  let target: Target | undefined;
  let negate = false;
  let module = '';
  let recent: Extract<Match, { kind: 'recent' }> | undefined;
  let i = 2;
  const value = (option: string): string => {
    const v = words[i + 1];
    if (v === undefined) fail(`option ${option} needs a value`);
    i += 2;
    return v as string;
  };
  const ports = (text: string): PortMatch => ({
    negate,
    ranges: text.split(',').map((part) => {
      const [from, to] = part.split(':').map(Number);
      if (from === undefined || !Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) fail(`bad port "${part}"`);
      return { from: from as number, to: to ?? (from as number) };
    }),
  });
  while (i < words.length) {
    const w = words[i] as string;
    if (w === '!') {
      negate = true;
      i++;
      continue;
    }
    if (target !== undefined) {
      i = parseTargetOption(target, words, i, fail);
      continue;
    }
    switch (w) {
      case '-m':
      case '--match':
        module = value(w);
        if (!MODULES.has(module)) fail(`unsupported match module "-m ${module}"`);
        if (module === 'recent') {
          recent = { kind: 'recent', name: 'DEFAULT', mode: 'rcheck', side: 'source', negate: false };
          matches.push(recent);
        }
        break;
      case '-s':
      case '--source':
        matches.push({ kind: 'source', address: { cidr: checkedCidr(value(w), fail), negate } });
        break;
      case '-d':
      case '--destination':
        matches.push({ kind: 'destination', address: { cidr: checkedCidr(value(w), fail), negate } });
        break;
      case '-p':
      case '--protocol':
        matches.push({ kind: 'protocol', protocol: value(w).toLowerCase(), negate });
        break;
      case '-i':
      case '--in-interface':
        matches.push({ kind: 'in-interface', name: value(w), negate });
        break;
      case '-o':
      case '--out-interface':
        matches.push({ kind: 'out-interface', name: value(w), negate });
        break;
      case '--sport':
      case '--source-port':
      case '--sports':
        matches.push({ kind: 'source-port', ports: ports(value(w)) });
        break;
      case '--dport':
      case '--destination-port':
      case '--dports':
        matches.push({ kind: 'destination-port', ports: ports(value(w)) });
        break;
      case '--comment':
        matches.push({ kind: 'comment', text: value(w) });
        break;
      case '--src-type':
      case '--dst-type':
        matches.push({ kind: 'addrtype', side: w === '--src-type' ? 'src' : 'dst', types: value(w).split(','), negate });
        break;
      case '--mark': {
        if (module !== 'mark') fail(`--mark outside "-m mark" (module "${module}")`);
        const { value: v, mask } = parseMarkValue(value(w), ctx.line, ctx.file);
        matches.push({ kind: 'mark', value: v, mask, negate });
        break;
      }
      case '--mode':
        if (value(w) !== 'random') fail('only "-m statistic --mode random" is modelled');
        break;
      case '--probability': {
        const p = Number(value(w));
        if (!(p >= 0 && p <= 1)) fail(`probability "${words[i - 1]}" is not in [0, 1]`);
        matches.push({ kind: 'statistic', probability: p });
        break;
      }
      case '--ctstate':
      case '--state': {
        const states = value(w).split(',');
        const bad = states.find((s) => !CT_STATES.includes(s as CtState));
        if (bad !== undefined) fail(`unknown conntrack state "${bad}"`);
        matches.push({ kind: 'ctstate', states: states as CtState[], negate });
        break;
      }
      case '--nfacct-name':
        value(w);
        break;
      case '--name':
      case '--seconds':
      case '--mask':
      case '--set':
      case '--rcheck':
      case '--update':
      case '--remove':
      case '--rdest': {
        if (recent === undefined) fail(`${w} outside "-m recent"`);
        const r = recent as Extract<Match, { kind: 'recent' }>;
        if (w === '--name') r.name = value(w);
        else if (w === '--seconds') r.seconds = Number(value(w));
        else if (w === '--mask') {
          if (value(w) !== '255.255.255.255') fail('only --mask 255.255.255.255 is modelled');
        } else if (w === '--rdest') {
          r.side = 'dest';
          i++;
        } else {
          r.mode = w.slice(2) as 'set' | 'rcheck' | 'update' | 'remove';
          r.negate = negate;
          i++;
        }
        break;
      }
      case '-j':
      case '--jump':
      case '-g':
      case '--goto':
        target = newTarget(value(w), w === '-g' || w === '--goto', ctx, fail);
        break;
      default:
        if (!IGNORED_FLAGS.has(w)) fail(`unsupported option "${w}"`);
        i++;
    }
    negate = false;
  }
  if ((target?.kind === 'DNAT' || target?.kind === 'SNAT') && target.to.ip === '') fail(`${target.kind} without an address`);
  return target === undefined ? { text, line: ctx.line, matches } : { text, line: ctx.line, matches, target };
}

function checkedCidr(text: string, fail: (m: string) => never): string {
  try {
    parseCidr(text);
  } catch {
    fail(`"${text}" is not an IPv4 address or CIDR`);
  }
  return text;
}

function newTarget(name: string, goto: boolean, ctx: RuleParseContext, fail: (m: string) => never): Target {
  if (ctx.chains.has(name)) return { kind: 'jump', chain: name, goto };
  if (goto) fail(`-g ${name}: no such chain`);
  switch (name) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      return { kind: name };
    case 'REJECT':
      return { kind: 'REJECT' };
    case 'MARK':
      return { kind: 'MARK', value: 0, mask: 0 };
    case 'DNAT':
      return { kind: 'DNAT', to: { ip: '' } };
    case 'SNAT':
      return { kind: 'SNAT', to: { ip: '' }, randomFully: false };
    case 'MASQUERADE':
      return { kind: 'MASQUERADE', randomFully: false };
    case 'REDIRECT':
      return { kind: 'REDIRECT' };
    default:
      // An upper-case name is a target extension (LOG, CONNMARK, ...); anything else is a missing chain.
      if (BUILTIN_TARGETS.has(name) || !/^[A-Z]+$/.test(name)) fail(`-j ${name}: no such chain`);
      return { kind: 'extension', name };
  }
}

/** Reads one option of the target (`--to-destination`, `--set-xmark`, ...) into it; returns the next index. */
function parseTargetOption(target: Target, words: string[], i: number, fail: (m: string) => never): number {
  const option = words[i] as string;
  const arg = words[i + 1];
  const needArg = (): string => (arg === undefined ? fail(`option ${option} needs a value`) : arg);
  if (target.kind === 'extension') return i + 1;
  if (target.kind === 'MARK') {
    const names = ['--set-xmark', '--set-mark', '--or-mark', '--xor-mark', '--and-mark'];
    if (!names.includes(option)) fail(`unsupported MARK option "${option}"`);
    const { value, mask } = parseMarkValue(needArg(), 0);
    // All MARK forms as the kernel's (mark & ~mask) ^ value (xt_MARK), which iptables-save prints as --set-xmark.
    const m = option === '--set-xmark' ? { value, mask }
      : option === '--set-mark' ? { value, mask: (value | mask) >>> 0 }
      : option === '--or-mark' ? { value, mask: value }
      : option === '--xor-mark' ? { value, mask: 0 }
      : { value: 0, mask: ~value >>> 0 };
    target.value = m.value;
    target.mask = m.mask;
    return i + 2;
  }
  if ((target.kind === 'DNAT' && option === '--to-destination') || (target.kind === 'SNAT' && option === '--to-source')) {
    target.to = natAddress(needArg(), fail);
    return i + 2;
  }
  if ((target.kind === 'SNAT' || target.kind === 'MASQUERADE') && (option === '--random-fully' || option === '--random')) {
    if (option === '--random-fully') target.randomFully = true;
    return i + 1;
  }
  if (target.kind === 'REJECT' && option === '--reject-with') {
    target.rejectWith = needArg();
    return i + 2;
  }
  if (target.kind === 'REDIRECT' && option === '--to-ports') {
    target.toPort = Number(needArg().split('-')[0]);
    return i + 2;
  }
  return fail(`unsupported option "${option}" for target ${target.kind}`);
}

/** "192.168.131.21:8080" → ip and port; a port range "a-b" keeps its first port. */
function natAddress(text: string, fail: (m: string) => never): { ip: string; port?: number } {
  const [ip, portText] = text.split(':');
  checkedCidr(ip ?? '', fail);
  if (portText === undefined) return { ip: ip as string };
  const port = Number(portText.split('-')[0]);
  if (!Number.isInteger(port)) fail(`bad port in "${text}"`);
  return { ip: ip as string, port };
}
