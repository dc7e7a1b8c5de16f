// What the API server would reject in a user's Pod or Node before kubemodel simulates it (API-04: schema
// validation precedes storage), restricted to the fields kubemodel reads (src/k8s/types.ts). Messages use
// Kubernetes' own wording (apimachinery field/errors.go, pkg/apis/core/validation/validation.go), so a user
// sees here what `kubectl apply` would have told them. Wrong JSON types, which Kubernetes reports as decode
// errors, are worded like field.TypeInvalid: `Invalid value: "string": must be of type array`.
//
// To model another kind, add a row to SUPPORTED_KINDS with its validator. The storage kinds, ConfigMap,
// Secret and Pod volumes are checked in validate-storage.ts, with the helpers exported here.

import { FieldPath } from './positions.ts';
import { InputError } from '../errors.ts';
import { parseQuantity, type Quantity } from './quantity.ts';
// A cycle on purpose: the storage validators use the helpers below. Neither side touches the other's
// exports while its module body runs (the rows below call through arrows), so either may load first.
import {
  podVolumeMounts,
  podVolumes,
  validateCSIDriver,
  validateConfigMap,
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validateSecret,
  validateStorageClass,
  validateVolumeAttachment,
} from './validate-storage.ts';
import { validateDeployment } from '../deployment/validation.ts';
import type { Deployment } from './types.ts';

/** One finding: `path` locates it, `message` is the Kubernetes error body ("Required value", …). */
export interface FieldError {
  path: FieldPath;
  message: string;
}

export interface KindSupport {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
  validate(object: Record<string, unknown>): FieldError[];
}

export const SUPPORTED_KINDS: readonly KindSupport[] = [
  { apiVersion: 'v1', kind: 'Pod', namespaced: true, validate: validatePod },
  { apiVersion: 'v1', kind: 'Node', namespaced: false, validate: validateNode },
  { apiVersion: 'v1', kind: 'Namespace', namespaced: false, validate: validateNamespace },
  { apiVersion: 'v1', kind: 'LimitRange', namespaced: true, validate: validateLimitRange },
  { apiVersion: 'v1', kind: 'ResourceQuota', namespaced: true, validate: validateResourceQuota },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', namespaced: false, validate: validatePriorityClass },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespaced: true, validate: validateReplicaSet },
  { apiVersion: 'apps/v1', kind: 'Deployment', namespaced: true, validate: (o) => validateDeploymentObject(o) },
  { apiVersion: 'v1', kind: 'PersistentVolume', namespaced: false, validate: (o) => validatePersistentVolume(o) },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespaced: true, validate: (o) => validatePersistentVolumeClaim(o) },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', namespaced: false, validate: (o) => validateStorageClass(o) },
  { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', namespaced: false, validate: (o) => validateCSIDriver(o) },
  { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', namespaced: false, validate: (o) => validateVolumeAttachment(o) },
  { apiVersion: 'v1', kind: 'ConfigMap', namespaced: true, validate: (o) => validateConfigMap(o) },
  { apiVersion: 'v1', kind: 'Secret', namespaced: true, validate: (o) => validateSecret(o) },
];

export function supportFor(apiVersion: string, kind: string): KindSupport | undefined {
  return SUPPORTED_KINDS.find((s) => s.apiVersion === apiVersion && s.kind === kind);
}

// ---- messages (field/errors.go ErrorBody) ----

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));
const quoted = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(', ');

export const required = (path: FieldPath, detail = ''): FieldError => ({
  path,
  message: detail ? `Required value: ${detail}` : 'Required value',
});
export const invalid = (path: FieldPath, value: unknown, detail: string): FieldError => ({
  path,
  message: `Invalid value: ${show(value)}: ${detail}`,
});
export const notSupported = (path: FieldPath, value: unknown, supported: readonly string[]): FieldError => ({
  path,
  message: `Unsupported value: ${show(value)}: supported values: ${quoted(supported)}`,
});
export const duplicate = (path: FieldPath, value: unknown): FieldError => ({ path, message: `Duplicate value: ${show(value)}` });
export const forbidden = (path: FieldPath, detail: string): FieldError => ({ path, message: `Forbidden: ${detail}` });
export const notFound = (path: FieldPath, value: unknown): FieldError => ({ path, message: `Not found: ${show(value)}` });

// ---- typed reads: each returns the value if it has the right JSON type, else records an error ----

