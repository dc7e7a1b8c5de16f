// Load-time rule checking (STYLE lesson 5): each bad rule is reported as a RuleError at the JSON path of
// the mistake, with a message that says what is wrong and, where it can, what was meant.
// The rule engine pins no Kubernetes behaviour itself; the fixture rules below cite the POD IDs they use.
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../src/errors.ts';
import { checkRule, idFromFileName, ruleErrors } from '../../src/rules/check.ts';
import { conformance, defineShape, getShape, resolvePath } from '../../src/rules/shapes.ts';

const double = (a: unknown) => (a as number) * 2;
const operations = { double };

/** A valid rule; each row below changes one thing. */
const base = {
  id: 'pod/is-running',
  description: 'A Pod whose status.phase is Running.',
  behaviours: ['POD-07'],
  input: 'PodInput',
  logic: { '==': [{ var: 'pod.status.phase' }, 'Running'] },
  examples: [['POD-07: phase Running is running', { pod: { status: { phase: 'Running' } } }, true]],
};

type Row = [name: string, change: Record<string, unknown>, jsonPath: string, fragment: string, fileName?: string];

const badRules: Row[] = [
  ['rejected: unknown operation, named with its path and the known ones', { logic: { and: [{ foo: [1] }, true] } }, '$.logic.and[0]', 'unknown operation "foo" at $.logic.and[0]', undefined],
  ['rejected: misspelled operation, the closest one is suggested', { logic: { andd: [true, true] } }, '$.logic', 'did you mean "and"?'],
  ['rejected: "method" would call arbitrary JavaScript', { logic: { method: ['abc', 'toUpperCase'] } }, '$.logic', 'not allowed'],
  ['rejected: var path with a typo, the real path is suggested', { logic: { if: [{ var: 'pod.spec.containrs' }, true, false] } }, '$.logic.if[0]', 'var "pod.spec.containrs" at $.logic.if[0] does not exist in PodInput; did you mean "pod.spec.containers"?'],
  ['rejected: var path through a string', { logic: { '==': [{ var: 'pod.status.phase.x' }, 1] } }, '$.logic["=="][0]', '"pod.status.phase" is a string'],
  ['rejected: var path with a default still has to exist', { logic: { '==': [{ var: ['pod.stauts.phase', 'Pending'] }, 'Running'] } }, '$.logic["=="][0]', 'did you mean "pod.status.phase"?'],
  ['rejected: inside "all" the data is one element of the list', { logic: { all: [{ var: 'pod.status.containerStatuses' }, { var: 'redy' }] } }, '$.logic.all[1]', 'does not exist in an element of "pod.status.containerStatuses"; did you mean "ready"?'],
  ['rejected: inside "map" the outer data is out of reach', { logic: { map: [{ var: 'pod.spec.containers' }, { var: 'pod.metadata.name' }] } }, '$.logic.map[1]', 'var "pod.metadata.name"'],
  ['rejected: inside "reduce" the data is {current, accumulator}', { logic: { reduce: [{ var: 'pod.spec.containers' }, { cat: [{ var: 'accumulator' }, { var: 'curent.name' }] }, ''] } }, '$.logic.reduce[1].cat[1]', 'did you mean "current.name"?'],
  ['rejected: "some" over a string is never true', { logic: { some: [{ var: 'pod.status.phase' }, true] } }, '$.logic.some[0]', 'iterates over "pod.status.phase", which is a string, not an array'],
  ['rejected: missing key with a typo', { logic: { missing: ['pod.spec.nodeNam'] } }, '$.logic.missing[0]', 'missing key "pod.spec.nodeNam"'],
  ['rejected: "if" without arguments is always null', { logic: { if: [] } }, '$.logic', '"if" at $.logic takes at least 2 arguments, got 0'],
  ['rejected: "==" with three arguments drops the third', { logic: { '==': [1, 1, 2] } }, '$.logic', 'takes 2 arguments, got 3'],
  ['rejected: "map" without its logic maps to undefined', { logic: { map: [{ var: 'pod.spec.containers' }] } }, '$.logic', 'takes 2 arguments, got 1'],
  ['rejected: missing description', { description: undefined }, '$.description', 'missing field "description"'],
  ['rejected: missing logic', { logic: undefined }, '$.logic', 'missing field "logic"'],
  ['rejected: misspelled top-level field', { exmaples: [] }, '$.exmaples', 'unknown field "exmaples"; did you mean "examples"?'],
  ['rejected: behaviour not of the form AREA-NN', { behaviours: ['pod-7'] }, '$.behaviours[0]', 'not a BEHAVIOURS.md ID'],
  ['rejected: no behaviours at all', { behaviours: [] }, '$.behaviours', 'non-empty list'],
  ['rejected: id does not match the file path', {}, '$.id', 'expected "kubelet/is-running"', 'rules/kubelet/is-running.json'],
  ['rejected: unknown input shape, the closest is suggested', { input: 'PodInptu' }, '$.input', 'did you mean "PodInput"?'],
  ['rejected: an example row is not [name, data, expected]', { examples: [['only a name', {}]] }, '$.examples[0]', 'row [name, data, expected]'],
  ['rejected: an example without a name', { examples: [['', {}, true]] }, '$.examples[0][0]', 'non-empty string'],
  ['rejected: example data with a field the input shape lacks', { examples: [['x', { pod: { status: { phse: 'Running' } } }, false]] }, '$.examples[0][1]', 'unknown field "phse"; did you mean "phase"?'],
  ['rejected: example data with a wrong type', { examples: [['x', { pod: { status: { containerStatuses: [{ ready: 'yes' }] } } }, false]] }, '$.examples[0][1]', '$.examples[0][1].pod.status.containerStatuses[0].ready: expected boolean, got string'],
  ['rejected: example data missing a required field', { examples: [['x', {}, false]] }, '$.examples[0][1]', 'missing field "pod"'],
  ['rejected: kubernetes release not like "1.24"', { kubernetes: { since: 'v1.24' } }, '$.kubernetes.since', 'a release like "1.24"'],
];

