// Exact wording of the Events a Pod's lifecycle produces (`kubectl get events` / `describe pod`), per
// Kubernetes minor version. Sources: kubelet pkg/kubelet/kuberuntime/kuberuntime_container.go (Created,
// Started, Killing, "Error: ..."), kuberuntime_manager.go (BackOff restart, liveness/startup kill,
// SandboxChanged), pkg/kubelet/images/image_manager.go (Pulling, Pulled, Failed, BackOff pull),
// pkg/kubelet/prober/prober.go (Unhealthy), pkg/kubelet/kubelet_pods.go + util/manager (config errors), and
// the scheduler's Binding event ("Successfully assigned ns/name to node").
// Behaviours: POD-03/04 (sandbox), POD-12 (back-off), POD-15 (stop), POD-16 (creation path), PROBE-01/03,
// CFG-02. Left out: FailedMount/volume events, FailedScheduling, hook failures, node events.
// Boundaries are minor versions; where a change was cherry-picked into older patch releases the row's
// comment says so (the model keys on the minor only).

import { InputError } from '../errors.ts';
import { CURRENT_KUBERNETES_VERSION, OLDEST_KUBERNETES_VERSION, inRange, parseKubernetesMinor } from '../k8s/version.ts';

export { CURRENT_KUBERNETES_VERSION, OLDEST_KUBERNETES_VERSION, parseKubernetesMinor };


export type EventKind =
  | 'Scheduled'
  | 'Pulling'
  | 'Pulled'
  | 'PulledAlreadyPresent'
  | 'Created'
  | 'Started'
  | 'Killing'
  | 'KillingLiveness'
  | 'KillingStartup'
  | 'BackOffRestart'
  | 'BackOffPull'
  | 'FailedPull'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'CreateContainerConfigError'
  | 'CreateContainerConfigErrorSecret'
  | 'UnhealthyLiveness'
  | 'UnhealthyReadiness'
  | 'UnhealthyStartup'
  | 'SandboxChanged';

export interface EventArgs {
  pod: string;
  namespace: string;
  uid?: string;
  container?: string;
  image?: string;
  node?: string;
  /** Time the runtime spent pulling (kubelet's pullDuration). */
  pullSeconds?: number;
  /** Pull time including the wait in kubelet's puller queue; defaults to pullSeconds. */
  pullTotalSeconds?: number;
  imageSize?: number;
  probeOutput?: string;
  configMap?: string;
  secret?: string;
  /** The runtime's pull error text, e.g. `rpc error: code = NotFound desc = ...`. */
  pullError?: string;
}

export interface KubeEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** source.component: "kubelet" or "default-scheduler". */
  source: string;
  /** source.host: the node, for kubelet events (kubectl ≤1.19 printed "kubelet, <host>"). */
  host?: string;
  /** The involved object (`pod/web`) when it is not the object the action is about. */
  involvedObject?: string;
}

/**
 * One wording variant. `template` placeholders: {pod} {namespace} {uid} {container} {image} {node}
 * {imageSize} {probeOutput} {configMap} {secret} {pullError}; durations as Go prints them:
 * {pullFull}/{totalFull} (nanosecond precision) and {pullMs}/{totalMs} (Truncate(time.Millisecond)).
 */
export interface WordingRow {
  kind: EventKind;
  since: string;
  /** Last minor with this wording (inclusive); absent = still current. */
  until?: string;
  type: 'Normal' | 'Warning';
  reason: string;
  source: 'kubelet' | 'default-scheduler';
  template: string;
}

const PULLED = 'Successfully pulled image "{image}"';

