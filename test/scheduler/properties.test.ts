// Properties of schedule() on random clusters (SCHED-02, SCHED-03, SCHED-04, SCHED-05, SCHED-07, SCHED-10,
// SCHED-12, SCHED-17, SCHED-18), checked against an independent transcription of the filters written here
// from the Kubernetes sources, not from src/scheduler: (a) an unschedulable Pod fits no node and a Pod that
// fits some node is scheduled, (b) the chosen node passes every filter, (c) after binding, requests stay
// within allocatable on the chosen node.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Node, Pod, Taint, Toleration } from '../../src/k8s/types.ts';
import { schedule } from '../../src/scheduler/schedule.ts';
import type { ClusterSnapshot } from '../../src/scheduler/types.ts';
import { arbClusterCase } from '../arbitraries/cluster.ts';

const num = (text: string | undefined, unit: string): number => (text === undefined ? 0 : Number(text.replace(unit, '')));
const cpuOf = (t: string | undefined): number => (t === undefined ? 0 : t.endsWith('m') ? num(t, 'm') : Number(t) * 1000);
const memOf = (t: string | undefined): number => num(t, 'Mi');
const req = (p: Pod, r: string): number => {
  const text = p.spec.containers[0]?.resources?.requests?.[r];
  return r === 'cpu' ? cpuOf(text) : r === 'memory' ? memOf(text) : Number(text ?? 0);
};
const alloc = (n: Node, r: string): number => {
  const text = n.status?.allocatable?.[r];
  return r === 'cpu' ? cpuOf(text) : r === 'memory' ? memOf(text) : Number(text ?? 0);
};

function tolerates(ts: readonly Toleration[], taint: Taint): boolean {
  return ts.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.key && t.key !== taint.key) return false;
    if (t.operator === 'Exists') return true;
    return (t.value ?? '') === (taint.value ?? '');
  });
}

const selectorFits = (p: Pod, n: Node): boolean => Object.entries(p.spec.nodeSelector ?? {}).every(([k, v]) => n.metadata.labels?.[k] === v);
const ports = (p: Pod): number[] => p.spec.containers.flatMap((c) => (c.ports ?? []).flatMap((x) => (x.hostPort ? [x.hostPort] : [])));
const antiApp = (p: Pod): string | undefined =>
  p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0]?.labelSelector?.matchLabels?.app;

/** Every filter for `p` on `n`, written from kube-scheduler's plugins for the shapes the arbitrary makes. */
function oracleFits(p: Pod, n: Node, snapshot: ClusterSnapshot): boolean {
  const on = (name: string): Pod[] => snapshot.pods.filter((x) => x.spec.nodeName === name);
  const here = on(n.metadata.name);
  const tol = p.spec.tolerations ?? [];
  if (n.spec?.unschedulable && !tolerates(tol, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return false;
  if ((n.spec?.taints ?? []).some((t) => t.effect !== 'PreferNoSchedule' && !tolerates(tol, t))) return false;
  if (!selectorFits(p, n)) return false;
  if (ports(p).some((port) => here.some((x) => ports(x).includes(port)))) return false;
  if (here.length + 1 > alloc(n, 'pods')) return false;
  for (const r of ['cpu', 'memory', 'nvidia.com/gpu']) {
    const want = req(p, r);
    if (want > 0 && want > alloc(n, r) - here.reduce((s, x) => s + req(x, r), 0)) return false;
  }
  const spread = p.spec.topologySpreadConstraints?.[0];
  if (spread) {
    const zone = n.metadata.labels?.zone;
    if (zone === undefined) return false;
    const counts = new Map<string, number>();
    for (const m of snapshot.nodes) {
      const z = m.metadata.labels?.zone;
      if (z === undefined || !selectorFits(p, m)) continue;
      const c = on(m.metadata.name).filter((x) => x.metadata.labels?.app === p.metadata.labels?.app).length;
      counts.set(z, (counts.get(z) ?? 0) + c);
    }
    const min = counts.size === 0 ? 2147483647 : Math.min(...counts.values());
    if ((counts.get(zone) ?? 0) + 1 - min > spread.maxSkew) return false;
  }
  const mine = antiApp(p);
  if (mine !== undefined && here.some((x) => x.metadata.labels?.app === mine)) return false;
  if (here.some((x) => antiApp(x) !== undefined && antiApp(x) === p.metadata.labels?.app)) return false;
  return true;
}

describe('schedule() against an independent filter oracle', () => {
  test.prop([arbClusterCase, fc.integer()], { numRuns: 300 })('SCHED-03: unschedulable ⇔ no node fits, and the chosen node fits (a, b)', ({ snapshot, pod }, seed) => {
    const result = schedule(pod, snapshot, { seed });
    const fitting = snapshot.nodes.filter((n) => oracleFits(pod, n, snapshot)).map((n) => n.metadata.name);
    if (result.ok) expect(fitting).toContain(result.node);
    else expect(fitting).toEqual([]);
  });

  test.prop([arbClusterCase, fc.integer()], { numRuns: 300 })('SCHED-04: after binding, requests stay within allocatable on the chosen node (c)', ({ snapshot, pod }, seed) => {
    const result = schedule(pod, snapshot, { seed });
    if (!result.ok) return;
    const n = snapshot.nodes.find((x) => x.metadata.name === result.node) as Node;
    const after = [...snapshot.pods.filter((x) => x.spec.nodeName === result.node), { ...pod, spec: { ...pod.spec, nodeName: result.node } }];
    const before = after.slice(0, -1);
    for (const r of ['cpu', 'memory', 'nvidia.com/gpu']) {
      const used = (ps: Pod[]): number => ps.reduce((s, x) => s + req(x, r), 0);
      // A node already over-committed by Pods bound around the scheduler stays so; the new Pod adds only if it had room.
      if (req(pod, r) > 0) expect(used(after)).toBeLessThanOrEqual(Math.max(alloc(n, r), used(before)));
      if (req(pod, r) > 0) expect(used(after)).toBeLessThanOrEqual(alloc(n, r));
    }
    expect(after.length).toBeLessThanOrEqual(alloc(n, 'pods'));
  });
});

describe('the property catches a broken oracle (the suite is not vacuous)', () => {
  const broken: [string, (p: Pod, n: Node, s: ClusterSnapshot) => boolean][] = [
    ['SCHED-10: ignoring taints', (p, n, s) => oracleFits(p, { ...n, spec: { ...n.spec, taints: [] } }, s)],
    ['SCHED-04: ignoring requests', (p, n, s) => oracleFits({ ...p, spec: { ...p.spec, containers: [{ name: 'c' }] } }, n, s)],
    ['SCHED-18: ignoring the spread constraint', (p, n, s) => oracleFits({ ...p, spec: { ...p.spec, topologySpreadConstraints: [] } }, n, s)],
    ['SCHED-17: ignoring anti-affinity', (p, n, s) => oracleFits({ ...p, spec: { ...p.spec, affinity: {} } }, n, { ...s, pods: s.pods.map((x) => ({ ...x, spec: { ...x.spec, affinity: {} } })) })],
  ];
  for (const [name, oracle] of broken) {
    test(`${name} is detected`, () => {
      const out = fc.check(
        fc.property(arbClusterCase, ({ snapshot, pod }) => {
          const result = schedule(pod, snapshot);
          const fitting = snapshot.nodes.filter((n) => oracle(pod, n, snapshot)).map((n) => n.metadata.name);
          return result.ok ? fitting.includes(result.node) : fitting.length === 0;
        }),
        { numRuns: 2000, seed: 42 },
      );
      expect(out.failed).toBe(true);
    });
  }
});
