// The seeds' 2019 `iptables -nL` dump for default/kubia (001), reproduced from the kubia example with
// --kubernetes-version 1.15: chain names, rules, probabilities as iptables prints them back.
import { describe, expect, it } from 'vitest';
import { endpointChain, iptablesRules, serviceChain, servicePortName } from '../../../src/network/kube-proxy/index.ts';
import { kubia, kubiaDump } from './fixtures.ts';

/** "# iptables -t nat -nL" blocks → table → chain → { head, lines }, blanks collapsed as the seed prints them. */
function chainsOf(text: string): Map<string, Map<string, { head: string; lines: string[] }>> {
  const tables = new Map<string, Map<string, { head: string; lines: string[] }>>();
  let chains: Map<string, { head: string; lines: string[] }> | undefined;
  let current: { head: string; lines: string[] } | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/\s+/g, ' ');
    const table = /^# iptables -t (\w+) -nL$/.exec(line);
    if (table) {
      chains = new Map();
      tables.set(table[1] as string, chains);
    } else if (line.startsWith('Chain ') && chains) {
      current = { head: line, lines: [] };
      chains.set(line.split(' ')[1] as string, current);
    } else if (line !== '' && !line.startsWith('#') && !line.startsWith('target prot') && current) current.lines.push(line);
  }
  return tables;
}

describe('kubia on v1.15 (the seeds\' dump)', () => {
  const ours = chainsOf(iptablesRules(kubia(), { node: 'node02', kubernetesVersion: '1.15', format: 'list' }));
  const dump = chainsOf(kubiaDump());

  it('NET-IPT-05, NET-IPT-07: chain names hash "default/kubia:" + "tcp" (+ "ip:port") as kube-proxy ≤ 1.18 did', () => {
    const name = servicePortName('default', 'kubia', '', true);
    expect(name).toBe('default/kubia:');
    expect(serviceChain('SVC', name, 'tcp')).toBe('KUBE-SVC-L5EAUEZ74VZL5GSC');
    expect(endpointChain(name, 'tcp', '192.168.131.21:8080')).toBe('KUBE-SEP-DHEI6HLVRKMGWFA5');
  });

  it.each([
    ['192.168.131.22', 'KUBE-SEP-U2WLSCWTWVRL43BI'],
    ['192.168.132.72', 'KUBE-SEP-T3I6FPLS4WOL5Q3I'],
    ['192.168.132.73', 'KUBE-SEP-SRYJEUDBHDCQM4KY'],
    ['192.168.133.86', 'KUBE-SEP-VVYACXWHEDETJZUB'],
    ['192.168.133.87', 'KUBE-SEP-5A4LPBRVHCEID4EO'],
  ])('NET-IPT-08: endpoint %s:8080 recovered from the dump hashes to %s', (ip, chain) => {
    expect(endpointChain('default/kubia:', 'tcp', `${ip}:8080`)).toBe(chain);
  });

  it('NET-IPT-04 … NET-IPT-13: every kube-proxy chain of the dump comes out rule for rule', () => {
    const checked: string[] = [];
    for (const [table, chains] of dump) {
      for (const [name, expected] of chains) {
        if (!name.startsWith('KUBE-')) continue;
        const got = ours.get(table)?.get(name);
        expect(got?.lines, `${table}/${name}`).toEqual(expected.lines);
        // KUBE-MARK-MASQ's count covers the author's other Services (25); kubia alone gives 1 + 6 + 1.
        if (name !== 'KUBE-MARK-MASQ') expect(got?.head, `${table}/${name}`).toBe(expected.head);
        checked.push(`${table}/${name}`);
      }
    }
    expect(checked).toHaveLength(7);
    expect(ours.get('nat')?.get('KUBE-MARK-MASQ')?.head).toBe('Chain KUBE-MARK-MASQ (8 references)');
  });

  it('NET-IPT-04, NET-IPT-12: the built-in chains carry the dump\'s KUBE-* jumps in the dump\'s order (other lines are flannel\'s)', () => {
    for (const [table, chains] of dump) {
      for (const [name, expected] of chains) {
        if (name.startsWith('KUBE-')) continue;
        const jumps = expected.lines.filter((l) => l.startsWith('KUBE-'));
        const got = ours.get(table)?.get(name)?.lines ?? [];
        const positions = jumps.map((j) => got.indexOf(j));
        expect(positions.every((p) => p >= 0), `${table}/${name}`).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      }
    }
  });

  it('NET-IPT-12: v1.15 also jumps from filter FORWARD to KUBE-SERVICES (PR #72534, 1.14), which the seed\'s shortened FORWARD listing leaves out', () => {
    expect(ours.get('filter')?.get('FORWARD')?.lines).toContain('KUBE-SERVICES all -- 0.0.0.0/0 0.0.0.0/0 ctstate NEW /* kubernetes service portals */');
  });

  it('NET-IPT-07: kube-proxy 1.15 writes five-digit probabilities; the dump shows what the kernel keeps', () => {
    const restore = iptablesRules(kubia(), { node: 'node02', kubernetesVersion: '1.15', format: 'restore' });
    expect(restore).toContain('-A KUBE-SVC-L5EAUEZ74VZL5GSC -m statistic --mode random --probability 0.16667 -j KUBE-SEP-DHEI6HLVRKMGWFA5');
    expect(restore).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x004000/0x004000');
    const save = iptablesRules(kubia(), { node: 'node02', kubernetesVersion: '1.15' });
    expect(save).toContain('-A KUBE-SVC-L5EAUEZ74VZL5GSC -m statistic --mode random --probability 0.16667000018 -j KUBE-SEP-DHEI6HLVRKMGWFA5');
    expect(save).toContain('-A KUBE-SERVICES ! -s 192.168.128.0/18 -d 192.168.199.234/32 -p tcp -m comment --comment "default/kubia: cluster IP" -m tcp --dport 8080 -j KUBE-MARK-MASQ');
  });

  it.each([
    ['1.14', false],
    ['1.15', true],
    ['v1.16.2', true],
  ])('NET-IPT-13: %s drops ctstate INVALID in KUBE-FORWARD: %s (PR #74840 arrived in 1.15)', (version, drops) => {
    const text = iptablesRules(kubia(), { node: 'node02', kubernetesVersion: version });
    expect(text.includes('-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP')).toBe(drops);
  });
});
