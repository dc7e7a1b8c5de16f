// The custom json-logic operations, registered with json-logic-js exactly as src/rules/registry.ts does,
// checked through jsonLogic.apply with [name, rule, data, expected] rows.
import jsonLogic from 'json-logic-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { customOperations } from '../../src/rules/ops/index.ts';

beforeAll(() => {
  for (const [name, op] of Object.entries(customOperations)) jsonLogic.add_operation(name, op);
});

const apply = (rule: unknown, data: unknown): unknown => jsonLogic.apply(rule as never, data);

type Row = [name: string, rule: unknown, data: unknown, expected: unknown];

const quantityRows: Row[] = [
  ['RES-03: quantity_cmp "500m" vs "0.5" is 0', { quantity_cmp: ['500m', '0.5'] }, {}, 0],
  ['RES-04: quantity_cmp "1Gi" vs "1G" is 1 (1024^3 > 1000^3)', { quantity_cmp: ['1Gi', '1G'] }, {}, 1],
  ['RES-04: quantity_cmp "1Mi" vs "1048577" is -1', { quantity_cmp: ['1Mi', '1048577'] }, {}, -1],
  ['RES-02: quantity_lte request 100m ≤ limit 300m holds', { quantity_lte: [{ var: 'req' }, { var: 'lim' }] }, { req: '100m', lim: '300m' }, true],
  ['RES-02: quantity_lte request equal to limit holds (equality allowed)', { quantity_lte: ['1Gi', '1024Mi'] }, {}, true],
  ['RES-02: quantity_gt request 2 above limit 1500m', { quantity_gt: [2, '1500m'] }, {}, true],
  ['RES-06: quantity_eq request 1 equals limit 1000m', { quantity_eq: ['1', '1000m'] }, {}, true],
  ['RES-09: quantity_gte request 10000m exceeds 4 allocatable cores', { quantity_gte: ['10000m', '4'] }, {}, true],
  ['RES-03: quantity_lt 0.1 < 101m', { quantity_lt: [0.1, '101m'] }, {}, true],
  ['RES-04: quantity_add "1Gi" + "512Mi" = "1536Mi"', { quantity_add: ['1Gi', '512Mi'] }, {}, '1536Mi'],
  ['RES-03: quantity_add of three CPU requests', { quantity_add: ['100m', '250m', '650m'] }, {}, '1'],
  ['RES-03: quantity_add of nothing is "0"', { quantity_add: [] }, {}, '0'],
  ['RES-04: quantity_sub "1Gi" - "1G" = "73741824"', { quantity_sub: ['1Gi', '1G'] }, {}, '73741824'],
  ['RES-01: quantity_sum over the containers of a Pod', { quantity_sum: [{ var: 'cpu' }] }, { cpu: ['100m', '200m', 0.2] }, '500m'],
  ['RES-01: quantity_sum keeps the first non-zero format (BinarySI)', { quantity_sum: [{ var: 'mem' }] }, { mem: ['0', '200Mi', '300Mi'] }, '500Mi'],
  ['RES-01: quantity_sum of an empty list is "0"', { quantity_sum: [{ var: 'none' }] }, { none: [] }, '0'],
  ['RES-01: quantity_sum of a missing list is "0"', { quantity_sum: [{ var: 'missing' }] }, {}, '0'],
  ['RES-03: quantity_milli "250m" is 250', { quantity_milli: ['250m'] }, {}, 250],
  ['RES-03: quantity_milli 1 is 1000', { quantity_milli: [1] }, {}, 1000],
  ['RES-03: quantity_milli "0.0001" rounds up to 1', { quantity_milli: ['0.0001'] }, {}, 1],
  ['RES-04: quantity_value "1Mi" is 1048576', { quantity_value: ['1Mi'] }, {}, 1048576],
  ['RES-03: quantity_value "100m" rounds up to 1', { quantity_value: ['100m'] }, {}, 1],
  ['RES-04: quantity_valid "1Gi" is true', { quantity_valid: ['1Gi'] }, {}, true],
  ['RES-04: quantity_valid "1Gb" is false', { quantity_valid: ['1Gb'] }, {}, false],
  ['RES-04: quantity_valid of a missing value is false', { quantity_valid: [{ var: 'x' }] }, {}, false],
  ['RES-03: quantity_valid 2 is true (JSON numbers are quantities)', { quantity_valid: [2] }, {}, true],
];

const selectorRows: Row[] = [
  ['ROLL-01: selector_matches app=nginx on the template labels', { selector_matches: ['app=nginx', { var: 'labels' }] }, { labels: { app: 'nginx' } }, true],
  ['ROLL-01: selector_matches a LabelSelector object from data', { selector_matches: [{ var: 'sel' }, { var: 'labels' }] }, { sel: { matchLabels: { app: 'nginx' } }, labels: { app: 'nginx', pod: 'a' } }, true],
  ['ROLL-01: selector_matches releases a Pod whose labels stop matching', { selector_matches: [{ var: 'sel' }, { var: 'labels' }] }, { sel: { matchLabels: { app: 'nginx' } }, labels: { app: 'debug' } }, false],
  ['NET-SVC-01: selector_matches tier notin (db) when tier is absent', { selector_matches: ['tier notin (db)', { var: 'labels' }] }, { labels: { app: 'web' } }, true],
  ['NET-SVC-06: a missing (nil) selector matches nothing', { selector_matches: [{ var: 'sel' }, { var: 'labels' }] }, { labels: { app: 'web' } }, false],
  ['NET-SVC-01: an empty {} selector matches everything', { selector_matches: [{ var: 'sel' }, { var: 'labels' }] }, { sel: {}, labels: {} }, true],
  ['SCHED-07: missing node labels fail nodeSelector disktype=ssd', { selector_matches: ['disktype=ssd', { var: 'labels' }] }, {}, false],
];

