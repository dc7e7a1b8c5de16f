// Taints and tolerations: rows after core/v1 toleration_test.go and the behaviours of BEHAVIOURS.md.
import { describe, expect, it } from 'vitest';
import {
  checkToleration,
  FILTERED_EFFECTS,
  findUntoleratedTaint,
  tolerationsTolerateTaint,
  toleratesTaint,
  untoleratedTaints,
  type TolerationLike,
} from '../../src/k8s/taint.ts';
import type { Taint } from '../../src/k8s/types.ts';

const special: Taint = { key: 'for-special-user', value: 'cadmin', effect: 'NoSchedule' };
const master: Taint = { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' };
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const sla: Taint = { key: 'sla', value: '950', effect: 'NoSchedule' };

// [name, toleration, taint, tolerated]
const rows: [string, TolerationLike, Taint, boolean][] = [
  ['SCHED-12: Equal with key, value and effect equal tolerates', { key: 'for-special-user', operator: 'Equal', value: 'cadmin', effect: 'NoSchedule' }, special, true],
  ['SCHED-12: Equal with another value does not tolerate', { key: 'for-special-user', operator: 'Equal', value: 'other', effect: 'NoSchedule' }, special, false],
  ['SCHED-12: Equal with another effect does not tolerate', { key: 'for-special-user', operator: 'Equal', value: 'cadmin', effect: 'NoExecute' }, special, false],
  ['SCHED-12: Equal with another key does not tolerate', { key: 'other', operator: 'Equal', value: 'cadmin', effect: 'NoSchedule' }, special, false],
  ['SCHED-12: an absent operator means Equal', { key: 'for-special-user', value: 'cadmin', effect: 'NoSchedule' }, special, true],
  ['SCHED-12: an absent operator compares values, "" against cadmin fails', { key: 'for-special-user', effect: 'NoSchedule' }, special, false],
  ['SCHED-12: Equal with no value tolerates a taint with no value', { key: 'node-role.kubernetes.io/master', operator: 'Equal', effect: 'NoSchedule' }, master, true],
  ['SCHED-12: Exists ignores the value', { key: 'for-special-user', operator: 'Exists', effect: 'NoSchedule' }, special, true],
  ['SCHED-12: an empty effect matches every effect', { key: 'for-special-user', operator: 'Exists', effect: '' }, special, true],
  ['SCHED-12: an absent effect matches every effect', { key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, unreachable, true],
  ['SCHED-12: an empty key with Exists tolerates every taint', { operator: 'Exists' }, unreachable, true],
  ['SCHED-12: an empty key with Exists and an effect tolerates only that effect', { operator: 'Exists', effect: 'NoSchedule' }, unreachable, false],
  ['SCHED-12: an empty key with Equal matches any key with that value', { operator: 'Equal', value: 'cadmin' }, special, true],
  ['SCHED-12: an unknown operator never matches', { key: 'for-special-user', operator: 'Contains', value: 'cadmin' }, special, false],
  ['DS-05: the master:NoSchedule toleration lets fluentd run on control-plane nodes', { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }, master, true],
  ['SCHED-13: the default not-ready/unreachable toleration tolerates unreachable:NoExecute', { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, unreachable, true],
  ['SCHED-12: Gt never matches while TaintTolerationComparisonOperators is off (the default)', { key: 'sla', operator: 'Gt', value: '900' }, sla, false],
];

describe('toleratesTaint', () => {
  it.each(rows)('%s', (_name, toleration, taint, expected) => {
    expect(toleratesTaint(toleration, taint)).toBe(expected);
  });
});

// [name, toleration, taint, tolerated, error fragment]
const comparisons: [string, TolerationLike, Taint, boolean, string | undefined][] = [
  ['SCHED-12: Gt tolerates a taint value 950 above 900', { key: 'sla', operator: 'Gt', value: '900' }, sla, true, undefined],
  ['SCHED-12: Gt does not tolerate 950 against 950', { key: 'sla', operator: 'Gt', value: '950' }, sla, false, undefined],
  ['SCHED-12: Lt tolerates 950 below 1000, numbers not strings ("950" > "1000")', { key: 'sla', operator: 'Lt', value: '1000' }, sla, true, undefined],
  ['SCHED-12: Lt does not tolerate 950 against 950', { key: 'sla', operator: 'Lt', value: '950' }, sla, false, undefined],
  ['SCHED-12: Gt with a leading-zero toleration value is an error', { key: 'sla', operator: 'Gt', value: '0900' }, sla, false, 'failed to parse toleration value "0900" as int64: must be a valid decimal integer in canonical form'],
  ['SCHED-12: Gt against a non-numeric taint value is an error', { key: 'sla', operator: 'Gt', value: '1' }, { key: 'sla', value: 'gold', effect: 'NoSchedule' }, false, 'failed to parse taint value "gold" as int64'],
  ['SCHED-12: Gt against an empty taint value is an error', { key: 'sla', operator: 'Gt', value: '1' }, { key: 'sla', effect: 'NoSchedule' }, false, 'must be non-empty'],
  ['SCHED-12: Gt beyond int64 is an error', { key: 'sla', operator: 'Gt', value: '9223372036854775808' }, sla, false, 'value out of range'],
];

describe('Gt/Lt with TaintTolerationComparisonOperators on', () => {
  it.each(comparisons)('%s', (_name, toleration, taint, tolerated, error) => {
    const result = checkToleration(toleration, taint, { comparisonOperators: true });
    expect(result.tolerated).toBe(tolerated);
    if (error === undefined) expect(result.error).toBeUndefined();
    else expect(result.error).toContain(error);
  });
});

describe('tolerationsTolerateTaint and findUntoleratedTaint', () => {
  const prefer: Taint = { key: 'spot', value: 'true', effect: 'PreferNoSchedule' };
  const diskPressure: Taint = { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' };

  it('SCHED-12: any one toleration suffices', () => {
    expect(tolerationsTolerateTaint([{ key: 'x', operator: 'Exists' }, { key: 'for-special-user', operator: 'Exists' }], special)).toBe(true);
    expect(tolerationsTolerateTaint(undefined, special)).toBe(false);
    expect(tolerationsTolerateTaint([], special)).toBe(false);
  });

  it('SCHED-10: PreferNoSchedule taints never filter, only NoSchedule and NoExecute do', () => {
    expect(findUntoleratedTaint([special, prefer], [{ key: 'for-special-user', operator: 'Exists' }], FILTERED_EFFECTS)).toBeUndefined();
    expect(findUntoleratedTaint([prefer, special], [], FILTERED_EFFECTS)).toEqual(special);
  });

  it('SCHED-03: the first untolerated taint is the one reported ("had taint {node-role.kubernetes.io/master: }")', () => {
    expect(findUntoleratedTaint([master, special], [{ key: 'for-special-user', operator: 'Exists' }])).toEqual(master);
  });

  it('SCHED-09: disk-pressure blocks a Pod lacking a matching toleration', () => {
    expect(findUntoleratedTaint([diskPressure], undefined, FILTERED_EFFECTS)).toEqual(diskPressure);
    expect(findUntoleratedTaint([diskPressure], [{ key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' }], FILTERED_EFFECTS)).toBeUndefined();
  });

  it('SCHED-11: the NoExecute filter picks only taints that evict', () => {
    expect(untoleratedTaints([special, unreachable, prefer], [], ['NoExecute'])).toEqual([unreachable]);
    expect(untoleratedTaints([special, unreachable, prefer], [], (t) => t.effect !== 'NoExecute')).toEqual([special, prefer]);
  });

  it('DS-04: the DaemonSet tolerations cover not-ready, unreachable and the pressure taints', () => {
    const daemonSet: TolerationLike[] = [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ];
    const nodeTaints: Taint[] = [unreachable, diskPressure, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }];
    expect(untoleratedTaints(nodeTaints, daemonSet)).toEqual([]);
    expect(findUntoleratedTaint([...nodeTaints, master], daemonSet, FILTERED_EFFECTS)).toEqual(master);
  });

  it('SCHED-12: a cleanly untolerated taint is reported before one whose Gt comparison failed', () => {
    const gold: Taint = { key: 'sla', value: 'gold', effect: 'NoSchedule' };
    const tolerations: TolerationLike[] = [{ key: 'sla', operator: 'Gt', value: '1' }];
    const on = { comparisonOperators: true };
    expect(findUntoleratedTaint([gold, master], tolerations, undefined, on)).toEqual(master);
    expect(findUntoleratedTaint([gold], tolerations, undefined, on)).toEqual(gold);
    expect(findUntoleratedTaint([sla], tolerations, undefined, on)).toBeUndefined();
    expect(findUntoleratedTaint([sla], tolerations)).toEqual(sla);
  });
});
