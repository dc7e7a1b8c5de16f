// Netfilter walk semantics on small rule sets (NET-IPT-01, NET-IPT-03, NET-IPT-06): table order per hook,
// first match wins, jumps and RETURN, goto, policies, MARK arithmetic, non-terminating targets.
import { describe, expect, it } from 'vitest';
import { emptyConntrack, parseIptablesSave, walkHook, type Hook } from '../../../src/network/netfilter/index.ts';
import { LOCAL, tcp } from './fixtures.ts';

const table = (name: string, chains: string[], rules: string[]): string =>
  [`*${name}`, ...chains.map((c) => (c === c.toUpperCase() && ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'].includes(c) ? `:${c} ACCEPT [0:0]` : `:${c} - [0:0]`)), ...rules, 'COMMIT'].join('\n');
const walk = (dump: string, hook: Hook, mark?: number) =>
  walkHook(parseIptablesSave(dump), hook, { ...tcp('10.0.0.5', 1234, '10.0.0.9', 80), ...(mark === undefined ? {} : { mark }) }, { localAddresses: LOCAL, conntrack: emptyConntrack });

describe('walkHook', () => {
  const everyTable = ['raw', 'mangle', 'nat', 'filter']
    .map((t) => table(t, ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'], ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'].map((h) => `-A ${h} -m comment --comment "${t} ${h}"`)))
    .join('\n');
  const order: [Hook, string[]][] = [
    ['PREROUTING', ['raw', 'mangle', 'nat']],
    ['INPUT', ['mangle', 'filter', 'nat']],
    ['FORWARD', ['mangle', 'filter']],
    ['OUTPUT', ['raw', 'mangle', 'nat', 'filter']],
    ['POSTROUTING', ['mangle', 'nat']],
  ];
  for (const [hook, tables] of order) {
    it(`NET-IPT-01: ${hook} runs the tables ${tables.join(' → ')} in that order`, () => {
      const r = walk(everyTable, hook);
      expect(r.hops.filter((h) => h.note !== 'policy').map((h) => h.table)).toEqual(tables);
    });
  }

  it('NET-IPT-01: the first matching rule decides: ACCEPT ends the table, later rules are not tried', () => {
    const r = walk(table('filter', ['FORWARD'], ['-A FORWARD -d 10.0.0.0/8 -j ACCEPT', '-A FORWARD -j DROP']), 'FORWARD');
    expect(r.verdict).toBe('ACCEPT');
    expect(r.hops).toHaveLength(1);
  });

  it('NET-IPT-01: a built-in chain without a match applies its policy, here DROP', () => {
    const r = walk('*filter\n:FORWARD DROP [0:0]\n-A FORWARD -d 192.168.0.0/16 -j ACCEPT\nCOMMIT', 'FORWARD');
    expect(r.verdict).toBe('DROP');
    expect(r.hops).toMatchObject([{ rule: '-P FORWARD DROP', verdict: 'DROP', note: 'policy' }]);
  });

  it('NET-IPT-01: RETURN in a user chain resumes after the jump; running off its end does the same', () => {
    const dump = table('filter', ['FORWARD', 'A', 'B'], ['-A FORWARD -j A', '-A FORWARD -j B', '-A FORWARD -j DROP', '-A A -j RETURN', '-A A -j DROP', '-A B -p udp -j DROP']);
    const r = walk(dump, 'FORWARD');
    expect(r.verdict).toBe('DROP');
    expect(r.hops.map((h) => `${h.chain}: ${h.rule}`)).toEqual(['FORWARD: -A FORWARD -j A', 'A: -A A -j RETURN', 'FORWARD: -A FORWARD -j B', 'FORWARD: -A FORWARD -j DROP']);
  });

  it('NET-IPT-01: RETURN in a built-in chain applies the policy', () => {
    const r = walk('*filter\n:FORWARD DROP [0:0]\n-A FORWARD -j RETURN\n-A FORWARD -j ACCEPT\nCOMMIT', 'FORWARD');
    expect(r.verdict).toBe('DROP');
  });

  it('NET-IPT-01: -g (goto) does not come back: RETURN from the goto target returns to the chain above the caller', () => {
    const dump = table('filter', ['FORWARD', 'A', 'B'], ['-A FORWARD -j A', '-A FORWARD -j ACCEPT', '-A A -g B', '-A A -j DROP', '-A B -j RETURN']);
    const r = walk(dump, 'FORWARD');
    expect(r.verdict).toBe('ACCEPT');
    expect(r.hops.at(-1)?.rule).toBe('-A FORWARD -j ACCEPT');
  });

  it('NET-IPT-03: REJECT ends the walk with REJECT; DROP with DROP; later tables do not run', () => {
    const dump = `${table('mangle', ['OUTPUT'], ['-A OUTPUT -j REJECT'])}\n${table('filter', ['OUTPUT'], ['-A OUTPUT -j ACCEPT'])}`;
    const r = walk(dump, 'OUTPUT');
    expect(r.verdict).toBe('REJECT');
    expect(r.hops.map((h) => h.table)).toEqual(['mangle']);
  });

  it('NET-IPT-06: MARK --or-mark 0x4000 keeps other bits (0x1 → 0x4001); the mark match then sees 0x4000/0x4000', () => {
    const dump = table('mangle', ['PREROUTING', 'M'], ['-A PREROUTING -j MARK --or-mark 0x4000', '-A PREROUTING -m mark --mark 0x4000/0x4000 -j M', '-A M -j ACCEPT']);
    const r = walk(dump, 'PREROUTING', 0x1);
    expect(r.packet.mark).toBe(0x4001);
    expect(r.hops.map((h) => h.chain)).toEqual(['PREROUTING', 'PREROUTING', 'M']);
  });

  it('NET-IPT-03: an unmodelled target (LOG) is noted and the walk goes on', () => {
    const r = walk(table('filter', ['FORWARD'], ['-A FORWARD -j LOG --log-prefix "fw: "', '-A FORWARD -j DROP']), 'FORWARD');
    expect(r.hops[0]?.note).toMatch(/LOG not modelled/);
    expect(r.verdict).toBe('DROP');
  });

  it('NET-IPT-03: SNAT --to-source rewrites the source in POSTROUTING and records the decision', () => {
    const r = walk(table('nat', ['POSTROUTING'], ['-o eth0 -j SNAT --to-source 1.2.3.4'].map((x) => `-A POSTROUTING ${x}`)), 'POSTROUTING');
    // -o eth0 does not match without an outgoing interface in the context.
    expect(r.packet.src).toBe('10.0.0.5');
    const withIf = walkHook(parseIptablesSave(table('nat', ['POSTROUTING'], ['-A POSTROUTING -o eth+ -j SNAT --to-source 1.2.3.4'])), 'POSTROUTING', tcp('10.0.0.5', 1234, '8.8.8.8', 53), {
      localAddresses: LOCAL,
      conntrack: emptyConntrack,
      outInterface: 'eth0',
    });
    expect(withIf.packet.src).toBe('1.2.3.4');
    expect(withIf.nat).toEqual({ snat: { ip: '1.2.3.4', port: 1234 } });
  });

  it('NET-IPT-10: MASQUERADE without the outgoing interface\'s address is an error naming what is missing', () => {
    expect(() => walk(table('nat', ['POSTROUTING'], ['-A POSTROUTING -j MASQUERADE']), 'POSTROUTING')).toThrow(/ctx.egressAddress/);
  });

  it('NET-IPT-01: a chain loop is reported instead of hanging', () => {
    expect(() => walk(table('filter', ['FORWARD', 'A'], ['-A FORWARD -j A', '-A A -j A']), 'FORWARD')).toThrow(/loop/);
  });
});
