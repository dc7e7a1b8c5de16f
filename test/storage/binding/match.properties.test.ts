// Properties of the controller's PV search (PVC-02, PVC-03, PVC-10) over random PVs and claims, and a
// differential test against a brute-force oracle written from FindMatchingVolume's rules without the library
// (plain filters, sizes as bytes). Broken variants prove the suite can fail (STYLE lesson 12). Seeds are
// pinned; fast-check prints the counterexample and the seed on failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../src/k8s/types.ts';
import { accessModeGroups, findMatchingVolume, volumeVerdict } from '../../../src/storage/binding/index.ts';
import { SIZES, arbClaim, arbVolumes } from './arbitraries.ts';

type Finder = (claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], opts: { delayBinding?: boolean }) => string | undefined;

const bytes = (s: string | undefined): number => SIZES[s ?? ''] ?? 0;
const modeOf = (m: string | undefined): string => m ?? 'Filesystem';
const has = (list: readonly string[] | undefined, x: string): boolean => (list ?? []).includes(x);

/** The oracle's reading of FindMatchingVolume, one PV at a time. */
function oracleVerdict(claim: PersistentVolumeClaim, pv: PersistentVolume, delayBinding: boolean): 'skip' | 'prebound' | 'candidate' {
  const ref = pv.spec.claimRef;
  const mine = ref !== undefined && ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace && (!ref.uid || ref.uid === claim.metadata.uid);
  if (ref && !mine) return 'skip';
  if (bytes(pv.spec.capacity?.storage) < bytes(claim.spec.resources?.requests?.storage)) return 'skip';
  if (modeOf(pv.spec.volumeMode) !== modeOf(claim.spec.volumeMode)) return 'skip';
  if (pv.metadata.deletionTimestamp) return 'skip';
  if (mine) return 'prebound';
  if (delayBinding) return 'skip';
  if (pv.status?.phase !== 'Available') return 'skip';
  const wanted = claim.spec.selector?.matchLabels ?? {};
  if (Object.entries(wanted).some(([k, v]) => pv.metadata.labels?.[k] !== v)) return 'skip';
  if ((pv.spec.storageClassName ?? '') !== (claim.spec.storageClassName ?? '')) return 'skip';
  return 'candidate';
}

/**
 * Brute force: every distinct set of offered modes that covers the request, each searched alone. The answer
 * comes from the sets with the fewest modes among those that have one; Kubernetes searches equally large
 * sets in map order, so each of their answers is acceptable.
 */
function oracle(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): string[] {
  const setOf = (pv: PersistentVolume) => [...new Set(pv.spec.accessModes ?? [])].sort().join('+');
  const sizeOfSet = (s: string) => s.split('+').filter(Boolean).length;
  const answers: { modes: number; name: string }[] = [];
  for (const set of new Set(volumes.map(setOf))) {
    if (!(claim.spec.accessModes ?? []).every((m) => set.split('+').includes(m))) continue;
    const members = volumes.filter((pv) => setOf(pv) === set);
    const pre = members.find((pv) => oracleVerdict(claim, pv, delayBinding) === 'prebound');
    const cands = members.filter((pv) => oracleVerdict(claim, pv, delayBinding) === 'candidate');
    const smallest = Math.min(...cands.map((pv) => bytes(pv.spec.capacity?.storage)));
    const best = pre ?? cands.find((pv) => bytes(pv.spec.capacity?.storage) === smallest);
    if (best) answers.push({ modes: sizeOfSet(set), name: best.metadata.name });
  }
  const fewest = Math.min(...answers.map((a) => a.modes));
  return answers.filter((a) => a.modes === fewest).map((a) => a.name);
}

/** The library's answer is one the oracle accepts; no answer exactly when the oracle has none. */
const differential = (find: Finder) =>
  fc.property(arbClaim, arbVolumes, fc.boolean(), (claim, volumes, delayBinding) => {
    const got = find(claim, volumes, { delayBinding });
    const acceptable = oracle(claim, volumes, delayBinding);
    if (acceptable.length === 0) expect(got).toBeUndefined();
    else expect(acceptable).toContain(got);
  });

/** The library's own invariants: a candidate, the smallest in the first access-mode group that has one. */
const invariants = (find: Finder) =>
  fc.property(arbClaim, arbVolumes, (claim, volumes) => {
    const got = find(claim, volumes, {});
    const groups = accessModeGroups(claim.spec.accessModes, volumes);
    const first = groups.find((g) => g.some((pv) => volumeVerdict(claim, pv) !== 'skip'));
    if (got === undefined) {
      expect(first).toBeUndefined();
      return;
    }
    const chosen = volumes.find((v) => v.metadata.name === got) as PersistentVolume;
    expect(['prebound', 'candidate']).toContain(volumeVerdict(claim, chosen));
    expect(first).toContain(chosen);
    if (volumeVerdict(claim, chosen) === 'candidate') {
      const smaller = (first ?? []).filter((pv) => volumeVerdict(claim, pv) === 'candidate' && bytes(pv.spec.capacity?.storage) < bytes(chosen.spec.capacity?.storage));
      expect(smaller.map((pv) => pv.metadata.name)).toEqual([]);
    }
  });

/** Wrong on purpose: the largest candidate of the first group with one. */
const largest: Finder = (claim, volumes, opts) => {
  for (const group of accessModeGroups(claim.spec.accessModes, volumes)) {
    const pre = group.find((pv) => volumeVerdict(claim, pv, opts) === 'prebound');
    if (pre) return pre.metadata.name;
    const cands = group.filter((pv) => volumeVerdict(claim, pv, opts) === 'candidate');
    const big = cands.sort((a, b) => bytes(b.spec.capacity?.storage) - bytes(a.spec.capacity?.storage))[0];
    if (big) return big.metadata.name;
  }
  return undefined;
};

/** Wrong on purpose: one pass over every PV with access modes checked per PV, as if no index existed. */
const noGroups: Finder = (claim, volumes, opts) =>
  findMatchingVolume(
    claim,
    volumes.filter((pv) => (claim.spec.accessModes ?? []).every((m) => has(pv.spec.accessModes, m))),
    { ...opts, node: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'anywhere' } } },
  );

describe('findMatchingVolume properties', () => {
  it('PVC-03: the chosen PV is a candidate, and the smallest one in the first access-mode group that has any', () => {
    fc.assert(invariants(findMatchingVolume), { numRuns: 1500, seed: 7 });
  });

  it('PVC-02, PVC-03, PVC-10: the library agrees with the brute-force oracle', () => {
    fc.assert(differential(findMatchingVolume), { numRuns: 2000, seed: 11 });
  });

  const broken: [string, Finder][] = [
    ['PVC-03: the differential test catches a variant that picks the largest candidate', largest],
    ['PVC-03: the differential test catches a variant that ignores the access-mode groups', noGroups],
  ];
  for (const [name, find] of broken) {
    it(name, () => {
      const details = fc.check(differential(find), { numRuns: 2000, seed: 11 });
      expect(details.failed).toBe(true);
    });
  }

  it('PVC-03: the invariants catch the largest-candidate variant too', () => {
    expect(fc.check(invariants(largest), { numRuns: 5000, seed: 7 }).failed).toBe(true);
  });
});
