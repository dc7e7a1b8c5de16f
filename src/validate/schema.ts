// Schema validation of built-in kinds against Kubernetes' OpenAPI schemas, as compiled by the
// kubernetes-models package (one validator per kind and version, generated from the API server's
// swagger). Wrong types, values outside an enum and missing required fields come from its errors.
//
// Unknown fields (kubectl --validate=strict, "unknown field …") come from the same validators: they are
// generated code that reads exactly the properties their schema lists, so each object is validated through
// a Proxy that records what was read. A key nobody read is unknown to the schema. An object the validator
// enumerated (a map such as labels) or never looked into (free-form, e.g. a RawExtension) has none.
import type { PathSegment } from '../k8s/positions.ts';
import { FieldPath } from '../k8s/positions.ts';
import type { Finding } from '../policy/types.ts';
import { positionOf, type Resource } from './resources.ts';

export const SCHEMA_RULE = 'schema';
export const UNKNOWN_FIELD_RULE = 'unknown-field';
export const UNKNOWN_KIND_RULE = 'unknown-kind';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type Validator = (data: unknown) => AjvError[];
interface ModelClass {
  kind?: unknown;
  apiVersion?: unknown;
  prototype: { validate(this: unknown): void };
}

const API_VERSION = /^(?:[a-z0-9]([a-z0-9.-]*[a-z0-9])?\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;
const groupVersions = new Map<string, Promise<Map<string, Validator> | undefined>>();
const ready = new Map<string, Map<string, Validator> | undefined>();

/** The validators of one apiVersion, loaded on first use; undefined when kubernetes-models has no such group/version. */
function validatorsFor(apiVersion: string): Promise<Map<string, Validator> | undefined> {
  let found = groupVersions.get(apiVersion);
  if (!found) {
    found = API_VERSION.test(apiVersion)
      ? import(/* @vite-ignore */ `kubernetes-models/${apiVersion}`).then(
          (module: Record<string, unknown>) => {
            const byKind = new Map<string, Validator>();
            for (const value of Object.values(module)) {
              const cls = value as ModelClass;
              if (typeof value !== 'function' || typeof cls.kind !== 'string' || cls.apiVersion !== apiVersion) continue;
              const validate = cls.prototype.validate;
              byKind.set(cls.kind, (data) => {
                try {
                  validate.call(data);
                  return [];
                } catch (e) {
                  const errors = (e as { errors?: AjvError[] }).errors;
                  if (!Array.isArray(errors)) throw e;
                  return errors;
                }
              });
            }
            return byKind;
          },
          () => undefined,
        )
      : Promise.resolve(undefined);
    groupVersions.set(apiVersion, found);
  }
  return found;
}

/** Loads every validator the resources need, so schemaFindings can run synchronously. */
export async function prepareSchemas(resources: readonly Resource[]): Promise<void> {
  await Promise.all(
    [...new Set(resources.map((r) => r.apiVersion))].map(async (apiVersion) => {
      ready.set(apiVersion, await validatorsFor(apiVersion));
    }),
  );
}

/** Findings for one resource: schema errors and unknown fields, or one unknown-kind warning. */
export async function schemaFindings(resource: Resource): Promise<Finding[]> {
  if (!ready.has(resource.apiVersion)) ready.set(resource.apiVersion, await validatorsFor(resource.apiVersion));
  return schemaFindingsSync(resource);
}

export function schemaFindingsSync(resource: Resource): Finding[] {
  const validator = ready.get(resource.apiVersion)?.get(resource.kind);
  const finding = (ruleId: string, severity: Finding['severity'], path: PathSegment[], message: string, atKey = false): Finding => {
    const pos = (atKey ? resource.map.keyPosition(path) : undefined) ?? positionOf(resource, path);
    return {
      ruleId,
      severity,
      category: 'Schema',
      message,
      file: resource.file,
      line: pos.line,
      column: pos.column,
      path: fieldPathText(resource.object, path),
      resource: resourceRef(resource),
    };
  };
  if (!validator) {
    return [
      finding(
        UNKNOWN_KIND_RULE,
        'warning',
        ['kind'],
        `no schema for kind "${resource.kind}" in version "${resource.apiVersion}": its fields are not checked (a custom resource, or a version the API server no longer serves)`,
      ),
    ];
  }
  const reads = new Map<object, ReadLog>();
  const errors = validator(observed(resource.object, reads));
  const findings = errors.map((e) => {
    const path = segmentsOf(resource.object, e.instancePath);
    const at = e.keyword === 'required' ? [...path, String(e.params['missingProperty'])] : path;
    return finding(SCHEMA_RULE, 'error', at, `${fieldPathText(resource.object, at)}: ${describe(e, valueAt(resource.object, path))}`);
  });
  for (const path of unknownFields(resource.object, reads, [])) {
    findings.push(finding(UNKNOWN_FIELD_RULE, 'error', path, `unknown field "${fieldPathText(resource.object, path)}"`, true));
  }
  return findings;
}

export function resourceRef(resource: Resource): NonNullable<Finding['resource']> {
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    name: resource.name,
    ...(resource.namespace !== undefined ? { namespace: resource.namespace } : {}),
  };
}

