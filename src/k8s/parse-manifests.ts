// Turns manifest texts into objects kubemodel can simulate, the way kubectl + the API server would read them:
// YAML streams (`---`), JSON (one object or a stream of them), `kind: List` expanded into its items, then
// per-object validation (API-04). Pure: texts in, objects and errors out; each object keeps a source map
// so any field can be traced back to file:line:column. One broken document never hides the others.
//
// Severity: `errors` are fatal for the object they name (it is left out of `objects`); `warnings` are not —
// today only "kind not modelled", whose object is kept in `objects` (isModelled() is false) so that
// `validate` can list it while `simulate` skips it.

import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type Tags } from 'yaml';
import { InputError } from '../errors.ts';
import { FieldPath, scanJsonStream, sourceMapFor, type PathSegment, type Position, type SourceMap } from './positions.ts';
import type { Container, KubeObject, Pod, Probe } from './types.ts';
import { SUPPORTED_KINDS, required, supportFor, typeMismatch, validateMetadata, type FieldError } from './validate-objects.ts';

export interface ManifestSource {
  file: string;
  text: string;
}

/** An object of a kind kubemodel does not model (e.g. apps/v1 Deployment): kept as read, never simulated. */
export interface UnknownObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  [field: string]: unknown;
}

export interface LoadedObject {
  object: KubeObject | UnknownObject;
  file: string;
  /** 0-based index of the YAML document (or JSON value) in its file. */
  documentIndex: number;
  /** Index in `items` when the object came from a `kind: List`. */
  itemIndex?: number;
  /** 1-based line/column of the value at `path` (e.g. `spec.containers[0].image`), else of its nearest existing ancestor. */
  position(path: readonly PathSegment[] | string): Position | undefined;
}

export interface ParseResult {
  objects: LoadedObject[];
  errors: InputError[];
  warnings: InputError[];
}

export function isModelled(loaded: LoadedObject): loaded is LoadedObject & { object: KubeObject } {
  return supportFor(loaded.object.apiVersion, loaded.object.kind) !== undefined;
}

// sigs.k8s.io/yaml decodes with go-yaml v2, i.e. YAML 1.1: `yes`/`on`/`n` are booleans, `0777` is octal. Like
// go-yaml v2 decoding into interface{}, timestamps stay strings and `1:20` is no base-60 number.
const YAML_OPTIONS = {
  version: '1.1',
  prettyErrors: false,
  uniqueKeys: true,
  customTags: (tags: Tags) =>
    tags.filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME')),
} as const;
const MODELLED = SUPPORTED_KINDS.map((s) => `${s.apiVersion} ${s.kind}`).join(', ');

export function parseManifests(sources: readonly ManifestSource[]): ParseResult {
  const result: ParseResult = { objects: [], errors: [], warnings: [] };
  const seen = new Map<string, string>();
  forEachDocument(sources, result.errors, (doc) => {
    const context = { file: doc.file, index: doc.index, result, seen, sourceMap: doc.sourceMap };
    load(context, doc.value, []);
  });
  return result;
}

/** One YAML document (or JSON value) that is a mapping, decoded, with its source map. */
export interface DecodedDocument {
  file: string;
  index: number;
  value: Record<string, unknown>;
  sourceMap(base: PathSegment[]): SourceMap;
}

/**
 * Every mapping document of every source, decoded as kubectl's decoder would, in order. Syntax errors,
 * non-mapping documents and undecodable ones go to `errors` (with file:line:column); empty documents are
 * skipped. Shared by parseManifests (simulation) and the validator, which keeps objects of every kind.
 */
