// The data a rule may read, as a small shape language: rule files name their input shape
// (`"input": "PodInput"`) and src/rules/check.ts rejects `var` paths the shape cannot have and example
// data that does not fit it. Field names follow Kubernetes core/v1 (staging/src/k8s.io/api/core/v1/types.go).
//
// Objects are closed: a key the shape does not list is an error (it is usually a typo). A property is
// required unless its key ends in `?` or the object says `optional: true` (every property may be absent,
// Kubernetes' omitempty). An absent property may also be given as null, which `var` reads the same way.
import { jsonPathKey } from './compile.ts';

export type Shape =
  | 'any'
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | { object: Record<string, Shape>; optional?: true }
  | { array: Shape }
  | { map: Shape }
  | { oneOf: Shape[] };

const registry = new Map<string, Shape>();

/** Registers a named input shape; naming two different shapes the same is a bug and throws. */
export function defineShape(name: string, shape: Shape): Shape {
  const known = registry.get(name);
  if (known !== undefined && known !== shape) throw new Error(`shape "${name}" is already defined`);
  registry.set(name, shape);
  return shape;
}

export function getShape(name: string): Shape | undefined {
  return registry.get(name);
}

export function shapeNames(): string[] {
  return [...registry.keys()].sort();
}

/** The properties of an object shape with the `?` suffix removed, each with whether it may be absent. */
function properties(shape: { object: Record<string, Shape>; optional?: true }): Map<string, { shape: Shape; optional: boolean }> {
  const out = new Map<string, { shape: Shape; optional: boolean }>();
  for (const [key, s] of Object.entries(shape.object)) {
    const optional = shape.optional === true || key.endsWith('?');
    out.set(optional && key.endsWith('?') ? key.slice(0, -1) : key, { shape: s, optional });
  }
  return out;
}

const isIndex = (key: string): boolean => /^(0|[1-9]\d*)$/.test(key);

export type PathResult = { shape: Shape } | { failedAt: number; candidates: string[] };

/**
 * The shape found by `var` at `keys`, or the index of the first key the shape cannot have (with the keys
 * that were possible there). Strings and arrays have `length` and numeric indexes, as in JavaScript.
 */
export function resolvePath(shape: Shape, keys: readonly string[], from = 0): PathResult {
  if (from >= keys.length || shape === 'any') return { shape };
  const key = keys[from] as string;
  const next = (s: Shape): PathResult => resolvePath(s, keys, from + 1);
  const fail = (candidates: string[]): PathResult => ({ failedAt: from, candidates });
  if (shape === 'string') return key === 'length' ? next('number') : isIndex(key) ? next('string') : fail(['length']);
  if (typeof shape === 'string') return fail([]);
  if ('object' in shape) {
    const props = properties(shape);
    const prop = props.get(key);
    return prop ? next(prop.shape) : fail([...props.keys()]);
  }
  if ('map' in shape) return next(shape.map);
  if ('array' in shape) return key === 'length' ? next('number') : isIndex(key) ? next(shape.array) : fail(['length', '0']);
  const results = shape.oneOf.map((s) => resolvePath(s, keys, from));
  const found = results.flatMap((r) => ('shape' in r ? [r.shape] : []));
  if (found.length === 1) return { shape: found[0] as Shape };
  if (found.length > 1) return { shape: { oneOf: found } };
  // Report the alternative that got furthest: its failure is the most specific.
  const failures = results.flatMap((r) => ('failedAt' in r ? [r] : []));
  const deepest = Math.max(...failures.map((r) => r.failedAt));
  return { failedAt: deepest, candidates: failures.filter((r) => r.failedAt === deepest).flatMap((r) => r.candidates) };
}

/** The element shape if a value of `shape` can be an array: 'any' stays 'any', other kinds give undefined. */
export function elementShape(shape: Shape): Shape | undefined {
  if (shape === 'any') return 'any';
  if (typeof shape === 'string') return undefined;
  if ('array' in shape) return shape.array;
  if ('oneOf' in shape) {
    const elems = shape.oneOf.map(elementShape).filter((s): s is Shape => s !== undefined);
    return elems.length === 0 ? undefined : elems.length === 1 ? elems[0] : { oneOf: elems };
  }
  return undefined;
}

/** A word for a shape in error messages: string, object, array, map or one of … */
export function describeShape(shape: Shape): string {
  if (typeof shape === 'string') return shape;
  if ('oneOf' in shape) return `one of ${shape.oneOf.map(describeShape).join(' | ')}`;
  return Object.keys(shape).filter((k) => k !== 'optional')[0] ?? 'object';
}

