// Load-time checking of a rule file (STYLE lesson 5): the fields a RuleFile needs, unknown operations,
// `var` paths the input shape cannot have, arities where json-logic-js would silently misbehave, and
// example rows that do not fit the input shape. Every problem is a RuleError naming its JSON path.
import { RuleError } from '../errors.ts';
import { builtinOperations, isLogic, jsonPathKey, specialForms, varPath } from './compile.ts';
import type { CustomOperation } from './ops/index.ts';
import { closestName, conformance, describeShape, didYouMean, elementShape, getShape, resolvePath, shapeNames, type Shape } from './shapes.ts';
import type { RuleFile } from './types.ts';

export interface CheckOptions {
  /** Where the rule came from; when given, the rule's id must equal its path below `rules/` without `.json`. */
  fileName?: string;
  operations: Readonly<Record<string, CustomOperation>>;
}

/** BEHAVIOURS.md IDs: an area (POD, NET-L2, NET-IPT) and a two-digit or longer number. */
const behaviourId = /^[A-Z][A-Z0-9]*(-[A-Z][A-Z0-9]*)*-\d{2,}$/;
const ruleFields = ['id', 'description', 'behaviours', 'input', 'logic', 'examples', 'kubernetes'];
const version = /^\d+\.\d+$/;

/**
 * Arities json-logic-js accepts without complaint but evaluates to nonsense: `{"==": [a]}` compares with
 * undefined, a third argument to `>` is dropped, `map` without its logic maps to undefined.
 */
const arity: Readonly<Record<string, readonly [min: number, max: number]>> = {
  '==': [2, 2], '===': [2, 2], '!=': [2, 2], '!==': [2, 2], '>': [2, 2], '>=': [2, 2], '%': [2, 2], '/': [2, 2], in: [2, 2],
  '<': [2, 3], '<=': [2, 3], '!': [1, 1], '!!': [1, 1], '-': [1, 2], substr: [2, 3], log: [1, 1],
  '*': [1, Infinity], min: [1, Infinity], max: [1, Infinity], and: [1, Infinity], or: [1, Infinity],
  if: [2, Infinity], '?:': [2, Infinity], var: [0, 2], missing_some: [2, 2],
  map: [2, 2], filter: [2, 2], all: [2, 2], some: [2, 2], none: [2, 2], reduce: [2, 3],
};

const resultShapes: Readonly<Record<string, Shape>> = {
  '==': 'boolean', '===': 'boolean', '!=': 'boolean', '!==': 'boolean', '>': 'boolean', '>=': 'boolean', '<': 'boolean',
  '<=': 'boolean', '!': 'boolean', '!!': 'boolean', in: 'boolean', all: 'boolean', some: 'boolean', none: 'boolean',
  '+': 'number', '-': 'number', '*': 'number', '/': 'number', '%': 'number', min: 'number', max: 'number',
  cat: 'string', substr: 'string', merge: { array: 'any' }, missing: { array: 'string' }, missing_some: { array: 'string' },
};

/** Throws the first problem of `file` as a RuleError. */
export function checkRule(file: unknown, opts: CheckOptions): asserts file is RuleFile {
  const [first] = ruleErrors(file, opts);
  if (first) throw first;
}

/** Every problem of `file`, in document order. */
export function ruleErrors(file: unknown, opts: CheckOptions): RuleError[] {
  const errors: RuleError[] = [];
  const rule = (typeof file === 'object' && file !== null && !Array.isArray(file) ? file : {}) as Record<string, unknown>;
  const ruleId = typeof rule.id === 'string' ? rule.id : (opts.fileName ?? '');
  const fail = (path: string, message: string) => errors.push(new RuleError(ruleId, path, message, opts.fileName));
  if (rule !== file) {
    fail('$', 'a rule file must be a JSON object');
    return errors;
  }
  for (const key of Object.keys(rule)) if (!ruleFields.includes(key)) fail(`$${jsonPathKey(key)}`, `unknown field "${key}"${didYouMean(key, ruleFields)}`);
  for (const key of ['id', 'description', 'input']) {
    if (typeof rule[key] !== 'string' || rule[key] === '') fail(`$.${key}`, `missing field "${key}": a non-empty string`);
  }
  if (typeof rule.id === 'string' && opts.fileName !== undefined) {
    const expected = idFromFileName(opts.fileName);
    if (expected !== rule.id) fail('$.id', `id "${rule.id}" does not match the file name: expected "${expected}"`);
  }
  checkBehaviours(rule.behaviours, fail);
  if (rule.kubernetes !== undefined) checkKubernetes(rule.kubernetes, fail);

  const inputName = typeof rule.input === 'string' ? rule.input : undefined;
  const input = inputName === undefined ? undefined : getShape(inputName);
  if (inputName && !input) fail('$.input', `unknown input shape "${inputName}"${didYouMean(inputName, shapeNames())} (known: ${shapeNames().join(', ')})`);

  if (!('logic' in rule)) fail('$.logic', 'missing field "logic": a json-logic expression');
  else new LogicChecker(opts.operations, fail).walk(rule.logic, '$.logic', { shape: input ?? 'any', label: inputName ?? 'the input' });

  checkExamples(rule.examples, input, inputName, fail);
  return errors;
}