export type Json = Record<string, unknown>;
export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'boolean';

/** JSON's name for a value's type, as schema errors print it (`integer` for whole numbers). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function read(errs: FieldError[], value: unknown, path: FieldPath, want: 'object'): Json | undefined;
export function read(errs: FieldError[], value: unknown, path: FieldPath, want: 'array'): unknown[] | undefined;
export function read(errs: FieldError[], value: unknown, path: FieldPath, want: 'string'): string | undefined;
export function read(errs: FieldError[], value: unknown, path: FieldPath, want: 'integer'): number | undefined;
export function read(errs: FieldError[], value: unknown, path: FieldPath, want: 'boolean'): boolean | undefined;
export function read(errs: FieldError[], value: unknown, path: FieldPath, want: JsonType): unknown {
  // JSON null is how Kubernetes clients write "unset", e.g. `nodeSelector: null`.
  if (value === undefined || value === null) return undefined;
  if (jsonType(value) === want) return value;
  errs.push(typeMismatch(path, value, want));
  return undefined;
}

/** field.TypeInvalid's shape: the bad value is the JSON type found, the detail the type wanted. */
export function typeMismatch(path: FieldPath, value: unknown, want: JsonType): FieldError {
  const actual = jsonType(value);
  return invalid(path, actual, want === 'integer' ? 'must be an integer' : `must be of type ${want}${hint(actual, want)}`);
}

/** A missing or empty string is `Required value`; a value of another type is a type error, not both. */
export function requiredString(errs: FieldError[], value: unknown, path: FieldPath, detail = ''): string | undefined {
  if (value === undefined || value === null || value === '') {
    errs.push(required(path, detail));
    return undefined;
  }
  return read(errs, value, path, 'string');
}

/** The usual cause of a non-string scalar is YAML typing an unquoted value; say how to fix it. */
function hint(actual: string, want: JsonType): string {
  if (want !== 'string') return '';
  if (actual === 'boolean') return ': quote it, YAML 1.1 reads unquoted y, n, yes, no, on, off as booleans';
  return actual === 'integer' || actual === 'number' ? ': quote it' : '';
}

export function oneOf(errs: FieldError[], value: unknown, path: FieldPath, supported: readonly string[]): void {
  const text = read(errs, value, path, 'string');
  if (text !== undefined && !supported.includes(text)) errs.push(notSupported(path, text, supported));
}

export function stringMap(errs: FieldError[], value: unknown, path: FieldPath): void {
  const map = read(errs, value, path, 'object');
  for (const [k, v] of Object.entries(map ?? {})) read(errs, v, path.key(k), 'string');
}

// ---- names (apimachinery util/validation) ----

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

export function dnsLabel(errs: FieldError[], name: string, path: FieldPath): void {
  if (name.length > 63) errs.push(invalid(path, name, 'must be no more than 63 characters'));
  if (!DNS1123_LABEL.test(name)) errs.push(invalid(path, name, LABEL_MESSAGE));
}

export function dnsSubdomain(errs: FieldError[], name: string, path: FieldPath): void {
  if (name.length > 253) errs.push(invalid(path, name, 'must be no more than 253 characters'));
  if (!DNS1123_SUBDOMAIN.test(name)) errs.push(invalid(path, name, SUBDOMAIN_MESSAGE));
}

/** ValidateObjectMeta: Pod and Node names are DNS subdomains, namespaces DNS labels. */
export function validateMetadata(object: Json, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('metadata');
  const meta = read(errs, object['metadata'], path, 'object') ?? {};
  const name = requiredString(errs, meta['name'], path.child('name'), 'name or generateName is required');
  if (name !== undefined) dnsSubdomain(errs, name, path.child('name'));
  const namespace = read(errs, meta['namespace'], path.child('namespace'), 'string');
  if (namespaced && namespace) dnsLabel(errs, namespace, path.child('namespace'));
  stringMap(errs, meta['labels'], path.child('labels'));
  stringMap(errs, meta['annotations'], path.child('annotations'));
  return errs;
}

// ---- quantities (RES-03, RES-04) ----

/** The quantity, or resource.ParseQuantity's message without the quoted text it appends (Invalid value prints it). */
export function quantityOrProblem(text: string): Quantity | string {
  try {
    return parseQuantity(text);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const echo = `: ${JSON.stringify(text)}`;
    return error.message.endsWith(echo) ? error.message.slice(0, -echo.length) : error.message;
  }
}

