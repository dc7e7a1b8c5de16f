// `kubectl get pods` columns against printPod (pkg/printers/internalversion/printers.go) and AGE against
// HumanDuration (k8s.io/apimachinery/pkg/util/duration/duration.go), Kubernetes 1.35+.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanDuration, timestampAge } from '../../src/kubectl/age.ts';
import { podStatusColumns, type PodStatusColumns } from '../../src/kubectl/get-pods.ts';
import type { ContainerStatus, Pod, PodCondition, PodPhase } from '../../src/k8s/types.ts';
import { arbPod } from '../arbitraries/pod.ts';

const DAY = 86_400;
const YEAR = 365 * DAY;

describe('humanDuration (AGE and "(… ago)")', () => {
  const rows: [name: string, seconds: number, expected: string][] = [
    ['POD-05 AGE: 2 s in the future → "<invalid>"', -2, '<invalid>'],
    ['POD-05 AGE: 1.5 s in the future is clock skew → "0s"', -1.5, '0s'],
    ['POD-05 AGE: just created → "0s"', 0, '0s'],
    ['POD-05 AGE: 59 s → "59s"', 59, '59s'],
    ['POD-05 AGE: seconds are shown up to 119 s → "119s"', 119, '119s'],
    ['POD-05 AGE: 120 s → "2m"', 120, '2m'],
    ['POD-05 AGE: 125 s → "2m5s" (seconds kept below 10 minutes)', 125, '2m5s'],
    ['POD-05 AGE: 599 s → "9m59s"', 599, '9m59s'],
    ['POD-05 AGE: 600 s → "10m"', 600, '10m'],
    ['POD-05 AGE: 630 s → "10m" (seconds dropped from 10 minutes on)', 630, '10m'],
    ['POD-05 AGE: 10799 s → "179m" (minutes up to 3 hours)', 10_799, '179m'],
    ['POD-05 AGE: 3 h → "3h"', 10_800, '3h'],
    ['POD-05 AGE: 3 h 5 min → "3h5m"', 11_100, '3h5m'],
    ['POD-05 AGE: just under 8 h → "7h59m"', 28_799, '7h59m'],
    ['POD-05 AGE: 8 h 30 min → "8h" (minutes dropped from 8 hours on)', 30_600, '8h'],
    ['POD-05 AGE: just under 48 h → "47h"', 2 * DAY - 1, '47h'],
    ['POD-05 AGE: 2 days → "2d"', 2 * DAY, '2d'],
    ['POD-05 AGE: 2 days 5 h → "2d5h"', 2 * DAY + 5 * 3600, '2d5h'],
    ['POD-05 AGE: just under 8 days → "7d23h"', 8 * DAY - 1, '7d23h'],
    ['POD-05 AGE: 8 days 12 h → "8d" (hours dropped from 8 days on)', 8 * DAY + 12 * 3600, '8d'],
    ['POD-05 AGE: just under 2 years → "729d"', 2 * YEAR - 1, '729d'],
    ['POD-05 AGE: 2 years → "2y"', 2 * YEAR, '2y'],
    ['POD-05 AGE: 2 years 10 days → "2y10d"', 2 * YEAR + 10 * DAY, '2y10d'],
    ['POD-05 AGE: 8 years 100 days → "8y" (days dropped from 8 years on)', 8 * YEAR + 100 * DAY, '8y'],
  ];
  it.each(rows)('%s', (_name, seconds, expected) => {
    expect(humanDuration(seconds)).toBe(expected);
  });

  it('POD-05 AGE: a pod without creationTimestamp → "<unknown>"', () => {
    expect(timestampAge(undefined, new Date())).toBe('<unknown>');
  });
});

const NOW = new Date('2026-01-01T01:00:00Z');
const CREATED = '2026-01-01T00:00:00Z';
const ago = (seconds: number): string => new Date(NOW.getTime() - seconds * 1000).toISOString().replace('.000Z', 'Z');

type S = Partial<ContainerStatus> & Pick<ContainerStatus, 'state'>;
interface PodDraft {
  inits?: [name: string, s: S | undefined, sidecar?: boolean][];
  apps: [name: string, s: S | undefined][];
  phase?: PodPhase;
  reason?: string;
  conditions?: PodCondition[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  deleted?: boolean;
  created?: string | null;
}

function pod(d: PodDraft): Pod {
  const status = (name: string, s: S | undefined): ContainerStatus[] =>
    s ? [{ name, ready: false, restartCount: 0, ...s }] : [];
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { containers: d.apps.map(([name]) => ({ name })) },
    status: {
      containerStatuses: d.apps.flatMap(([n, s]) => status(n, s)),
      initContainerStatuses: (d.inits ?? []).flatMap(([n, s]) => status(n, s)),
    },
  };
  if (d.created !== null) p.metadata.creationTimestamp = d.created ?? CREATED;
  if (d.inits) p.spec.initContainers = d.inits.map(([name, , sidecar]) => (sidecar ? { name, restartPolicy: 'Always' } : { name }));
  if (d.restartPolicy) p.spec.restartPolicy = d.restartPolicy;
  if (d.phase) p.status!.phase = d.phase;
  if (d.reason) p.status!.reason = d.reason;
  if (d.conditions) p.status!.conditions = d.conditions;
  if (d.deleted) p.metadata.deletionTimestamp = ago(10);
  return p;
}

