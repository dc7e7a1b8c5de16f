// Random Pods for property tests: init containers, sidecars (restartable init containers) and app containers,
// each with a random status (or none) in any of the states kubelet reports — including combinations the API
// allows but kubelet never writes (several state fields at once, a status without any state), so rules are
// compared with their oracles on every shape the types admit.
import fc from 'fast-check';
import type {
  Container,
  ContainerState,
  ContainerStatus,
  Pod,
  PodCondition,
  RestartPolicy,
} from '../../src/k8s/types.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** An RFC 3339 time within a day after 2026-01-01T00:00:00Z, whole seconds as the API server writes them. */
export const arbTime = fc
  .integer({ min: 0, max: 86_400 })
  .map((s) => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z'));

const arbExitCode = fc.constantFrom(0, 0, 0, 0, 1, 2, 137, 143);

const arbTerminated = fc.record(
  {
    exitCode: arbExitCode,
    signal: fc.constantFrom(9, 15),
    reason: fc.constantFrom('Completed', 'Error', 'OOMKilled', 'ContainerCannotRun'),
    startedAt: arbTime,
    finishedAt: arbTime,
  },
  { requiredKeys: ['exitCode'] },
);

const arbWaiting = fc.record(
  {
    reason: fc.constantFrom(
      'ContainerCreating',
      'PodInitializing',
      'ErrImagePull',
      'ImagePullBackOff',
      'CrashLoopBackOff',
      'CreateContainerConfigError',
    ),
  },
  { requiredKeys: [] },
);

export const arbContainerState: fc.Arbitrary<ContainerState> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 1 },
  { arbitrary: fc.record({ running: fc.record({ startedAt: arbTime }, { requiredKeys: [] }) }), weight: 6 },
  { arbitrary: fc.record({ terminated: arbTerminated }), weight: 6 },
  { arbitrary: fc.record({ waiting: arbWaiting }), weight: 3 },
  {
    arbitrary: fc.record(
      { waiting: arbWaiting, running: fc.constant({}), terminated: arbTerminated },
      { requiredKeys: [] },
    ),
    weight: 1,
  },
);

function arbStatus(name: string): fc.Arbitrary<ContainerStatus> {
  return fc.record(
    {
      name: fc.constant(name),
      state: arbContainerState,
      lastState: fc.oneof(fc.constant({}), fc.record({ terminated: arbTerminated })),
      ready: fc.boolean(),
      started: fc.constantFrom(true, true, true, false),
      restartCount: fc.nat({ max: 12 }),
    },
    { requiredKeys: ['name', 'state', 'ready', 'restartCount'] },
  );
}

interface ContainerDraft {
  container: Container;
  status: ContainerStatus | null;
}

function arbContainer(name: string, sidecar: boolean): fc.Arbitrary<ContainerDraft> {
  const container: Container = sidecar ? { name, image: 'busybox', restartPolicy: 'Always' } : { name, image: 'busybox' };
  return fc.record({ container: fc.constant(container), status: fc.option(arbStatus(name), { nil: null, freq: 10 }) });
}

const arbInit = fc
  .array(fc.boolean(), { maxLength: 3 })
  .chain((sidecars) =>
    fc.tuple(...sidecars.map((s, i) => arbContainer(s ? `sidecar-${i}` : `init-${i}`, s))),
  );

const arbApps = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbContainer(`app-${i}`, false))));

const arbCondition: fc.Arbitrary<PodCondition> = fc.record(
  {
    type: fc.constantFrom('PodScheduled', 'Initialized', 'Ready', 'ContainersReady'),
    status: fc.constantFrom('True', 'False'),
    reason: fc.constantFrom('SchedulingGated', 'PodCompleted', 'ContainersNotReady'),
  },
  { requiredKeys: ['type', 'status'] },
);

export interface ArbPodOptions {
  /** Also generate deletionTimestamp, status.reason, status.phase and conditions (for kubectl printing). */
  printing?: boolean;
}

