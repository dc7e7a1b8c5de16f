// Config volumes (configMap, secret, projected): can kubelet set them up from the objects that exist, and
// which files appear (CFG-01, CFG-02, CFG-06). Sources: pkg/volume/configmap/configmap.go and
// pkg/volume/secret/secret.go SetUpAt (a missing object fails unless the source is optional), pkg/volume/
// projected/projected.go collectData (errors of all sources joined as an aggregate: one error alone, several
// as "[a, b]"), and kubelet's watch-based object manager, whose NotFound names the singular resource
// (`configmap "x" not found`). Left out: items naming a key the object lacks, defaultMode, binaryData.
import { createHash } from 'node:crypto';
import type { Pod, Volume } from '../../k8s/types.ts';
import { CURRENT_KUBERNETES_VERSION, parseKubernetesMinor } from '../../k8s/version.ts';
import { volumeEvent } from './events.ts';

export interface ConfigVolumeStatus {
  volume: string;
  source: 'configMap' | 'secret' | 'projected';
  /** Whether MountVolume.SetUp can succeed now (VOL-04: the containers wait for it). */
  ready: boolean;
  /** Missing objects the volume skips because their source is optional, e.g. `secret "tls"`. */
  skippedOptional: string[];
  /** SetUp's error, e.g. `configmap "app" not found`. */
  error?: string;
  /** The FailedMount event message kubelet records for it. */
  message?: string;
}

interface Ref {
  kind: 'configmap' | 'secret';
  name: string;
  optional: boolean;
}

/** The objects one config volume needs, in the order kubelet fetches them. */
function refsOf(volume: Volume): { source: ConfigVolumeStatus['source']; refs: Ref[] } | undefined {
  if (volume.configMap) return { source: 'configMap', refs: [{ kind: 'configmap', name: volume.configMap.name, optional: volume.configMap.optional === true }] };
  if (volume.secret) return { source: 'secret', refs: [{ kind: 'secret', name: volume.secret.secretName, optional: volume.secret.optional === true }] };
  if (!volume.projected) return undefined;
  const refs = volume.projected.sources.flatMap((s): Ref[] => {
    if (s.configMap) return [{ kind: 'configmap', name: s.configMap.name, optional: s.configMap.optional === true }];
    if (s.secret) return [{ kind: 'secret', name: s.secret.name, optional: s.secret.optional === true }];
    return [];
  });
  return { source: 'projected', refs };
}

/** Go's utilerrors aggregate text: one message alone, several deduplicated as "[a, b]". */
function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] as string) : `[${unique.join(', ')}]`;
}

/**
 * For each configMap, secret and projected volume of the Pod: ready or not, and why (CFG-02). Objects are
 * looked up by name in the Pod's own namespace, which is what `available` lists.
 * Example: configMap "app" missing and not optional → ready false, error `configmap "app" not found`,
 * message `MountVolume.SetUp failed for volume "config" : configmap "app" not found`.
 */
export function configVolumeStatus(
  pod: Pod,
  available: { configMaps: readonly string[]; secrets: readonly string[] },
  kubernetesVersion: string = CURRENT_KUBERNETES_VERSION,
): ConfigVolumeStatus[] {
  const exists = (r: Ref) => (r.kind === 'configmap' ? available.configMaps : available.secrets).includes(r.name);
  return (pod.spec.volumes ?? []).flatMap((volume) => {
    const found = refsOf(volume);
    if (!found) return [];
    const missing = found.refs.filter((r) => !exists(r));
    const failing = missing.filter((r) => !r.optional).map((r) => `${r.kind} "${r.name}" not found`);
    const status: ConfigVolumeStatus = {
      volume: volume.name,
      source: found.source,
      ready: failing.length === 0,
      skippedOptional: missing.filter((r) => r.optional).map((r) => `${r.kind} "${r.name}"`),
    };
    if (failing.length > 0) {
      status.error = aggregate(failing);
      status.message = volumeEvent('FailedMountSetUp', { volume: volume.name, error: status.error }, kubernetesVersion).message;
    }
    return [status];
  });
}

export interface VolumeFile {
  /** Path inside the volume, e.g. "user" or "ca.crt". */
  path: string;
  /** Where it comes from: "secret/user-secret:user", "configmap/app:app.properties", "downwardAPI:metadata.labels", "serviceAccountToken". */
  from: string;
}

interface KeyToPath {
  key: string;
  path: string;
}
const itemsOf = (source: unknown): KeyToPath[] | undefined => (source as { items?: KeyToPath[] } | null)?.items;

function keyFiles(kind: 'configmap' | 'secret', name: string, items: KeyToPath[] | undefined, keys: readonly string[] | undefined): VolumeFile[] {
  // With items only the listed keys appear, at their paths; without, every key becomes a file of that name.
  if (items && items.length > 0) return items.map((i) => ({ path: i.path, from: `${kind}/${name}:${i.key}` }));
  return (keys ?? []).map((k) => ({ path: k, from: `${kind}/${name}:${k}` }));
}

