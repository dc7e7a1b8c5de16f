// parseIptablesSave (NET-IPT-01, NET-IPT-03): tables, chains with policies, rules with their matches and
// targets as iptables-save prints them, and clear errors for what the walker cannot model.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { parseIptablesSave } from '../../../src/network/netfilter/index.ts';
import type { Rule } from '../../../src/network/netfilter/index.ts';
import { CURRENT, KUBIA_2019 } from './fixtures.ts';

const oneRule = (line: string, chains = ''): Rule => {
  const dump = `*nat\n:PREROUTING ACCEPT [0:0]\n:X - [0:0]\n${chains}-A PREROUTING ${line}\nCOMMIT\n`;
  const rule = parseIptablesSave(dump).tables.get('nat')?.chains.get('PREROUTING')?.rules[0];
  if (rule === undefined) throw new Error('no rule parsed');
  return rule;
};

describe('parseIptablesSave', () => {
  it('NET-IPT-01: the seeds dump has nat and filter, built-in chains with policy ACCEPT, user chains without', () => {
    const rs = parseIptablesSave(KUBIA_2019);
    expect([...rs.tables.keys()]).toEqual(['nat', 'filter']);
    const nat = rs.tables.get('nat');
    expect(nat?.chains.get('PREROUTING')?.policy).toBe('ACCEPT');
    expect(nat?.chains.get('KUBE-SERVICES')?.policy).toBeUndefined();
    expect(nat?.chains.get('KUBE-SVC-L5EAUEZ74VZL5GSC')?.rules).toHaveLength(6);
    expect(nat?.chains.get('KUBE-SERVICES')?.rules.map((r) => r.target)).toEqual([
      { kind: 'jump', chain: 'KUBE-MARK-MASQ', goto: false },
      { kind: 'jump', chain: 'KUBE-SVC-L5EAUEZ74VZL5GSC', goto: false },
      { kind: 'jump', chain: 'KUBE-NODEPORTS', goto: false },
    ]);
  });

  it('NET-IPT-05: "! -s 192.168.128.0/18 -d 192.168.199.234/32 -p tcp --dport 8080" keeps negation, CIDRs, protocol, port and the quoted comment', () => {
    const r = oneRule('! -s 192.168.128.0/18 -d 192.168.199.234/32 -p tcp -m comment --comment "default/kubia: cluster IP" -m tcp --dport 8080 -j X');
    expect(r.matches).toEqual([
      { kind: 'source', address: { cidr: '192.168.128.0/18', negate: true } },
      { kind: 'destination', address: { cidr: '192.168.199.234/32', negate: false } },
      { kind: 'protocol', protocol: 'tcp', negate: false },
      { kind: 'comment', text: 'default/kubia: cluster IP' },
      { kind: 'destination-port', ports: { ranges: [{ from: 8080, to: 8080 }], negate: false } },
    ]);
  });

  it('NET-IPT-06: --or-mark 0x4000 and --set-xmark 0x4000/0x4000 are the same MARK; --xor-mark 0x4000 has mask 0', () => {
    expect(oneRule('-j MARK --or-mark 0x4000').target).toEqual({ kind: 'MARK', value: 0x4000, mask: 0x4000 });
    expect(oneRule('-j MARK --set-xmark 0x4000/0x4000').target).toEqual({ kind: 'MARK', value: 0x4000, mask: 0x4000 });
    expect(oneRule('-j MARK --xor-mark 0x4000').target).toEqual({ kind: 'MARK', value: 0x4000, mask: 0 });
    expect(oneRule('-j MARK --set-mark 0x8000').target).toEqual({ kind: 'MARK', value: 0x8000, mask: 0xffffffff });
  });

  it('NET-IPT-07: "-m statistic --mode random --probability 0.16667000018" is a statistic match of that probability', () => {
    expect(oneRule('-m statistic --mode random --probability 0.16667000018 -j X').matches).toEqual([{ kind: 'statistic', probability: 0.16667000018 }]);
  });

  it('NET-IPT-08: DNAT --to-destination 192.168.131.21:8080 gives address and port', () => {
    expect(oneRule('-p tcp -m tcp -j DNAT --to-destination 192.168.131.21:8080').target).toEqual({ kind: 'DNAT', to: { ip: '192.168.131.21', port: 8080 } });
  });

  it('NET-IPT-10: MASQUERADE --random-fully, REJECT --reject-with, conntrack and mark matches with negation', () => {
    expect(oneRule('-j MASQUERADE --random-fully').target).toEqual({ kind: 'MASQUERADE', randomFully: true });
    expect(oneRule('-j REJECT --reject-with icmp-port-unreachable').target).toEqual({ kind: 'REJECT', rejectWith: 'icmp-port-unreachable' });
    expect(oneRule('-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP').matches).toEqual([
      { kind: 'ctstate', states: ['RELATED', 'ESTABLISHED', 'DNAT'], negate: true },
    ]);
    expect(oneRule('-m mark ! --mark 0x4000/0x4000 -j RETURN').matches).toEqual([{ kind: 'mark', value: 0x4000, mask: 0x4000, negate: true }]);
  });

  it('NET-SVC-08: a ClientIP-affinity rule reads as "-m recent --rcheck" on list KUBE-SEP-WEB1 for 10800 s', () => {
    const rule = parseIptablesSave(CURRENT).tables.get('nat')?.chains.get('KUBE-SVC-WEB')?.rules[1];
    expect(rule?.matches[1]).toEqual({ kind: 'recent', name: 'KUBE-SEP-WEB1', mode: 'rcheck', side: 'source', seconds: 10800, negate: false });
  });

  it('NET-IPT-03: -j to a declared chain is a jump, -g a goto, an unknown upper-case name a target extension', () => {
    expect(oneRule('-j X').target).toEqual({ kind: 'jump', chain: 'X', goto: false });
    expect(oneRule('-g X').target).toEqual({ kind: 'jump', chain: 'X', goto: true });
    expect(oneRule('-j LOG').target).toEqual({ kind: 'extension', name: 'LOG' });
  });

  const bad: [string, string, RegExp][] = [
    ['an unsupported match module is an error, not a silent match', '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT\nCOMMIT', /unsupported match module "-m set"/],
    ['a jump to an undeclared chain names it', '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j KUBE-SVC-missing\nCOMMIT', /-j KUBE-SVC-missing: no such chain/],
    ['a rule for an undeclared chain', '*nat\n:PREROUTING ACCEPT [0:0]\n-A KUBE-SERVICES -j ACCEPT\nCOMMIT', /undeclared chain KUBE-SERVICES/],
    ['a table without COMMIT', '*nat\n:PREROUTING ACCEPT [0:0]\n', /has no COMMIT/],
    ['an invalid CIDR', '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -s 10.0.0.300/8 -j ACCEPT\nCOMMIT', /"10.0.0.300\/8" is not an IPv4 address/],
    ['a probability above 1', '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -m statistic --mode random --probability 1.5 -j ACCEPT\nCOMMIT', /not in \[0, 1\]/],
  ];
  for (const [name, dump, message] of bad) {
    it(`NET-IPT-01: rejected with an InputError naming the line: ${name}`, () => {
      let error: unknown;
      try {
        parseIptablesSave(dump, { file: 'node01.rules' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(message);
      expect((error as InputError).file).toBe('node01.rules');
      expect((error as InputError).line).toBeGreaterThan(0);
    });
  }
});
