// Parses an iptables rule line ("-A CHAIN [!] -s … -m module --opt v … -j TARGET --opt v") into its parts, the
// way iptables itself groups options: -s/-d/-p belong to the rule, every "--opt" after "-m module" to that
// module until the next -m, and everything after -j to the target. The same parser reads what kube-proxy
// writes and what iptables-save prints (NET-IPT-01: rules are data). A rule may lack -j (target ''): kube-proxy
// ends each KUBE-FW chain with such a comment-only rule, which matches and does nothing.

export interface Opt {
  name: string;
  value?: string;
  invert: boolean;
}

export interface ParsedMatch {
  module: string;
  options: Opt[];
}

export interface ParsedRule {
  chain: string;
  src?: { addr: string; invert: boolean };
  dst?: { addr: string; invert: boolean };
  protocol?: { name: string; invert: boolean };
  matches: ParsedMatch[];
  target: string;
  targetOptions: Opt[];
}

const FLAG_OPTIONS = new Set(['--rcheck', '--set', '--update', '--remove', '--reap', '--rsource', '--rdest', '--random-fully', '--random', '--persistent']);

/** Splits on blanks, keeping "double quoted" words together and honouring backslash escapes inside them. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    let word = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        word += text[i];
        i++;
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ' ' && text[i] !== '\t') word += text[i++];
    }
    out.push(word);
  }
  return out;
}

export function parseRuleLine(text: string): ParsedRule {
  const words = tokenize(text);
  if (words[0] !== '-A' || words[1] === undefined) throw new SyntaxError(`not an iptables rule line: ${text}`);
  const rule: ParsedRule = { chain: words[1], matches: [], target: '', targetOptions: [] };
  let invert = false;
  let inTarget = false;
  let i = 2;
  const take = (): string => {
    const w = words[++i];
    if (w === undefined) throw new SyntaxError(`option ${words[i - 1]} lacks its value in: ${text}`);
    return w;
  };
  for (; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '!') {
      invert = true;
      continue;
    }
    if (w === '-s' || w === '--source') rule.src = { addr: take(), invert };
    else if (w === '-d' || w === '--destination') rule.dst = { addr: take(), invert };
    else if (w === '-p' || w === '--protocol') rule.protocol = { name: take().toLowerCase(), invert };
    else if (w === '-m' || w === '--match') rule.matches.push({ module: take(), options: [] });
    else if (w === '-j' || w === '--jump') {
      rule.target = take();
      inTarget = true;
    } else if (w.startsWith('--')) {
      const opt: Opt = FLAG_OPTIONS.has(w) ? { name: w, invert } : { name: w, value: take(), invert };
      const owner = inTarget ? rule.targetOptions : rule.matches[rule.matches.length - 1]?.options;
      if (owner === undefined) throw new SyntaxError(`option ${w} before any -m in: ${text}`);
      owner.push(opt);
    } else throw new SyntaxError(`unexpected word "${w}" in: ${text}`);
    invert = false;
  }
  return rule;
}

export const option = (opts: readonly Opt[], name: string): Opt | undefined => opts.find((o) => o.name === name);
