// ClaimPods (ROLL-01, GC-01): adoption of matching orphans, release of relabelled Pods, never adopting while
// the ReplicaSet is being deleted, and the owner reference AdoptPod writes.
import { describe, expect, it } from 'vitest';
import { adopt, adoptionReference, claimDecision, claimPods, release } from '../../src/replicaset/claim.ts';
import { names, pod, replicaSet } from './support.ts';

describe('claimDecision', () => {
  it.each([
    ['ROLL-01: adopt an orphan labelled app=web', replicaSet(), pod('p', { owner: null }), 'adopt'],
    ['ROLL-01: ignore an orphan labelled app=db', replicaSet(), pod('p', { owner: null, labels: { app: 'db' } }), 'ignore'],
    ['ROLL-01: ignore an unlabelled orphan', replicaSet(), pod('p', { owner: null, labels: {} }), 'ignore'],
    ['ROLL-01: ignore an orphan being deleted', replicaSet(), pod('p', { owner: null, deleting: true }), 'ignore'],
    ['GC-01: ignore a matching Pod another ReplicaSet controls', replicaSet(), pod('p', { owner: 'rs-other' }), 'ignore'],
    ['ROLL-01: keep an owned matching Pod', replicaSet(), pod('p'), 'owned'],
    ['ROLL-01: release an owned Pod relabelled app=debug', replicaSet(), pod('p', { labels: { app: 'debug' } }), 'release'],
    ['GC-01: a ReplicaSet being deleted never adopts', replicaSet({ deleting: true }), pod('p', { owner: null }), 'ignore'],
    ['GC-01: a ReplicaSet being deleted still counts its matching Pods as owned', replicaSet({ deleting: true }), pod('p'), 'owned'],
    ['GC-01: a ReplicaSet being deleted does not release relabelled Pods', replicaSet({ deleting: true }), pod('p', { labels: { app: 'debug' } }), 'ignore'],
  ] as const)('%s', (_name, rs, p, expected) => {
    expect(claimDecision(rs, p)).toBe(expected);
  });
});

describe('claimPods', () => {
  it('ROLL-01: adopts orphans, releases relabelled Pods, and owns the matching ones in input order', () => {
    const pods = [pod('orphan', { owner: null }), pod('mine'), pod('debug', { labels: { app: 'debug' } }), pod('theirs', { owner: 'rs-other' })];
    const result = claimPods(replicaSet(), pods);
    expect({ adopt: names(result.adopt), release: names(result.release), owned: names(result.owned) }).toEqual({
      adopt: ['orphan'],
      release: ['debug'],
      owned: ['orphan', 'mine'],
    });
  });

  it('GC-01: a ReplicaSet being deleted adopts and releases nothing', () => {
    const result = claimPods(replicaSet({ deleting: true }), [pod('orphan', { owner: null }), pod('debug', { labels: { app: 'debug' } }), pod('mine')]);
    expect({ adopt: names(result.adopt), release: names(result.release), owned: names(result.owned) }).toEqual({ adopt: [], release: [], owned: ['mine'] });
  });
});

describe('adoption and release patches', () => {
  it('GC-01: AdoptPod writes controller: true and blockOwnerDeletion: true', () => {
    expect(adoptionReference(replicaSet())).toEqual({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-web', controller: true, blockOwnerDeletion: true });
  });

  it('GC-01: adopting an orphan makes the ReplicaSet its controller and keeps other owner references', () => {
    const orphan = pod('p', { owner: null });
    orphan.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'cm-1' }];
    const adopted = adopt(orphan, replicaSet());
    expect(adopted.metadata.ownerReferences?.map((r) => r.uid)).toEqual(['cm-1', 'rs-web']);
    expect(claimDecision(replicaSet(), adopted)).toBe('owned');
  });

  it('ROLL-01: releasing removes the reference, so the Pod becomes an orphan the ReplicaSet ignores', () => {
    const released = release(pod('p', { labels: { app: 'debug' } }), replicaSet());
    expect(released.metadata.ownerReferences).toBeUndefined();
    expect(claimDecision(replicaSet(), released)).toBe('ignore');
  });
});
