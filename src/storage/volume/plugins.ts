// Which in-tree plugin (pkg/volume/*) handles a Pod volume or a PersistentVolume, and whether it has an
// Attach phase (attach/detach controller) and a device-mount/stage phase (kubelet) before the per-Pod mount.
// The two decisions are the json-logic rules volume/attachable and volume/stages; this module only gathers
// their input. Names are the plugins' registered names; kubelet escapes "/" to "~" for the directory under
// pods/<uid>/volumes/ (utilstrings.EscapeQualifiedName). Behaviours: VOL-01, VOL-02, VOL-07, VOL-08, VOL-10,
// VOL-11. Left out: cloud in-tree plugins (all CSI-migrated), block volume mode, local PVs whose path is a
// raw block device (the local plugin device-mounts those; modelled as directories here).
import { InputError } from '../../errors.ts';
import type { CSIDriver, PersistentVolume, Volume } from '../../k8s/types.ts';
import { getRule } from '../../rules/registry.ts';

export type VolumeSourceKind =
  | 'csi'
  | 'flexVolume'
  | 'nfs'
  | 'local'
  | 'hostPath'
  | 'configMap'
  | 'secret'
  | 'projected'
  | 'downwardAPI'
  | 'emptyDir';

/** Registered plugin names (each plugin's `*PluginName` constant). FlexVolume's is per driver. */
export const PLUGIN_NAMES: Readonly<Record<Exclude<VolumeSourceKind, 'flexVolume'>, string>> = {
  csi: 'kubernetes.io/csi',
  nfs: 'kubernetes.io/nfs',
  local: 'kubernetes.io/local-volume',
  hostPath: 'kubernetes.io/host-path',
  configMap: 'kubernetes.io/configmap',
  secret: 'kubernetes.io/secret',
  projected: 'kubernetes.io/projected',
  downwardAPI: 'kubernetes.io/downward-api',
  emptyDir: 'kubernetes.io/empty-dir',
};

const SOURCES = ['csi', 'flexVolume', 'nfs', 'local', 'hostPath', 'configMap', 'secret', 'projected', 'downwardAPI', 'emptyDir'] as const;

/** "kubernetes.io/csi" → "kubernetes.io~csi": the on-disk form of a qualified name. */
export function escapeQualifiedName(name: string): string {
  return name.replaceAll('/', '~');
}

/** What a FlexVolume driver's init reply declared (src/storage/flexvolume/reply.ts parses it). */
export interface FlexInitCapabilities {
  /** null/absent: the driver did not say, and kubelet's default (true) applies (VOL-08). */
  attach?: boolean | null;
}

export interface VolumePluginContext {
  /** CSIDriver objects in the cluster; a driver without one still needs attach (VOL-10). */
  csiDrivers?: readonly CSIDriver[];
  /** Drivers whose NodeGetCapabilities lists STAGE_UNSTAGE_VOLUME (VOL-11). */
  csiStageUnstage?: readonly string[];
  /** Init replies of FlexVolume drivers, keyed by driver ("k8s/nfs"). */
  flexInit?: Readonly<Record<string, FlexInitCapabilities>>;
}

export interface VolumePlugin {
  source: VolumeSourceKind;
  /** Registered name: "kubernetes.io/csi", or "flexvolume-<vendor>/<driver>" for FlexVolume. */
  name: string;
  /** The directory under pods/<uid>/volumes/: "kubernetes.io~csi"; FlexVolume uses "<vendor>~<driver>". */
  directory: string;
  /** Attach phase run by the attach/detach controller (VOL-03). */
  attachable: boolean;
  /** Device-mount (CSI NodeStageVolume, FlexVolume mountdevice) before the per-Pod mount. */
  stages: boolean;
  /** The CSI or FlexVolume driver. */
  driver?: string;
  /** volume.Spec.Name(): the PV name for a PersistentVolume, the Pod's volume name for an inline one. */
  specName: string;
  /** True for a Pod volume, false for a PersistentVolume. */
  inline: boolean;
}

function isPersistentVolume(source: Volume | PersistentVolume): source is PersistentVolume {
  return (source as PersistentVolume).kind === 'PersistentVolume';
}

function driverOf(value: unknown, where: string): string {
  const driver = (value as { driver?: unknown } | null)?.driver;
  if (typeof driver !== 'string' || driver === '') throw new InputError(`${where}: driver is required`);
  return driver;
}

/**
 * The plugin handling `source` and its phases. A Pod volume naming a persistentVolumeClaim has no plugin of
 * its own: pass the bound PersistentVolume instead (InputError says so).
 * Example: a PV with csi.driver "ebs.csi.aws.com" and no CSIDriver object → attachable, stages only if the
 * context lists the driver in csiStageUnstage.
 */
export function volumePlugin(source: Volume | PersistentVolume, ctx: VolumePluginContext = {}): VolumePlugin {
  const inline = !isPersistentVolume(source);
  const fields: Record<string, unknown> = isPersistentVolume(source) ? source.spec : source;
  const specName = isPersistentVolume(source) ? source.metadata.name : source.name;
  const where = inline ? `volume "${specName}"` : `PersistentVolume "${specName}"`;
  if (inline && fields['persistentVolumeClaim'] !== undefined) {
    throw new InputError(`${where} refers to a PersistentVolumeClaim: resolve its bound PersistentVolume and pass that`);
  }
  const kind = SOURCES.find((s) => fields[s] !== undefined && fields[s] !== null);
  if (kind === undefined) throw new InputError(`${where} has no volume source kubemodel knows (${SOURCES.join(', ')})`);

  const driver = kind === 'csi' || kind === 'flexVolume' ? driverOf(fields[kind], `${where} ${kind}`) : undefined;
  const csiDriver = kind === 'csi' ? ctx.csiDrivers?.find((d) => d.metadata.name === driver) : undefined;
  const input = {
    source: kind,
    inline,
    csiDriverFound: csiDriver !== undefined,
    csiAttachRequired: csiDriver?.spec.attachRequired ?? null,
    csiStageUnstage: driver !== undefined && kind === 'csi' && (ctx.csiStageUnstage ?? []).includes(driver),
    flexAttach: kind === 'flexVolume' && driver !== undefined ? (ctx.flexInit?.[driver]?.attach ?? null) : null,
  };
  const attachable = getRule('volume/attachable').evaluate(input) === true;
  const stages = getRule('volume/stages').evaluate(input) === true;
  const name = kind === 'flexVolume' ? `flexvolume-${driver}` : PLUGIN_NAMES[kind];
  // FlexVolume's mounter path is keyed by the driver, not by its plugin name (flexvolume/volume.go GetPath).
  const directory = escapeQualifiedName(kind === 'flexVolume' ? (driver as string) : name);
  const plugin: VolumePlugin = { source: kind, name, directory, attachable, stages, specName, inline };
  if (driver !== undefined) plugin.driver = driver;
  return plugin;
}