/** Every place where `value` does not fit `shape`, as `$.path: problem` lines; empty when it fits. */
export function conformance(shape: Shape, value: unknown, path = '$'): string[] {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const wrong = (): string[] => [`${path}: expected ${describeShape(shape)}, got ${kind}`];
  if (shape === 'any') return [];
  if (typeof shape === 'string') return kind === shape ? [] : wrong();
  if ('oneOf' in shape) {
    const all = shape.oneOf.map((s) => conformance(s, value, path));
    return all.some((p) => p.length === 0) ? [] : all.length === 1 ? (all[0] as string[]) : wrong();
  }
  if ('array' in shape) return Array.isArray(value) ? value.flatMap((v, i) => conformance(shape.array, v, `${path}[${i}]`)) : wrong();
  if (kind !== 'object') return wrong();
  const entries = Object.entries(value as Record<string, unknown>);
  if ('map' in shape) return entries.flatMap(([k, v]) => conformance(shape.map, v, path + jsonPathKey(k)));
  const props = properties(shape);
  const problems: string[] = [];
  for (const [k, v] of entries) {
    const prop = props.get(k);
    if (!prop) problems.push(`${path}: unknown field "${k}"${didYouMean(k, [...props.keys()])}`);
    else if (!(prop.optional && v === null)) problems.push(...conformance(prop.shape, v, path + jsonPathKey(k)));
  }
  for (const [k, prop] of props) if (!prop.optional && !Object.hasOwn(value as object, k)) problems.push(`${path}: missing field "${k}"`);
  return problems;
}

/** The candidate nearest to `name` by edit distance, if it is near enough to be a plausible typo. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const best = closestName(name, candidates);
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

// ---- The shapes that exist today (src/k8s/types.ts); other modules add theirs with defineShape. ----

const optional = (object: Record<string, Shape>): Shape => ({ object, optional: true });
const strings: Shape = { array: 'string' };
const resourceList: Shape = { map: 'string' };

const objectMeta = optional({
  name: 'string', namespace: 'string', uid: 'string', resourceVersion: 'string',
  labels: { map: 'string' }, annotations: { map: 'string' },
  creationTimestamp: 'string', deletionTimestamp: 'string', deletionGracePeriodSeconds: 'number',
  ownerReferences: { array: optional({ apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'boolean', blockOwnerDeletion: 'boolean' }) },
});

const configRef = optional({ name: 'string', optional: 'boolean' });
const container = optional({
  name: 'string', image: 'string', imagePullPolicy: 'string', command: strings, args: strings,
  ports: { array: optional({ containerPort: 'number', hostPort: 'number', protocol: 'string', name: 'string' }) },
  resources: optional({ requests: resourceList, limits: resourceList }),
  // Probes are read as a whole ("has a livenessProbe"); their fields are the prober's business.
  livenessProbe: 'any', readinessProbe: 'any', startupProbe: 'any',
  restartPolicy: 'string',
  envFrom: { array: optional({ configMapRef: configRef, secretRef: configRef }) },
  env: { array: optional({ name: 'string', value: 'string', valueFrom: 'any' }) },
});

const containerState = optional({
  waiting: optional({ reason: 'string', message: 'string' }),
  running: optional({ startedAt: 'string' }),
  terminated: optional({ exitCode: 'number', signal: 'number', reason: 'string', message: 'string', startedAt: 'string', finishedAt: 'string', containerID: 'string' }),
});
export const containerStatus = optional({
  name: 'string', state: containerState, lastState: containerState, ready: 'boolean', started: 'boolean',
  restartCount: 'number', image: 'string', imageID: 'string', containerID: 'string',
});

export const PodShape: Shape = defineShape('Pod', optional({
  apiVersion: 'string', kind: 'string', metadata: objectMeta,
  spec: optional({
    nodeName: 'string', schedulerName: 'string', nodeSelector: { map: 'string' }, restartPolicy: 'string',
    terminationGracePeriodSeconds: 'number', initContainers: { array: container }, containers: { array: container },
    tolerations: { array: optional({ key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'number' }) },
    overhead: resourceList, priority: 'number', priorityClassName: 'string', volumes: { array: { map: 'any' } },
  }),
  status: optional({
    phase: 'string', reason: 'string', message: 'string',
    conditions: { array: optional({ type: 'string', status: 'string', reason: 'string', message: 'string', lastTransitionTime: 'string' }) },
    initContainerStatuses: { array: containerStatus }, containerStatuses: { array: containerStatus },
    qosClass: 'string', podIP: 'string', hostIP: 'string', startTime: 'string',
  }),
}));

export const PodInputShape: Shape = defineShape('PodInput', { object: { pod: PodShape } });
export const AnyShape: Shape = defineShape('Any', 'any');
