import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import {
  CURRENT_KUBERNETES_VERSION,
  EVENT_WORDING,
  OLDEST_KUBERNETES_VERSION,
  eventMessage,
  goDuration,
  parseKubernetesMinor,
  truncateToMillis,
  wordingRow,
  type EventArgs,
  type EventKind,
} from '../../src/kubelet/event-messages.ts';

const web: EventArgs = {
  pod: 'web',
  namespace: 'default',
  uid: '5b1c2d3e-0000-4000-8000-000000000001',
  container: 'web',
  image: 'nginx:1.27',
  node: 'node-1',
  pullSeconds: 1.234567891,
  pullTotalSeconds: 2.5,
  imageSize: 72_404_416,
  probeOutput: 'HTTP probe failed with statuscode: 500',
  configMap: 'app-config',
  secret: 'db-secrets',
  pullError: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.27": not found',
};
const crashy: EventArgs = { ...web, pod: 'crashy', container: 'app' };

// [name, kind, args, version, expected type, reason, message]; version evidence is in the table comments.
const rows: [string, EventKind, EventArgs, string, 'Normal' | 'Warning', string, string][] = [
  ['POD-16, SCHED-01: Scheduled in 1.16 names namespace/pod and node', 'Scheduled', web, '1.16', 'Normal', 'Scheduled', 'Successfully assigned default/web to node-1'],
  ['POD-16, SCHED-01: Scheduled in current is unchanged', 'Scheduled', web, CURRENT_KUBERNETES_VERSION, 'Normal', 'Scheduled', 'Successfully assigned default/web to node-1'],
  ['POD-06: Pulling in 1.16 is capitalised (PR #73892, 1.14)', 'Pulling', web, '1.16', 'Normal', 'Pulling', 'Pulling image "nginx:1.27"'],
  ['POD-06: Pulled in 1.18 carries no duration yet', 'Pulled', web, '1.18', 'Normal', 'Pulled', 'Successfully pulled image "nginx:1.27"'],
  ['POD-06: Pulled in 1.19 adds the full-precision total (PR #91563)', 'Pulled', web, '1.19', 'Normal', 'Pulled', 'Successfully pulled image "nginx:1.27" in 2.5s'],
  ['POD-06: Pulled in 1.25 still prints nanoseconds', 'Pulled', { ...web, pullTotalSeconds: 6.443385154 }, 'v1.25.3', 'Normal', 'Pulled', 'Successfully pulled image "nginx:1.27" in 6.443385154s'],
  ['POD-06: Pulled in 1.26 splits pull time and waiting (PR #111772)', 'Pulled', web, '1.26', 'Normal', 'Pulled', 'Successfully pulled image "nginx:1.27" in 1.234567891s (2.5s including waiting)'],
  ['POD-06: Pulled in 1.28 truncates to milliseconds (PR #117276)', 'Pulled', web, '1.28', 'Normal', 'Pulled', 'Successfully pulled image "nginx:1.27" in 1.234s (2.5s including waiting)'],
  ['POD-06: Pulled in 1.30 appends the image size', 'Pulled', web, '1.30', 'Normal', 'Pulled', 'Successfully pulled image "nginx:1.27" in 1.234s (2.5s including waiting). Image size: 72404416 bytes.'],
  ['POD-06: Pulled without waiting reports the same time twice', 'Pulled', { ...web, pullSeconds: 0.532, pullTotalSeconds: undefined }, '1.34', 'Normal', 'Pulled', 'Successfully pulled image "nginx:1.27" in 532ms (532ms including waiting). Image size: 72404416 bytes.'],
  ['POD-06: image already present in 1.34 is the short form', 'PulledAlreadyPresent', web, '1.34', 'Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine'],
  ['POD-06: image already present in 1.35 adds the credential check wording', 'PulledAlreadyPresent', web, '1.35', 'Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine and can be accessed by the pod'],
  ['POD-16: Created in 1.30 names the container without a colon', 'Created', web, '1.30', 'Normal', 'Created', 'Created container web'],
  ['POD-16: Created in 1.33 has the colon form', 'Created', web, '1.33', 'Normal', 'Created', 'Created container: web'],
  ['POD-16: Created in 1.35 drops the name (PR #134043)', 'Created', web, '1.35', 'Normal', 'Created', 'Container created'],
  ['POD-16: Started in 1.30 reads "Started container web"', 'Started', web, '1.30', 'Normal', 'Started', 'Started container web'],
  ['POD-16: Started in 1.34 keeps no colon even when Created has one', 'Started', web, '1.34', 'Normal', 'Started', 'Started container web'],
  ['POD-16: Started in current reads "Container started"', 'Started', web, CURRENT_KUBERNETES_VERSION, 'Normal', 'Started', 'Container started'],
  ['POD-15: deletion stops each container by name', 'Killing', web, '1.21', 'Normal', 'Killing', 'Stopping container web'],
  ['POD-15: Stopping wording survives PR #134043', 'Killing', web, CURRENT_KUBERNETES_VERSION, 'Normal', 'Killing', 'Stopping container web'],
  ['PROBE-01: liveness failure kill explains the restart', 'KillingLiveness', web, '1.20', 'Normal', 'Killing', 'Container web failed liveness probe, will be restarted'],
  ['PROBE-01: startup failure kill explains the restart', 'KillingStartup', web, CURRENT_KUBERNETES_VERSION, 'Normal', 'Killing', 'Container web failed startup probe, will be restarted'],
  ['POD-12: back-off in 1.25 names no container', 'BackOffRestart', crashy, '1.25', 'Warning', 'BackOff', 'Back-off restarting failed container'],
  ['POD-12: back-off in 1.26 names container and name_namespace(uid) (PR #113216)', 'BackOffRestart', crashy, '1.26', 'Warning', 'BackOff', 'Back-off restarting failed container app in pod crashy_default(5b1c2d3e-0000-4000-8000-000000000001)'],
  ['POD-06: pull back-off is a Normal event', 'BackOffPull', web, '1.16', 'Normal', 'BackOff', 'Back-off pulling image "nginx:1.27"'],
  ['POD-06: pull back-off event carries no previous error in current', 'BackOffPull', web, CURRENT_KUBERNETES_VERSION, 'Normal', 'BackOff', 'Back-off pulling image "nginx:1.27"'],
  ['POD-06: failed pull quotes the runtime error', 'FailedPull', web, '1.29', 'Warning', 'Failed', `Failed to pull image "nginx:1.27": ${web.pullError}`],
  ['POD-06: the sync error follows as "Error: ErrImagePull"', 'ErrImagePull', web, '1.16', 'Warning', 'Failed', 'Error: ErrImagePull'],
  ['POD-06: back-off sync error reads "Error: ImagePullBackOff"', 'ImagePullBackOff', web, CURRENT_KUBERNETES_VERSION, 'Warning', 'Failed', 'Error: ImagePullBackOff'],
  ['CFG-02: a missing configmap blocks the container (singular resource name)', 'CreateContainerConfigError', web, '1.22', 'Warning', 'Failed', 'Error: configmap "app-config" not found'],
  ['CFG-02: a missing secret blocks the container', 'CreateContainerConfigErrorSecret', web, '1.36', 'Warning', 'Failed', 'Error: secret "db-secrets" not found'],
  ['PROBE-01: liveness failure quotes the probe output', 'UnhealthyLiveness', web, '1.27', 'Warning', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500'],
  ['PROBE-03: readiness failure quotes the probe output', 'UnhealthyReadiness', web, '1.16', 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 500'],
  ['PROBE-01: an exec probe with no output leaves a trailing space', 'UnhealthyStartup', { ...web, probeOutput: '' }, '1.31', 'Warning', 'Unhealthy', 'Startup probe failed: '],
  ['POD-04: a changed sandbox is killed and re-created', 'SandboxChanged', web, '1.19', 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.'],
];

describe('eventMessage wording per Kubernetes version', () => {
  it.each(rows)('%s', (_name, kind, args, version, type, reason, message) => {
    const event = eventMessage(kind, args, version);
    expect(event).toMatchObject({ type, reason, message });
  });

  it('POD-16, SCHED-01: the scheduler reports as default-scheduler, kubelet events carry the node as host', () => {
    expect(eventMessage('Scheduled', web).source).toBe('default-scheduler');
    expect(eventMessage('Started', web)).toMatchObject({ source: 'kubelet', host: 'node-1' });
  });

  it('POD-16: the default version is CURRENT_KUBERNETES_VERSION', () => {
    expect(eventMessage('Created', web)).toEqual(eventMessage('Created', web, CURRENT_KUBERNETES_VERSION));
  });
});

describe('the wording table', () => {
  const kinds = [...new Set(EVENT_WORDING.map((r) => r.kind))];
  const first = parseKubernetesMinor(OLDEST_KUBERNETES_VERSION);
  const last = parseKubernetesMinor(CURRENT_KUBERNETES_VERSION);

  it('POD-16: every kind has exactly one row for every supported minor (no gap, no overlap)', () => {
    for (const kind of kinds) {
      for (let minor = first; minor <= last; minor++) {
        const matching = EVENT_WORDING.filter(
          (r) => r.kind === kind && parseKubernetesMinor(r.since) <= minor && (r.until === undefined || minor <= parseKubernetesMinor(r.until)),
        );
        expect(matching, `${kind} in 1.${minor}`).toHaveLength(1);
        expect(wordingRow(kind, minor)).toBe(matching[0]);
      }
    }
  });
});

describe('version parsing', () => {
  it.each([
    ['POD-16: "1.21" is minor 21', '1.21', 21],
    ['POD-16: "v1.21.3" is minor 21 (patch ignored)', 'v1.21.3', 21],
    ['POD-16: "1.30.0-rc.1" is minor 30 (pre-release ignored)', '1.30.0-rc.1', 30],
    ['POD-16: the oldest supported minor is accepted', OLDEST_KUBERNETES_VERSION, 16],
  ])('%s', (_name, input, minor) => {
    expect(parseKubernetesMinor(input)).toBe(minor);
  });

  it.each([
    ['POD-16: 1.15 is older than the table', '1.15'],
    ['POD-16: 1.99 is newer than the current release', '1.99'],
    ['POD-16: major 2 does not exist', '2.0'],
    ['POD-16: a word is not a version', 'latest'],
  ])('%s → InputError naming the range', (_name, input) => {
    expect(() => eventMessage('Started', web, input)).toThrow(InputError);
    expect(() => eventMessage('Started', web, input)).toThrow(`${OLDEST_KUBERNETES_VERSION} to ${CURRENT_KUBERNETES_VERSION}`);
  });

  it('POD-12: a wording that needs the uid rejects args without it, naming the argument', () => {
    expect(() => eventMessage('BackOffRestart', { ...crashy, uid: undefined }, '1.30')).toThrow('args.uid');
  });

  it('POD-06: a Pulled event in 1.30 without a pull time names args.pullSeconds', () => {
    expect(() => eventMessage('Pulled', { ...web, pullSeconds: undefined, pullTotalSeconds: undefined }, '1.30')).toThrow('args.pullSeconds');
  });
});

describe('goDuration formats like Go time.Duration.String()', () => {
  it.each([
    ['POD-06: zero is "0s"', 0, '0s'],
    ['POD-06: below a microsecond prints nanoseconds', 0.0000005, '500ns'],
    ['POD-06: below a millisecond prints µs', 0.0005, '500µs'],
    ['POD-06: 1.5 µs keeps its fraction', 0.0000015, '1.5µs'],
    ['POD-06: below a second prints ms', 0.532, '532ms'],
    ['POD-06: fractional ms keep up to six digits', 0.001234567, '1.234567ms'],
    ['POD-06: seconds drop trailing zeros', 7.46, '7.46s'],
    ['POD-06: seconds keep all nine digits when present', 6.443385154, '6.443385154s'],
    ['POD-06: whole seconds have no point', 2, '2s'],
    ['POD-06: a minute boundary shows 0 seconds', 60.809, '1m0.809s'],
    ['POD-06: minutes and seconds', 190.96, '3m10.96s'],
    ['POD-06: an hour shows 0m0s', 3600, '1h0m0s'],
    ['POD-06: negative durations get a minus sign', -1.5, '-1.5s'],
  ])('%s', (_name, seconds, text) => {
    expect(goDuration(seconds)).toBe(text);
  });

  it.each([
    ['POD-06: 4.614356447 truncates to 4.614 (PR #117276 example)', 4.614356447, '4.614s'],
    ['POD-06: 0.7189 truncates down, not rounds', 0.7189, '718ms'],
    ['POD-06: 100.9999 truncates to 1m40.999s', 100.9999, '1m40.999s'],
  ])('%s', (_name, seconds, text) => {
    expect(goDuration(truncateToMillis(seconds))).toBe(text);
  });
});