/** Checks every value of a ResourceList; returns the parsed ones so callers can compare requests with limits. */
function resourceList(errs: FieldError[], value: unknown, path: FieldPath): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  const list = read(errs, value, path, 'object');
  for (const [name, raw] of Object.entries(list ?? {})) {
    const at = path.key(name);
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      errs.push(typeMismatch(at, raw, 'string'));
      continue;
    }
    const text = String(raw);
    const quantity = quantityOrProblem(text);
    if (typeof quantity === 'string') errs.push(invalid(at, text, quantity));
    else if (quantity.sign() < 0) errs.push(invalid(at, quantity.toString(), 'must be greater than or equal to 0'));
    else parsed.set(name, quantity);
  }
  return parsed;
}

/** RES-02: a request may not exceed its limit; Kubernetes reports it on the requests map itself. */
function resources(errs: FieldError[], value: unknown, path: FieldPath): void {
  const res = read(errs, value, path, 'object');
  if (!res) return;
  const limits = resourceList(errs, res['limits'], path.child('limits'));
  const requests = resourceList(errs, res['requests'], path.child('requests'));
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (limit && request.cmp(limit) > 0)
      errs.push(invalid(path.child('requests'), request.toString(), `must be less than or equal to ${name} limit of ${limit}`));
  }
}

// ---- Pod ----

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PROBE_INTEGERS = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'];

function validatePod(pod: Json): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('spec');
  const spec = read(errs, pod['spec'], path, 'object') ?? {};
  read(errs, spec['nodeName'], path.child('nodeName'), 'string');
  read(errs, spec['schedulerName'], path.child('schedulerName'), 'string');
  stringMap(errs, spec['nodeSelector'], path.child('nodeSelector'));
  if (spec['restartPolicy'] !== undefined) oneOf(errs, spec['restartPolicy'], path.child('restartPolicy'), RESTART_POLICIES);
  const grace = read(errs, spec['terminationGracePeriodSeconds'], path.child('terminationGracePeriodSeconds'), 'integer');
  if (grace !== undefined && grace < 0)
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), grace, 'must be greater than or equal to 0'));
  read(errs, spec['priority'], path.child('priority'), 'integer');
  resourceList(errs, spec['overhead'], path.child('overhead'));
  const tolerations = read(errs, spec['tolerations'], path.child('tolerations'), 'array') ?? [];
  tolerations.forEach((t, i) => {
    const at = path.child('tolerations').index(i);
    const toleration = read(errs, t, at, 'object') ?? {};
    if (toleration['operator'] !== undefined) oneOf(errs, toleration['operator'], at.child('operator'), ['Equal', 'Exists']);
    if (toleration['effect']) oneOf(errs, toleration['effect'], at.child('effect'), TAINT_EFFECTS);
    read(errs, toleration['tolerationSeconds'], at.child('tolerationSeconds'), 'integer');
  });

  nodeAffinity(errs, spec['affinity'], path.child('affinity'));
  const volumes = podVolumes(errs, spec['volumes'], path.child('volumes'));

  const apps = read(errs, spec['containers'], path.child('containers'), 'array');
  const inits = read(errs, spec['initContainers'], path.child('initContainers'), 'array') ?? [];
  if (spec['containers'] == null || apps?.length === 0) errs.push(required(path.child('containers')));
  // Names are unique across both lists; validateInitContainers reports a clash on the init container.
  const names = new Set<string>();
  (apps ?? []).forEach((c, i) => container(errs, c, path.child('containers').index(i), false, names));
  inits.forEach((c, i) => container(errs, c, path.child('initContainers').index(i), true, names));
  podVolumeMounts(errs, spec, path, volumes);
  return errs;
}

// ValidateNodeSelectorRequirement (pkg/apis/core/validation): the operator, and the values it needs.
const NODE_SELECTOR_OPERATORS = ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'];

