// What the storage machines' enabling rules see, computed once per state: claims and volumes as stored, the
// plugin behind each volume (attach and device-mount phases), which (volume, node) pairs the
// AttachDetachController wants attached, and where kubelet has volumes mounted.
import type { CSIDriver, PersistentVolume, PersistentVolumeClaim, Pod, Secret, StorageClass, Volume } from '../k8s/types.ts';
import { volumePlugin, type VolumePlugin } from '../storage/volume/plugins.ts';
import type { ClusterMachines } from './machines.ts';
import type { Instance, SystemState } from './types.ts';

export interface StorageFacts {
  claims: Map<string, PersistentVolumeClaim>;
  volumes: Map<string, PersistentVolume>;
  classes: StorageClass[];
  csiDrivers: CSIDriver[];
  configMaps: Set<string>;
  secrets: Set<string>;
  /** `pv@node` → attachment state path ("Attached", "Detached" …). */
  attachments: Map<string, string>;
  /** `pv@node` pairs that a scheduled, not yet terminated Pod needs attached. */
  desired: Set<string>;
  /** `pv@node` pairs kubelet has staged or mounted for some Pod. */
  mountedOn: Set<string>;
  /** Per Pod store key: are all its volumes mounted, are all unmounted. */
  podVolumes: Map<string, { mounted: boolean; unmounted: boolean }>;
  plugin: (pv: PersistentVolume) => VolumePlugin | undefined;
  /** Per Pod store key: its pod-machine instance, and whether any of its containers runs. */
  pods: Map<string, { inst: Instance; anyRunning: boolean }>;
  /** Pods as stored, by store key. */
  podObjects: Map<string, Pod>;
}

const cache = new WeakMap<SystemState, StorageFacts>();

/** The PersistentVolume a Pod volume uses: through its claim's spec.volumeName, once bound. */
export function claimOfVolume(v: Volume, namespace: string, facts: Pick<StorageFacts, 'claims'>): PersistentVolumeClaim | undefined {
  const name = v.persistentVolumeClaim?.claimName;
  return name === undefined ? undefined : facts.claims.get(`${namespace}/${name}`);
}

/** IsMultiAttachAllowed: only a volume with a ReadWriteMany or ReadOnlyMany access mode may be on several nodes. */
export function exclusive(pv: PersistentVolume): boolean {
  const modes = pv.spec.accessModes ?? [];
  return !modes.includes('ReadWriteMany') && !modes.includes('ReadOnlyMany');
}

