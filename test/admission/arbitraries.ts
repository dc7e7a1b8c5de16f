// Random admission inputs for property tests: Pods whose containers set any mix of cpu/memory requests and
// limits (request ≤ limit, RES-02), other Pods in a few phases, quotas over the Pod resources and
// LimitRanges with defaults, all in namespace "default".
import fc from 'fast-check';
import type { ClusterState } from '../../src/admission/types.ts';
import { parseQuantity } from '../../src/k8s/quantity.ts';
import type { Container, LimitRangeItem, Pod, ResourceList } from '../../src/k8s/types.ts';
import { limitRange, quota } from './support.ts';

const CPU = ['100m', '250m', '500m', '1', '2'];
const MEMORY = ['64Mi', '128Mi', '256Mi', '1Gi'];

/** A request and a limit for one resource, either possibly absent, never request > limit. */
function pair(values: readonly string[]): fc.Arbitrary<[string | undefined, string | undefined]> {
  const v = fc.option(fc.constantFrom(...values), { nil: undefined });
  return fc.tuple(v, v).map(([a, b]) => {
    if (a && b && parseQuantity(a).cmp(parseQuantity(b)) > 0) return [b, a];
    return [a, b];
  });
}

export const arbContainer = (name: string): fc.Arbitrary<Container> =>
  fc.tuple(pair(CPU), pair(MEMORY)).map(([[rc, lc], [rm, lm]]) => {
    const requests: ResourceList = { ...(rc ? { cpu: rc } : {}), ...(rm ? { memory: rm } : {}) };
    const limits: ResourceList = { ...(lc ? { cpu: lc } : {}), ...(lm ? { memory: lm } : {}) };
    const resources = { ...(Object.keys(requests).length ? { requests } : {}), ...(Object.keys(limits).length ? { limits } : {}) };
    return { name, image: 'nginx:1.27', ...(Object.keys(resources).length ? { resources } : {}) };
  });

export const arbPod = (name: string): fc.Arbitrary<Pod> =>
  fc.record({
    containers: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbContainer(`c${i}`)))),
    phase: fc.constantFrom(undefined, 'Running', 'Pending', 'Succeeded', 'Failed'),
  }).map(({ containers, phase }) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers },
    ...(phase ? { status: { phase } } : {}),
  }));

const arbHard: fc.Arbitrary<ResourceList> = fc.record(
  {
    pods: fc.constantFrom('1', '2', '5'),
    'count/pods': fc.constantFrom('2', '4'),
    'requests.cpu': fc.constantFrom('500m', '1', '3'),
    'limits.cpu': fc.constantFrom('1', '2', '4'),
    'requests.memory': fc.constantFrom('256Mi', '1Gi'),
    'limits.memory': fc.constantFrom('512Mi', '2Gi'),
    cpu: fc.constantFrom('1', '2'),
  },
  { requiredKeys: [] },
);

const arbLimitItem: fc.Arbitrary<LimitRangeItem> = fc.record({
  type: fc.constant('Container' as const),
  default: fc.record({ cpu: fc.constantFrom(...CPU), memory: fc.constantFrom(...MEMORY) }, { requiredKeys: [] }),
});

export const arbCluster: fc.Arbitrary<ClusterState> = fc.record({
  pods: fc.array(fc.nat(), { maxLength: 4 }).chain((ids) => fc.tuple(...ids.map((_, i) => arbPod(`p${i}`)))),
  quotas: fc.array(arbHard, { maxLength: 2 }),
  ranges: fc.array(arbLimitItem, { maxLength: 1 }),
}).map(({ pods, quotas, ranges }) => ({
  namespaces: [],
  limitRanges: ranges.map((item, i) => limitRange(`lr${i}`, [item])),
  resourceQuotas: quotas.map((hard, i) => quota(`q${i}`, hard)),
  priorityClasses: [],
  pods,
}));
