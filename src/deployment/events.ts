// The Events the Deployment controller records on a Deployment (`kubectl describe deployment`, `kubectl get
// events`), worded per Kubernetes minor. Sources: pkg/controller/deployment/sync.go (getNewReplicaSet:
// ScalingReplicaSet on creation and ReplicaSetCreateError; scaleReplicaSet: ScalingReplicaSet) and
// rollback.go (the DeploymentRollback* events). Behaviours: ROLL-02 (the controller only scales
// ReplicaSets, so its Events name a ReplicaSet), ROLL-04/05 (rollout steps), ROLL-07 (scaling), ROLL-10.
// Deliberately absent, because the controller records no Event for them: pausing and resuming (only the
// Progressing condition's DeploymentPaused/DeploymentResumed reasons, see conditions.ts, ROLL-08) and an
// exceeded progress deadline (only the ProgressDeadlineExceeded condition, which `kubectl rollout status`
// turns into its error line). Boundaries are minor versions, as in src/kubelet/event-messages.ts.
import { InputError } from '../errors.ts';
import { CURRENT_KUBERNETES_VERSION, inRange, parseKubernetesMinor } from '../k8s/version.ts';
import type { KubeEvent } from '../kubelet/event-messages.ts';

export type DeploymentEventKind =
  | 'ScaledUpNewReplicaSet'
  | 'ScaledReplicaSet'
  | 'ReplicaSetCreateError'
  | 'RolledBack'
  | 'RollbackLastRevisionNotFound'
  | 'RollbackRevisionNotFound'
  | 'RollbackTemplateUnchanged';

export interface DeploymentEventArgs {
  deployment: string;
  replicaSet?: string;
  /** spec.replicas of the ReplicaSet before and after the scale. */
  from?: number;
  to?: number;
  revision?: number;
  /** The API server's error text for a failed create. */
  error?: string;
}

/** One wording variant; placeholders {deployment} {replicaSet} {direction} {from} {to} {revision} {error}. */
export interface DeploymentWordingRow {
  kind: DeploymentEventKind;
  since: string;
  /** Last minor with this wording (inclusive); absent = still current. */
  until?: string;
  type: 'Normal' | 'Warning';
  reason: string;
  template: string;
}

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';

export const DEPLOYMENT_EVENT_WORDING: readonly DeploymentWordingRow[] = [
  // getNewReplicaSet, only when the new ReplicaSet starts with more than 0 replicas. "to %d" is still the
  // wording in the 1.28 sources; the current sources say "from 0 to %d", in line with PR #125118 (1.32).
  { kind: 'ScaledUpNewReplicaSet', since: '1.16', until: '1.31', type: 'Normal', reason: 'ScalingReplicaSet', template: 'Scaled up replica set {replicaSet} to {to}' },
  { kind: 'ScaledUpNewReplicaSet', since: '1.32', type: 'Normal', reason: 'ScalingReplicaSet', template: 'Scaled up replica set {replicaSet} from 0 to {to}' },
  // scaleReplicaSet: PR #101142 appended "from %d" (present in the 1.28 sources, absent from 1.21-era ones;
  // the release it first shipped in is taken as 1.26, unconfirmed); PR #125118 (CHANGELOG v1.32.0-alpha.2)
  // reordered it to "from %d to %d".
  { kind: 'ScaledReplicaSet', since: '1.16', until: '1.25', type: 'Normal', reason: 'ScalingReplicaSet', template: 'Scaled {direction} replica set {replicaSet} to {to}' },
  { kind: 'ScaledReplicaSet', since: '1.26', until: '1.31', type: 'Normal', reason: 'ScalingReplicaSet', template: 'Scaled {direction} replica set {replicaSet} to {to} from {from}' },
  { kind: 'ScaledReplicaSet', since: '1.32', type: 'Normal', reason: 'ScalingReplicaSet', template: 'Scaled {direction} replica set {replicaSet} from {from} to {to}' },
  // getNewReplicaSet: the create failed for another reason than AlreadyExists (FailedRSCreateReason).
  { kind: 'ReplicaSetCreateError', since: '1.16', type: 'Warning', reason: 'ReplicaSetCreateError', template: 'Failed to create new replica set "{replicaSet}": {error}' },
  // rollback.go. Since apps/v1 has no spec.rollbackTo, only the deprecated.deployment.rollback.to annotation
  // reaches this path; `kubectl rollout undo` patches the template client-side and records none of these.
  { kind: 'RolledBack', since: '1.16', type: 'Normal', reason: 'DeploymentRollback', template: 'Rolled back deployment "{deployment}" to revision {revision}' },
  { kind: 'RollbackLastRevisionNotFound', since: '1.16', type: 'Warning', reason: 'DeploymentRollbackRevisionNotFound', template: 'Unable to find last revision.' },
  { kind: 'RollbackRevisionNotFound', since: '1.16', type: 'Warning', reason: 'DeploymentRollbackRevisionNotFound', template: 'Unable to find the revision to rollback to.' },
  { kind: 'RollbackTemplateUnchanged', since: '1.16', type: 'Warning', reason: 'DeploymentRollbackTemplateUnchanged', template: 'The rollback revision contains the same template as current deployment "{deployment}"' },
];