const running: S = { state: { running: {} }, ready: true, started: true };
const waiting = (reason: string): S => ({ state: { waiting: { reason } } });
const exited = (exitCode: number, reason?: string, signal?: number): S => ({
  state: { terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) } },
});
const crashLoop = (restartCount: number, finishedSecondsAgo: number): S => ({
  state: { waiting: { reason: 'CrashLoopBackOff' } },
  lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(finishedSecondsAgo) } },
  restartCount,
});
const cond = (type: PodCondition['type'], status: PodCondition['status'], reason?: string): PodCondition =>
  reason ? { type, status, reason } : { type, status };
const initialized = cond('Initialized', 'True');

const rows: [name: string, pod: Pod, expected: Partial<PodStatusColumns>][] = [
  ['POD-06: not scheduled, no container status → Pending', pod({ apps: [['app', undefined]] }), { name: 'web', ready: '0/1', status: 'Pending', restarts: '0', age: '60m' }],
  ['POD-06: scheduling gates hold it → SchedulingGated', pod({ apps: [['app', undefined]], conditions: [cond('PodScheduled', 'False', 'SchedulingGated')] }), { status: 'SchedulingGated' }],
  ['POD-14: first of two init containers running → Init:0/2', pod({ inits: [['i0', running], ['i1', waiting('PodInitializing')]], apps: [['app', waiting('PodInitializing')]] }), { status: 'Init:0/2', ready: '0/1' }],
  ['POD-14: first init done, second running → Init:1/2', pod({ inits: [['i0', exited(0, 'Completed')], ['i1', running]], apps: [['app', waiting('PodInitializing')]] }), { status: 'Init:1/2' }],
  ['POD-14: init container in back-off → Init:CrashLoopBackOff with its restarts', pod({ inits: [['i0', crashLoop(3, 300)], ['i1', waiting('PodInitializing')]], apps: [['app', waiting('PodInitializing')]] }), { status: 'Init:CrashLoopBackOff', restarts: '3 (5m ago)' }],
  ['POD-14: init container failed with reason Error → Init:Error', pod({ restartPolicy: 'Never', inits: [['i0', exited(1, 'Error')]], apps: [['app', waiting('PodInitializing')]] }), { status: 'Init:Error' }],
  ['POD-14: init container exited 2 without a reason → Init:ExitCode:2', pod({ inits: [['i0', exited(2)]], apps: [['app', waiting('PodInitializing')]] }), { status: 'Init:ExitCode:2' }],
  ['POD-14: init container killed by signal 9, no reason → Init:Signal:9', pod({ inits: [['i0', exited(137, undefined, 9)]], apps: [['app', waiting('PodInitializing')]] }), { status: 'Init:Signal:9' }],
  ['POD-14: init containers done, app not created yet → PodInitializing', pod({ inits: [['i0', exited(0, 'Completed')]], apps: [['app', waiting('PodInitializing')]], conditions: [initialized] }), { status: 'PodInitializing' }],
  ['POD-06: sandbox and container being created → ContainerCreating', pod({ apps: [['app', waiting('ContainerCreating')]] }), { status: 'ContainerCreating', ready: '0/1' }],
  ['POD-06: image pull failed → ErrImagePull', pod({ apps: [['app', waiting('ErrImagePull')]] }), { status: 'ErrImagePull' }],
  ['POD-06: image pull backing off → ImagePullBackOff', pod({ apps: [['app', waiting('ImagePullBackOff')]] }), { status: 'ImagePullBackOff' }],
  ['POD-12: restarting with back-off → CrashLoopBackOff, "4 (2m30s ago)"', pod({ apps: [['app', crashLoop(4, 150)]] }), { status: 'CrashLoopBackOff', restarts: '4 (2m30s ago)' }],
  ['CFG-02: referenced ConfigMap missing → CreateContainerConfigError', pod({ apps: [['app', waiting('CreateContainerConfigError')]] }), { status: 'CreateContainerConfigError' }],
  ['POD-08: Never + exited 0 → Completed', pod({ restartPolicy: 'Never', apps: [['app', exited(0, 'Completed')]] }), { status: 'Completed', ready: '0/1' }],
  ['POD-09: Never + exited 1 → Error', pod({ restartPolicy: 'Never', apps: [['app', exited(1, 'Error')]] }), { status: 'Error' }],
  ['POD-09: Always + exited 1 → Error although the phase is Running', pod({ apps: [['app', exited(1, 'Error')]] }), { status: 'Error' }],
  ['RES-05: killed above its memory limit → OOMKilled', pod({ apps: [['app', exited(137, 'OOMKilled')]] }), { status: 'OOMKilled' }],
  ['POD-09: exited 3 without a reason → ExitCode:3', pod({ restartPolicy: 'Never', apps: [['app', exited(3)]] }), { status: 'ExitCode:3' }],
  ['POD-09: killed by signal 15 without a reason → Signal:15', pod({ restartPolicy: 'Never', apps: [['app', exited(143, undefined, 15)]] }), { status: 'Signal:15' }],
  ['POD-07: running and ready → Running 1/1', pod({ apps: [['app', running]] }), { status: 'Running', ready: '1/1', restarts: '0' }],
  ['PROBE-03: running, readiness failing → Running 0/1', pod({ apps: [['app', { ...running, ready: false }]] }), { status: 'Running', ready: '0/1' }],
  ['POD-07: one Completed, one running ready, pod Ready → Running', pod({ apps: [['job', exited(0, 'Completed')], ['app', running]], conditions: [cond('Ready', 'True')] }), { status: 'Running', ready: '1/2' }],
  ['PROBE-03: one Completed, one running ready, pod not Ready → NotReady', pod({ apps: [['job', exited(0, 'Completed')], ['app', running]], conditions: [cond('Ready', 'False')] }), { status: 'NotReady', ready: '1/2' }],
  ['POD-15: deleted while running → Terminating', pod({ apps: [['app', running]], deleted: true }), { status: 'Terminating' }],
  ['POD-15: deleted after it Succeeded → Completed (a terminal phase is not Terminating)', pod({ restartPolicy: 'Never', apps: [['app', exited(0, 'Completed')]], deleted: true }), { status: 'Completed' }],
  ['POD-10: deleted on an unreachable node (NodeLost) → Unknown', pod({ apps: [['app', running]], deleted: true, reason: 'NodeLost' }), { status: 'Unknown' }],
  ['NODE-13: evicted, but a container status exists → its reason (Error) replaces Evicted', pod({ apps: [['app', exited(137, 'Error')]], phase: 'Failed', reason: 'Evicted' }), { status: 'Error' }],
  ['NODE-13: evicted before any container status → Evicted', pod({ apps: [['app', undefined]], phase: 'Failed', reason: 'Evicted' }), { status: 'Evicted' }],
  ['POD-14: a started ready sidecar counts in READY → 2/2 Running', pod({ inits: [['proxy', running, true]], apps: [['app', running]], conditions: [initialized] }), { status: 'Running', ready: '2/2' }],
  ['POD-14: sidecar not started yet → Init:0/1 and 0/2', pod({ inits: [['proxy', { state: { running: {} }, started: false }, true]], apps: [['app', waiting('PodInitializing')]] }), { status: 'Init:0/1', ready: '0/2' }],
  [
    'POD-12: sidecar and app restarts add up, latest restart wins → "3 (3m ago)"',
    pod({
      inits: [['proxy', { ...running, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(600) } } }, true]],
      apps: [['app', { ...running, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(180) } } }]],
      conditions: [initialized],
    }),
    { restarts: '3 (3m ago)', ready: '2/2' },
  ],
  [
    'POD-14: restarts of a finished regular init container are not counted once initialized → 0',
    pod({ inits: [['i0', { ...exited(0, 'Completed'), restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(900) } } }]], apps: [['app', running]], conditions: [initialized] }),
    { restarts: '0', status: 'Running' },
  ],
  ['POD-12: restarts without a recorded finish time → plain "2"', pod({ apps: [['app', { ...running, restartCount: 2 }]] }), { restarts: '2' }],
  ['POD-06: the first container listed wins → CrashLoopBackOff over ErrImagePull', pod({ apps: [['a', crashLoop(1, 30)], ['b', waiting('ErrImagePull')]] }), { status: 'CrashLoopBackOff' }],
  ['POD-06: waiting without a reason → the phase, Pending', pod({ apps: [['app', { state: { waiting: {} } }]] }), { status: 'Pending' }],
  ['POD-05: no creationTimestamp → AGE <unknown>', pod({ apps: [['app', running]], created: null }), { age: '<unknown>' }],
];

describe('podStatusColumns (kubectl get pods)', () => {
  it.each(rows)('%s', (_name, p, expected) => {
    expect(podStatusColumns(p, NOW)).toMatchObject(expected);
  });

  it('POD-05, POD-14: READY is ready/total over app containers plus sidecars, whatever the statuses say', () => {
    fc.assert(
      fc.property(arbPod({ printing: true }), (p) => {
        const { ready } = podStatusColumns(p, NOW);
        const sidecars = (p.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
        const [n, total] = ready.split('/').map(Number);
        expect(total).toBe(p.spec.containers.length + sidecars);
        expect(n).toBeLessThanOrEqual(total as number);
      }),
      { numRuns: 1000 },
    );
  });

  it('POD-15, POD-10: a deleted pod that is not terminal shows Terminating or, when NodeLost, Unknown', () => {
    fc.assert(
      fc.property(arbPod({ printing: true }), (p) => {
        const { status } = podStatusColumns(p, NOW);
        if (p.metadata.deletionTimestamp && p.status?.reason === 'NodeLost') expect(status).toBe('Unknown');
        else if (p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && p.status?.phase !== undefined) {
          expect(status).toBe('Terminating');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
