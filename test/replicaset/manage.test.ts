// manageReplicas (ROLL-01, CTRL-01, CTRL-03): create or delete the difference, capped by burstReplicas;
// slow-start batches; the Events recorded for each call.
import { describe, expect, it } from 'vitest';
import { podEvent, successfulCreate } from '../../src/replicaset/events.ts';
import { manageReplicas, slowStart, slowStartBatches } from '../../src/replicaset/manage.ts';
import { NOW, names, pod, replicaSet } from './support.ts';

const many = (n: number) => Array.from({ length: n }, (_, i) => pod(`p${i}`, { readyFor: 600 }));

describe('manageReplicas', () => {
  it('ROLL-01: 1 of 3 replicas → create 2 named web-<5 chars>, in batches 1 then 1', () => {
    expect(manageReplicas(replicaSet({ replicas: 3 }), many(1), { now: NOW })).toEqual({ create: 2, generateName: 'web-', batches: [1, 1] });
  });

  it('CTRL-03: 0 of 1200 replicas → only burstReplicas (500) created this sync', () => {
    const result = manageReplicas(replicaSet({ replicas: 1200 }), [], { now: NOW });
    expect('create' in result && result.create).toBe(500);
  });

  it('CTRL-03: a smaller burstReplicas caps the creates', () => {
    const result = manageReplicas(replicaSet({ replicas: 10 }), [], { now: NOW, burstReplicas: 4 });
    expect('create' in result && result.batches).toEqual([1, 2, 1]);
  });

  it('CTRL-03: 800 Pods for 0 replicas → only 500 deleted this sync', () => {
    const result = manageReplicas(replicaSet({ replicas: 0 }), many(800), { now: NOW });
    expect('delete' in result && result.delete.length).toBe(500);
  });

  it('ROLL-01: 4 Pods for 2 replicas → the Pending and the not-Ready Pod go, each with a SuccessfulDelete Event', () => {
    const pods = [pod('ready-a', { readyFor: 600 }), pod('pending', { phase: 'Pending' }), pod('ready-b', { readyFor: 900 }), pod('not-ready')];
    const result = manageReplicas(replicaSet({ replicas: 2 }), pods, { now: NOW });
    expect('delete' in result && names(result.delete)).toEqual(['pending', 'not-ready']);
    expect('events' in result && result.events).toEqual([
      { type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: pending' },
      { type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: not-ready' },
    ]);
  });

  it('CTRL-01: as many Pods as replicas → nothing to do', () => {
    expect(manageReplicas(replicaSet({ replicas: 2 }), many(2), { now: NOW })).toEqual({});
  });

  it('CTRL-01: a ReplicaSet being deleted creates nothing', () => {
    expect(manageReplicas(replicaSet({ replicas: 3, deleting: true }), [], { now: NOW })).toEqual({});
  });

  it('CTRL-01: while earlier creates are not yet observed (expectations pending) nothing is done', () => {
    expect(manageReplicas(replicaSet({ replicas: 3 }), [], { now: NOW, expectationsSatisfied: false })).toEqual({});
  });
});

describe('slowStartBatch', () => {
  it.each([
    ['CTRL-03: 1 create is one batch of 1', 1, [1]],
    ['CTRL-03: 7 creates are batches 1, 2, 4', 7, [1, 2, 4]],
    ['CTRL-03: 10 creates are batches 1, 2, 4, 3 (the last one is what remains)', 10, [1, 2, 4, 3]],
    ['CTRL-03: 500 creates take 9 batches, the last of 245', 500, [1, 2, 4, 8, 16, 32, 64, 128, 245]],
    ['CTRL-03: 0 creates are no batch', 0, []],
  ])('%s', (_name, count, batches) => {
    expect(slowStartBatches(count)).toEqual(batches);
  });

  it('CTRL-03: a quota refusing every create costs one call, the other 499 are skipped', () => {
    expect(slowStart(500, () => true)).toEqual({ attempted: 1, succeeded: 0, skipped: 499 });
  });

  it('CTRL-03: 10 creates with call 4 failing: the batch 3..6 finishes, the last batch is skipped', () => {
    expect(slowStart(10, (i) => i === 4)).toEqual({ attempted: 7, succeeded: 6, skipped: 3 });
  });

  it('CTRL-03: no failure attempts and creates everything', () => {
    expect(slowStart(10, () => false)).toEqual({ attempted: 10, succeeded: 10, skipped: 0 });
  });
});

describe('Events', () => {
  it.each([
    ['ROLL-03: a created Pod → Normal SuccessfulCreate "Created pod: <name>"', { action: 'create', ok: true, podName: 'nginx-deployment-85b98978db-llj69' }, { type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: nginx-deployment-85b98978db-llj69' }],
    ['CTRL-03: a refused create → Warning FailedCreate "Error creating: <error>"', { action: 'create', ok: false, error: 'exceeded quota' }, { type: 'Warning', reason: 'FailedCreate', message: 'Error creating: exceeded quota' }],
    ['CTRL-03: a create refused in a terminating namespace → no Event', { action: 'create', ok: false, error: 'namespace terminating', namespaceTerminating: true }, null],
    ['CTRL-03: a deleted Pod → Normal SuccessfulDelete "Deleted pod: <name>"', { action: 'delete', ok: true, podName: 'web-abcde' }, { type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: web-abcde' }],
    ['CTRL-03: a failed delete → Warning FailedDelete "Error deleting: <error>"', { action: 'delete', ok: false, podName: 'web-abcde', error: 'timeout' }, { type: 'Warning', reason: 'FailedDelete', message: 'Error deleting: timeout' }],
    ['CTRL-03: deleting a Pod already gone → no Event', { action: 'delete', ok: false, podName: 'web-abcde', error: 'not found', notFound: true }, null],
  ] as const)('%s', (_name, outcome, event) => {
    expect(podEvent(outcome)).toEqual(event);
  });

  it('ROLL-03: successfulCreate is the Event kubectl describe rs shows', () => {
    expect(successfulCreate('web-x2b4z').message).toBe('Created pod: web-x2b4z');
  });
});