/** The row in force for `kind` at `minor`; the table test checks there is exactly one for every minor. */
export function deploymentWordingRow(kind: DeploymentEventKind, minor: number): DeploymentWordingRow | undefined {
  return DEPLOYMENT_EVENT_WORDING.find((r) => r.kind === kind && inRange(minor, r));
}

function placeholders(a: DeploymentEventArgs): Record<string, string | undefined> {
  const text = (v: number | undefined) => (v === undefined ? undefined : String(v));
  const direction = a.from === undefined || a.to === undefined ? undefined : a.from < a.to ? 'up' : 'down';
  return { deployment: a.deployment, replicaSet: a.replicaSet, direction, from: text(a.from), to: text(a.to), revision: text(a.revision), error: a.error };
}

/**
 * The Event for `kind` on the Deployment, worded as in `kubernetesVersion`. A placeholder the wording needs
 * but `args` lacks → InputError naming it.
 */
export function deploymentEvent(kind: DeploymentEventKind, args: DeploymentEventArgs, kubernetesVersion: string = CURRENT_KUBERNETES_VERSION): KubeEvent {
  const minor = parseKubernetesMinor(kubernetesVersion);
  const row = deploymentWordingRow(kind, minor);
  if (!row) throw new InputError(`no event wording for ${kind} in Kubernetes 1.${minor}`);
  const values = placeholders(args);
  const message = row.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new InputError(`event ${kind} (Kubernetes 1.${minor}) needs args.${name === 'direction' ? 'from and args.to' : name}`);
    return value;
  });
  return { type: row.type, reason: row.reason, message, source: DEPLOYMENT_CONTROLLER, involvedObject: `deployment/${args.deployment}` };
}

/**
 * The ScalingReplicaSet Event for one scale of a ReplicaSet, or none: `created` is getNewReplicaSet creating
 * it with `to` replicas (no Event when `to` is 0); otherwise scaleReplicaSet moving spec.replicas from `from`
 * to `to` (no Event when they are equal). Example, current wording, deployment "web" rolling out:
 *   created web-5d9c8b7f6 with 1   → "Scaled up replica set web-5d9c8b7f6 from 0 to 1"
 *   web-7c6cf994f6 from 3 to 2     → "Scaled down replica set web-7c6cf994f6 from 3 to 2"
 */
export function scalingEvent(
  deployment: string,
  replicaSet: string,
  from: number,
  to: number,
  created: boolean,
  kubernetesVersion: string = CURRENT_KUBERNETES_VERSION,
): KubeEvent | undefined {
  if (created) return to > 0 ? deploymentEvent('ScaledUpNewReplicaSet', { deployment, replicaSet, from: 0, to }, kubernetesVersion) : undefined;
  return from === to ? undefined : deploymentEvent('ScaledReplicaSet', { deployment, replicaSet, from, to }, kubernetesVersion);
}
