// json-logic operations on text for policies: regular expressions and Kubernetes release numbers.
// {"matches": [text, "regex", "flags"?]} is RegExp.test (a non-string text never matches); patterns are
// compiled once and cached, since a policy runs the same pattern over every object.
// {"version_lt": ["1.22", "1.25"]} compares "major.minor" releases as numbers ("1.9" < "1.10").
import type { CustomOperation } from '../../rules/ops/index.ts';

const patterns = new Map<string, RegExp>();

function pattern(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = patterns.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    patterns.set(key, re);
  }
  return re;
}

function release(op: string, v: unknown): [number, number] {
  const m = /^v?(\d+)\.(\d+)/.exec(String(v));
  if (!m) throw new Error(`${op}: "${String(v)}" is not a Kubernetes release such as "1.25"`);
  return [Number(m[1]), Number(m[2])];
}

function compare(op: string, a: unknown, b: unknown): number {
  const [x, y] = [release(op, a), release(op, b)];
  return x[0] - y[0] || x[1] - y[1];
}

export const textOperations: Readonly<Record<string, CustomOperation>> = {
  matches: (text, source, flags) => typeof text === 'string' && pattern(String(source), typeof flags === 'string' ? flags : '').test(text),
  version_lt: (a, b) => compare('version_lt', a, b) < 0,
  version_gte: (a, b) => compare('version_gte', a, b) >= 0,
};