export function forEachDocument(sources: readonly ManifestSource[], errors: InputError[], visit: (doc: DecodedDocument) => void): void {
  for (const source of sources) {
    // A byte-order mark is invisible in editors, so columns are counted without it.
    const text = source.text.startsWith('\uFEFF') ? source.text.slice(1) : source.text;
    const lines = lineCounterFor(text);
    const at = (offset: number, message: string) => {
      const { line, col } = lines.linePos(offset);
      return new InputError(message, source.file, line, col);
    };
    for (const { doc, offset, index } of documents(source.file, text, errors, at)) {
      const firstError = doc.errors[0];
      if (firstError) {
        // Later parse errors in the same document are usually echoes of the first.
        errors.push(at(offset + firstError.pos[0], firstError.message.split('\n')[0]!));
        continue;
      }
      const root = doc.contents;
      if (root === null || (isScalar(root) && root.value === null)) continue; // empty document, as kubectl skips it
      if (!isMap(root)) {
        const what = isSeq(root) ? 'a list' : 'a scalar';
        errors.push(at(offset + (root.range?.[0] ?? 0), `document is ${what}, not a mapping: a Kubernetes object needs apiVersion, kind and metadata`));
        continue;
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (error) {
        errors.push(at(offset + (root.range?.[0] ?? 0), (error as Error).message));
        continue;
      }
      visit({ file: source.file, index, value: value as Record<string, unknown>, sourceMap: (base) => sourceMapFor(root, lines, base, offset) });
    }
  }
}

interface LoadContext {
  file: string;
  index: number;
  result: ParseResult;
  seen: Map<string, string>;
  sourceMap(base: PathSegment[]): SourceMap;
}

/** One object, or each item of a List; `base` is where the object sits in its document. */
function load(ctx: LoadContext, object: Record<string, unknown>, base: PathSegment[]): void {
  const map = ctx.sourceMap(base);
  // Errors name the object as kubectl does (`PersistentVolumeClaim "data"`) when it has a name.
  const name = (object['metadata'] as { name?: unknown } | undefined)?.name;
  const subject = typeof object['kind'] === 'string' && typeof name === 'string' && name !== '' ? `${object['kind']} ${JSON.stringify(name)}` : undefined;
  const locate = (message: string, path: readonly PathSegment[]) => {
    const pos = map.position(path);
    return new InputError(message, ctx.file, pos?.line, pos?.column, subject);
  };
  const reject = (errs: FieldError[]) => {
    for (const e of errs) ctx.result.errors.push(locate(`${e.path}: ${e.message}`, e.path.segments));
  };
  const headerErrs: FieldError[] = [];
  const apiVersion = requiredText(object, 'apiVersion', headerErrs);
  const kind = requiredText(object, 'kind', headerErrs);
  if (apiVersion === undefined || kind === undefined) return reject(headerErrs);

  // kubectl expands any *List with items (meta.IsListType), e.g. the output of `kubectl get pods -o yaml`.
  if (kind.endsWith('List') && (kind === 'List' || 'items' in object)) {
    const items = object['items'] ?? [];
    if (!Array.isArray(items)) return reject([typeMismatch(FieldPath.root('items'), items, 'array')]);
    items.forEach((item, i) => {
      if (isPlainObject(item)) load(ctx, item, [...base, 'items', i]);
      else reject([typeMismatch(FieldPath.root('items').index(i), item, 'object')]);
    });
    return;
  }

  const support = supportFor(apiVersion, kind);
  if (!support) {
    const message = `no matches for kind "${kind}" in version "${apiVersion}": kubemodel models ${MODELLED}; this object is not simulated`;
    ctx.result.warnings.push(locate(`kind: ${message}`, ['kind']));
  }
  const errs = [...validateMetadata(object, support?.namespaced ?? false), ...(support?.validate(object) ?? [])];
  if (errs.length > 0) return reject(errs);

  // Two objects with one identity would make the simulation ambiguous (kubectl create: AlreadyExists).
  const meta = object['metadata'] as { name: string; namespace?: string };
  const identity = [apiVersion, kind, support?.namespaced === false ? '' : (meta.namespace ?? 'default'), meta.name].join('/');
  const namePos = map.position(['metadata', 'name']);
  const first = ctx.seen.get(identity);
  if (first !== undefined) {
    const message = `metadata.name: Duplicate value: ${JSON.stringify(meta.name)}: ${kind} already defined at ${first}`;
    return void ctx.result.errors.push(locate(message, ['metadata', 'name']));
  }
  ctx.seen.set(identity, `${ctx.file}:${namePos?.line}:${namePos?.column}`);

  const itemIndex = base[base.length - 1];
  ctx.result.objects.push({
    object: (support ? stringifyQuantities(object, [], map) : object) as KubeObject | UnknownObject,
    file: ctx.file,
    documentIndex: ctx.index,
    ...(typeof itemIndex === 'number' ? { itemIndex } : {}),
    position: (path) => map.position(path),
  });
}

function requiredText(object: Record<string, unknown>, field: string, errs: FieldError[]): string | undefined {
  const value = object[field];
  if (typeof value === 'string' && value !== '') return value;
  const path = FieldPath.root(field);
  errs.push(value === undefined || value === null || value === '' ? required(path) : typeMismatch(path, value, 'string'));
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface ParsedDocument {
  doc: Document.Parsed;
  /** Where the document's text starts in the file: 0 for YAML, the value's start for a JSON stream. */
  offset: number;
  index: number;
}

/** kubectl's YAMLOrJSONDecoder treats a text starting with `{` as JSON; so does a .json file here. */
function documents(
  file: string,
  text: string,
  errors: InputError[],
  at: (offset: number, message: string) => InputError,
): ParsedDocument[] {
  if (!file.endsWith('.json') && !/^\s*\{/.test(text)) {
    return parseAllDocuments(text, YAML_OPTIONS).map((doc, index) => ({ doc, offset: 0, index }));
  }
  const scan = scanJsonStream(text);
  if ('error' in scan) {
    errors.push(at(scan.error.offset, `error parsing JSON: ${scan.error.message}`));
    return [];
  }
  // Valid JSON is valid YAML 1.2, and the YAML parser keeps the node ranges that positions need.
  return scan.spans.map(([start, end], index) => ({
    doc: parseDocument(text.slice(start, end), { ...YAML_OPTIONS, version: '1.2' }),
    offset: start,
    index,
  }));
}

function lineCounterFor(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

const RESOURCE_LISTS = new Set(['requests', 'limits', 'overhead', 'capacity', 'allocatable']);

/**
 * Kubernetes accepts `cpu: 0.5` as well as `cpu: "500m"`; types.ts keeps quantities as text, so numbers in
 * resource lists become their source text (`0.50` stays `0.50`). Returns a copy; other values are untouched.
 */
function stringifyQuantities(value: unknown, path: PathSegment[], map: SourceMap): unknown {
  if (Array.isArray(value)) return value.map((item, i) => stringifyQuantities(item, [...path, i], map));
  if (!isPlainObject(value)) return value;
  const inList = RESOURCE_LISTS.has(String(path[path.length - 1]));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      inList && typeof item === 'number'
        ? (map.scalarSource([...path, key]) ?? String(item))
        : stringifyQuantities(item, [...path, key], map);
  }
  return copy;
}

// ---- defaulting: what the API server's decoder fills in (pkg/apis/core/v1/defaults.go) ----

/**
 * The Pod as the API server would store it, without touching `pod`: restartPolicy Always (POD-11),
 * terminationGracePeriodSeconds 30 (POD-15), schedulerName default-scheduler (SCHED-01, SCHED-25),
 * namespace default (kubectl's, not defaults.go's), per container imagePullPolicy (Always for `:latest` or no
 * tag, else IfNotPresent), port protocol TCP, probe timing (PROBE-05) and requests copied from limits where
 * only a limit is set (RES-02).
 */
export function applyPodDefaults(pod: Pod): Pod {
  const container = (c: Container): Container => {
    const requests = { ...c.resources?.limits, ...c.resources?.requests };
    return {
      ...c,
      imagePullPolicy: c.imagePullPolicy ?? (imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent'),
      ...(c.ports ? { ports: c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })) } : {}),
      ...(c.resources ? { resources: { ...c.resources, ...(Object.keys(requests).length ? { requests } : {}) } } : {}),
      ...(c.livenessProbe ? { livenessProbe: probe(c.livenessProbe) } : {}),
      ...(c.readinessProbe ? { readinessProbe: probe(c.readinessProbe) } : {}),
      ...(c.startupProbe ? { startupProbe: probe(c.startupProbe) } : {}),
    };
  };
  return {
    ...pod,
    metadata: { ...pod.metadata, namespace: pod.metadata.namespace ?? 'default' },
    spec: {
      ...pod.spec,
      restartPolicy: pod.spec.restartPolicy ?? 'Always',
      terminationGracePeriodSeconds: pod.spec.terminationGracePeriodSeconds ?? 30,
      schedulerName: pod.spec.schedulerName ?? 'default-scheduler',
      ...(pod.spec.initContainers ? { initContainers: pod.spec.initContainers.map(container) } : {}),
      containers: pod.spec.containers.map(container),
    },
  };
}

const probe = (p: Probe): Probe => ({
  ...p,
  timeoutSeconds: p.timeoutSeconds ?? 1,
  periodSeconds: p.periodSeconds ?? 10,
  successThreshold: p.successThreshold ?? 1,
  failureThreshold: p.failureThreshold ?? 3,
});

/**
 * The tag as ParseImageName sees it: text after the last `:` of the last path segment (so the registry port
 * in `registry:5000/app` is not a tag); no tag and no digest means "latest"; a digest alone means no tag.
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  const tag = colon === -1 ? '' : name.slice(colon + 1);
  return tag === '' && at === -1 ? 'latest' : tag;
}