/** Pods whose containers no longer run once deleted, or that finished: the controller detaches their volumes. */
function terminated(pod: Pod, anyRunning: boolean): boolean {
  return (pod.metadata.deletionTimestamp !== undefined && !anyRunning) || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function storageFacts(state: SystemState, machines: ClusterMachines): StorageFacts {
  let facts = cache.get(state);
  if (facts) return facts;
  const claims = new Map<string, PersistentVolumeClaim>();
  const volumes = new Map<string, PersistentVolume>();
  const classes: StorageClass[] = [];
  const csiDrivers: CSIDriver[] = [];
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const podObjects = new Map<string, Pod>();
  for (const o of state.store.objects.values()) {
    const ns = o.metadata.namespace ?? 'default';
    if (o.kind === 'PersistentVolumeClaim') claims.set(`${ns}/${o.metadata.name}`, o as unknown as PersistentVolumeClaim);
    else if (o.kind === 'PersistentVolume') volumes.set(o.metadata.name, o as unknown as PersistentVolume);
    else if (o.kind === 'StorageClass') classes.push(o as unknown as StorageClass);
    else if (o.kind === 'CSIDriver') csiDrivers.push(o as unknown as CSIDriver);
    else if (o.kind === 'ConfigMap') configMaps.add(`${ns}/${o.metadata.name}`);
    else if (o.kind === 'Secret') secrets.add(`${ns}/${o.metadata.name}`);
    else if (o.kind === 'Pod') podObjects.set(`Pod/${ns}/${o.metadata.name}`, o as unknown as Pod);
  }
  // Drivers stage (NodeStageVolume) unless their CSIDriver object says otherwise through kubemodel's annotation,
  // since the capability is only visible over gRPC (NodeGetCapabilities).
  const noStage = new Set(csiDrivers.filter((d) => d.metadata.annotations?.['kubemodel.io/stage-unstage-volume'] === 'false').map((d) => d.metadata.name));
  const stagingDrivers = [...volumes.values()].map((pv) => pv.spec.csi?.driver).filter((d): d is string => d !== undefined && !noStage.has(d));
  const plugins = new Map<string, VolumePlugin | undefined>();
  const plugin = (pv: PersistentVolume): VolumePlugin | undefined => {
    if (!plugins.has(pv.metadata.name)) {
      let p: VolumePlugin | undefined;
      try {
        p = volumePlugin(pv, { csiDrivers, csiStageUnstage: stagingDrivers });
      } catch {
        p = undefined;
      }
      plugins.set(pv.metadata.name, p);
    }
    return plugins.get(pv.metadata.name);
  };
  const podInfo = new Map<string, { inst: Instance; anyRunning: boolean }>();
  for (const inst of state.instances) {
    if (inst.machine === 'pod') podInfo.set(inst.object, { inst, anyRunning: false });
    else if (inst.machine === 'container' && machines.container.leafPath(inst.state).startsWith('Running')) {
      const info = podInfo.get(inst.object);
      if (info) info.anyRunning = true;
    }
  }
  const running = (key: string) => podInfo.get(key)?.anyRunning ?? false;
  const desired = new Set<string>();
  for (const pod of podObjects.values()) {
    const node = pod.spec.nodeName;
    if (!node) continue;
    const ns = pod.metadata.namespace ?? 'default';
    if (terminated(pod, running(`Pod/${ns}/${pod.metadata.name}`))) continue;
    for (const v of pod.spec.volumes ?? []) {
      const pvName = claimOfVolume(v, ns, { claims })?.spec.volumeName;
      const pv = pvName ? volumes.get(pvName) : undefined;
      if (pv && plugin(pv)?.attachable) desired.add(`${pv.metadata.name}@${node}`);
    }
  }
  const attachments = new Map<string, string>();
  const mountedOn = new Set<string>();
  const podVolumes = new Map<string, { mounted: boolean; unmounted: boolean }>();
  for (const inst of state.instances) {
    if (inst.machine === 'volume-attachment') {
      const c = inst.state.context as { volume: string; node: string };
      attachments.set(`${c.volume}@${c.node}`, machines['volume-attachment'].leafPath(inst.state));
    } else if (inst.machine === 'volume') {
      const path = machines.volume.leafPath(inst.state);
      const c = inst.state.context as { node: string | null; pv: string | null };
      const up = path === 'DeviceMounted' || path.startsWith('Mounted');
      if (up && c.pv && c.node) mountedOn.add(`${c.pv}@${c.node}`);
      const podKey = podKeyOf(inst);
      const agg = podVolumes.get(podKey) ?? { mounted: true, unmounted: true };
      agg.mounted &&= path.startsWith('Mounted');
      agg.unmounted &&= !up;
      podVolumes.set(podKey, agg);
    }
  }
  facts = { claims, volumes, classes, csiDrivers, configMaps, secrets, attachments, desired, mountedOn, podVolumes, plugin, pods: podInfo, podObjects };
  cache.set(state, facts);
  return facts;
}

function podKeyOf(inst: Instance): string {
  const [, ns, pod] = inst.object.split('/');
  return `Pod/${ns}/${pod}`;
}

/** A ConfigMap or Secret the volume needs that does not exist, and is not optional (CFG-02). */
export function missingConfig(v: Volume, namespace: string, facts: Pick<StorageFacts, 'configMaps' | 'secrets'>): string | undefined {
  const cm = (name: string, optional?: boolean) => (!optional && !facts.configMaps.has(`${namespace}/${name}`) ? `configmap "${name}" not found` : undefined);
  const secret = (name: string, optional?: boolean) => (!optional && !facts.secrets.has(`${namespace}/${name}`) ? `secret "${name}" not found` : undefined);
  if (v.configMap) return cm(v.configMap.name, v.configMap.optional);
  if (v.secret) return secret(v.secret.secretName, v.secret.optional);
  for (const s of v.projected?.sources ?? []) {
    const missing = (s.configMap && cm(s.configMap.name, s.configMap.optional)) || (s.secret && secret(s.secret.name, s.secret.optional));
    if (missing) return missing;
  }
  return undefined;
}
