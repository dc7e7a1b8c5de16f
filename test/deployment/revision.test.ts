// Revisions, rollback and history cleanup (ROLL-09, ROLL-10, GC-03).
import { describe, expect, it } from 'vitest';
import {
  cleanupOldReplicaSets, lastRevision, maxRevision, newReplicaSetRevisionAnnotations, nextRevision, rollbackDeployment, rollbackTarget,
} from '../../src/deployment/revision.ts';
import { REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, replicaSetState } from '../../src/deployment/replica-sets.ts';
import type { ReplicaSet } from '../../src/k8s/types.ts';
import { deployment, rs } from './support.ts';

function replicaSet(name: string, revision: number, image: string, annotations: Record<string, string> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, creationTimestamp: `2024-01-01T00:0${revision}:00Z`, annotations: { [REVISION_ANNOTATION]: String(revision), ...annotations } },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': name.slice(4) } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': name.slice(4) } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}
const history = [replicaSet('web-aaa', 1, 'nginx:1.23', { 'kubernetes.io/change-cause': 'v1.23' }), replicaSet('web-bbb', 2, 'nginx:1.24'), replicaSet('web-ccc', 3, 'nginx:1.25')];

describe('revision numbers', () => {
  it('ROLL-09: MaxRevision and LastRevision of revisions 1, 3, 2 are 3 and 2; the next new ReplicaSet gets 4', () => {
    const rses = [{ revision: 1 }, { revision: 3 }, { revision: 2 }];
    expect([maxRevision(rses), lastRevision(rses), nextRevision(rses)]).toEqual([3, 2, 4]);
  });
  it('ROLL-09: a ReplicaSet without the annotation counts as revision 0; an unreadable one is skipped', () => {
    expect(replicaSetState({ ...history[0]!, metadata: { name: 'x' } }).revision).toBe(0);
    expect(maxRevision([replicaSetState({ ...history[0]!, metadata: { name: 'x', annotations: { [REVISION_ANNOTATION]: 'abc' } } }), { revision: 2 }])).toBe(2);
  });
});

describe('rollback', () => {
  it('ROLL-10: `rollout undo` (revision 0) picks the previous revision, 2', () => {
    expect(rollbackTarget(history, 0, 'web')).toEqual({ rs: history[1] });
  });
  it('ROLL-10: --to-revision=1 picks revision 1; --to-revision=7 is `unable to find specified revision 7 in history`', () => {
    expect(rollbackTarget(history, 1, 'web')).toEqual({ rs: history[0] });
    expect(rollbackTarget(history, 7, 'web')).toEqual({ error: 'unable to find specified revision 7 in history' });
  });
  it('ROLL-09: with only one revision kept there is nothing to undo: `no rollout history found for deployment "web"`', () => {
    expect(rollbackTarget([history[2]!], 0, 'web')).toEqual({ error: 'no rollout history found for deployment "web"' });
  });

  it('ROLL-10: the old template (hash label removed) and its change-cause replace the Deployment\'s; the revision annotation stays', () => {
    const d = deployment({ image: 'nginx:1.25' });
    d.metadata.annotations = { [REVISION_ANNOTATION]: '3', 'kubernetes.io/change-cause': 'v1.25' };
    const result = rollbackDeployment(d, history[0]!, 1);
    expect('deployment' in result && result.message).toBe('rolled back');
    if (!('deployment' in result)) return;
    expect(result.deployment.spec.template).toEqual({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.23' }] } });
    expect(result.deployment.metadata.annotations).toEqual({ [REVISION_ANNOTATION]: '3', 'kubernetes.io/change-cause': 'v1.23' });
  });

  it('ROLL-10: undo to the template already running → `skipped rollback (current template already matches revision 3)`', () => {
    expect(rollbackDeployment(deployment({ image: 'nginx:1.25' }), history[2]!, 3)).toMatchObject({ message: 'skipped rollback (current template already matches revision 3)' });
  });

  it('ROLL-08: a paused Deployment cannot be rolled back', () => {
    expect(rollbackDeployment(deployment({ paused: true }), history[0]!, 1)).toEqual({
      error: "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again",
    });
  });

  it('ROLL-10: the ReplicaSet rolled back to becomes new and takes revision 4 (max of the others + 1), keeping "1" in revision-history', () => {
    const others = history.slice(1).map(replicaSetState);
    const annotations = newReplicaSetRevisionAnnotations(history[0]!.metadata.annotations ?? {}, nextRevision(others));
    expect(annotations[REVISION_ANNOTATION]).toBe('4');
    expect(annotations[REVISION_HISTORY_ANNOTATION]).toBe('1');
    const again = newReplicaSetRevisionAnnotations(annotations, 6);
    expect([again[REVISION_ANNOTATION], again[REVISION_HISTORY_ANNOTATION]]).toEqual(['6', '1,4']);
  });

  it('ROLL-09: a new ReplicaSet already at a higher revision keeps it', () => {
    expect(newReplicaSetRevisionAnnotations({ [REVISION_ANNOTATION]: '5' }, 4)).toEqual({ [REVISION_ANNOTATION]: '5' });
  });
});

describe('cleanupOldReplicaSets', () => {
  const old = [1, 2, 3, 4, 5].map((v) => rs(`web-r${v}`, v, 0, 0, { revision: v, generation: 2, observedGeneration: 2 }));
  it('ROLL-09: revisions 1–5 all at 0, limit 2 → delete revisions 1, 2, 3 (lowest first)', () => {
    expect(cleanupOldReplicaSets([...old].reverse(), 2)).toEqual(['web-r1', 'web-r2', 'web-r3']);
  });
  it('ROLL-09: the default limit 10 keeps all five; no limit keeps everything', () => {
    expect(cleanupOldReplicaSets(old, 10)).toEqual([]);
    expect(cleanupOldReplicaSets(old, undefined)).toEqual([]);
  });
  it('ROLL-09: limit 0 deletes every old ReplicaSet (no rollback possible any more)', () => {
    expect(cleanupOldReplicaSets(old, 0)).toHaveLength(5);
  });
  it('GC-03: a candidate still holding Pods, not yet observed at 0, or already being deleted is skipped, not replaced by the next one', () => {
    const mixed = [
      { ...old[0]!, statusReplicas: 1 },
      { ...old[1]!, generation: 3 },
      { ...old[2]!, terminating: true },
      old[3]!,
      old[4]!,
    ];
    // web-r3 is terminating: not cleanable at all, so 4 remain, 2 over the limit of 2: web-r1 and web-r2, both skipped.
    expect(cleanupOldReplicaSets(mixed, 2)).toEqual([]);
  });
});