export const EVENT_WORDING: readonly WordingRow[] = [
  // scheduler schedule_one.go (scheduler.go before 1.25): "Successfully assigned %v/%v to %v" since 1.12.
  { kind: 'Scheduled', since: '1.16', type: 'Normal', reason: 'Scheduled', source: 'default-scheduler', template: 'Successfully assigned {namespace}/{pod} to {node}' },
  // image_manager.go; capitalised "Pulling image" since PR #73892 (1.14).
  { kind: 'Pulling', since: '1.16', type: 'Normal', reason: 'Pulling', source: 'kubelet', template: 'Pulling image "{image}"' },
  // image_manager.go: duration added by PR #91563 (1.19).
  { kind: 'Pulled', since: '1.16', until: '1.18', type: 'Normal', reason: 'Pulled', source: 'kubelet', template: PULLED },
  { kind: 'Pulled', since: '1.19', until: '1.25', type: 'Normal', reason: 'Pulled', source: 'kubelet', template: `${PULLED} in {totalFull}` },
  // PR #111772 (1.26; cherry-picked into late 1.23-1.25 patches) splits pull time from queue wait.
  { kind: 'Pulled', since: '1.26', until: '1.27', type: 'Normal', reason: 'Pulled', source: 'kubelet', template: `${PULLED} in {pullFull} ({totalFull} including waiting)` },
  // PR #117276 (1.28) truncates both durations to milliseconds.
  { kind: 'Pulled', since: '1.28', until: '1.29', type: 'Normal', reason: 'Pulled', source: 'kubelet', template: `${PULLED} in {pullMs} ({totalMs} including waiting)` },
  // PR #121719 (1.30, image-size pull metric) appends the size.
  { kind: 'Pulled', since: '1.30', type: 'Normal', reason: 'Pulled', source: 'kubelet', template: `${PULLED} in {pullMs} ({totalMs} including waiting). Image size: {imageSize} bytes.` },
  // image_manager.go; KubeletEnsureSecretPulledImages (beta, on by default in 1.35) re-checks credentials
  // and words the hit "... and can be accessed by the pod".
  { kind: 'PulledAlreadyPresent', since: '1.16', until: '1.34', type: 'Normal', reason: 'Pulled', source: 'kubelet', template: 'Container image "{image}" already present on machine' },
  { kind: 'PulledAlreadyPresent', since: '1.35', type: 'Normal', reason: 'Pulled', source: 'kubelet', template: 'Container image "{image}" already present on machine and can be accessed by the pod' },
  // kuberuntime_container.go startContainer: name added by PR #73892 (1.14); "Created container: %v" with
  // the format-args recordContainerEvent (PR #130471, 1.33; also seen in 1.30.14); PR #134043 (1.35)
  // drops the name (the event's fieldPath spec.containers{name} already carries it).
  { kind: 'Created', since: '1.16', until: '1.32', type: 'Normal', reason: 'Created', source: 'kubelet', template: 'Created container {container}' },
  { kind: 'Created', since: '1.33', until: '1.34', type: 'Normal', reason: 'Created', source: 'kubelet', template: 'Created container: {container}' },
  { kind: 'Created', since: '1.35', type: 'Normal', reason: 'Created', source: 'kubelet', template: 'Container created' },
  { kind: 'Started', since: '1.16', until: '1.34', type: 'Normal', reason: 'Started', source: 'kubelet', template: 'Started container {container}' },
  { kind: 'Started', since: '1.35', type: 'Normal', reason: 'Started', source: 'kubelet', template: 'Container started' },
  // kuberuntime_container.go killContainer default message (PR #73892, 1.14).
  { kind: 'Killing', since: '1.16', type: 'Normal', reason: 'Killing', source: 'kubelet', template: 'Stopping container {container}' },
  // kuberuntime_manager.go computePodActions.
  { kind: 'KillingLiveness', since: '1.16', type: 'Normal', reason: 'Killing', source: 'kubelet', template: 'Container {container} failed liveness probe, will be restarted' },
  { kind: 'KillingStartup', since: '1.16', type: 'Normal', reason: 'Killing', source: 'kubelet', template: 'Container {container} failed startup probe, will be restarted' },
  // kuberuntime_manager.go doBackOff: container and format.Pod ("name_ns(uid)") added by PR #113216 (1.26).
  { kind: 'BackOffRestart', since: '1.16', until: '1.25', type: 'Warning', reason: 'BackOff', source: 'kubelet', template: 'Back-off restarting failed container' },
  { kind: 'BackOffRestart', since: '1.26', type: 'Warning', reason: 'BackOff', source: 'kubelet', template: 'Back-off restarting failed container {container} in pod {pod}_{namespace}({uid})' },
  // image_manager.go: the back-off event stays Normal; the previous pull error (1.3x) goes only into the
  // container's waiting message, not into this event.
  { kind: 'BackOffPull', since: '1.16', type: 'Normal', reason: 'BackOff', source: 'kubelet', template: 'Back-off pulling image "{image}"' },
  { kind: 'FailedPull', since: '1.16', type: 'Warning', reason: 'Failed', source: 'kubelet', template: 'Failed to pull image "{image}": {pullError}' },
  // kuberuntime_container.go startContainer: "Error: %v" of the sync error's name.
  { kind: 'ErrImagePull', since: '1.16', type: 'Warning', reason: 'Failed', source: 'kubelet', template: 'Error: ErrImagePull' },
  { kind: 'ImagePullBackOff', since: '1.16', type: 'Warning', reason: 'Failed', source: 'kubelet', template: 'Error: ImagePullBackOff' },
  // kubelet_pods.go makeEnvironmentVariables returns the watch-based manager's NotFound, whose resource is
  // the singular "configmap"/"secret" (configmap_manager.go, secret_manager.go).
  { kind: 'CreateContainerConfigError', since: '1.16', type: 'Warning', reason: 'Failed', source: 'kubelet', template: 'Error: configmap "{configMap}" not found' },
  { kind: 'CreateContainerConfigErrorSecret', since: '1.16', type: 'Warning', reason: 'Failed', source: 'kubelet', template: 'Error: secret "{secret}" not found' },
  // prober.go: "%s probe failed: %s" with the probe type capitalised.
  { kind: 'UnhealthyLiveness', since: '1.16', type: 'Warning', reason: 'Unhealthy', source: 'kubelet', template: 'Liveness probe failed: {probeOutput}' },
  { kind: 'UnhealthyReadiness', since: '1.16', type: 'Warning', reason: 'Unhealthy', source: 'kubelet', template: 'Readiness probe failed: {probeOutput}' },
  { kind: 'UnhealthyStartup', since: '1.16', type: 'Warning', reason: 'Unhealthy', source: 'kubelet', template: 'Startup probe failed: {probeOutput}' },
  // kuberuntime_manager.go SyncPod (POD-04).
  { kind: 'SandboxChanged', since: '1.16', type: 'Normal', reason: 'SandboxChanged', source: 'kubelet', template: 'Pod sandbox changed, it will be killed and re-created.' },
];