interface ReadLog {
  keys: Set<string>;
  enumerated: boolean;
}

function observed(value: unknown, reads: Map<object, ReadLog>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const log: ReadLog = { keys: new Set(), enumerated: false };
  reads.set(value, log);
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string') log.keys.add(key);
      return observed(Reflect.get(target, key, receiver), reads);
    },
    has(target, key) {
      if (typeof key === 'string') log.keys.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      log.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

/**
 * kubernetes-models' generator drops `description` and the `x-kubernetes-*` extensions from the schemas it
 * compiles, real properties of those names included (PriorityClass.description, a CRD's openAPIV3Schema),
 * so its validators never read them: they are never reported as unknown.
 */
const UNREAD_BY_GENERATOR = (key: string) => key === 'description' || key.startsWith('x-kubernetes-');

function unknownFields(value: unknown, reads: Map<object, ReadLog>, path: PathSegment[]): PathSegment[][] {
  if (value === null || typeof value !== 'object') return [];
  const log = reads.get(value);
  // Never reached by the validator: below a field it already rejected, or inside a free-form value.
  if (!log) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownFields(item, reads, [...path, i]));
  const out: PathSegment[][] = [];
  const checked = !log.enumerated && log.keys.size > 0;
  for (const [key, child] of Object.entries(value)) {
    if (checked && !log.keys.has(key) && !UNREAD_BY_GENERATOR(key)) out.push([...path, key]);
    else out.push(...unknownFields(child, reads, [...path, key]));
  }
  return out;
}

/** A JSON pointer as path segments; a step into a list becomes a number, as source maps need. */
function segmentsOf(object: unknown, instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  const out: PathSegment[] = [];
  let v = object;
  for (const raw of instancePath.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out.push(Array.isArray(v) ? Number(key) : key);
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return out;
}

function valueAt(object: unknown, path: readonly PathSegment[]): unknown {
  let v = object;
  for (const s of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

/** Kubernetes' field path notation: indexes of lists as [i], keys with dots or slashes as [key]. */
export function fieldPathText(object: unknown, path: readonly PathSegment[]): string {
  let fp = FieldPath.root();
  let v = object;
  for (const s of path) {
    if (Array.isArray(v)) fp = fp.index(Number(s));
    else if (typeof s === 'string' && /^[A-Za-z_$][\w$-]*$/.test(s)) fp = fp.child(s);
    else fp = fp.key(String(s));
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
  }
  return fp.toString();
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Worded like the API server's field errors (apimachinery field.Error). */
function describe(e: AjvError, value: unknown): string {
  switch (e.keyword) {
    case 'type':
      return `Invalid type: got ${typeName(value)}, expected ${String(e.params['type'])}`;
    case 'enum': {
      const allowed = (e.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return `Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed}`;
    }
    case 'required':
      return 'Required value';
    case 'format':
      return `Invalid value: ${JSON.stringify(value)}: must be ${formatName(String(e.params['format']))}`;
    default:
      return `Invalid value: ${JSON.stringify(value)}: ${e.message ?? e.keyword}`;
  }
}

function formatName(format: string): string {
  if (format === 'int32') return 'a 32-bit integer';
  if (format === 'int64') return 'a 64-bit integer';
  if (format === 'int-or-string') return 'an integer or a string';
  return `in ${format} format`;
}
