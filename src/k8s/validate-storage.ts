// What kube-apiserver rejects in storage objects and Pod volumes (API-04, PVC-01, PVC-08, PVC-10, PVC-12,
// PVC-14, CFG-04, CFG-05), after the v1 defaults are applied, in its own wording:
//   pkg/apis/core/validation/validation.go   ValidatePersistentVolume(Spec), ValidatePersistentVolumeClaimSpec,
//                                            ValidateVolumes, ValidateVolumeMounts, ValidateConfigMap, ValidateSecret
//   pkg/apis/storage/validation/validation.go ValidateStorageClass, ValidateCSIDriver, ValidateVolumeAttachment
// Supported-value lists are printed as the server prints them: sorted where it uses sets.List, in source
// order otherwise (CSIDriver volumeLifecycleModes).
// Left out: the internals of volume sources other than csi, nfs, hostPath, local, persistentVolumeClaim,
// configMap, secret and emptyDir; label selectors and dataSource of claims; size limits (1 MiB for a
// ConfigMap or Secret, 256 kB of StorageClass parameters); allowedTopologies; every update rule.
import { FieldPath, type PathSegment } from './positions.ts';
import type { Quantity } from './quantity.ts';
import {
  DNS1123_SUBDOMAIN,
  SUBDOMAIN_MESSAGE,
  dnsLabel,
  dnsSubdomain,
  duplicate,
  forbidden,
  invalid,
  nodeSelectorTerm,
  notFound,
  notSupported,
  oneOf,
  quantityOrProblem,
  read,
  required,
  requiredString,
  stringMap,
  typeMismatch,
  type FieldError,
  type Json,
} from './validate-objects.ts';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const PV_RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const CLASS_RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];
const LIFECYCLE_MODES = ['Persistent', 'Ephemeral'];

// The order in which the server counts volume sources: the first one found is validated, every later one
// is "may not specify more than 1 volume type".
const PV_SOURCES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi', 'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'scaleIO', 'local', 'storageos', 'csi'];
const POD_VOLUME_SOURCES = ['emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image'];

/**
 * A path that prints as Kubernetes names the field but is located at the value the user wrote: the server
 * reports a claim's storage request as `spec.resources[storage]` although it sits at
 * spec.resources.requests.storage, and a bad access mode as `spec.accessModes` although one item is wrong.
 * FieldPath ties text and segments together and has no public way to part them, hence the prototype.
 */
function locatedAt(path: FieldPath, at: readonly PathSegment[]): FieldPath {
  return Object.assign(Object.create(FieldPath.prototype) as FieldPath, { segments: at, text: path.toString() });
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** PVC-01: modes must be known, at least one given, and ReadWriteOncePod stands alone. */
function accessModes(errs: FieldError[], value: unknown, path: FieldPath, requiredDetail: string): void {
  const modes = read(errs, value, path, 'array') ?? [];
  if (modes.length === 0) errs.push(required(path, requiredDetail));
  let oncePod = false;
  let other = false;
  modes.forEach((m, i) => {
    const mode = read(errs, m, path.index(i), 'string');
    if (mode === undefined) return;
    if (!ACCESS_MODES.includes(mode)) errs.push(notSupported(locatedAt(path, path.index(i).segments), mode, ACCESS_MODES));
    else if (mode === 'ReadWriteOncePod') oncePod = true;
    else other = true;
  });
  if (oncePod && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
}

/** A quantity as the decoder would read it; a malformed one is reported like a Pod's (RES-03). */
function quantityAt(errs: FieldError[], raw: unknown, at: FieldPath): Quantity | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    errs.push(typeMismatch(at, raw, 'string'));
    return undefined;
  }
  const parsed = quantityOrProblem(String(raw));
  if (typeof parsed !== 'string') return parsed;
  errs.push(invalid(at, String(raw), parsed));
  return undefined;
}

function quantityMap(errs: FieldError[], value: unknown, path: FieldPath): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(read(errs, value, path, 'object') ?? {})) {
    const q = quantityAt(errs, raw, path.key(name));
    if (q) parsed.set(name, q);
  }
  return parsed;
}

const className = (errs: FieldError[], value: unknown, path: FieldPath) => {
  const name = read(errs, value, path, 'string');
  if (name) dnsSubdomain(errs, name, path);
};