/** The table row in force for `kind` at `minor`; the table test checks there is exactly one. */
export function wordingRow(kind: EventKind, minor: number): WordingRow | undefined {
  return EVENT_WORDING.find((r) => r.kind === kind && inRange(minor, r));
}

const NS_PER = { h: 3_600e9, m: 60e9, s: 1e9, ms: 1e6, us: 1e3 } as const;

/** Go's fmtFrac: the `prec` low digits of v as a fraction, trailing zeros and a bare "." dropped. */
function fraction(v: number, prec: number): string {
  const digits = String(v % 10 ** prec).padStart(prec, '0').replace(/0+$/, '');
  return digits === '' ? '' : `.${digits}`;
}

/**
 * Formats a duration exactly like Go's time.Duration.String(), which kubelet uses in the Pulled event.
 * Whole nanoseconds are kept (seconds × 1e9, rounded). Examples:
 *   0 → "0s"; 0.0000005 → "500ns"; 0.0005 → "500µs"; 0.532 → "532ms"; 1.234 → "1.234s";
 *   6.443385154 → "6.443385154s"; 60.809 → "1m0.809s"; 190.96 → "3m10.96s"; 3600 → "1h0m0s".
 */
export function goDuration(seconds: number): string {
  const total = Math.round(Math.abs(seconds) * 1e9);
  const sign = seconds < 0 && total > 0 ? '-' : '';
  if (total === 0) return '0s';
  if (total < NS_PER.us) return `${sign}${total}ns`;
  if (total < NS_PER.ms) return `${sign}${Math.floor(total / NS_PER.us)}${fraction(total, 3)}µs`;
  if (total < NS_PER.s) return `${sign}${Math.floor(total / NS_PER.ms)}${fraction(total, 6)}ms`;
  const secs = `${Math.floor(total / NS_PER.s) % 60}${fraction(total, 9)}s`;
  const mins = Math.floor(total / NS_PER.m);
  if (mins === 0) return `${sign}${secs}`;
  const hours = Math.floor(total / NS_PER.h);
  return hours === 0 ? `${sign}${mins}m${secs}` : `${sign}${hours}h${mins % 60}m${secs}`;
}

/** Go's Duration.Truncate(time.Millisecond): toward zero, e.g. 4.614356447 → 4.614. */
export function truncateToMillis(seconds: number): number {
  return Math.trunc(Math.round(seconds * 1e9) / NS_PER.ms) / 1e3;
}

function placeholders(args: EventArgs): Record<string, string | undefined> {
  const pull = args.pullSeconds;
  const total = args.pullTotalSeconds ?? pull;
  const text = (v: string | number | undefined) => (v === undefined ? undefined : String(v));
  return {
    pod: args.pod,
    namespace: args.namespace,
    uid: args.uid,
    container: args.container,
    image: args.image,
    node: args.node,
    imageSize: text(args.imageSize),
    probeOutput: args.probeOutput,
    configMap: args.configMap,
    secret: args.secret,
    pullError: args.pullError,
    pullFull: pull === undefined ? undefined : goDuration(pull),
    totalFull: total === undefined ? undefined : goDuration(total),
    pullMs: pull === undefined ? undefined : goDuration(truncateToMillis(pull)),
    totalMs: total === undefined ? undefined : goDuration(truncateToMillis(total)),
  };
}

/**
 * The Event kubelet (or the scheduler) records for `kind`, worded as in `kubernetesVersion` (default:
 * CURRENT_KUBERNETES_VERSION). A placeholder the wording needs but `args` lacks → InputError naming it.
 */
export function eventMessage(kind: EventKind, args: EventArgs, kubernetesVersion: string = CURRENT_KUBERNETES_VERSION): KubeEvent {
  const minor = parseKubernetesMinor(kubernetesVersion);
  const row = wordingRow(kind, minor);
  if (!row) throw new InputError(`no event wording for ${kind} in Kubernetes 1.${minor}`);
  const values = placeholders(args);
  const message = row.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new InputError(`event ${kind} (Kubernetes 1.${minor}) needs args.${argName(name)}`);
    }
    return value;
  });
  const event: KubeEvent = { type: row.type, reason: row.reason, message, source: row.source };
  if (row.source === 'kubelet' && args.node !== undefined) event.host = args.node;
  return event;
}

function argName(placeholder: string): string {
  return placeholder.startsWith('pull') || placeholder.startsWith('total') ? 'pullSeconds' : placeholder;
}