function nodeSelectorRequirement(errs: FieldError[], r: unknown, at: FieldPath): void {
  const req = read(errs, r, at, 'object');
  if (!req) return;
  requiredString(errs, req['key'], at.child('key'));
  const op = req['operator'];
  if (op === undefined) return void errs.push(required(at.child('operator')));
  oneOf(errs, op, at.child('operator'), NODE_SELECTOR_OPERATORS);
  const values = read(errs, req['values'], at.child('values'), 'array') ?? [];
  if ((op === 'In' || op === 'NotIn') && values.length === 0) errs.push(required(at.child('values'), 'must be specified when `operator` is \'In\' or \'NotIn\''));
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) errs.push(forbidden(at.child('values'), 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
  if ((op === 'Gt' || op === 'Lt') && values.length !== 1) errs.push(required(at.child('values'), 'must be specified single value when `operator` is \'Lt\' or \'Gt\''));
}

/** One NodeSelectorTerm, shared by Pod node affinity and a PersistentVolume's spec.nodeAffinity (PVC-12). */
export function nodeSelectorTerm(errs: FieldError[], t: unknown, at: FieldPath): void {
  const term = read(errs, t, at, 'object');
  if (!term) return;
  (read(errs, term['matchExpressions'], at.child('matchExpressions'), 'array') ?? []).forEach((r, i) => nodeSelectorRequirement(errs, r, at.child('matchExpressions').index(i)));
  (read(errs, term['matchFields'], at.child('matchFields'), 'array') ?? []).forEach((r, i) => nodeSelectorRequirement(errs, r, at.child('matchFields').index(i)));
}

function nodeAffinity(errs: FieldError[], value: unknown, path: FieldPath): void {
  const affinity = read(errs, value, path, 'object');
  const na = affinity && read(errs, affinity['nodeAffinity'], path.child('nodeAffinity'), 'object');
  if (!na) return;
  const term = (t: unknown, at: FieldPath) => nodeSelectorTerm(errs, t, at);
  const requiredPath = path.child('nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
  const req = read(errs, na['requiredDuringSchedulingIgnoredDuringExecution'], requiredPath, 'object');
  if (req) (read(errs, req['nodeSelectorTerms'], requiredPath.child('nodeSelectorTerms'), 'array') ?? []).forEach((t, i) => term(t, requiredPath.child('nodeSelectorTerms').index(i)));
  const preferredPath = path.child('nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution');
  (read(errs, na['preferredDuringSchedulingIgnoredDuringExecution'], preferredPath, 'array') ?? []).forEach((p, i) => {
    const pref = read(errs, p, preferredPath.index(i), 'object');
    if (!pref) return;
    const weight = read(errs, pref['weight'], preferredPath.index(i).child('weight'), 'integer');
    if (weight !== undefined && (weight < 1 || weight > 100)) errs.push(invalid(preferredPath.index(i).child('weight'), weight, 'must be in the range 1-100'));
    term(pref['preference'], preferredPath.index(i).child('preference'));
  });
}

function container(errs: FieldError[], value: unknown, path: FieldPath, isInit: boolean, names: Set<string>): void {
  const c = read(errs, value, path, 'object');
  if (!c) return;
  const name = requiredString(errs, c['name'], path.child('name'));
  if (name !== undefined) {
    dnsLabel(errs, name, path.child('name'));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    names.add(name);
  }
  requiredString(errs, c['image'], path.child('image'));
  if (c['imagePullPolicy'] !== undefined) oneOf(errs, c['imagePullPolicy'], path.child('imagePullPolicy'), PULL_POLICIES);
  for (const field of ['command', 'args']) {
    const items = read(errs, c[field], path.child(field), 'array') ?? [];
    items.forEach((item, i) => read(errs, item, path.child(field).index(i), 'string'));
  }
  ports(errs, c['ports'], path.child('ports'));
  resources(errs, c['resources'], path.child('resources'));
  env(errs, c, path);

  // POD-14 / KEP-753: restartPolicy Always turns an init container into a sidecar; app containers may not set it.
  const sidecar = isInit && c['restartPolicy'] === 'Always';
  if (c['restartPolicy'] !== undefined) {
    if (isInit) oneOf(errs, c['restartPolicy'], path.child('restartPolicy'), ['Always']);
    else errs.push(forbidden(path.child('restartPolicy'), 'may not be set for non-init containers'));
  }
  for (const probe of PROBES) {
    const p = read(errs, c[probe], path.child(probe), 'object');
    if (!p) continue;
    if (isInit && !sidecar)
      errs.push(forbidden(path.child(probe), 'may not be set for init containers without restartPolicy=Always'));
    for (const field of PROBE_INTEGERS) read(errs, p[field], path.child(probe, field), 'integer');
  }
}

function ports(errs: FieldError[], value: unknown, path: FieldPath): void {
  const list = read(errs, value, path, 'array') ?? [];
  list.forEach((p, i) => {
    const at = path.index(i);
    const port = read(errs, p, at, 'object');
    if (!port) return;
    portNumber(errs, port['containerPort'], at.child('containerPort'), true);
    portNumber(errs, port['hostPort'], at.child('hostPort'), false);
    if (port['protocol'] !== undefined) oneOf(errs, port['protocol'], at.child('protocol'), PROTOCOLS);
    read(errs, port['name'], at.child('name'), 'string');
  });
}

/** validateContainerPorts: 0 means unset (Required for containerPort); otherwise IsValidPortNum. */
function portNumber(errs: FieldError[], value: unknown, path: FieldPath, isRequired: boolean): void {
  if (value === undefined || value === null || value === 0) {
    if (isRequired) errs.push(required(path));
    return;
  }
  const n = read(errs, value, path, 'integer');
  if (n !== undefined && (n < 1 || n > 65535)) errs.push(invalid(path, n, 'must be between 1 and 65535, inclusive'));
}

/** CFG-02: envFrom names the ConfigMaps and Secrets whose absence blocks the container. */
function env(errs: FieldError[], c: Json, path: FieldPath): void {
  const vars = read(errs, c['env'], path.child('env'), 'array') ?? [];
  vars.forEach((v, i) => {
    const at = path.child('env').index(i);
    const envVar = read(errs, v, at, 'object');
    if (!envVar) return;
    requiredString(errs, envVar['name'], at.child('name'));
    read(errs, envVar['value'], at.child('value'), 'string');
  });
  const sources = read(errs, c['envFrom'], path.child('envFrom'), 'array') ?? [];
  sources.forEach((s, i) => {
    const at = path.child('envFrom').index(i);
    const source = read(errs, s, at, 'object') ?? {};
    for (const ref of ['configMapRef', 'secretRef']) {
      const r = read(errs, source[ref], at.child(ref), 'object');
      if (!r) continue;
      requiredString(errs, r['name'], at.child(ref, 'name'));
      read(errs, r['optional'], at.child(ref, 'optional'), 'boolean');
    }
  });
}

// ---- Node ----

function validateNode(node: Json): FieldError[] {
  const errs: FieldError[] = [];
  const specPath = FieldPath.root('spec');
  const spec = read(errs, node['spec'], specPath, 'object') ?? {};
  read(errs, spec['unschedulable'], specPath.child('unschedulable'), 'boolean');
  read(errs, spec['podCIDR'], specPath.child('podCIDR'), 'string');
  const taints = read(errs, spec['taints'], specPath.child('taints'), 'array') ?? [];
  taints.forEach((t, i) => {
    const at = specPath.child('taints').index(i);
    const taint = read(errs, t, at, 'object');
    if (!taint) return;
    requiredString(errs, taint['key'], at.child('key'));
    read(errs, taint['value'], at.child('value'), 'string');
    if (requiredString(errs, taint['effect'], at.child('effect')) !== undefined)
      oneOf(errs, taint['effect'], at.child('effect'), TAINT_EFFECTS);
  });
  const statusPath = FieldPath.root('status');
  const status = read(errs, node['status'], statusPath, 'object') ?? {};
  resourceList(errs, status['capacity'], statusPath.child('capacity'));
  resourceList(errs, status['allocatable'], statusPath.child('allocatable'));
  const conditions = read(errs, status['conditions'], statusPath.child('conditions'), 'array') ?? [];
  conditions.forEach((c, i) => {
    const at = statusPath.child('conditions').index(i);
    const condition = read(errs, c, at, 'object');
    if (!condition) return;
    requiredString(errs, condition['type'], at.child('type'));
    oneOf(errs, condition['status'], at.child('status'), ['True', 'False', 'Unknown']);
  });
  return errs;
}

// ---- admission inputs: Namespace, LimitRange, ResourceQuota, PriorityClass (API-15, RES-12, RES-13, SCHED-23) ----
// Only the fields the admission chain reads; quantities are checked like a Pod's (RES-03, RES-04).

/** ValidateNamespace: a namespace name is a DNS label, and only Active and Terminating are phases. */
function validateNamespace(ns: Json): FieldError[] {
  const errs: FieldError[] = [];
  const name = (ns['metadata'] as Json | undefined)?.['name'];
  if (typeof name === 'string' && name !== '' && DNS1123_SUBDOMAIN.test(name)) dnsLabel(errs, name, FieldPath.root('metadata', 'name'));
  const statusPath = FieldPath.root('status');
  const status = read(errs, ns['status'], statusPath, 'object') ?? {};
  if (status['phase'] !== undefined) oneOf(errs, status['phase'], statusPath.child('phase'), ['Active', 'Terminating']);
  return errs;
}

const LIMIT_TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];
const LIMIT_LISTS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'];

function validateLimitRange(lr: Json): FieldError[] {
  const errs: FieldError[] = [];
  const specPath = FieldPath.root('spec');
  const spec = read(errs, lr['spec'], specPath, 'object') ?? {};
  const limits = read(errs, spec['limits'], specPath.child('limits'), 'array') ?? [];
  limits.forEach((l, i) => {
    const at = specPath.child('limits').index(i);
    const item = read(errs, l, at, 'object');
    if (!item) return;
    if (requiredString(errs, item['type'], at.child('type')) !== undefined) oneOf(errs, item['type'], at.child('type'), LIMIT_TYPES);
    for (const list of LIMIT_LISTS) resourceList(errs, item[list], at.child(list));
  });
  return errs;
}

const QUOTA_SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];