/** A random Pod; its statuses list each status under the list kubelet would use, in a random order. */
export function arbPod(opts: ArbPodOptions = {}): fc.Arbitrary<Pod> {
  const printing = opts.printing ?? false;
  return fc
    .record({
      restartPolicy: fc.option(fc.constantFrom<RestartPolicy>('Always', 'OnFailure', 'Never'), { nil: undefined }),
      inits: arbInit,
      apps: arbApps,
      creationTimestamp: arbTime,
      deletionTimestamp: printing ? fc.option(arbTime, { nil: undefined, freq: 3 }) : fc.constant(undefined),
      reason: printing
        ? fc.option(fc.constantFrom('NodeLost', 'Evicted'), { nil: undefined, freq: 3 })
        : fc.constant(undefined),
      phase: printing
        ? fc.option(fc.constantFrom('Pending' as const, 'Running' as const, 'Succeeded' as const, 'Failed' as const), {
            nil: undefined,
          })
        : fc.constant(undefined),
      conditions: printing ? fc.array(arbCondition, { maxLength: 3 }) : fc.constant<PodCondition[]>([]),
      shuffle: fc.boolean(),
    })
    .map((r) => {
      const order = <T>(xs: T[]): T[] => (r.shuffle ? [...xs].reverse() : xs);
      const present = (d: ContainerDraft[]) => d.flatMap((x) => (x.status ? [x.status] : []));
      const pod: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', creationTimestamp: r.creationTimestamp },
        spec: { containers: r.apps.map((a) => a.container) },
        status: {
          initContainerStatuses: present(r.inits),
          containerStatuses: order(present(r.apps)),
        },
      };
      if (r.restartPolicy) pod.spec.restartPolicy = r.restartPolicy;
      if (r.inits.length > 0) pod.spec.initContainers = r.inits.map((i) => i.container);
      if (r.deletionTimestamp) pod.metadata.deletionTimestamp = r.deletionTimestamp;
      if (r.reason) pod.status!.reason = r.reason;
      if (r.phase) pod.status!.phase = r.phase;
      if (r.conditions.length > 0) pod.status!.conditions = r.conditions;
      return pod;
    });
}

const arbCpu = fc.constantFrom('0', '100m', '0.1', '250m', '500m', '1', '2');
const arbMemory = fc.constantFrom('0', '64Mi', '67108864', '128Mi', '1Gi', '1024Mi');
const arbResourceList = fc.record(
  { cpu: arbCpu, memory: arbMemory, 'ephemeral-storage': fc.constantFrom('1Gi', '2Gi'), 'nvidia.com/gpu': fc.constant('1') },
  { requiredKeys: [] },
);

/** Random requests/limits (sometimes absent); requests may exceed limits, which validation would reject. */
export const arbResources = fc.record(
  { requests: arbResourceList, limits: arbResourceList },
  { requiredKeys: [] },
);

// The same value in two spellings, so "request equals limit" is tested on values, not on text.
const arbCpuPair = fc.constantFrom(['100m', '0.1'], ['1', '1000m'], ['250m', '250m'], ['2', '2']);
const arbMemoryPair = fc.constantFrom(['64Mi', '67108864'], ['1Gi', '1024Mi'], ['128Mi', '128Mi']);

/** limits for cpu and memory, requests equal to them, written differently or left out (defaulted). */
const arbGuaranteedResources = fc
  .record({ cpu: arbCpuPair, memory: arbMemoryPair, cpuRequest: fc.boolean(), memoryRequest: fc.boolean() })
  .map(({ cpu, memory, cpuRequest, memoryRequest }) => {
    const requests: Record<string, string> = {};
    if (cpuRequest) requests.cpu = cpu[1] as string;
    if (memoryRequest) requests.memory = memory[1] as string;
    return { requests, limits: { cpu: cpu[0] as string, memory: memory[0] as string } };
  });

const arbContainerResources = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: arbGuaranteedResources, weight: 3 },
  { arbitrary: arbResources, weight: 2 },
);

/** A Pod whose app, init and sidecar containers carry random resources (for the QoS class). */
export function arbPodWithResources(): fc.Arbitrary<Pod> {
  const arbContainers = (prefix: string, min: number, max: number, sidecar = false) =>
    fc.array(arbContainerResources, { minLength: min, maxLength: max }).map((rs) =>
      rs.map((resources, i): Container => {
        const c: Container = { name: `${prefix}-${i}` };
        if (resources) c.resources = resources;
        if (sidecar) c.restartPolicy = 'Always';
        return c;
      }),
    );
  const bare = fc.integer({ min: 1, max: 3 }).map((n) => Array.from({ length: n }, (_, i): Container => ({ name: `app-${i}` })));
  return fc
    .record({
      apps: fc.oneof({ arbitrary: arbContainers('app', 1, 3), weight: 4 }, { arbitrary: bare, weight: 1 }),
      inits: arbContainers('init', 0, 2),
      sidecars: arbContainers('sidecar', 0, 1, true),
    })
    .map(({ apps, inits, sidecars }) => {
      const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: apps } };
      if (inits.length + sidecars.length > 0) pod.spec.initContainers = [...inits, ...sidecars];
      return pod;
    });
}