// ---- PersistentVolume (PVC-12, PVC-13, PVC-14) ----

export function validatePersistentVolume(pv: Json): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('spec');
  const spec = read(errs, pv['spec'], path, 'object') ?? {};
  accessModes(errs, spec['accessModes'], path.child('accessModes'), '');

  const capPath = path.child('capacity');
  const capacity = quantityMap(errs, spec['capacity'], capPath);
  const written = isObject(spec['capacity']) ? spec['capacity'] : {};
  if (Object.keys(written).length === 0) errs.push(required(capPath));
  // The server prints the Go map here (a struct dump); the map as written reads better and names the same keys.
  if (!('storage' in written) || Object.keys(written).length > 1)
    errs.push({ path: capPath, message: `Unsupported value: ${JSON.stringify(written)}: supported values: "storage"` });
  for (const [name, q] of capacity) {
    if (q.value() < 0n) errs.push(invalid(capPath.key(name), q.value(), 'must be a valid resource quantity'));
    if (q.sign() <= 0) errs.push(invalid(capPath.key(name), q.toString(), 'must be greater than zero'));
  }

  const reclaim = spec['persistentVolumeReclaimPolicy'];
  if (reclaim !== undefined && reclaim !== '') oneOf(errs, reclaim, path.child('persistentVolumeReclaimPolicy'), PV_RECLAIM_POLICIES);

  // validateVolumeNodeAffinity: a nodeAffinity without `required` still counts as given for local volumes.
  const naPath = path.child('nodeAffinity');
  const affinity = read(errs, spec['nodeAffinity'], naPath, 'object');
  if (affinity) {
    const req = read(errs, affinity['required'], naPath.child('required'), 'object');
    if (!req) errs.push(required(naPath.child('required'), 'must specify required node constraints'));
    else {
      const termsPath = naPath.child('required', 'nodeSelectorTerms');
      const terms = read(errs, req['nodeSelectorTerms'], termsPath, 'array') ?? [];
      if (terms.length === 0) errs.push(required(termsPath, 'must have at least one node selector term'));
      terms.forEach((t, i) => nodeSelectorTerm(errs, t, termsPath.index(i)));
    }
  }

  const sources = PV_SOURCES.filter((s) => spec[s] != null);
  if (sources.length === 0) errs.push(required(path, 'must specify a volume type'));
  for (const extra of sources.slice(1)) errs.push(forbidden(path.child(extra), 'may not specify more than 1 volume type'));
  const first = sources[0];
  if (first !== undefined) {
    const at = path.child(first);
    const source = read(errs, spec[first], at, 'object') ?? {};
    const needs: Record<string, string[]> = { csi: ['driver', 'volumeHandle'], nfs: ['server', 'path'], hostPath: ['path'], local: ['path'] };
    for (const field of needs[first] ?? []) requiredString(errs, source[field], at.child(field));
    if (first === 'local' && !affinity) errs.push(required(naPath, 'Local volume requires node affinity'));
  }

  className(errs, spec['storageClassName'], path.child('storageClassName'));
  if (spec['volumeMode'] != null) oneOf(errs, spec['volumeMode'], path.child('volumeMode'), VOLUME_MODES);
  return errs;
}

// ---- PersistentVolumeClaim (PVC-01, PVC-08) ----

export function validatePersistentVolumeClaim(pvc: Json): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('spec');
  const spec = read(errs, pvc['spec'], path, 'object') ?? {};
  accessModes(errs, spec['accessModes'], path.child('accessModes'), 'at least 1 access mode is required');

  const resPath = path.child('resources');
  const resources = read(errs, spec['resources'], resPath, 'object') ?? {};
  const requestsPath = resPath.child('requests');
  const requests = quantityMap(errs, resources['requests'], requestsPath);
  quantityMap(errs, resources['limits'], resPath.child('limits'));
  const written = isObject(resources['requests']) ? resources['requests'] : {};
  // The server names the request spec.resources[storage]; positions point at what the user wrote.
  const storagePath = resPath.key('storage');
  const storage = requests.get('storage');
  if (!('storage' in written)) errs.push(required(locatedAt(storagePath, requestsPath.segments)));
  else if (storage && storage.sign() <= 0)
    errs.push(invalid(locatedAt(storagePath, requestsPath.child('storage').segments), storage.toString(), 'must be greater than zero'));

  className(errs, spec['storageClassName'], path.child('storageClassName'));
  if (spec['volumeMode'] != null) oneOf(errs, spec['volumeMode'], path.child('volumeMode'), VOLUME_MODES);
  read(errs, spec['volumeName'], path.child('volumeName'), 'string');
  return errs;
}

