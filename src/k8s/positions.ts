// Where things are in a manifest's text: a field path such as spec.containers[0].resources.requests[cpu]
// mapped to a 1-based line and column, and the first place a JSON text stops being JSON. Every error
// kubemodel reports about user input points at a line, so the user never has to hunt for it.

import { isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type PathSegment = string | number;

/** 1-based, as editors and compilers print them. */
export interface Position {
  line: number;
  column: number;
}

/**
 * A field path in Kubernetes' own notation (apimachinery field.Path): `.child`, `[index]` and `[key]` for map
 * keys, e.g. `spec.containers[1].name` or `spec.containers[0].resources.limits[memory]`. The segments address
 * the value for position look-ups; the text is what error messages print.
 */
export class FieldPath {
  private constructor(
    readonly segments: readonly PathSegment[],
    private readonly text: string,
  ) {}

  static root(...names: string[]): FieldPath {
    return names.reduce((path, name) => path.child(name), new FieldPath([], ''));
  }

  child(...names: string[]): FieldPath {
    return names.reduce<FieldPath>(
      (path, name) => new FieldPath([...path.segments, name], path.text === '' ? name : `${path.text}.${name}`),
      this,
    );
  }

  index(i: number): FieldPath {
    return new FieldPath([...this.segments, i], `${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath([...this.segments, k], `${this.text}[${k}]`);
  }

  /** This path below `names`: spec.containers[0] under spec.template → spec.template.spec.containers[0]. */
  under(...names: string[]): FieldPath {
    const prefix = FieldPath.root(...names);
    return new FieldPath([...prefix.segments, ...this.segments], this.text === '' ? prefix.text : `${prefix.text}.${this.text}`);
  }

  toString(): string {
    return this.text;
  }
}

/**
 * Reads `spec.containers[0].resources.requests.cpu` or `...requests[cpu]` into segments; a bracketed
 * all-digit text is a list index, any other bracketed text a map key (so keys with dots, such as
 * `metadata.annotations[kubemodel.io/scenario]`, stay one segment).
 */
export function parseFieldPath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const token = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const m of text.matchAll(token)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return segments;
}

/** Answers "where is this field" for one object; `base` is the object's own path inside its document. */
export interface SourceMap {
  /** Position of the value at `path`, or of its nearest existing ancestor; undefined only if the object has no source node. */
  position(path: readonly PathSegment[] | string): Position | undefined;
  /** The scalar's text exactly as written (e.g. `0.50`), if `path` is a scalar. */
  scalarSource(path: readonly PathSegment[] | string): string | undefined;
  /** Position of the key of the map entry at `path` (an unknown field is best shown at its name). */
  keyPosition(path: readonly PathSegment[]): Position | undefined;
}

export function sourceMapFor(
  root: Node | null | undefined,
  lineCounter: LineCounter,
  base: readonly PathSegment[] = [],
  offset = 0,
): SourceMap {
  const resolve = (path: readonly PathSegment[] | string) => {
    const segments = [...base, ...(typeof path === 'string' ? parseFieldPath(path) : path)];
    return walk(root ?? undefined, segments);
  };
  return {
    position(path) {
      const node = resolve(path).node;
      if (!node?.range) return undefined;
      const { line, col } = lineCounter.linePos(node.range[0] + offset);
      return { line, column: col };
    },
    keyPosition(path) {
      if (path.length === 0) return this.position(path);
      const parent = walk(root ?? undefined, [...base, ...path.slice(0, -1)]);
      const key = parent.complete ? childOf(parent.node, path[path.length - 1] as PathSegment).key : undefined;
      if (!key?.range) return this.position(path);
      const { line, col } = lineCounter.linePos(key.range[0] + offset);
      return { line, column: col };
    },
    scalarSource(path) {
      const { node, complete } = resolve(path);
      return complete && isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    },
  };
}

/** Follows `segments` as far as they exist; a missing value falls back to its key, then to the parent. */
function walk(root: Node | undefined, segments: readonly PathSegment[]): { node: Node | undefined; complete: boolean } {
  let node = root;
  for (const segment of segments) {
    const next = childOf(node, segment);
    if (next.value !== undefined) {
      node = next.value;
      continue;
    }
    // `memory:` with nothing after it has no value node: point at the key instead.
    return { node: next.key ?? node, complete: false };
  }
  return { node, complete: true };
}

function childOf(node: Node | undefined, segment: PathSegment): { value?: Node; key?: Node } {
  if (typeof segment === 'number') return isSeq(node) ? { value: asNode(node.items[segment]) } : {};
  if (!isMap(node)) return {};
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (String(key) === segment) return { value: asNode(pair.value), key: asNode(pair.key) };
  }
  return {};
}

function asNode(value: unknown): Node | undefined {
  if (value === null || typeof value !== 'object' || !('range' in value)) return undefined;
  // An alias (`*x`) has no children of its own; positions inside it would point at the anchor, elsewhere.
  return isAlias(value) ? undefined : (value as Node);
}

/** Where a JSON text breaks, worded like Go's encoding/json since that is what kubectl users see. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

/**
 * Splits a JSON text into its top-level values — kubectl's decoder reads a stream of them, e.g.
 * `{"kind":"Pod",…}{"kind":"Node",…}` — or reports the first syntax error. JSON.parse cannot do this job:
 * on Node 20 many of its messages carry no position (`Unexpected token '}', … is not valid JSON`).
 */
export function scanJsonStream(text: string): { spans: [number, number][] } | { error: JsonSyntaxError } {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message } satisfies JsonSyntaxError;
  };
  const quote = (c: string) => (c === "'" ? `'\\''` : `'${c}'`);
  const at = (what: string): never =>
    i >= text.length ? fail('unexpected end of JSON input') : fail(`invalid character ${quote(text[i]!)} ${what}`);
  const skipSpace = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const digits = (what: string) => {
    if (!/[0-9]/.test(text[i] ?? '')) at(what);
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) at('in string literal');
      if (c === '"') return void i++;
      if (c! < ' ') at('in string literal');
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) at('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) at('in string escape code');
      }
      i++;
    }
  };
  const value = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') return members('}', true);
    if (c === '[') return members(']', false);
    if (c === '"') return string();
    if (c === '-' || /[0-9]/.test(c ?? '')) {
      if (c === '-') i++;
      if (text[i] === '0') i++;
      else digits('in numeric literal');
      if (text[i] === '.') {
        i++;
        digits('after decimal point in numeric literal');
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        digits('in exponent of numeric literal');
      }
      return;
    }
    const literal = ['true', 'false', 'null'].find((word) => word[0] === c);
    if (literal === undefined) return at('looking for beginning of value');
    for (const expected of literal.slice(1)) {
      i++;
      if (text[i] !== expected) at(`in literal ${literal} (expecting ${quote(expected)})`);
    }
    i++;
  };
  const members = (close: string, isObject: boolean) => {
    i++;
    skipSpace();
    if (text[i] === close) return void i++;
    for (;;) {
      if (isObject) {
        skipSpace();
        if (text[i] !== '"') at('looking for beginning of object key string');
        string();
        skipSpace();
        if (text[i] !== ':') at('after object key');
        i++;
      }
      value();
      skipSpace();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') at(isObject ? 'after object key:value pair' : 'after array element');
      i++;
    }
  };
  const spans: [number, number][] = [];
  try {
    for (skipSpace(); i < text.length; skipSpace()) {
      const start = i;
      value();
      spans.push([start, i]);
    }
    return { spans };
  } catch (error) {
    return { error: error as JsonSyntaxError };
  }
}