describe('checkRule rejects bad rules at load time', () => {
  it.each(badRules)('%s', (_name, change, jsonPath, fragment, fileName) => {
    const rule: Record<string, unknown> = { ...base, ...change };
    for (const [k, v] of Object.entries(change)) if (v === undefined) delete rule[k];
    const errors = ruleErrors(rule, { operations, fileName });
    const hit = errors.find((e) => e.jsonPath === jsonPath);
    expect(hit, `errors: ${errors.map((e) => `${e.jsonPath} ${e.message}`).join(' | ')}`).toBeDefined();
    expect(hit?.message).toContain(fragment);
    expect(hit?.ruleId).toBe('pod/is-running');
    expect(() => checkRule(rule, { operations, fileName })).toThrow(RuleError);
  });

  it('rejected: a rule file that is not an object', () => {
    expect(ruleErrors([1, 2], { operations }).map((e) => e.jsonPath)).toEqual(['$']);
  });

  it('a RuleError carries the file name it came from', () => {
    const [error] = ruleErrors({ ...base, logic: { foo: 1 } }, { operations, fileName: 'rules/pod/is-running.json' });
    expect(error?.file).toBe('rules/pod/is-running.json');
  });
});

const goodRules: [string, Record<string, unknown>][] = [
  ['accepted: the base rule', {}],
  ['accepted: var inside "all" reads the element', { logic: { all: [{ var: 'pod.status.containerStatuses' }, { '==': [{ var: 'ready' }, true] }] } }],
  ['accepted: nested scopes, filter then map', { logic: { map: [{ filter: [{ var: 'pod.spec.containers' }, { var: 'livenessProbe' }] }, { var: 'name' }] } }],
  ['accepted: reduce reads current and accumulator', { logic: { reduce: [{ var: 'pod.status.containerStatuses' }, { '+': [{ var: 'accumulator' }, { var: 'current.restartCount' }] }, 0] } }],
  ['accepted: map keys and array indexes', { logic: { and: [{ var: 'pod.metadata.labels.app' }, { var: 'pod.spec.containers.0.resources.requests.cpu' }, { var: 'pod.spec.containers.length' }] } }],
  ['accepted: a computed var path is checked only as logic', { logic: { var: { cat: ['pod.', 'status'] } } }],
  ['accepted: a custom operation with any arguments', { logic: { double: [{ var: 'pod.status.containerStatuses.0.restartCount' }] } }],
  ['accepted: an assignment rule, a list of [field, value] pairs', { logic: [['phase', { var: 'pod.status.phase' }]] }],
  ['accepted: "Any" input lets every path through', { input: 'Any', logic: { var: 'whatever.you.like' }, examples: [['anything', { whatever: 1 }, null]] }],
  ['accepted: the file name matches the id', {}],
];

describe('checkRule accepts good rules', () => {
  it.each(goodRules)('%s', (_name, change) => {
    const errors = ruleErrors({ ...base, ...change }, { operations, fileName: 'rules/pod/is-running.json' });
    expect(errors.map((e) => `${e.jsonPath}: ${e.message}`)).toEqual([]);
  });
});

describe('shapes', () => {
  it('idFromFileName: the path below rules/ without .json', () => {
    expect(idFromFileName('/work/main/rules/kubelet/pod-phase.json')).toBe('kubelet/pod-phase');
    expect(idFromFileName('rules/kubelet/pod-phase.json')).toBe('kubelet/pod-phase');
    expect(idFromFileName('kubelet/pod-phase.json')).toBe('kubelet/pod-phase');
  });

  it('defineShape: redefining a name with another shape throws, the same shape is fine', () => {
    const shape = defineShape('CheckTestShape', { object: { a: 'number', 'b?': 'string' } });
    expect(() => defineShape('CheckTestShape', shape)).not.toThrow();
    expect(() => defineShape('CheckTestShape', 'any')).toThrow(/already defined/);
    expect(getShape('CheckTestShape')).toBe(shape);
  });

  it('conformance: "key?" is optional, others required, null stands for absent only where optional', () => {
    const shape = getShape('CheckTestShape');
    expect(shape).toBeDefined();
    if (!shape) return;
    expect(conformance(shape, { a: 1 })).toEqual([]);
    expect(conformance(shape, { a: 1, b: null })).toEqual([]);
    expect(conformance(shape, { b: 'x' })).toEqual(['$: missing field "a"']);
    expect(conformance(shape, { a: null })).toEqual(['$.a: expected number, got null']);
  });

  it('resolvePath: oneOf resolves through every alternative that has the key', () => {
    const shape = { oneOf: [{ object: { a: 'string' } }, { object: { a: 'number', b: 'boolean' } }] } as const;
    expect(resolvePath(shape as never, ['a'])).toEqual({ shape: { oneOf: ['string', 'number'] } });
    expect(resolvePath(shape as never, ['b'])).toEqual({ shape: 'boolean' });
    expect(resolvePath(shape as never, ['c'])).toMatchObject({ failedAt: 0 });
  });
});