// ---- storage.k8s.io/v1 (PVC-09, PVC-10) ----

/** validation.IsQualifiedName, as ValidateQualifiedName reports it (a provisioner name). */
function qualifiedName(errs: FieldError[], value: string, path: FieldPath): void {
  const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
  const nameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const parts = value.split('/');
  if (parts.length > 2) return void errs.push(invalid(path, value, `a qualified name ${nameMessage} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`));
  const name = parts[parts.length - 1] ?? '';
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') errs.push(invalid(path, value, 'prefix part must be non-empty'));
    else {
      if (prefix.length > 253) errs.push(invalid(path, value, 'prefix part must be no more than 253 characters'));
      if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push(invalid(path, value, `prefix part ${SUBDOMAIN_MESSAGE}`));
    }
  }
  if (name === '') errs.push(invalid(path, value, 'name part must be non-empty'));
  else if (name.length > 63) errs.push(invalid(path, value, 'name part must be no more than 63 characters'));
  if (!NAME.test(name)) errs.push(invalid(path, value, `name part ${nameMessage}`));
}

/** ValidateStorageClass; reclaimPolicy and volumeBindingMode are checked after their defaults (Delete, Immediate). */
export function validateStorageClass(sc: Json): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = requiredString(errs, sc['provisioner'], FieldPath.root('provisioner'));
  if (provisioner !== undefined) qualifiedName(errs, provisioner.toLowerCase(), FieldPath.root('provisioner'));
  stringMap(errs, sc['parameters'], FieldPath.root('parameters'));
  if (sc['reclaimPolicy'] != null && sc['reclaimPolicy'] !== '') oneOf(errs, sc['reclaimPolicy'], FieldPath.root('reclaimPolicy'), CLASS_RECLAIM_POLICIES);
  if (sc['volumeBindingMode'] != null) oneOf(errs, sc['volumeBindingMode'], FieldPath.root('volumeBindingMode'), BINDING_MODES);
  read(errs, sc['allowVolumeExpansion'], FieldPath.root('allowVolumeExpansion'), 'boolean');
  return errs;
}

/** ValidateCSIDriver; attachRequired and podInfoOnMount are defaulted (true, false) before the Required checks. */
export function validateCSIDriver(driver: Json): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('spec');
  const spec = read(errs, driver['spec'], path, 'object') ?? {};
  // Kubernetes names this path `attachedRequired` (sic); the field itself is attachRequired.
  read(errs, spec['attachRequired'], locatedAt(path.child('attachedRequired'), path.child('attachRequired').segments), 'boolean');
  read(errs, spec['podInfoOnMount'], path.child('podInfoOnMount'), 'boolean');
  if (spec['fsGroupPolicy'] != null) oneOf(errs, spec['fsGroupPolicy'], path.child('fsGroupPolicy'), FS_GROUP_POLICIES);
  const modesPath = path.child('volumeLifecycleModes');
  (read(errs, spec['volumeLifecycleModes'], modesPath, 'array') ?? []).forEach((m, i) => {
    const mode = read(errs, m, modesPath.index(i), 'string');
    if (mode !== undefined && !LIFECYCLE_MODES.includes(mode)) errs.push(notSupported(locatedAt(modesPath, modesPath.index(i).segments), mode, LIFECYCLE_MODES));
  });
  return errs;
}

