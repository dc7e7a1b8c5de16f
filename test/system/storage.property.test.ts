// Random walks through random storage clusters (claims, volumes of every kind, classes binding Immediate or
// WaitForFirstConsumer, Pods using the claims, user deletions of Pods and claims, one fault), checking every
// invariant of properties/storage.ts on every state and every step. The seed is printed by fast-check on
// failure; replay with { seed, path }.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadPodModel, type ModelFile } from '../../src/checker/pod-model.ts';
import { walkModel } from '../support/walk.ts';
import type { KubeObject } from '../../src/k8s/types.ts';
import { storageInvariants, storageStepInvariants } from '../../properties/storage.ts';
import { arbStorageCluster } from '../arbitraries/storage.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

function loadManifests(...files: string[]): KubeObject[] {
  const root = join(import.meta.dirname, '..', '..');
  return files.flatMap((f) => parseAllDocuments(readFileSync(join(root, f), 'utf8')).map((d) => d.toJS() as KubeObject)).filter((o) => o.kind !== 'Node' || o.metadata.name === 'node01');
}

const STORAGE_IDS = [...storageInvariants, ...storageStepInvariants].map((p) => p.id);

function model(objects: KubeObject[], rebind?: ModelFile['rebind'], constants: ModelFile['constants'] = {}): ModelFile {
  return {
    id: 'random-storage',
    description: 'random storage cluster',
    machines: [],
    objects,
    constants: { maxRestarts: 0, maxFaults: 1, allowDelete: true, allowDeleteClaims: true, allowVolumeAdmin: true, ...constants },
    invariants: STORAGE_IDS,
    ...(rebind ? { rebind } : {}),
    expect: {},
  };
}

const walk = walkModel;

const choices = fc.array(fc.nat(), { minLength: 1, maxLength: 50 });

describe('storage under random clusters and event sequences', () => {
  it('PVC-02, PVC-10, PVC-14, VOL-03, VOL-04, VOL-05: every storage invariant holds on every reachable state and step', () => {
    fc.assert(
      fc.property(arbStorageCluster, choices, (objects, picks) => {
        expect(walk(model(objects), picks)).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it('VOL-01, VOL-04: the same walks catch a kubelet that stages a volume before it is attached', () => {
    const broken: ModelFile['rebind'] = {
      volume: { offers: { 'volume-manager/may-mount-device': { and: [{ var: 'pod.scheduled' }, { var: 'pod.reachable' }, { var: 'stages' }] } } },
    };
    // One CSI volume in use on one node: the walks reach a deleted Pod whose volume is still mounted.
    const cluster = fc.constant(loadManifests('examples/storage/cluster.yaml', 'examples/storage/pv-pod.yaml'));
    const result = fc.check(
      fc.property(cluster, choices, (objects, picks) => walk(model(objects, broken, { allowDelete: false, allowDeleteClaims: false, maxFaults: 0 }), picks) === undefined),
      { numRuns: 300, seed: 7 },
    );
    expect(result.failed).toBe(true);
  });

  it('API-04: a rebind naming a rule the machine does not offer by is bad input', () => {
    const bad: ModelFile['rebind'] = { volume: { offers: { 'attach-detach/may-detach': true } } };
    expect(() => loadPodModel(model([], bad))).toThrow('rebind: machine volume offers no event by rule "attach-detach/may-detach"');
  });
});
