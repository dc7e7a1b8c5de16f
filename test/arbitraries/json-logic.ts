// Random json-logic expressions and data for the compiler's differential test against json-logic-js.
// Keys, strings and numbers come from small pools so that `var` paths usually hit existing data and the
// coercion corners (-0, "1.5", "", [], NaN, 1e21) show up often.
import fc from 'fast-check';

/** Property names shared by data and `var` paths; `length` reaches into strings and arrays. */
export const dataKeys = ['a', 'b', 'c', '0', '1', 'length', 'current', 'accumulator'] as const;

const strings = fc.constantFrom('', 'a', 'b', 'abc', '0', '1', '1.5', '-2', ' 3 ', 'true', 'null', 'a.b', 'x');
const numbers = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(-0, 0.5, -2.5, 1e21, Infinity, NaN));
const primitive = fc.oneof(strings, numbers, fc.boolean(), fc.constant(null));

/** Nested objects and arrays over the shared keys. */
export const jsonData: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'data' },
    primitive,
    fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'data' }),
    fc.dictionary(fc.constantFrom(...dataKeys), tie('value'), { maxKeys: 4, depthIdentifier: 'data' }),
  ),
})).value;

const path = fc
  .array(fc.constantFrom(...dataKeys), { minLength: 1, maxLength: 3 })
  .map((ks) => ks.join('.'));

/** Operations evaluated eagerly by json-logic-js (arguments first, then the operation). */
export const eagerOps = [
  '==', '===', '!=', '!==', '>', '>=', '<', '<=', '!', '!!', '%', '/', '-', '+', '*',
  'min', 'max', 'cat', 'merge', 'in', 'substr', 'log',
] as const;

/** Small custom operations, registered identically in both engines. `boom` throws on "x". */
export const testOperations: Record<string, (...args: unknown[]) => unknown> = {
  double: (a) => (typeof a === 'number' ? a * 2 : [a, a]),
  boom: (a) => {
    if (a === 'x') throw new Error('boom');
    return a;
  },
};

/** Random json-logic expressions over every json-logic-js operation plus `testOperations`. */
export const jsonLogicExpr: fc.Arbitrary<unknown> = fc.letrec<{ expr: unknown }>((tie) => {
  const expr = tie('expr');
  const args = (max: number) => fc.oneof(fc.array(expr, { maxLength: max, depthIdentifier: 'logic' }), expr);
  const op = (name: string, a: fc.Arbitrary<unknown>) => a.map((v) => ({ [name]: v }));
  const leaf = fc.oneof(
    primitive,
    fc.array(primitive, { maxLength: 3 }),
    fc.constantFrom({}, { a: 1, b: [] }),
    op('var', fc.oneof(path, fc.constantFrom('', 0, 1, null), fc.tuple(path, primitive), fc.constant([]))),
  );
  return {
    expr: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'logic' },
      leaf,
      leaf,
      op('var', fc.tuple(expr, expr)),
      op('var', fc.tuple(path, expr)),
      fc.constantFrom(...eagerOps).chain((name) => op(name, args(4))),
      fc.constantFrom('if', '?:').chain((name) => op(name, args(6))),
      fc.constantFrom('and', 'or').chain((name) => op(name, args(4))),
      fc.constantFrom('map', 'filter', 'all', 'some', 'none').chain((name) => op(name, fc.oneof(fc.tuple(expr, expr), args(3)))),
      op('reduce', fc.oneof(fc.tuple(expr, expr), fc.tuple(expr, expr, expr), args(3))),
      op('missing', fc.oneof(fc.array(path, { maxLength: 3 }), fc.tuple(fc.array(path, { maxLength: 3 })), args(2))),
      op('missing_some', fc.oneof(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(path, { maxLength: 3 })), args(2))),
      fc.constantFrom(...Object.keys(testOperations)).chain((name) => op(name, args(2))),
    ),
  };
}).expr;