/** `rules/kubelet/pod-phase.json` and `kubelet/pod-phase.json` both give `kubelet/pod-phase`. */
export function idFromFileName(fileName: string): string {
  const path = fileName.replaceAll('\\', '/').replace(/\.json$/, '');
  const at = path.lastIndexOf('/rules/');
  if (at >= 0) return path.slice(at + '/rules/'.length);
  return path.startsWith('rules/') ? path.slice('rules/'.length) : path.replace(/^\.\//, '');
}

type Fail = (path: string, message: string) => void;

function checkBehaviours(behaviours: unknown, fail: Fail): void {
  if (!Array.isArray(behaviours) || behaviours.length === 0) {
    fail('$.behaviours', 'missing field "behaviours": a non-empty list of BEHAVIOURS.md IDs such as "POD-08"');
    return;
  }
  behaviours.forEach((b, i) => {
    if (typeof b !== 'string' || !behaviourId.test(b)) fail(`$.behaviours[${i}]`, `behaviour ${JSON.stringify(b)} is not a BEHAVIOURS.md ID of the form AREA-NN (e.g. "POD-08", "NET-L2-03")`);
  });
}

function checkKubernetes(k: unknown, fail: Fail): void {
  if (typeof k !== 'object' || k === null || Array.isArray(k)) {
    fail('$.kubernetes', 'kubernetes must be an object like {"since": "1.24", "until": "1.34"}');
    return;
  }
  for (const [key, v] of Object.entries(k)) {
    if (key !== 'since' && key !== 'until') fail(`$.kubernetes${jsonPathKey(key)}`, `unknown field "${key}" (known: since, until)`);
    else if (typeof v !== 'string' || !version.test(v)) fail(`$.kubernetes.${key}`, `${key} must be a release like "1.24", got ${JSON.stringify(v)}`);
  }
}

function checkExamples(examples: unknown, input: Shape | undefined, inputName: string | undefined, fail: Fail): void {
  if (!Array.isArray(examples) || examples.length === 0) {
    fail('$.examples', 'missing field "examples": a non-empty list of [name, data, expected] rows');
    return;
  }
  examples.forEach((row, i) => {
    const at = `$.examples[${i}]`;
    if (!Array.isArray(row) || row.length !== 3) return fail(at, 'an example is a row [name, data, expected]');
    if (typeof row[0] !== 'string' || row[0] === '') return fail(`${at}[0]`, 'an example name is a non-empty string stating the verdict and the reason');
    const problems = input ? conformance(input, row[1], `${at}[1]`) : [];
    if (problems.length > 0) fail(`${at}[1]`, `example "${row[0]}": data does not fit ${inputName}: ${problems.slice(0, 3).join('; ')}`);
  });
}

/** The data a piece of logic sees: its shape and how to name it in messages. */
interface Scope {
  readonly shape: Shape;
  readonly label: string;
}

class LogicChecker {
  private readonly known: string[];

  constructor(
    private readonly ops: Readonly<Record<string, CustomOperation>>,
    private readonly fail: Fail,
  ) {
    this.known = [...new Set([...specialForms, ...Object.keys(builtinOperations), 'var', 'missing', 'missing_some', ...Object.keys(ops)])].sort();
  }

  /** Checks `logic` and returns the shape of its value ('any' when unknown). */
  walk(logic: unknown, path: string, scope: Scope): Shape {
    if (Array.isArray(logic)) {
      logic.forEach((item, i) => this.walk(item, `${path}[${i}]`, scope));
      return { array: 'any' };
    }
    if (!isLogic(logic)) return literalShape(logic);
    const op = Object.keys(logic)[0] as string;
    const raw = logic[op];
    const opPath = path + jsonPathKey(op);
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];
    const argPath = (i: number) => (Array.isArray(raw) ? `${opPath}[${i}]` : opPath);
    const walkArg = (i: number, s: Scope = scope) => this.walk(args[i], argPath(i), s);

    if (Object.hasOwn(this.ops, op)) {
      args.forEach((_, i) => walkArg(i));
      return 'any';
    }
    if (!this.known.includes(op)) {
      const why = op === 'method' ? ' (method calls arbitrary JavaScript and is not allowed)' : didYouMean(op, this.known);
      this.fail(path, `unknown operation "${op}" at ${path}${why} (known: ${this.known.join(', ')})`);
      return 'any';
    }
    const [min, max] = arity[op] ?? [0, Infinity];
    if (args.length < min || args.length > max) {
      const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.fail(path, `"${op}" at ${path} takes ${wanted} argument${wanted === '1' ? '' : 's'}, got ${args.length}`);
    }

    switch (op) {
      case 'var':
        return this.variable(args, path, scope, walkArg);
      case 'missing':
      case 'missing_some': {
        const keys = op === 'missing' ? (Array.isArray(args[0]) ? args[0] : args) : args[1];
        const keysPath = op === 'missing' ? (Array.isArray(args[0]) ? argPath(0) : opPath) : argPath(1);
        if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) {
          keys.forEach((k, i) => this.path(k, `${keysPath}[${i}]`, scope, `${op} key`));
          return resultShapes[op] as Shape;
        }
        args.forEach((_, i) => walkArg(i));
        return resultShapes[op] as Shape;
      }
      case 'map':
      case 'filter':
      case 'all':
      case 'some':
      case 'none':
      case 'reduce': {
        const list = walkArg(0);
        const elem = elementShape(list);
        const listVar = isLogic(args[0]) && 'var' in args[0] ? args[0].var : undefined;
        const what = typeof listVar === 'string' ? `"${listVar}"` : 'its first argument';
        if (elem === undefined) this.fail(argPath(0), `"${op}" at ${path} iterates over ${what}, which is a ${describeShape(list)}, not an array`);
        const each: Scope =
          op === 'reduce'
            ? { shape: { object: { current: elem ?? 'any', accumulator: 'any' } }, label: `{current, accumulator} of "reduce" over ${what}` }
            : { shape: elem ?? 'any', label: `an element of ${what}` };
        const body = args.length > 1 ? walkArg(1, each) : 'any';
        if (op === 'reduce' && args.length > 2) walkArg(2);
        return op === 'filter' ? list : op === 'map' ? { array: body } : (resultShapes[op] ?? 'any');
      }
      default: {
        const shapes = args.map((_, i) => walkArg(i));
        return op === 'log' ? (shapes[0] ?? 'any') : (resultShapes[op] ?? 'any');
      }
    }
  }

  private variable(args: unknown[], at: string, scope: Scope, walkArg: (i: number) => Shape): Shape {
    if (args.length > 1) walkArg(1);
    const path = args[0];
    // A computed path (itself logic) is checked as logic; where it leads is only known at run time.
    if (isLogic(path) || Array.isArray(path)) {
      walkArg(0);
      return 'any';
    }
    return this.path(path, at, scope);
  }

  /** The shape at a literal `var` path, reporting a path the scope's shape cannot have. */
  private path(path: unknown, at: string, scope: Scope, what = 'var'): Shape {
    const keys = varPath(path);
    if (keys === undefined) return scope.shape;
    const found = resolvePath(scope.shape, keys);
    if ('shape' in found) return found.shape;
    const shown = keys.join('.');
    const best = closestName(keys[found.failedAt] as string, found.candidates);
    const hint =
      best !== undefined
        ? `; did you mean "${[...keys.slice(0, found.failedAt), best, ...keys.slice(found.failedAt + 1)].join('.')}"?`
        : found.failedAt > 0
          ? ` ("${keys.slice(0, found.failedAt).join('.')}" is a ${describeAt(scope.shape, keys.slice(0, found.failedAt))})`
          : '';
    this.fail(at, `${what} "${shown}" at ${at} does not exist in ${scope.label}${hint}`);
    return 'any';
  }
}

function describeAt(shape: Shape, keys: string[]): string {
  const r = resolvePath(shape, keys);
  return 'shape' in r ? describeShape(r.shape) : 'value';
}

function literalShape(v: unknown): Shape {
  if (v === null) return 'null';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'any';
}