function downwardFiles(source: unknown): VolumeFile[] {
  const items = (source as { items?: { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { resource: string } }[] } | null)?.items ?? [];
  return items.map((i) => ({ path: i.path, from: `downwardAPI:${i.fieldRef?.fieldPath ?? i.resourceFieldRef?.resource ?? '?'}` }));
}

/**
 * The files a configMap, secret, downwardAPI or projected volume shows (CFG-01, CFG-06); `data` gives each
 * existing object's keys. A missing object contributes nothing.
 * Example: projected secrets "user" (key user) and "pass" (key pass) → files "user" and "pass".
 */
export function volumeFiles(
  volume: Volume,
  data: { configMaps?: Readonly<Record<string, readonly string[]>>; secrets?: Readonly<Record<string, readonly string[]>> } = {},
): VolumeFile[] {
  if (volume.configMap) return keyFiles('configmap', volume.configMap.name, volume.configMap.items, data.configMaps?.[volume.configMap.name]);
  if (volume.secret) return keyFiles('secret', volume.secret.secretName, itemsOf(volume.secret), data.secrets?.[volume.secret.secretName]);
  if (volume.downwardAPI) return downwardFiles(volume.downwardAPI);
  if (!volume.projected) return [];
  return volume.projected.sources.flatMap((s): VolumeFile[] => {
    if (s.configMap) return keyFiles('configmap', s.configMap.name, itemsOf(s.configMap), data.configMaps?.[s.configMap.name]);
    if (s.secret) return keyFiles('secret', s.secret.name, itemsOf(s.secret), data.secrets?.[s.secret.name]);
    if (s.downwardAPI) return downwardFiles(s.downwardAPI);
    if (s.serviceAccountToken) return [{ path: (s.serviceAccountToken as { path?: string }).path ?? 'token', from: 'serviceAccountToken' }];
    return [];
  });
}

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** utilrand's alphabet (no vowels, no 0/1/3): the generated 5-character suffixes use only these. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A deterministic stand-in for the random 5-character name suffix, derived from `seed`. */
export function nameSuffix(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest();
  return Array.from(bytes.subarray(0, 5), (b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join('');
}

const podField = (pod: Pod, key: string): unknown => (pod.spec as unknown as Record<string, unknown>)[key];

/**
 * The ServiceAccount token volume the ServiceAccount admission plugin adds (CFG-07), mounted read-only at
 * /var/run/secrets/kubernetes.io/serviceaccount in every container, or undefined when it adds none:
 * automountServiceAccountToken false on the Pod (or, when the Pod leaves it unset, on the ServiceAccount), or
 * a mirror Pod (CFG-02: static Pods get no token). Since 1.21 (BoundServiceAccountTokenVolume beta) it is
 * the projected "kube-api-access-<5 chars>" with files token, ca.crt and namespace; up to 1.20 the secret
 * volume "<serviceaccount>-token-<5 chars>". The suffix is random in Kubernetes; here it is derived from
 * the Pod's namespace/name (or the ServiceAccount for the secret) so runs are reproducible.
 */
export function serviceAccountTokenVolume(
  pod: Pod,
  opts: { serviceAccountAutomount?: boolean; kubernetesVersion?: string } = {},
): { volume: Volume; mountPath: string; readOnly: true } | undefined {
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return undefined;
  const podSetting = podField(pod, 'automountServiceAccountToken');
  const automount = typeof podSetting === 'boolean' ? podSetting : (opts.serviceAccountAutomount ?? true);
  if (!automount) return undefined;
  const namespace = pod.metadata.namespace ?? 'default';
  const account = typeof podField(pod, 'serviceAccountName') === 'string' ? (podField(pod, 'serviceAccountName') as string) : 'default';
  if (parseKubernetesMinor(opts.kubernetesVersion ?? CURRENT_KUBERNETES_VERSION) <= 20) {
    const name = `${account}-token-${nameSuffix(`${namespace}/${account}`)}`;
    return { volume: { name, secret: { secretName: name } }, mountPath: SERVICE_ACCOUNT_MOUNT_PATH, readOnly: true };
  }
  const volume: Volume = {
    name: `kube-api-access-${nameSuffix(`${namespace}/${pod.metadata.name}`)}`,
    projected: {
      sources: [
        // 3607 s: the bound token's "warn only" lifetime the admission plugin requests.
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        // types.ts has no items on projected sources yet; volumeFiles reads them all the same.
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } as { name: string } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
  return { volume, mountPath: SERVICE_ACCOUNT_MOUNT_PATH, readOnly: true };
}
