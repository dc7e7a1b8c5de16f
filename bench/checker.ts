// `npm run bench`: checker throughput on named models and how cost grows with cluster size, plus the two
// hot-path ingredients measured against their reference implementations. Prints tables; asserts nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonLogic from 'json-logic-js';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { checkModel } from '../src/checker/run.ts';
import type { ModelFile } from '../src/checker/pod-model.ts';
import type { Pod } from '../src/k8s/types.ts';
import { machineModule } from '../machines/index.ts';
import { toCompiled, toXStateMachine } from '../src/system/bind.ts';
import { compileLogic } from '../src/rules/compile.ts';
import type { EventLike } from '../src/system/statechart.ts';
import { checkRollout, type RolloutModelFile } from '../src/rollout/check.ts';

const root = join(import.meta.dirname, '..');
const podModel = JSON.parse(readFileSync(join(root, 'properties', 'models', 'pod.json'), 'utf8')) as ModelFile;

function withPods(n: number, constants: ModelFile['constants']): ModelFile {
  const template = podModel.objects[0] as Pod;
  const objects: Pod[] = Array.from({ length: n }, (_, i) => ({
    ...template,
    metadata: { name: `web-${i}`, namespace: 'default' },
  }));
  return { ...podModel, id: `${n} pod(s)`, objects, constants };
}

function bundled(name: string): ModelFile {
  return JSON.parse(readFileSync(join(root, 'properties', 'models', `${name}.json`), 'utf8')) as ModelFile;
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => String(c).padStart(widths[i]!)).join('  ');
}

const now = () => performance.now() / 1000;
const heapUsed = () => process.memoryUsage().heapUsed;

console.log('Model checking (BFS over the composed pod + container machines, all invariants)\n');
const widths = [38, 10, 11, 6, 8, 10, 10];
console.log(row(['model', 'states', 'transitions', 'depth', 'seconds', 'states/s', 'heap MiB'], widths));
const runs: [string, ModelFile][] = [
  ['pod (restarts 2, faults 2)', podModel],
  ['pod (restarts 3, faults 3)', { ...podModel, constants: { maxRestarts: 3, maxFaults: 3, allowDelete: true } }],
  ['1 pod (restarts 1, faults 2)', withPods(1, { maxRestarts: 1, maxFaults: 2, allowDelete: true })],
  ['2 pods (restarts 1, faults 2)', withPods(2, { maxRestarts: 1, maxFaults: 2, allowDelete: true })],
  ['3 pods (restarts 1, faults 1)', withPods(3, { maxRestarts: 1, maxFaults: 1, allowDelete: false })],
  ['scheduling (3 nodes, 3 pending Pods)', bundled('scheduling')],
  ['node-failure-replacement', bundled('node-failure-replacement')],
  ['deployment-rolling-update (3 Pods)', bundled('deployment-rolling-update')],
  ['deployment-undo (2 Pods, undo)', bundled('deployment-undo')],
  ['deployment-crash (to its violation)', bundled('deployment-crash')],
  ['storage-dynamic-provisioning', bundled('storage-dynamic-provisioning')],
  ['storage-node-loss', bundled('storage-node-loss')],
  ['storage-reclaim (3 volumes, 4 claims)', bundled('storage-reclaim')],
];
for (const [name, model] of runs) {
  global.gc?.();
  const r = checkModel(model, { kubernetesVersion: '1.37', now, heapUsed });
  console.log(row([name, r.states, r.edges, r.depth, r.seconds.toFixed(2), Math.round(r.statesPerSecond), (r.peakHeapBytes / 2 ** 20).toFixed(0)], widths));
}

console.log('\nRollout models (count-level: Deployment + ReplicaSet controllers on replica counts)\n');
console.log(row(['model', 'states', 'transitions', 'depth', 'seconds', 'states/s', 'heap MiB'], widths));
const rollout = (name: string) => JSON.parse(readFileSync(join(root, 'properties', 'models', `${name}.json`), 'utf8')) as RolloutModelFile;
const rolloutRuns: [string, RolloutModelFile, Partial<RolloutModelFile['constants']>?][] = [
  ['rollout-10-replicas (25%/25%)', rollout('rollout-10-replicas')],
  ['rollout-recreate (3)', rollout('rollout-recreate')],
  ['rollout-scale-up (3 → 5, pause)', rollout('rollout-scale-up')],
  ['rollout-undo (3, pause)', rollout('rollout-undo')],
  ['recreate 10, undo, scale to 15', rollout('rollout-recreate'), { replicas: 10, undo: true, scaleTo: 15 }],
  ['10 → 15 at 25%/25%', rollout('rollout-scale-up'), { replicas: 10, maxSurge: '25%', maxUnavailable: '25%', scaleTo: 15, pause: false }],
];
for (const [name, file, constants] of rolloutRuns) {
  global.gc?.();
  const r = checkRollout(file, { now, heapUsed, ...(constants ? { constants } : {}) });
  console.log(row([name, r.states, r.edges, r.depth, r.seconds.toFixed(2), Math.round(r.statesPerSecond), (r.peakHeapBytes / 2 ** 20).toFixed(0)], widths));
}

console.log('\nContainer machine transitions/s (random events, same sequence for both)\n');
const mod = machineModule('container')!;
const events = mod.events as EventLike[];
const seq = Array.from({ length: 200_000 }, (_, i) => events[(i * 7919) % events.length]!);
{
  const machine = toXStateMachine(mod.definition);
  let [snap] = initialTransition(machine, mod.sampleInput) as [AnyMachineSnapshot, unknown];
  const t0 = performance.now();
  const n = 20_000;
  for (let i = 0; i < n; i++) snap = (transition(machine, snap, seq[i] as never) as [AnyMachineSnapshot, unknown])[0];
  const xs = n / ((performance.now() - t0) / 1000);
  const compiled = toCompiled(mod.definition);
  let st = compiled.initial(mod.sampleInput);
  const t1 = performance.now();
  for (const e of seq) st = compiled.transition(st, e) ?? st;
  const ours = seq.length / ((performance.now() - t1) / 1000);
  console.log(row(['XState transition()', Math.round(xs)], [34, 12]));
  console.log(row(['compiled statechart', Math.round(ours)], [34, 12]));
}

console.log('\nRule evaluations/s: kubelet/should-restart-like decision\n');
{
  const logic = { if: [{ '==': [{ var: 'role' }, 'sidecar'] }, true, { '==': [{ var: 'restartPolicy' }, 'Never'] }, false, { '!=': [{ var: 'exitCode' }, 0] }] };
  const data = Array.from({ length: 1024 }, (_, i) => ({ role: ['app', 'init', 'sidecar'][i % 3], restartPolicy: ['Always', 'Never', 'OnFailure'][i % 3], exitCode: i % 2 }));
  const n = 300_000;
  // Count the answers so the loops cannot be optimised away.
  let yes = 0;
  let t = performance.now();
  for (let i = 0; i < n; i++) if (jsonLogic.apply(logic as never, data[i & 1023])) yes++;
  const js = n / ((performance.now() - t) / 1000);
  const f = compileLogic(logic);
  t = performance.now();
  for (let i = 0; i < n * 10; i++) if (f(data[i & 1023])) yes++;
  const compiled = (n * 10) / ((performance.now() - t) / 1000);
  console.log(row(['json-logic-js apply', Math.round(js)], [34, 12]));
  console.log(row(['compiled rule', Math.round(compiled)], [34, 12]));
  if (yes < 0) console.log(yes);
}
