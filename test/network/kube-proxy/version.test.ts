// Release boundaries of the iptables generator, each row dated by the changelog or PR it came from (see
// src/network/kube-proxy/version.ts). Rows marked "unconfirmed" pin the current best estimate only.
import { describe, expect, it } from 'vitest';
import { iptablesRules, proxyFeatures } from '../../../src/network/kube-proxy/index.ts';
import { kubia } from './fixtures.ts';

const save = (version: string): string => iptablesRules(kubia(), { node: 'node02', kubernetesVersion: version });
const restore = (version: string): string => iptablesRules(kubia(), { node: 'node02', kubernetesVersion: version, format: 'restore' });

describe('kube-proxy release boundaries', () => {
  it.each([
    ['1.16: not yet (1.16 backport unconfirmed, not applied)', '1.16.15', false],
    ['1.17.8: before the backport', '1.17.8', false],
    ['1.17.9: backport listed in the 1.17.9 changelog', 'v1.17.9', true],
    ['1.18.5: before the backport', '1.18.5', false],
    ['1.18.6: backport listed in the 1.18.6 changelog', '1.18.6', true],
    ['1.19.0: PR #92035 on master', '1.19', true],
  ])('NET-IPT-10: KUBE-POSTROUTING returns unmarked packets and clears the mark (PR #92035) at %s', (_name, version, clears) => {
    const text = save(version);
    expect(text.includes('-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN')).toBe(clears);
    expect(text.includes('-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0')).toBe(clears);
    expect(text.includes('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -m mark --mark 0x4000/0x4000 -j MASQUERADE')).toBe(!clears);
  });

  it('NET-IPT-06: --or-mark (restore input) and --set-xmark v/v (older) save alike, so only the restore text tells them apart', () => {
    expect(restore('1.19')).toContain('-A KUBE-MARK-MASQ -j MARK --or-mark 0x004000');
    expect(restore('1.18')).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x004000/0x004000');
    expect(save('1.19')).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000');
    expect(save('1.18')).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000');
  });

  it.each([
    ['1.16', false],
    ['1.17', true],
  ])('NET-IPT-01: KUBE-PROXY-CANARY chains at %s: %s (utiliptables.Monitor, PR #81517, CHANGELOG v1.17.0-alpha.2)', (version, present) => {
    expect(save(version).includes(':KUBE-PROXY-CANARY - [0:0]')).toBe(present);
  });

  it.each([
    ['1.30', false],
    ['1.31', true],
  ])('NET-IPT-13: nfacct counters at %s: %s (PRs #122812 and #125015, both in the 1.31.0 changelog)', (version, counted) => {
    const text = save(version);
    expect(text.includes('-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP')).toBe(counted);
    expect(text.includes('-d 127.0.0.0/8 -p tcp -m comment --comment "default/kubia" -m tcp --dport 32681 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j')).toBe(counted);
  });

  it('NET-IPT-09: the localhost NodePort counter is named localhost_nps_accepted_pkts (metrics.LocalhostNodePortAcceptedNFAcctCounter), not after its metric', () => {
    expect(restore('1.31')).toContain('-m nfacct --nfacct-name localhost_nps_accepted_pkts');
    expect(restore('1.31')).not.toContain('localhost_nodeports_accepted_pkts');
  });

  it.each([
    ['1.16: comments dropped (the PR #65755 bug)', '1.16', true],
    ['1.17: comments back (PR #81563; release unconfirmed)', '1.17', false],
  ])('NET-IPT-07: KUBE-SVC/KUBE-SEP comments, %s', (_name, version, dropped) => {
    expect(proxyFeatures(version).svcSepCommentsDropped).toBe(dropped);
  });

  it.each([
    ['1.21', false],
    ['1.22', true],
  ])('NET-IPT-05: the KUBE-SVC/KUBE-EXT layout at %s: %s (rendered from 1.22; the real change spread over 1.22–1.25, unconfirmed)', (version, current) => {
    expect(proxyFeatures(version).current).toBe(current);
  });

  it('NET-IPT-05: "v1.18.6" parses to minor 18 patch 6; "1.18" is patch 0', () => {
    expect(proxyFeatures('v1.18.6')).toMatchObject({ minor: 18, patch: 6 });
    expect(proxyFeatures('1.18')).toMatchObject({ minor: 18, patch: 0 });
  });
});
