// The wording table's integrity (SCHED-03): each reason has exactly one wording in every release from the
// oldest tabled to the current one it exists in, and the boundaries fall where the sources put them.
import { describe, expect, it } from 'vitest';
import { CURRENT_KUBERNETES_VERSION, OLDEST_KUBERNETES_VERSION, inRange, parseKubernetesMinor } from '../../src/k8s/version.ts';
import { messageFormat, REASON_WORDING, reasonsFor, type ReasonKey } from '../../src/scheduler/wording.ts';

const minors = Array.from(
  { length: parseKubernetesMinor(CURRENT_KUBERNETES_VERSION) - parseKubernetesMinor(OLDEST_KUBERNETES_VERSION) + 1 },
  (_, i) => parseKubernetesMinor(OLDEST_KUBERNETES_VERSION) + i,
);

describe('REASON_WORDING', () => {
  it('SCHED-03: no reason has two wordings in one release, and none has a gap after it first appears', () => {
    const keys = [...new Set(REASON_WORDING.map((r) => r.key))];
    for (const key of keys) {
      const covered = minors.map((m) => REASON_WORDING.filter((r) => r.key === key && inRange(m, r)).length);
      expect(covered.every((c) => c <= 1), key).toBe(true);
      const first = covered.indexOf(1);
      expect(covered.slice(first).every((c) => c === 1), key).toBe(true);
    }
  });

  const rows: [string, number, ReasonKey, Record<string, string>, string[]][] = [
    ['SCHED-10: 1.17 does not name the taint', 17, 'taint', { key: 'k', value: 'v' }, ["node(s) had taints that the pod didn't tolerate"]],
    ['SCHED-10: 1.18 names it (#87250)', 18, 'taint', { key: 'k', value: 'v' }, ["node(s) had taint {k: v}, that the pod didn't tolerate"]],
    ['SCHED-10: 1.24 shortens it (#109119)', 24, 'taint', { key: 'k', value: 'v' }, ['node(s) had untolerated taint {k: v}']],
    ['SCHED-10: 1.35 hides key and value (#134740)', 35, 'taint', { key: 'k', value: 'v' }, ['node(s) had untolerated taint(s)']],
    ['SCHED-16: 1.21 adds the common affinity reason', 21, 'affinityRules', {}, ["node(s) didn't match pod affinity/anti-affinity", "node(s) didn't match pod affinity rules"]],
    ['SCHED-16: 1.22 drops it (#102518)', 22, 'affinityRules', {}, ["node(s) didn't match pod affinity rules"]],
    ['SCHED-24: no preemption wording before 1.24', 23, 'preemptionNotHelpful', {}, []],
    ['RES-14: Insufficient names the resource', 37, 'insufficient', { resource: 'nvidia.com/gpu' }, ['Insufficient nvidia.com/gpu']],
  ];
  for (const [name, minor, key, args, expected] of rows) it(name, () => expect(reasonsFor(minor, key, args)).toEqual(expected));
});

describe('messageFormat', () => {
  const rows: [string, number, ReturnType<typeof messageFormat>][] = [
    ['SCHED-03: 1.23 has no preemption part', 23, { preemptionSuffix: false, doubledPeriod: false, preFilterOnce: false }],
    ['SCHED-24: 1.24 appends it with a doubled period', 24, { preemptionSuffix: true, doubledPeriod: true, preFilterOnce: false }],
    ['SCHED-24: 1.27 still doubles, PreFilter written once since 1.26', 27, { preemptionSuffix: true, doubledPeriod: true, preFilterOnce: true }],
    ['SCHED-24: 1.28 writes one period (#117588)', 28, { preemptionSuffix: true, doubledPeriod: false, preFilterOnce: true }],
  ];
  for (const [name, minor, expected] of rows) it(name, () => expect(messageFormat(minor)).toEqual(expected));
});
