// Label selectors: rows from apimachinery labels/selector_test.go plus the behaviours that rely on them.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import {
  labelKeyErrors,
  matchesSelector,
  parseSelector,
  selectorFromLabelSelector,
  selectorToString,
} from '../../src/k8s/selector.ts';
import type { LabelSelector } from '../../src/k8s/types.ts';

const web = { app: 'nginx', tier: 'frontend' };

// [name, selector, labels, matches]
const matching: [string, string, Record<string, string> | undefined, boolean][] = [
  ['ROLL-01: app=nginx selects the nginx Pod', 'app=nginx', web, true],
  ['ROLL-01: app=nginx releases a Pod relabelled app=debug', 'app=nginx', { app: 'debug' }, false],
  ['NET-SVC-01: app==nginx is the same as app=nginx', 'app==nginx', web, true],
  ['NET-SVC-01: every requirement must hold (AND)', 'app=nginx,tier=backend', web, false],
  ['NET-SVC-01: the empty selector string matches every Pod', '', web, true],
  ['NET-SVC-01: the empty selector string matches a Pod without labels', '', undefined, true],
  ['ROLL-01: != matches when the key is absent', 'env!=prod', web, true],
  ['ROLL-01: != fails on the excluded value', 'tier!=frontend', web, false],
  ['ROLL-01: notin matches when the key is absent', 'env notin (prod,staging)', web, true],
  ['ROLL-01: notin fails on a listed value', 'tier notin (frontend,backend)', web, false],
  ['ROLL-01: in needs the key to be present', 'env in (prod)', web, false],
  ['ROLL-01: in matches any listed value', 'tier in (backend,frontend)', web, true],
  ['ROLL-01: in () holds the empty value only', 'env in ()', { env: '' }, true],
  ['ROLL-01: a bare key requires the key to exist', 'tier', web, true],
  ['ROLL-01: a bare key fails without the key', 'env', web, false],
  ['ROLL-01: !key requires the key to be absent', '!env', web, true],
  ['ROLL-01: !key fails when the key exists, even empty', '!env', { env: '' }, false],
  ['SCHED-15: n>3 compares label values as integers', 'n>3', { n: '10' }, true],
  ['SCHED-15: n<3 fails for 10, no string comparison', 'n<3', { n: '10' }, false],
  ['SCHED-15: n>1 fails on a non-integer label value', 'n>1', { n: 'v2' }, false],
  ['SCHED-15: n>1 fails when the key is absent', 'n>1', {}, false],
  ['ROLL-01: "in" and "notin" can be keys and values', 'notin=in', { notin: 'in' }, true],
  ['ROLL-01: whitespace, tabs and newlines separate tokens', 'x  notin\t\n (abc,def) ,  y', { y: '1' }, true],
  ['JOB-02: a prefixed key matches exactly its own controller-uid', 'batch.kubernetes.io/controller-uid=1234', { 'batch.kubernetes.io/controller-uid': '1234' }, true],
];

describe('matchesSelector with the string syntax', () => {
  it.each(matching)('%s', (_name, selector, labels, expected) => {
    expect(matchesSelector(selector, labels)).toBe(expected);
  });
});

