// iptables-save text → Ruleset (NET-IPT-01). The format: `*table`, then `:CHAIN POLICY [packets:bytes]`
// declarations (policy `-` for user chains such as KUBE-SERVICES), then `-A CHAIN ...` rules in order,
// then `COMMIT`; `#` lines are comments. The walker reads only this, never kube-proxy's generator.
import { InputError } from '../../errors.ts';
import { parseRule } from './parse-rule.ts';
import { tokenize } from './tokenize.ts';
import type { Chain, Ruleset, Table } from './types.ts';

export interface ParseOptions {
  /** Names the dump in errors (`node01.iptables`). */
  file?: string;
}

export function parseIptablesSave(text: string, opts: ParseOptions = {}): Ruleset {
  const { file } = opts;
  const tables = new Map<string, Table>();
  let table: Table | undefined;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('*')) {
      if (table !== undefined) throw new InputError(`table *${line.slice(1)} starts before COMMIT of *${table.name}`, file, lineNumber);
      const name = line.slice(1);
      table = tables.get(name) ?? { name, chains: new Map() };
      tables.set(name, table);
      return;
    }
    if (table === undefined) throw new InputError(`"${line}" outside a table (no *table line before it)`, file, lineNumber);
    if (line === 'COMMIT') {
      table = undefined;
      return;
    }
    if (line.startsWith(':')) {
      const [name, policy] = line.slice(1).split(/\s+/);
      if (name === undefined || name === '' || policy === undefined) throw new InputError(`bad chain declaration "${line}"`, file, lineNumber);
      if (policy !== '-' && policy !== 'ACCEPT' && policy !== 'DROP') throw new InputError(`chain ${name}: unknown policy "${policy}"`, file, lineNumber);
      const chain: Chain = policy === '-' ? { name, rules: [] } : { name, policy, rules: [] };
      table.chains.set(name, chain);
      return;
    }
    const words = tokenize(line, lineNumber, file);
    if (words[0] !== '-A' || words[1] === undefined) throw new InputError(`expected "-A CHAIN ...", "COMMIT" or a chain declaration, got "${line}"`, file, lineNumber);
    const chain = table.chains.get(words[1]);
    if (chain === undefined) throw new InputError(`rule for undeclared chain ${words[1]} in table ${table.name}`, file, lineNumber);
    const ctx = file === undefined ? { line: lineNumber, chains: table.chains } : { line: lineNumber, file, chains: table.chains };
    chain.rules.push(parseRule(line, words, ctx));
  });
  if (table !== undefined) throw new InputError(`table *${table.name} has no COMMIT`, file, lines.length);
  return { tables };
}