function validateResourceQuota(quota: Json): FieldError[] {
  const errs: FieldError[] = [];
  const specPath = FieldPath.root('spec');
  const spec = read(errs, quota['spec'], specPath, 'object') ?? {};
  resourceList(errs, spec['hard'], specPath.child('hard'));
  const scopes = read(errs, spec['scopes'], specPath.child('scopes'), 'array') ?? [];
  scopes.forEach((s, i) => oneOf(errs, s, specPath.child('scopes').index(i), QUOTA_SCOPES));
  return errs;
}

/** ValidatePriorityClass: value is a required int32; globalDefault a boolean. */
function validatePriorityClass(pc: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (pc['value'] === undefined || pc['value'] === null) errs.push(required(FieldPath.root('value')));
  else read(errs, pc['value'], FieldPath.root('value'), 'integer');
  read(errs, pc['globalDefault'], FieldPath.root('globalDefault'), 'boolean');
  read(errs, pc['description'], FieldPath.root('description'), 'string');
  if (pc['preemptionPolicy'] !== undefined) oneOf(errs, pc['preemptionPolicy'], FieldPath.root('preemptionPolicy'), ['Never', 'PreemptLowerPriority']);
  return errs;
}

// ---- ReplicaSet (apps/v1; pkg/apis/apps/validation ValidateReplicaSetSpec) ----

