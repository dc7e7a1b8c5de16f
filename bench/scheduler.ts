// Scheduler throughput: 10,000 Pods onto 1,000 nodes, one scheduling cycle each, every Pod bound before the
// next (NodeInfos built once and updated in place, as kube-scheduler's cache is). Two runs: filters alone (a
// scorer that returns nothing), and filters with the default score plugins. With 1,000 nodes a cycle stops
// after numFeasibleNodesToFind = 1000 × (50 − 1000/125)% = 420 feasible nodes, and those are scored.
// Prints a table (wall-clock seconds, so a busy machine reads slower); asserts nothing. Takes ~20 s.
// Usage: tsx bench/scheduler.ts [pods] [nodes]
import type { Node, Pod } from '../src/k8s/types.ts';
import { buildNodeInfos } from '../src/scheduler/node-info.ts';
import { scheduleOn } from '../src/scheduler/schedule.ts';
import type { ClusterSnapshot, ScheduleOptions } from '../src/scheduler/types.ts';

const PODS = Number(process.argv[2] ?? 10_000);
const NODES = Number(process.argv[3] ?? 1_000);

function makeNode(i: number): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${String(i).padStart(4, '0')}`, labels: { 'kubernetes.io/hostname': `node-${i}`, zone: `zone-${i % 3}` } },
    spec: i % 10 === 0 ? { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] } : {},
    status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110' } },
  };
}

function makePod(i: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 50}` } },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: `${100 + (i % 5) * 100}m`, memory: `${128 * (1 + (i % 4))}Mi` } } }] },
  };
}

interface Row {
  run: string;
  seconds: number;
  unschedulable: number;
}

function run(label: string, opts: ScheduleOptions): Row {
  const nodes = Array.from({ length: NODES }, (_, i) => makeNode(i));
  const snapshot: ClusterSnapshot & { pods: Pod[] } = { nodes, pods: [] };
  const infos = buildNodeInfos(snapshot);
  const byName = new Map(infos.map((n) => [n.name, n]));
  let start = 0;
  let unschedulable = 0;
  const t0 = performance.now();
  for (let i = 0; i < PODS; i++) {
    const pod = makePod(i);
    const result = scheduleOn(pod, infos, snapshot, { ...opts, seed: i, startIndex: start });
    start = result.nextStartIndex ?? start;
    if (!result.ok) {
      unschedulable += 1;
      continue;
    }
    const bound: Pod = { ...pod, spec: { ...pod.spec, nodeName: result.node } };
    byName.get(result.node)?.addPod(bound);
    snapshot.pods.push(bound);
  }
  return { run: label, seconds: (performance.now() - t0) / 1000, unschedulable };
}

const rows = [run('filters only', { scorePlugins: () => [] }), run('filters + default scoring', {})];
const table = [
  ['run', 'pods', 'nodes', 'seconds', 'pods/s', 'unschedulable'],
  ...rows.map((r) => [r.run, String(PODS), String(NODES), r.seconds.toFixed(2), String(Math.round(PODS / r.seconds)), String(r.unschedulable)]),
];
const widths = (table[0] ?? []).map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length)));
for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '));
