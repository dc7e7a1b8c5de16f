// findMatchingVolume as the PV controller (no node) and the scheduler (a node) search (PVC-02, PVC-03,
// PVC-06, PVC-08, PVC-10..PVC-13). Each row names the verdict and the reason.
import { describe, expect, it } from 'vitest';
import { findMatchingVolume, type MatchOptions } from '../../../src/storage/binding/index.ts';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../src/k8s/types.ts';
import { node, pv, pvc } from './fixtures.ts';

type Row = [name: string, claim: PersistentVolumeClaim, volumes: PersistentVolume[], opts: MatchOptions, expected: string | undefined];

const rows: Row[] = [
  // Class (PVC-03, PVC-06, PVC-08)
  ['PVC-06: binds pv-manual: same class name, no StorageClass object needed', pvc('c', { cls: 'manual' }), [pv('pv-manual', { cls: 'manual' })], {}, 'pv-manual'],
  ['PVC-03: no match: the only PV is of class slow, the claim asks for fast', pvc('c', { cls: 'fast' }), [pv('pv-slow', { cls: 'slow' })], {}, undefined],
  ['PVC-08: binds pv-none: class "" matches a PV without class', pvc('c', { cls: '' }), [pv('pv-std', { cls: 'standard' }), pv('pv-none')], {}, 'pv-none'],
  ['PVC-08: no match: a claim with class "" never takes a classed PV', pvc('c', { cls: '' }), [pv('pv-std', { cls: 'standard' })], {}, undefined],
  ['PVC-06: binds pv-beta: the beta storage-class annotation overrides the PV field', pvc('c', { cls: 'gold' }), [pv('pv-beta', { cls: 'x', annotations: { 'volume.beta.kubernetes.io/storage-class': 'gold' } })], {}, 'pv-beta'],
  // Capacity (PVC-03)
  ['PVC-03: binds pv-10: the smallest PV that fits, not the first', pvc('c', { size: '5Gi' }), [pv('pv-50', { size: '50Gi' }), pv('pv-10', { size: '10Gi' }), pv('pv-20', { size: '20Gi' })], {}, 'pv-10'],
  ['PVC-03: binds pv-exact: capacity equal to the request fits', pvc('c', { size: '5Gi' }), [pv('pv-exact', { size: '5Gi' }), pv('pv-big', { size: '6Gi' })], {}, 'pv-exact'],
  ['PVC-03: no match: every PV is smaller than 5Gi', pvc('c', { size: '5Gi' }), [pv('pv-1', { size: '1Gi' }), pv('pv-4', { size: '4Gi' })], {}, undefined],
  ['PVC-03: binds pv-a: equal capacities go to the earlier PV', pvc('c'), [pv('pv-a', { size: '10Gi' }), pv('pv-b', { size: '10Gi' })], {}, 'pv-a'],
  ['RES-04: binds pv-gi: 5Gi is more than 5G, so the 5G PV is too small', pvc('c', { size: '5Gi' }), [pv('pv-g', { size: '5G' }), pv('pv-gi', { size: '5Gi' })], {}, 'pv-gi'],
  // Access modes (PVC-03): exact set first, then supersets by number of modes
  ['PVC-03: no match: RWX requested, only RWO offered', pvc('c', { modes: ['ReadWriteMany'] }), [pv('pv-rwo')], {}, undefined],
  ['PVC-03: binds pv-rwo-20: the exact {RWO} group is searched before the smaller {RWO,ROX} PV', pvc('c'), [pv('pv-gce-6', { size: '6Gi', modes: ['ReadWriteOnce', 'ReadOnlyMany'] }), pv('pv-rwo-20', { size: '20Gi' })], {}, 'pv-rwo-20'],
  ['PVC-03: binds pv-gce: a superset is taken when no exact group fits', pvc('c'), [pv('pv-rwo-1', { size: '1Gi' }), pv('pv-gce', { modes: ['ReadWriteOnce', 'ReadOnlyMany'] })], {}, 'pv-gce'],
  ['PVC-03: binds pv-two: a two-mode superset before a three-mode one', pvc('c'), [pv('pv-three', { size: '6Gi', modes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'] }), pv('pv-two', { size: '9Gi', modes: ['ReadOnlyMany', 'ReadWriteOnce'] })], {}, 'pv-two'],
  // volumeMode (PVC-13)
  ['PVC-13: no match: a Block claim and a Filesystem PV', pvc('c', { mode: 'Block' }), [pv('pv-fs', { mode: 'Filesystem' })], {}, undefined],
  ['PVC-13: binds pv-fs: unset volumeMode on both sides is Filesystem', pvc('c'), [pv('pv-block', { mode: 'Block', size: '6Gi' }), pv('pv-fs')], {}, 'pv-fs'],
  // Selector (PVC-03)
  ['PVC-03: binds pv-stable: the selector release=stable skips the smaller unlabelled PV', pvc('c', { selector: { matchLabels: { release: 'stable' } } }), [pv('pv-plain', { size: '6Gi' }), pv('pv-stable', { labels: { release: 'stable' } })], {}, 'pv-stable'],
  ['PVC-03: no match: matchExpressions environment In [dev] against environment=prod', pvc('c', { selector: { matchExpressions: [{ key: 'environment', operator: 'In', values: ['dev'] }] } }), [pv('pv-prod', { labels: { environment: 'prod' } })], {}, undefined],
  // Phase, deletion, other claims
  ['PVC-14: no match: a Released PV is not bindable until its claimRef is cleared', pvc('c'), [pv('pv-rel', { phase: 'Released', claimRef: { name: 'old', uid: 'u-old' } })], {}, undefined],
  ['PVC-03: no match: a PV with no phase yet (just created) is skipped', pvc('c'), [pv('pv-new', { phase: null })], {}, undefined],
  ['PVC-14: no match: a PV being deleted is skipped', pvc('c'), [pv('pv-del', { deleting: true })], {}, undefined],
  ['PVC-02: no match: the PV is bound to another claim', pvc('c'), [pv('pv-other', { phase: 'Bound', claimRef: { name: 'other', uid: 'u9' } })], {}, undefined],
  // Pre-binding both ways (PVC-02)
  ['PVC-02: binds pv-pre: a PV pre-bound to the claim wins over a smaller free one', pvc('c'), [pv('pv-free', { size: '6Gi' }), pv('pv-pre', { size: '50Gi', claimRef: { name: 'c' } })], {}, 'pv-pre'],
  ['PVC-02: binds pv-pre: pre-binding ignores class, selector and phase', pvc('c', { cls: 'fast', selector: { matchLabels: { a: 'b' } } }), [pv('pv-pre', { cls: 'slow', phase: 'Pending', claimRef: { name: 'c' } })], {}, 'pv-pre'],
  ['PVC-02: no match: a pre-bound PV still has to be big enough', pvc('c', { size: '5Gi' }), [pv('pv-pre', { size: '1Gi', claimRef: { name: 'c' } })], {}, undefined],
  ['PVC-02: no match: a claimRef with the uid of a deleted namesake is another claim', pvc('c', { uid: 'new' }), [pv('pv-pre', { claimRef: { name: 'c', uid: 'old' } })], {}, undefined],
  ['PVC-02: no match: same claim name in another namespace', pvc('c', { namespace: 'team-a' }), [pv('pv-pre', { claimRef: { name: 'c', namespace: 'team-b' } })], {}, undefined],
  ['PVC-03: binds pv-rwo: a pre-bound PV in a superset group loses to a fitting PV in the exact group', pvc('c'), [pv('pv-pre', { modes: ['ReadWriteOnce', 'ReadOnlyMany'], claimRef: { name: 'c' } }), pv('pv-rwo')], {}, 'pv-rwo'],
  // delayBinding (PVC-10)
  ['PVC-10: no match: WaitForFirstConsumer, the controller leaves free PVs to the scheduler', pvc('c'), [pv('pv-free')], { delayBinding: true }, undefined],
  ['PVC-10: binds pv-pre: WaitForFirstConsumer, a pre-bound PV is still bound by the controller', pvc('c'), [pv('pv-free'), pv('pv-pre', { claimRef: { name: 'c' } })], { delayBinding: true }, 'pv-pre'],
  // Scheduler path: node affinity and exclusions (PVC-11, PVC-12)
  ['PVC-12: binds local-1 on node01: its nodeAffinity names node01', pvc('c', { cls: 'local' }), [pv('local-1', { cls: 'local', node: 'node01' })], { node: node('node01'), delayBinding: true }, 'local-1'],
  ['PVC-12: no match on node02: the local PV belongs to node01', pvc('c', { cls: 'local' }), [pv('local-1', { cls: 'local', node: 'node01' })], { node: node('node02'), delayBinding: true }, undefined],
  ['PVC-12: no match on node02: a pre-bound PV for node01 ends the search, though a free PV fits node02', pvc('c'), [pv('pre', { claimRef: { name: 'c' }, node: 'node01' }), pv('free', { node: 'node02' })], { node: node('node02') }, undefined],
  ['PVC-11: binds pv-b: pv-a was chosen for another claim of the Pod', pvc('c'), [pv('pv-a', { size: '6Gi' }), pv('pv-b')], { node: node('node01'), excluded: new Set(['pv-a']) }, 'pv-b'],
  ['PVC-03: binds pv-gce-6 on a node: the scheduler checks modes per PV and keeps the smallest, no group order', pvc('c'), [pv('pv-gce-6', { size: '6Gi', modes: ['ReadWriteOnce', 'ReadOnlyMany'] }), pv('pv-rwo-20', { size: '20Gi' })], { node: node('node01') }, 'pv-gce-6'],
  ['PVC-03: no match on a node: RWX requested, only RWO offered', pvc('c', { modes: ['ReadWriteMany'] }), [pv('pv-rwo')], { node: node('node01') }, undefined],
];

describe('findMatchingVolume', () => {
  for (const [name, claim, volumes, opts, expected] of rows) it(name, () => expect(findMatchingVolume(claim, volumes, opts)).toBe(expected));
});