/** The shape a ReplicaSet shares (replicas, selector, template), then the Deployment's own rules (strategy, limits). */
function validateDeploymentObject(d: Json): FieldError[] {
  const shared = validateReplicaSet(d);
  if (shared.length > 0) return shared;
  return validateDeployment(d as unknown as Deployment).filter((e) => !e.path.toString().startsWith('metadata'));
}

function validateReplicaSet(rs: Json): FieldError[] {
  const errs: FieldError[] = [];
  const specPath = FieldPath.root('spec');
  const spec = read(errs, rs['spec'], specPath, 'object') ?? {};
  const replicas = read(errs, spec['replicas'], specPath.child('replicas'), 'integer');
  if (replicas !== undefined && replicas < 0) errs.push(invalid(specPath.child('replicas'), replicas, 'must be greater than or equal to 0'));
  const selector = read(errs, spec['selector'], specPath.child('selector'), 'object');
  if (!selector) errs.push(required(specPath.child('selector')));
  const template = read(errs, spec['template'], specPath.child('template'), 'object');
  if (!template) {
    errs.push(required(specPath.child('template')));
    return errs;
  }
  const labels = ((template['metadata'] as Json | undefined)?.['labels'] ?? {}) as Record<string, string>;
  stringMap(errs, labels, specPath.child('template', 'metadata', 'labels'));
  const matchLabels = (selector?.['matchLabels'] ?? {}) as Record<string, string>;
  if (selector && Object.entries(matchLabels).some(([k, v]) => labels[k] !== v)) {
    errs.push(invalid(specPath.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  }
  for (const e of validatePod({ spec: template['spec'] })) errs.push({ ...e, path: e.path.under('spec', 'template') });
  return errs;
}
