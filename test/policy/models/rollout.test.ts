// The rollout model: a bounded model check of a Deployment's next rollout, (a) against the floor of a
// PodDisruptionBudget selecting its Pods, (b) against the room the cluster has for replicas + maxSurge Pods.
// Bundled cluster: two untainted 4-CPU / 8Gi workers.
import { describe, expect, it } from 'vitest';
import { desiredHealthy } from '../../../src/policy/models/rollout.ts';
import { ask, budget, deployment, rolling, type Obj } from './fixtures.ts';

type Row = [name: string, objects: Obj[], expected: Record<string, unknown>];

const web = (replicas: number, strategy: Obj, cpu = '500m') => deployment('web', { replicas, strategy, cpu });

const rows: Row[] = [
  [
    'ROLL-05: below budget: maxUnavailable 1 of 3 takes availability to 2, the budget wants 3',
    [web(3, rolling(1, 1)), budget('web', { app: 'web' }, { minAvailable: 3 })],
    { belowBudget: true, floor: 2, minAvailable: 3, pdb: 'web', counterexample: expect.arrayContaining([expect.stringContaining('replicaset-controller deletes a Pod of the old ReplicaSet')]) },
  ],
  ['ROLL-05: within budget: maxSurge 1, maxUnavailable 0 keeps all 3 available', [web(3, rolling(1, 0)), budget('web', { app: 'web' }, { minAvailable: 3 })], { belowBudget: false, floor: 3 }],
  ['ROLL-05: within budget: the defaults 25 %/25 % of 10 keep 8, a budget of 80 % wants 8', [deployment('api', { replicas: 10 }), budget('api', { app: 'api' }, { minAvailable: '80%' })], { belowBudget: false, floor: 8, minAvailable: 8 }],
  ['ROLL-05: below budget: the defaults keep 8 of 10, maxUnavailable 1 wants 9', [deployment('api', { replicas: 10 }), budget('api', { app: 'api' }, { maxUnavailable: 1 })], { belowBudget: true, minAvailable: 9, counterexample: expect.any(Array) }],
  ['ROLL-06: below budget: Recreate takes every Pod down, the budget wants 1', [web(2, { type: 'Recreate' }), budget('web', { app: 'web' }, { minAvailable: 1 })], { belowBudget: true, floor: 0, strategy: 'Recreate' }],
  [
    'ROLL-05: without a budget, the kubemodel.io/min-available annotation asks the same question',
    [{ ...web(4, rolling(1, 2)), metadata: { name: 'web', namespace: 'default', annotations: { 'kubemodel.io/min-available': '3' } } }],
    { belowBudget: true, floor: 2, minAvailable: 3, pdb: 'kubemodel.io/min-available', budgetMessage: expect.stringMatching(/^a rollout of maxUnavailable 2 takes available Pods down to 2 while the Deployment asks for at least 3 \(kubemodel.io\/min-available: "3"\)\. Shortest run: /) },
  ],
  ['ROLL-05: no budget question: the PodDisruptionBudget selects other Pods', [web(3, rolling(1, 1)), budget('other', { app: 'other' }, { minAvailable: 3 })], { pdb: null, belowBudget: null }],
  [
    'ROLL-05/SCHED-04: never completes: room for 2 Pods of 3 CPU, the rollout needs 3 and may not remove an old one first',
    [web(2, rolling(1, 0), '3')],
    { capacity: 2, completes: false, completionMessage: expect.stringContaining('Progressing=False, reason ProgressDeadlineExceeded: ReplicaSet "web-') },
  ],
  ['ROLL-05: completes: maxUnavailable 1 lets an old Pod make room', [web(2, rolling(1, 1), '3')], { capacity: 2, completes: true }],
  ['ROLL-06: completes: Recreate needs no room beyond replicas', [web(2, { type: 'Recreate' }, '3')], { completes: true }],
  ['ROLL-05: completes: room for replicas + maxSurge', [web(3, rolling(1, 0), '1')], { capacity: 4, completes: true }],
  ['SCHED-04: no completion question when the replicas themselves do not fit (pod-unschedulable says so)', [web(3, rolling(1, 0), '3')], { capacity: null, completes: null }],
];

describe('rollout model', () => {
  for (const [name, objects, expected] of rows) {
    it(name, () => expect(ask('rollout', objects, { kind: 'Deployment' })).toMatchObject(expected));
  }

  it('ROLL-05: the stuck rollout names the FailedScheduling of the surge Pod and the shortest run to the stuck state', () => {
    const answer = ask('rollout', [web(2, rolling(1, 0), '3')]);
    expect(answer?.['completionMessage']).toContain("the new ReplicaSet's Pods stay Pending: 0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu.");
    expect(answer?.['stuckTrace']).toEqual([
      expect.stringMatching(/^deployment-controller scales the ReplicaSets → the old ReplicaSet spec 2, 2 available, 0 not; web-\w+ spec 1, 0 available, 0 not$/),
      expect.stringMatching(/^replicaset-controller creates a Pod of web-\w+ → .* spec 1, 0 available, 1 not$/),
    ]);
  });

  it('ROLL-05: a 100-replica Deployment is checked within the state bound and the drop below 80 % is found', () => {
    const answer = ask('rollout', [deployment('big', { replicas: 100, cpu: '10m' }), budget('big', { app: 'big' }, { minAvailable: '80%' })]);
    expect(answer).toMatchObject({ belowBudget: true, floor: 75, minAvailable: 80 });
  });

  // The disruption controller's desiredHealthy (getExpectedPodCount): percentages round up.
  const budgets: [string, Obj, number, number | undefined][] = [
    ['minAvailable 3 is 3', { minAvailable: 3 }, 5, 3],
    ['minAvailable 90 % of 3 is ceil(2.7) = 3', { minAvailable: '90%' }, 3, 3],
    ['maxUnavailable 10 % of 3: ceil(0.3) = 1 may go, 2 must stay', { maxUnavailable: '10%' }, 3, 2],
    ['maxUnavailable 5 of 3 floors at 0', { maxUnavailable: 5 }, 3, 0],
    ['maxUnavailable is read first when both are set (the API server refuses such a budget)', { maxUnavailable: 1, minAvailable: 3 }, 3, 2],
    ['a value that is not an int or a percentage is no answer', { minAvailable: 'half' }, 3, undefined],
  ];
  for (const [name, spec, replicas, expected] of budgets) it(`ROLL-05 (PDB arithmetic): ${name}`, () => expect(desiredHealthy(spec, replicas)).toBe(expected));
});
