// Exact wording of the volume Events on a Pod, per Kubernetes minor version (VOL-03, VOL-04, CFG-02).
// Sources: pkg/volume/util/operationexecutor/operation_executor.go (generateVolumeMsg: `<prefix> for volume
// "<spec name>" <suffix>`, the suffix of an error being ": <err>", so a success ends in a space),
// operation_generator.go (AttachVolume.Attach, MountVolume.WaitForAttach/MountDevice/SetUp),
// pkg/controller/volume/attachdetach/reconciler/reconciler.go (reportMultiAttachError),
// pkg/kubelet/volumemanager/volume_manager.go + kubelet.go (the "Unable to attach or mount volumes" wait).
// Which name appears: attach and mount operation events print volume.Spec.Name(), i.e. the PV name for a
// claim-backed volume and the Pod's volume name otherwise; the kubelet's wait lists print the Pod's volume
// names (OuterVolumeSpecName). No success event for mounts since 1.11 (PR #63339): SuccessfulMountVolume is
// not tabled. Boundaries are minor versions.
import { InputError } from '../../errors.ts';
import type { KubeEvent } from '../../kubelet/event-messages.ts';
import { CURRENT_KUBERNETES_VERSION, inRange, parseKubernetesMinor } from '../../k8s/version.ts';

export type VolumeEventKind =
  | 'SuccessfulAttachVolume'
  | 'FailedAttachVolume'
  | 'MultiAttachUsedByPods'
  | 'MultiAttachExclusive'
  | 'FailedMountSetUp'
  | 'FailedMountMountDevice'
  | 'FailedMountWaitForAttach'
  | 'UnableToAttachOrMount';

export interface VolumeWordingRow {
  kind: VolumeEventKind;
  since: string;
  until?: string;
  type: 'Normal' | 'Warning';
  reason: string;
  source: 'attachdetach-controller' | 'kubelet';
  /** Placeholders: {volume} {error} {usedBy} {unmounted} {unattached} {unprocessed}. */
  template: string;
}

const EXCLUSIVE_OLD = "Volume is already exclusively attached to one node and can't be attached to another";
const EXCLUSIVE_NEW = 'Volume is already exclusively attached to one node, waiting on detach before it can be attached to another node';

export const VOLUME_EVENT_WORDING: readonly VolumeWordingRow[] = [
  // The empty suffix leaves a trailing space (`%v for volume %q %v` with "").
  { kind: 'SuccessfulAttachVolume', since: '1.16', type: 'Normal', reason: 'SuccessfulAttachVolume', source: 'attachdetach-controller', template: 'AttachVolume.Attach succeeded for volume "{volume}" ' },
  { kind: 'FailedAttachVolume', since: '1.16', type: 'Warning', reason: 'FailedAttachVolume', source: 'attachdetach-controller', template: 'AttachVolume.Attach failed for volume "{volume}" : {error}' },
  // PR #138837 (merged May 2026, 1.37; cherry-picks requested for late 1.33–1.36 patches) rewords the prefix.
  { kind: 'MultiAttachUsedByPods', since: '1.16', until: '1.36', type: 'Warning', reason: 'FailedAttachVolume', source: 'attachdetach-controller', template: 'Multi-Attach error for volume "{volume}" {usedBy}' },
  { kind: 'MultiAttachUsedByPods', since: '1.37', type: 'Warning', reason: 'FailedAttachVolume', source: 'attachdetach-controller', template: 'Waiting for detach for volume "{volume}" {usedBy}' },
  { kind: 'MultiAttachExclusive', since: '1.16', until: '1.36', type: 'Warning', reason: 'FailedAttachVolume', source: 'attachdetach-controller', template: `Multi-Attach error for volume "{volume}" ${EXCLUSIVE_OLD}` },
  { kind: 'MultiAttachExclusive', since: '1.37', type: 'Warning', reason: 'FailedAttachVolume', source: 'attachdetach-controller', template: `Waiting for detach for volume "{volume}" ${EXCLUSIVE_NEW}` },
  { kind: 'FailedMountSetUp', since: '1.16', type: 'Warning', reason: 'FailedMount', source: 'kubelet', template: 'MountVolume.SetUp failed for volume "{volume}" : {error}' },
  { kind: 'FailedMountMountDevice', since: '1.16', type: 'Warning', reason: 'FailedMount', source: 'kubelet', template: 'MountVolume.MountDevice failed for volume "{volume}" : {error}' },
  { kind: 'FailedMountWaitForAttach', since: '1.16', type: 'Warning', reason: 'FailedMount', source: 'kubelet', template: 'MountVolume.WaitForAttach failed for volume "{volume}" : {error}' },
  // PR #80369 (1.16) replaced "Unable to mount volumes for pod ...: timeout expired waiting ..." and surfaces
  // volume-processing errors. "failed to process volumes" arrives with the volumes-not-in-DSW list (inferred
  // 1.26, with PR #112719's fix of the unattached list).
  { kind: 'UnableToAttachOrMount', since: '1.16', until: '1.25', type: 'Warning', reason: 'FailedMount', source: 'kubelet', template: 'Unable to attach or mount volumes: unmounted volumes={unmounted}, unattached volumes={unattached}: {error}' },
  { kind: 'UnableToAttachOrMount', since: '1.26', type: 'Warning', reason: 'FailedMount', source: 'kubelet', template: 'Unable to attach or mount volumes: unmounted volumes={unmounted}, unattached volumes={unattached}, failed to process volumes={unprocessed}: {error}' },
];