/** ValidateVolumeAttachment (VOL-09): an attacher, exactly one source, and a node name. */
export function validateVolumeAttachment(va: Json): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('spec');
  const spec = read(errs, va['spec'], path, 'object') ?? {};
  requiredString(errs, spec['attacher'], path.child('attacher'));
  const sourcePath = path.child('source');
  const source = read(errs, spec['source'], sourcePath, 'object') ?? {};
  const pvName = source['persistentVolumeName'];
  const inline = source['inlineVolumeSpec'];
  const exactlyOne = 'must specify exactly one of inlineVolumeSpec and persistentVolumeName';
  if (pvName == null && inline == null) errs.push(required(sourcePath, exactlyOne));
  else if (pvName != null && inline != null) errs.push(forbidden(sourcePath, exactlyOne));
  else if (pvName != null) {
    const name = read(errs, pvName, sourcePath.child('persistentVolumeName'), 'string');
    if (name === '') errs.push(required(sourcePath.child('persistentVolumeName'), 'must specify non empty persistentVolumeName'));
  }
  const node = read(errs, spec['nodeName'], path.child('nodeName'), 'string');
  if (node !== undefined || spec['nodeName'] == null) dnsSubdomain(errs, node ?? '', path.child('nodeName'));
  return errs;
}

// ---- ConfigMap, Secret (CFG-04, CFG-05) ----

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** validation.IsConfigMapKey: the rule for ConfigMap and Secret keys, which become file names (CFG-03). */
function configKey(errs: FieldError[], key: string, path: FieldPath): void {
  if (key.length > 253) errs.push(invalid(path, key, 'must be no more than 253 characters'));
  if (!CONFIG_KEY.test(key))
    errs.push(invalid(path, key, "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
  if (key === '.') errs.push(invalid(path, key, "must not be '.'"));
  else if (key === '..') errs.push(invalid(path, key, "must not be '..'"));
  else if (key.startsWith('..')) errs.push(invalid(path, key, "must not start with '..'"));
}

export function validateConfigMap(cm: Json): FieldError[] {
  const errs: FieldError[] = [];
  const data = read(errs, cm['data'], FieldPath.root('data'), 'object') ?? {};
  const binary = read(errs, cm['binaryData'], FieldPath.root('binaryData'), 'object') ?? {};
  for (const [key, value] of Object.entries(data)) {
    const at = FieldPath.root('data').key(key);
    configKey(errs, key, at);
    if (key in binary) errs.push(invalid(at, key, 'duplicate of key present in binaryData'));
    read(errs, value, at, 'string');
  }
  for (const [key, value] of Object.entries(binary)) {
    configKey(errs, key, FieldPath.root('binaryData').key(key));
    read(errs, value, FieldPath.root('binaryData').key(key), 'string');
  }
  read(errs, cm['immutable'], FieldPath.root('immutable'), 'boolean');
  return errs;
}

/** Keys each built-in Secret type must carry (CFG-05); stringData is merged into data before the check. */
const SECRET_TYPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

export function validateSecret(secret: Json): FieldError[] {
  const errs: FieldError[] = [];
  const dataPath = FieldPath.root('data');
  const data = read(errs, secret['data'], dataPath, 'object') ?? {};
  const stringData = read(errs, secret['stringData'], FieldPath.root('stringData'), 'object') ?? {};
  for (const [key, value] of Object.entries(data)) {
    configKey(errs, key, dataPath.key(key));
    read(errs, value, dataPath.key(key), 'string');
  }
  for (const [key, value] of Object.entries(stringData)) {
    if (!(key in data)) configKey(errs, key, locatedAt(dataPath.key(key), ['stringData', key]));
    read(errs, value, FieldPath.root('stringData').key(key), 'string');
  }
  const keys = new Set([...Object.keys(data), ...Object.keys(stringData)]);
  const type = read(errs, secret['type'], FieldPath.root('type'), 'string') ?? 'Opaque';
  const meta = isObject(secret['metadata']) ? secret['metadata'] : {};
  const annotations = isObject(meta['annotations']) ? meta['annotations'] : {};
  if (type === 'kubernetes.io/service-account-token' && !annotations['kubernetes.io/service-account.name'])
    errs.push(required(FieldPath.root('metadata', 'annotations').key('kubernetes.io/service-account.name')));
  // A key the type demands is absent, so the error points at the type that demands it.
  const missing = (key: string) => required(locatedAt(dataPath.key(key), ['type']));
  if (type === 'kubernetes.io/basic-auth' && !keys.has('username') && !keys.has('password')) errs.push(missing('username'), missing('password'));
  for (const key of SECRET_TYPE_KEYS[type] ?? []) if (!keys.has(key)) errs.push(missing(key));
  read(errs, secret['immutable'], FieldPath.root('immutable'), 'boolean');
  return errs;
}

// ---- Pod volumes and volume mounts (PVC-01, CFG-01, CFG-02) ----

/**
 * ValidateVolumes: the names of the volumes that passed, which is what volumeMounts may name (a volume with
 * an error is left out, so a mount of it is also "Not found", as on the server). A volume with no source is
 * no error: the v1 defaults turn it into an emptyDir.
 */
export function podVolumes(errs: FieldError[], value: unknown, path: FieldPath): Set<string> {
  const names = new Set<string>();
  (read(errs, value, path, 'array') ?? []).forEach((v, i) => {
    const at = path.index(i);
    const volume = read(errs, v, at, 'object');
    if (!volume) return;
    const own: FieldError[] = [];
    const sources = POD_VOLUME_SOURCES.filter((s) => volume[s] != null);
    for (const extra of sources.slice(1)) own.push(forbidden(at.child(extra), 'may not specify more than 1 volume type'));
    const first = sources[0];
    if (first !== undefined) podVolumeSource(own, first, volume[first], at.child(first));
    const name = requiredString(own, volume['name'], at.child('name'));
    if (name !== undefined) dnsLabel(own, name, at.child('name'));
    if (name !== undefined && names.has(name)) own.push(duplicate(at.child('name'), name));
    if (own.length === 0 && name !== undefined) names.add(name);
    errs.push(...own);
  });
  return names;
}

function podVolumeSource(errs: FieldError[], kind: string, value: unknown, at: FieldPath): void {
  const source = read(errs, value, at, 'object');
  if (!source) return;
  if (kind === 'persistentVolumeClaim') {
    requiredString(errs, source['claimName'], at.child('claimName'));
    read(errs, source['readOnly'], at.child('readOnly'), 'boolean');
  } else if (kind === 'configMap' || kind === 'secret') {
    requiredString(errs, source[kind === 'secret' ? 'secretName' : 'name'], at.child(kind === 'secret' ? 'secretName' : 'name'));
    read(errs, source['optional'], at.child('optional'), 'boolean');
    (read(errs, source['items'], at.child('items'), 'array') ?? []).forEach((item, i) => {
      const entry = read(errs, item, at.child('items').index(i), 'object') ?? {};
      requiredString(errs, entry['key'], at.child('items').index(i).child('key'));
      requiredString(errs, entry['path'], at.child('items').index(i).child('path'));
    });
  } else if (kind === 'hostPath') requiredString(errs, source['path'], at.child('path'));
  else if (kind === 'emptyDir' && source['sizeLimit'] != null) {
    const limit = quantityAt(errs, source['sizeLimit'], at.child('sizeLimit'));
    if (limit && limit.sign() < 0) errs.push(forbidden(at.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
  }
}

/** ValidateVolumeMounts for every container: the volume must exist, mountPath is required and unique. */
export function podVolumeMounts(errs: FieldError[], spec: Json, path: FieldPath, volumes: ReadonlySet<string>): void {
  for (const list of ['containers', 'initContainers']) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, i) => {
      if (!isObject(c)) return;
      const mountsPath = path.child(list).index(i).child('volumeMounts');
      const mountPaths = new Set<string>();
      (read(errs, c['volumeMounts'], mountsPath, 'array') ?? []).forEach((m, j) => {
        const at = mountsPath.index(j);
        const mount = read(errs, m, at, 'object');
        if (!mount) return;
        const name = mount['name'] == null || mount['name'] === '' ? '' : read(errs, mount['name'], at.child('name'), 'string');
        if (name === '') errs.push(required(at.child('name')));
        if (name !== undefined && !volumes.has(name)) errs.push(notFound(at.child('name'), name));
        const mountPath = requiredString(errs, mount['mountPath'], at.child('mountPath')) ?? '';
        if (mountPaths.has(mountPath)) errs.push(invalid(at.child('mountPath'), mountPath, 'must be unique'));
        mountPaths.add(mountPath);
        read(errs, mount['readOnly'], at.child('readOnly'), 'boolean');
        read(errs, mount['subPath'], at.child('subPath'), 'string');
      });
    });
  }
}
