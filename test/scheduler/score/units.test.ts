// The small pure parts of the score phase, with the worked examples of their doc comments: normalisation,
// Go's rounding, Pod requests with the scheduler's defaults, default weights per release, and the deviation
// BalancedAllocation scores.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/k8s/types.ts';
import { defaultScoreWeights } from '../../../src/scheduler/score/index.ts';
import { defaultNormalize, goRound, minMaxNormalize, spreadNormalize } from '../../../src/scheduler/score/normalize.ts';
import { podRequests } from '../../../src/scheduler/score/requests.ts';
import { balanceStd } from '../../../src/scheduler/score/resources.ts';
import { normalizedImageName } from '../../../src/scheduler/score/image-locality.ts';
import { pod } from './fixtures.ts';

describe('normalisation', () => {
  const rows: [string, () => number[], number[]][] = [
    ['SCHED-15: DefaultNormalizeScore scales by the maximum with int64 division: [80, 20, 0] → [100, 25, 0]', () => defaultNormalize([80, 20, 0], false), [100, 25, 0]],
    ['SCHED-15: DefaultNormalizeScore truncates: [3, 1] → [100, 33]', () => defaultNormalize([3, 1], false), [100, 33]],
    ['SCHED-21: reversed, more intolerable taints is worse: [2, 1, 0] → [0, 50, 100]', () => defaultNormalize([2, 1, 0], true), [0, 50, 100]],
    ['SCHED-21: reversed with every count 0, every node gets 100', () => defaultNormalize([0, 0], true), [100, 100]],
    ['SCHED-15: not reversed with every score 0, the scores stay 0', () => defaultNormalize([0, 0], false), [0, 0]],
    ['SCHED-18: InterPodAffinity min-max: [-5, 0, 5] → [0, 50, 100]', () => minMaxNormalize([-5, 0, 5]), [0, 50, 100]],
    ['SCHED-18: InterPodAffinity min-max truncates the float: [0, 1, 3] → [0, 33, 100]', () => minMaxNormalize([0, 1, 3]), [0, 33, 100]],
    ['SCHED-18: InterPodAffinity with equal scores gives 0 to all', () => minMaxNormalize([7, 7]), [0, 0]],
    ['SCHED-18: PodTopologySpread: [0, 2, 4] → [100, 50, 0]', () => spreadNormalize([0, 2, 4], [false, false, false]), [100, 50, 0]],
    ['SCHED-18: PodTopologySpread: [1, 3] → [100, 33]: 100 * (3 + 1 - 3) / 3', () => spreadNormalize([1, 3], [false, false]), [100, 33]],
    ['SCHED-18: PodTopologySpread: ignored nodes get 0, all-zero others 100', () => spreadNormalize([0, 0], [true, false]), [0, 100]],
  ];
  for (const [name, run, expected] of rows) it(name, () => expect(run()).toEqual(expected));

  it('SCHED-18: goRound rounds half away from zero like Go math.Round, and 0.49999999999999994 down', () => {
    expect([0.5, 1.5, 2.5, -2.5, 2.4999, 0.49999999999999994, 3.2188758248682006].map(goRound)).toEqual([1, 2, 3, -3, 2, 0, 3]);
  });
});

describe('Pod requests for scoring', () => {
  const spec = (s: Partial<Pod['spec']>): Pod => ({ ...pod('p'), spec: { containers: [], ...s } });

  it('SCHED-19: a container without requests counts 100m cpu and 200Mi memory only with the non-missing defaults', () => {
    const p = pod('p');
    expect(podRequests(p, { nonMissing: true })).toEqual(new Map([['cpu', 100n], ['memory', 209715200n]]));
    expect(podRequests(p)).toEqual(new Map());
  });

  it('SCHED-19: an explicit "0" request is kept, not replaced by the default', () => {
    expect(podRequests(pod('p', { requests: { cpu: '0' } }), { nonMissing: true }).get('cpu')).toBe(0n);
  });

  it('SCHED-22: init containers count as the larger phase: app 250m + 250m, init 1 → 1000m', () => {
    const p = spec({
      containers: [{ name: 'a', resources: { requests: { cpu: '250m' } } }, { name: 'b', resources: { requests: { cpu: '250m' } } }],
      initContainers: [{ name: 'i', resources: { requests: { cpu: '1' } } }],
    });
    expect(podRequests(p).get('cpu')).toBe(1000n);
  });

  it('SCHED-22: a sidecar adds to the app containers and to later init containers: 250m + 100m, then 1 + 100m → 1100m', () => {
    const p = spec({
      containers: [{ name: 'a', resources: { requests: { cpu: '250m' } } }],
      initContainers: [
        { name: 'proxy', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
        { name: 'migrate', resources: { requests: { cpu: '1' } } },
      ],
    });
    expect(podRequests(p).get('cpu')).toBe(1100n);
  });

  it('SCHED-19: overhead is added on top', () => {
    const p = spec({ containers: [{ name: 'a', resources: { requests: { memory: '1Gi' } } }], overhead: { memory: '120Mi' } });
    expect(podRequests(p).get('memory')).toBe(1073741824n + 125829120n);
  });
});

describe('default score weights per release', () => {
  const asRecord = (minor: number) => Object.fromEntries(defaultScoreWeights(minor).map((w) => [w.name, w.weight]));

  it('SCHED-02: since 1.23 (v1beta3, kept by v1 through 1.37) TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, others 1', () => {
    const modern = { TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 };
    expect(asRecord(37)).toEqual(modern);
    expect(asRecord(23)).toEqual(modern);
  });

  it('SCHED-02: 1.22 (v1beta2) weighs every plugin 1 except PodTopologySpread 2', () => {
    expect(asRecord(22)).toEqual({ TaintToleration: 1, NodeAffinity: 1, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 1, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 });
  });

  it('SCHED-02: until 1.21 the resource plugin is NodeResourcesLeastAllocated; before 1.18 PodTopologySpread does not score', () => {
    expect(asRecord(21).NodeResourcesLeastAllocated).toBe(1);
    expect(asRecord(18).PodTopologySpread).toBe(1);
    expect(asRecord(17).PodTopologySpread).toBeUndefined();
  });
});

describe('helpers', () => {
  it('SCHED-19: two resources give |f1 - f2| / 2, fractions capped at 1, missing resources left out', () => {
    expect(balanceStd([{ requested: 3, allocatable: 4 }, { requested: 1, allocatable: 4 }])).toBe(0.25);
    expect(balanceStd([{ requested: 8, allocatable: 4 }, { requested: 0, allocatable: 4 }])).toBe(0.5);
    expect(balanceStd([{ requested: 1, allocatable: 4 }, { requested: 0, allocatable: 0 }])).toBe(0);
  });

  it('SCHED-19: three resources use the population standard deviation', () => {
    expect(balanceStd([{ requested: 0, allocatable: 1 }, { requested: 1, allocatable: 2 }, { requested: 1, allocatable: 1 }])).toBeCloseTo(Math.sqrt(1 / 6), 15);
  });

  it('SCHED-21: image names without a tag get ":latest"; a registry port is not a tag', () => {
    expect(['nginx', 'nginx:1.27', 'reg:5000/app', 'reg:5000/app:v1'].map(normalizedImageName)).toEqual(['nginx:latest', 'nginx:1.27', 'reg:5000/app:latest', 'reg:5000/app:v1']);
  });
});