export interface VolumeEventArgs {
  /** volume.Spec.Name(): PV name for claim-backed volumes, the Pod's volume name otherwise. */
  volume?: string;
  error?: string;
  /** MultiAttachUsedByPods: the text after the volume, see multiAttachEvent. */
  usedBy?: string;
  /** UnableToAttachOrMount lists: the Pod's volume names. */
  unmounted?: readonly string[];
  unattached?: readonly string[];
  unprocessed?: readonly string[];
  /** Node the kubelet runs on (event source.host). */
  node?: string;
}

export function volumeWordingRow(kind: VolumeEventKind, minor: number): VolumeWordingRow | undefined {
  return VOLUME_EVENT_WORDING.find((r) => r.kind === kind && inRange(minor, r));
}

/** Go's %v of a []string: "[a b c]". */
export const goList = (items: readonly string[]): string => `[${items.join(' ')}]`;

/** The Event for `kind`, worded as in `kubernetesVersion`. A placeholder without its arg → InputError. */
export function volumeEvent(kind: VolumeEventKind, args: VolumeEventArgs, kubernetesVersion: string = CURRENT_KUBERNETES_VERSION): KubeEvent {
  const minor = parseKubernetesMinor(kubernetesVersion);
  const row = volumeWordingRow(kind, minor);
  if (!row) throw new InputError(`no event wording for ${kind} in Kubernetes 1.${minor}`);
  const list = (v: readonly string[] | undefined) => (v === undefined ? undefined : goList(v));
  const values: Record<string, string | undefined> = {
    volume: args.volume,
    error: args.error,
    usedBy: args.usedBy,
    unmounted: list(args.unmounted),
    unattached: list(args.unattached),
    unprocessed: list(args.unprocessed),
  };
  const message = row.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new InputError(`volume event ${kind} (Kubernetes 1.${minor}) needs args.${name}`);
    return value;
  });
  const event: KubeEvent = { type: row.type, reason: row.reason, message, source: row.source };
  if (row.source === 'kubelet' && args.node !== undefined) event.host = args.node;
  return event;
}

export interface PodRef {
  name: string;
  namespace: string;
}

/**
 * The Multi-Attach event one scheduled Pod gets when its non-multi-attachable volume is still attached
 * elsewhere. With Pods on the other node(s) using the volume it names those in the Pod's own namespace and
 * only counts the rest (a user must not see other namespaces' Pod names); with none (they were deleted and
 * the volume awaits detach) it says the volume is exclusively attached.
 * Example: ns "a", users a/web-0 and b/x → "... Volume is already used by pod(s) web-0 and 1 pod(s) in
 * different namespaces".
 */
export function multiAttachEvent(
  args: { volume: string; podNamespace: string; podsOnOtherNodes: readonly PodRef[] },
  kubernetesVersion: string = CURRENT_KUBERNETES_VERSION,
): KubeEvent {
  if (args.podsOnOtherNodes.length === 0) return volumeEvent('MultiAttachExclusive', { volume: args.volume }, kubernetesVersion);
  const local = args.podsOnOtherNodes.filter((p) => p.namespace === args.podNamespace).map((p) => p.name);
  const others = args.podsOnOtherNodes.length - local.length;
  let usedBy: string;
  if (local.length === 0) usedBy = `Volume is already used by ${others} pod(s) in different namespaces`;
  else {
    usedBy = `Volume is already used by pod(s) ${local.join(', ')}`;
    if (others > 0) usedBy += ` and ${others} pod(s) in different namespaces`;
  }
  return volumeEvent('MultiAttachUsedByPods', { volume: args.volume, usedBy }, kubernetesVersion);
}

/**
 * The kubelet's event when WaitForAttachAndMount (2m3s) gives up, or undefined when it records none.
 * `error` absent means the wait timed out: worded "timed out waiting for the condition" (wait.ErrWaitTimeout)
 * up to 1.27; since 1.28 (PR #117412, context-aware waits) a timeout is wait.Interrupted and kubelet skips the
 * event, so only volume-processing errors (e.g. `error processing PVC default/data: PVC is not bound`) show.
 */
export function attachOrMountWaitEvent(
  args: { unmounted: readonly string[]; unattached: readonly string[]; unprocessed?: readonly string[]; error?: string; node?: string },
  kubernetesVersion: string = CURRENT_KUBERNETES_VERSION,
): KubeEvent | undefined {
  const minor = parseKubernetesMinor(kubernetesVersion);
  if (args.error === undefined && minor >= 28) return undefined;
  const eventArgs: VolumeEventArgs = {
    unmounted: args.unmounted,
    unattached: args.unattached,
    unprocessed: args.unprocessed ?? [],
    error: args.error ?? 'timed out waiting for the condition',
  };
  if (args.node !== undefined) eventArgs.node = args.node;
  return volumeEvent('UnableToAttachOrMount', eventArgs, kubernetesVersion);
}
