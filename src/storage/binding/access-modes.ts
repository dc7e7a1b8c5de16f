// The PV controller's access-mode index (pkg/controller/volume/persistentvolume/index.go): PVs are grouped
// by their set of access modes, and a claim searches the sets that contain all its modes, fewest modes first.
// A claim for RWO with PVs offering {RWO} and {RWO,ROX}: the {RWO} group is searched first, and a fitting PV
// there wins even over a smaller one in {RWO,ROX} (PVC-03).
import type { PersistentVolume, PersistentVolumeAccessMode } from '../../k8s/types.ts';
import { getRule } from '../../rules/registry.ts';

/** v1helper.GetAccessModesAsString's order; duplicates and unknown modes drop out. */
const ORDER: readonly [PersistentVolumeAccessMode, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** The index key of a PV: "RWO,ROX" for [ReadOnlyMany, ReadWriteOnce, ReadOnlyMany]. */
export function accessModesKey(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ORDER.filter(([m]) => set.has(m)).map(([, short]) => short).join(',');
}

export function accessModesSatisfied(requested: readonly string[] | undefined, offered: readonly string[] | undefined): boolean {
  return getRule('storage/access-modes-satisfied').evaluate({ requested: requested ?? [], offered: offered ?? [] }) === true;
}

const modesOfKey = (key: string): string[] => (key === '' ? [] : key.split(',').map((s) => ORDER.find(([, short]) => short === s)?.[0] ?? s));

/**
 * allPossibleMatchingAccessModes + listByAccessModes: the PVs grouped by index key, only groups offering
 * every requested mode, fewest modes first. Kubernetes orders equally large groups by map iteration (random);
 * the model orders them by key so runs repeat. Within a group PVs keep their input order.
 */
export function accessModeGroups(requested: readonly string[] | undefined, volumes: readonly PersistentVolume[]): PersistentVolume[][] {
  const groups = new Map<string, PersistentVolume[]>();
  for (const pv of volumes) {
    const key = accessModesKey(pv.spec.accessModes);
    const group = groups.get(key);
    if (group) group.push(pv);
    else groups.set(key, [pv]);
  }
  const keys = [...groups.keys()].filter((k) => accessModesSatisfied(requested, modesOfKey(k)));
  keys.sort((a, b) => modesOfKey(a).length - modesOfKey(b).length || (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => groups.get(k) as PersistentVolume[]);
}
