// Scheduler throughput: 10,000 Pods onto 1,000 nodes, one scheduling cycle each, every Pod bound before the
// next (NodeInfos built once and updated in place, as kube-scheduler's cache is). Two runs: filters with the
// default score plugins, and filters alone (a scorer that returns nothing). Prints pods/s; asserts nothing.
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

function run(label: string, opts: ScheduleOptions): void {
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
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(28)} ${PODS} pods on ${NODES} nodes: ${seconds.toFixed(2)} s, ${Math.round(PODS / seconds)} pods/s, ${unschedulable} unschedulable`);
}

run('filters only', { scorePlugins: () => [] });
run('filters + default scoring', {});