// [name, input, String()]
const printing: [string, string, string][] = [
  ['ROLL-01: requirements print sorted by key', 'x=a,a=x', 'a=x,x=a'],
  ['ROLL-01: set values print sorted and deduplicated, empty value first', 'x in (foo,,baz,foo),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
  ['ROLL-01: spaces around operators disappear', 'x= ,z= ', 'x=,z='],
  ['ROLL-01: == and != keep their spelling', 'y==jkl,z!=a', 'y==jkl,z!=a'],
  ['SCHED-15: > and < print without spaces', 'x > 2, y < 8', 'x>2,y<8'],
  ['ROLL-01: !key prints with the bang', '!x', '!x'],
  ['NET-SVC-01: the empty selector prints as ""', '', ''],
];

describe('selectorToString', () => {
  it.each(printing)('%s', (_name, input, out) => {
    expect(selectorToString(parseSelector(input))).toBe(out);
    expect(selectorToString(out)).toBe(out);
  });
});

// [name, input, Kubernetes' error text]
const invalid: [string, string, string][] = [
  ['ROLL-01: "x=a||y=b" is rejected, "a||y" is no label value', 'x=a||y=b', 'unable to parse requirement: values[0][x]: Invalid value: "a||y"'],
  ['ROLL-01: "x==a==b" is rejected, a second operator', 'x==a==b', "found '==', expected: ',' or 'end of string'"],
  ['ROLL-01: "!x=a" is rejected, !key takes no value', '!x=a', "found '=', expected: ',' or 'end of string'"],
  ['SCHED-15: "x<a" is rejected, Lt needs an integer', 'x<a', "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"],
  ['ROLL-01: "a:" is rejected, an invalid key', 'a:', 'unable to parse requirement: <nil>: Invalid value: "a:": name part must consist of alphanumeric characters'],
  ['ROLL-01: "a=-b" is rejected, an invalid value', 'a=-b', 'unable to parse requirement: values[0][a]: Invalid value: "-b": a valid label must be an empty string'],
  ['ROLL-01: "a b" is rejected, a missing operator', 'a b', "unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'"],
  ['ROLL-01: "a in" is rejected, the value set needs parentheses', 'a in', "unable to parse requirement: found '' expected: '('"],
  ['ROLL-01: "a in (b" is rejected, unclosed parenthesis', 'a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
  ['ROLL-01: "a," is rejected, a trailing comma', 'a,', "found '', expected: identifier after ','"],
  ['ROLL-01: "," is rejected, no requirement', ',', "found ',', expected: !, identifier, or 'end of string'"],
  ['ROLL-01: "a>=1" is rejected, there is no >= operator', 'a>=1', "unable to parse requirement: found '=', expected: identifier"],
  ['ROLL-01: "/a" is rejected, an empty key prefix', '/a', 'prefix part must be non-empty'],
  ['ROLL-01: "Example.com/a" is rejected, the prefix must be lower case', 'Example.com/a', 'prefix part a lowercase RFC 1123 subdomain'],
];

describe('parseSelector errors', () => {
  it.each(invalid)('%s', (_name, input, message) => {
    expect(() => parseSelector(input)).toThrow(InputError);
    expect(() => parseSelector(input)).toThrow(message);
  });

  it('ROLL-01: label keys follow IsQualifiedName (63-character name, 253-character prefix)', () => {
    expect(labelKeyErrors('example.com/app')).toEqual([]);
    expect(labelKeyErrors('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(labelKeyErrors(`${'a'.repeat(254)}/x`)).toEqual(['prefix part must be no more than 253 characters']);
    expect(labelKeyErrors('').length).toBe(2);
  });
});

// [name, LabelSelector (undefined = nil), labels, matches, String()]
const objects: [string, LabelSelector | null | undefined, Record<string, string>, boolean, string][] = [
  ['ROLL-01: a nil selector matches nothing', undefined, web, false, ''],
  ['ROLL-01: a null selector matches nothing', null, web, false, ''],
  ['NET-SVC-01: an empty {} selector matches everything', {}, web, true, ''],
  ['NET-SVC-01: empty matchLabels and matchExpressions match everything', { matchLabels: {}, matchExpressions: [] }, web, true, ''],
  ['ROLL-01: matchLabels app=nginx selects the template Pod', { matchLabels: { app: 'nginx' } }, web, true, 'app=nginx'],
  ['SCHED-16: matchExpressions a In [b] selects a=b', { matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] }, { a: 'b' }, true, 'a in (b)'],
  ['NETPOL-05: matchLabels and matchExpressions are ANDed', { matchLabels: { role: 'client' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, { role: 'client', tier: 'frontend' }, false, 'role=client,tier notin (frontend)'],
  ['ROLL-01: Exists and DoesNotExist', { matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'canary', operator: 'DoesNotExist' }] }, web, true, '!canary,tier'],
  ['ROLL-01: In keeps duplicate values but prints them sorted', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['z', 'frontend', 'a', 'z'] }] }, web, true, 'tier in (a,frontend,z,z)'],
];

describe('selectorFromLabelSelector (LabelSelectorAsSelector)', () => {
  it.each(objects)('%s', (_name, ls, labels, expected, printed) => {
    expect(matchesSelector(ls, labels)).toBe(expected);
    expect(matchesSelector(selectorFromLabelSelector(ls), labels)).toBe(expected);
    expect(selectorToString(ls)).toBe(printed);
  });

  // [name, LabelSelector, Kubernetes' error text]
  const bad: [string, LabelSelector, string][] = [
    ['ROLL-01: In without values is rejected', { matchExpressions: [{ key: 'a', operator: 'In' }] }, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    ['ROLL-01: Exists with values is rejected', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist'],
    ['SCHED-15: Gt is a node-affinity operator, not a label selector one', { matchExpressions: [{ key: 'a', operator: 'Gt' as 'In', values: ['1'] }] }, '"Gt" is not a valid label selector operator'],
    ['ROLL-01: an invalid matchLabels key is rejected', { matchLabels: { 'a b': 'c' } }, 'key: Invalid value: "a b": name part must consist'],
    ['ROLL-01: an invalid matchLabels value is rejected', { matchLabels: { a: 'c d' } }, 'values[0][a]: Invalid value: "c d": a valid label must be'],
  ];
  it.each(bad)('%s', (_name, ls, message) => {
    expect(() => selectorFromLabelSelector(ls)).toThrow(InputError);
    expect(() => selectorFromLabelSelector(ls)).toThrow(message);
  });
});

describe('nodeSelector (SCHED-07)', () => {
  // kube-scheduler turns spec.nodeSelector into matchLabels-style "=" requirements on node labels.
  const nodeSelector = { disktype: 'ssd' };
  it('SCHED-07: a node without the disktype label does not match nodeSelector disktype=ssd', () => {
    expect(matchesSelector({ matchLabels: nodeSelector }, { 'kubernetes.io/hostname': 'node01' })).toBe(false);
  });
  it('SCHED-07: labelling the node disktype=ssd makes it match', () => {
    expect(matchesSelector({ matchLabels: nodeSelector }, { 'kubernetes.io/hostname': 'node01', disktype: 'ssd' })).toBe(true);
  });
});
