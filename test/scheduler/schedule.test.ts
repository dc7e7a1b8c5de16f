// Successful cycles (SCHED-01, SCHED-02, SCHED-05, SCHED-24): where a Pod lands, how the node search is
// bounded and rotated, how ties are broken, and that a bound Pod occupies its node for the next cycle.
import { describe, expect, it } from 'vitest';
import { buildNodeInfos } from '../../src/scheduler/node-info.ts';
import { numFeasibleNodesToFind, schedule, scheduleOn } from '../../src/scheduler/schedule.ts';
import type { PluginScore, ScorePluginsFn } from '../../src/scheduler/types.ts';
import { container, lab, node, pod } from './fixtures.ts';

const httpserver = pod('httpserver', { containers: [container('c', { cpu: '100m', memory: '100Mi' })] });

describe('schedule', () => {
  it('SCHED-01: httpserver (100m/100Mi) lands on a worker, never on the tainted master01', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = schedule(httpserver, lab(), { seed });
      expect(r.ok && ['node01', 'node02'].includes(r.node)).toBe(true);
    }
  });

  it('SCHED-02: the highest total wins', () => {
    const scorer: ScorePluginsFn = (_p, infos) =>
      infos.map((i): PluginScore[] => [{ plugin: 'Pinned', raw: 0, normalized: i.node.metadata.name === 'node02' ? 90 : 10, weight: 1 }]);
    const r = schedule(httpserver, lab(), { scorePlugins: scorer });
    expect(r.ok && r.node).toBe('node02');
  });

  it('SCHED-02: ties are broken at random, the seed replays the choice', () => {
    const tie: ScorePluginsFn = (_p, infos) => infos.map(() => []);
    const picks = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const r = schedule(httpserver, lab(), { seed, scorePlugins: tie });
      if (r.ok) picks.add(r.node);
      expect(schedule(httpserver, lab(), { seed, scorePlugins: tie })).toEqual(r);
    }
    expect([...picks].sort()).toEqual(['node01', 'node02']);
  });

  it('SCHED-05: two Pods asking hostPort 8081 spread over the two workers, a third fits nowhere', () => {
    const withPort = (name: string) => pod(name, { containers: [container('c', undefined, { ports: [{ containerPort: 8080, hostPort: 8081 }] })] });
    const snapshot = lab();
    const infos = buildNodeInfos(snapshot);
    const placed: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const r = scheduleOn(withPort(name), infos, snapshot, { scorePlugins: (_p, i) => i.map(() => []) });
      if (r.ok) {
        placed.push(r.node);
        infos.find((i) => i.name === r.node)?.addPod({ ...withPort(name), spec: { ...withPort(name).spec, nodeName: r.node } });
      } else {
        expect(r.message).toBe(
          "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't have free ports for the requested pod ports. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
        );
      }
    }
    expect(placed.sort()).toEqual(['node01', 'node02']);
  });
});

describe('numFeasibleNodesToFind', () => {
  const rows: [string, number, number][] = [
    ['SCHED-02: 50 nodes: all of them', 50, 50],
    ['SCHED-02: 100 nodes: 50 − 0 = 50% but at least 100', 100, 100],
    ['SCHED-02: 1000 nodes: 50 − 8 = 42% → 420', 1000, 420],
    ['SCHED-02: 5000 nodes: 50 − 40 = 10% → 500', 5000, 500],
    ['SCHED-02: 10000 nodes: never below 5% → 500', 10000, 500],
  ];
  for (const [name, n, expected] of rows) it(name, () => expect(numFeasibleNodesToFind(n)).toBe(expected));

  it('SCHED-02: the search stops after enough feasible nodes and the next one starts where it stopped', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => node(`n${String(i).padStart(3, '0')}`));
    const snapshot = { nodes, pods: [] };
    const r = scheduleOn(httpserver, buildNodeInfos(snapshot), snapshot, { scorePlugins: (_p, i) => i.map(() => []), startIndex: 150 });
    expect(r.ok && r.evaluatedNodes).toBe(100);
    expect(r.nextStartIndex).toBe(50);
  });
});
