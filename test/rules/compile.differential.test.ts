// The compiler must agree with json-logic-js (the definition of json-logic semantics for kubemodel) on
// random expressions and data. Equality is Object.is-aware (NaN equals NaN, -0 differs from 0), and both
// throwing counts as agreeing. fast-check prints the seed and the shrunk counterexample on failure.
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileLogic } from '../../src/rules/compile.ts';
import type { CustomOperation } from '../../src/rules/ops/index.ts';
import { jsonData, jsonLogicExpr, testOperations } from '../arbitraries/json-logic.ts';

type Outcome = { threw: true } | { threw: false; value: unknown };

function outcome(run: () => unknown): Outcome {
  try {
    return { threw: false, value: run() };
  } catch {
    return { threw: true };
  }
}

/** Structural equality where primitives compare with Object.is. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function agrees(compile: typeof compileLogic, ops: Record<string, CustomOperation>, logic: unknown, data: unknown): boolean {
  const expected = outcome(() => jsonLogic.apply(logic as never, data));
  const actual = outcome(() => compile(logic, { operations: ops })(data));
  if (expected.threw || actual.threw) return expected.threw === actual.threw;
  return same(expected.value, actual.value);
}

const property = (compile: typeof compileLogic, ops: Record<string, CustomOperation>) =>
  fc.property(jsonLogicExpr, jsonData, (logic, data) => {
    expect(agrees(compile, ops, logic, data), JSON.stringify({ logic, data })).toBe(true);
  });

describe('compileLogic agrees with json-logic-js 2.0.5', () => {
  beforeAll(() => {
    for (const [name, fn] of Object.entries(testOperations)) jsonLogic.add_operation(name, fn);
    // json-logic-js's `log` prints; silence it, its return value is still compared.
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => {
    for (const name of Object.keys(testOperations)) jsonLogic.rm_operation(name);
    vi.restoreAllMocks();
  });

  it('json-logic parity: 5,000 random expressions over random data give the same value or both throw', () => {
    fc.assert(property(compileLogic, testOperations), { numRuns: 5000 });
  });

  it('json-logic parity: hand-picked corners (empty-array truthiness, parseFloat, -0, between, substr, missing_some)', () => {
    const rows: [string, unknown, unknown][] = [
      ['[] is falsy for if', { if: [[], 'yes', 'no'] }, null],
      ['and returns the deciding value', { and: [1, '', 2] }, null],
      ['or of nothing truthy returns the last', { or: [0, []] }, null],
      ['+ parses strings with parseFloat', { '+': ['1.5', ' 3 ', '2px'] }, null],
      ['* of one argument returns it unconverted', { '*': ['3'] }, null],
      ['* of none throws', { '*': [] }, null],
      ['* normalises -0 between steps', { '*': [-1, 0, 5] }, null],
      ['unary minus', { '-': ['3'] }, null],
      ['between, exclusive', { '<': [1, { var: 'a' }, 3] }, { a: 2 }],
      ['substr with a negative length', { substr: ['jsonlogic', 4, -2] }, null],
      ['var with a numeric index and a default', { var: ['a.1', 'dflt'] }, { a: [5] }],
      ['var "" is the whole data', { var: '' }, { a: 1 }],
      ['missing with one array argument', { missing: [['a', 'b.c']] }, { a: '', b: { c: 1 } }],
      ['missing_some satisfied', { missing_some: [1, ['a', 'b']] }, { a: 1 }],
      ['missing_some with logic-looking options re-applies them', { missing_some: [1, { var: 'o' }] }, { o: [{ var: 'k' }], k: 'a' }],
      ['all of [] is false', { all: [[], true] }, null],
      ['none over a non-array is true', { none: [3, true] }, null],
      ['reduce without an initial value starts at null', { reduce: [[1, 2], { cat: [{ var: 'accumulator' }, { var: 'current' }] }] }, null],
      ['a two-key object is a literal', { a: 1, b: 2 }, null],
      ['in on a string', { in: ['ell', 'hello'] }, null],
      ['merge flattens one level', { merge: [1, [2, [3]], null] }, null],
    ];
    for (const [name, logic, data] of rows) expect(agrees(compileLogic, testOperations, logic, data), name).toBe(true);
  });

  // A suite that cannot fail is a defect: each variant below is wrong in one corner, and the property
  // must find it. They go through the public API: a custom operation shadows a built-in one, exactly as
  // json-logic-js's add_operation would.
  const brokenVariants: [string, Record<string, CustomOperation>][] = [
    ['"!" with JavaScript truthiness, so ![] is false', { ...testOperations, '!': (a) => !a }],
    ['"!!" with JavaScript truthiness, so !![] is true', { ...testOperations, '!!': (a) => !!a }],
    ['"+" without parseFloat, so strings concatenate', { ...testOperations, '+': (...xs) => xs.reduce((s: unknown, x) => (s as number) + (x as number), 0) }],
    ['"==" as ===, so 1 == "1" is false', { ...testOperations, '==': (a, b) => a === b }],
  ];
  for (const [name, ops] of brokenVariants) {
    it(`json-logic parity: the property catches a broken compiler, ${name}`, () => {
      const details = fc.check(property(compileLogic, ops), { numRuns: 5000, seed: 42 });
      expect(details.failed).toBe(true);
    });
  }
});