const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const master = { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' };
const spot = { key: 'spot', value: 'true', effect: 'PreferNoSchedule' };

const tolerationRows: Row[] = [
  ['SCHED-12: tolerates with Equal key, value and effect', { tolerates: [{ var: 't' }, { var: 'taint' }] }, { t: { key: 'for-special-user', operator: 'Equal', value: 'cadmin', effect: 'NoSchedule' }, taint: { key: 'for-special-user', value: 'cadmin', effect: 'NoSchedule' } }, true],
  ['SCHED-12: tolerates fails on another value', { tolerates: [{ var: 't' }, { var: 'taint' }] }, { t: { key: 'for-special-user', operator: 'Equal', value: 'x', effect: 'NoSchedule' }, taint: { key: 'for-special-user', value: 'cadmin', effect: 'NoSchedule' } }, false],
  ['SCHED-12: an empty key with Exists tolerates every taint', { tolerates: [{ var: 't' }, { var: 'taint' }] }, { t: { operator: 'Exists' }, taint: unreachable }, true],
  ['SCHED-13: tolerations_tolerate with the default unreachable toleration', { tolerations_tolerate: [{ var: 'tols' }, { var: 'taint' }] }, { tols: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], taint: unreachable }, true],
  ['SCHED-12: tolerations_tolerate with no tolerations is false', { tolerations_tolerate: [{ var: 'tols' }, { var: 'taint' }] }, { taint: master }, false],
  ['SCHED-10: untolerated_taints with the scheduler filter skips PreferNoSchedule', { untolerated_taints: [{ var: 'taints' }, { var: 'tols' }, ['NoSchedule', 'NoExecute']] }, { taints: [master, spot, unreachable], tols: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }] }, [master]],
  ['SCHED-21: untolerated_taints without a filter also lists PreferNoSchedule', { untolerated_taints: [{ var: 'taints' }, { var: 'tols' }] }, { taints: [master, spot], tols: [] }, [master, spot]],
  ['SCHED-10: a node without taints has nothing untolerated', { untolerated_taints: [{ var: 'taints' }, { var: 'tols' }] }, {}, []],
];

describe('custom json-logic operations through jsonLogic.apply', () => {
  it.each([...quantityRows, ...selectorRows, ...tolerationRows])('%s', (_name, rule, data, expected) => {
    expect(apply(rule, data)).toEqual(expected);
  });

  it('SCHED-10: a rule combines untolerated_taints with core operations', () => {
    const fits = { '!': [{ some: [{ untolerated_taints: [{ var: 'taints' }, { var: 'tols' }, ['NoSchedule']] }, { '==': [{ var: 'effect' }, 'NoSchedule'] }] }] };
    expect(apply(fits, { taints: [master], tols: [] })).toBe(false);
    expect(apply(fits, { taints: [master], tols: [{ operator: 'Exists' }] })).toBe(true);
  });
});

// [name, rule, data, error fragment]
const errors: [string, unknown, unknown, string][] = [
  ['RES-04: an invalid quantity names the operation and the text', { quantity_add: ['1Gi', '1Gb'] }, {}, 'quantity_add: quantities must match the regular expression'],
  ['RES-04: a missing quantity is an error, not zero', { quantity_cmp: [{ var: 'a' }, '1'] }, {}, 'quantity_cmp: expected a quantity string or number, got null'],
  ['RES-04: quantity_value refuses numbers a double cannot hold', { quantity_value: ['8Ei'] }, {}, 'does not fit a JSON number exactly'],
  ['RES-01: quantity_sum needs an array', { quantity_sum: ['1'] }, {}, 'quantity_sum: expected an array'],
  ['ROLL-01: an invalid selector string names the operation', { selector_matches: ['a b', {}] }, {}, "selector_matches: unable to parse requirement: found 'b'"],
  ['SCHED-12: tolerates needs a taint object', { tolerates: [{ var: 't' }, 'x'] }, { t: {} }, 'tolerates: expected a taint object'],
];

describe('operation errors', () => {
  it.each(errors)('%s', (_name, rule, data, message) => {
    expect(() => apply(rule, data)).toThrow(InputError);
    expect(() => apply(rule, data)).toThrow(message);
  });

  it('RES-04 ROLL-01 SCHED-12: the registry lists every operation, none with a dot in its name', () => {
    expect(Object.keys(customOperations).sort()).toEqual(
      [
        'quantity_add', 'quantity_cmp', 'quantity_eq', 'quantity_gt', 'quantity_gte', 'quantity_lt', 'quantity_lte',
        'quantity_milli', 'quantity_sub', 'quantity_sum', 'quantity_valid', 'quantity_value',
        'selector_matches', 'tolerates', 'tolerations_tolerate', 'untolerated_taints',
      ].sort(),
    );
    for (const name of Object.keys(customOperations)) expect(name).not.toContain('.');
  });
});
