// The Events the PersistentVolumeController records for claims it cannot bind yet. syncUnboundClaim runs on
// every claim event and every resync (15 s by default), and each run records its Event again while the
// condition lasts (PVC-04): FailedBinding (PVC-08), WaitForFirstConsumer / WaitForPodScheduled (PVC-10),
// ExternalProvisioning (PVC-09, until the provisioner has created the volume), ProvisioningFailed (PVC-05,
// PVC-09: a class that does not exist or names kubernetes.io/no-provisioner under Immediate binding).
// These runs change no object, so the transition system has no step for them; the simulator asks this module
// after every step and records an Event only when it differs from the last one for that claim, leaving the
// repetition to the renderer's aggregation.
import type { KubeEvent } from '../kubelet/event-messages.ts';
import type { PersistentVolumeClaim } from '../k8s/types.ts';
import { syncClaim, type StorageEvent } from '../storage/binding/index.ts';
import { storageFacts } from '../system/storage-facts.ts';
import type { ClusterSystem } from '../system/system.ts';
import type { SystemState } from '../system/types.ts';

export interface ClaimEvents {
  /** `namespace/name` of the claim. */
  claim: string;
  namespace: string;
  events: KubeEvent[];
}

const SOURCE = 'persistentvolume-controller';

function toKube(e: StorageEvent): KubeEvent {
  const kind = e.involved.kind === 'PersistentVolumeClaim' ? 'persistentvolumeclaim' : 'persistentvolume';
  return { type: e.type, reason: e.reason, message: e.message, source: SOURCE, involvedObject: `${kind}/${e.involved.name}` };
}

/**
 * What one syncUnboundClaim would record now for each claim still Pending: nothing for a claim about to be
 * bound or given the default class (those are steps of the claim machine), the decision's Events otherwise.
 */
export function pendingClaimEvents(system: ClusterSystem, state: SystemState): ClaimEvents[] {
  const facts = storageFacts(state, system.machines);
  const volumes = [...facts.volumes.values()];
  const pods = [...facts.podObjects.values()];
  const out: ClaimEvents[] = [];
  for (const inst of state.instances) {
    if (inst.machine !== 'persistentvolumeclaim' || !system.machines.persistentvolumeclaim.matches(inst.state, 'phase.Pending')) continue;
    const key = (inst.state.context as { name: string }).name;
    const claim: PersistentVolumeClaim | undefined = facts.claims.get(key);
    if (!claim) continue;
    const decision = syncClaim(claim, volumes, facts.classes, { pods });
    if (decision.kind !== 'provision' && decision.kind !== 'wait-for-first-consumer' && decision.kind !== 'pending') continue;
    if (decision.events.length === 0) continue;
    out.push({ claim: key, namespace: claim.metadata.namespace ?? 'default', events: decision.events.map(toKube) });
  }
  return out;
}

const signature = (events: readonly KubeEvent[]): string => events.map((e) => `${e.type}|${e.reason}|${e.involvedObject ?? ''}|${e.message}`).join('\n');

/**
 * The claims whose Events changed since `last` (claim → signature of what was recorded), and the updated map.
 * A claim that records nothing now is forgotten, so the same condition coming back is recorded again.
 */
export function changedClaimEvents(current: readonly ClaimEvents[], last: ReadonlyMap<string, string>): { record: ClaimEvents[]; last: Map<string, string> } {
  const next = new Map<string, string>();
  const record: ClaimEvents[] = [];
  for (const c of current) {
    const sig = signature(c.events);
    next.set(c.claim, sig);
    if (last.get(c.claim) !== sig) record.push(c);
  }
  return { record, last: next };
}
