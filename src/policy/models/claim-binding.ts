// `claim-binding`: can this PersistentVolumeClaim ever bind? The claim goes through admission
// (DefaultStorageClass, PVC-07), then the PersistentVolumeController's syncClaim decides against the PVs and
// StorageClasses of the manifests and the cluster (PVC-02..PVC-10). Claims the controller binds or hands to a
// provisioner bind; one it leaves Pending with FailedBinding, ProvisioningFailed or VolumeMismatch never does,
// and the answer carries that Event's text. WaitForFirstConsumer claims are decided for the scheduler
// (PVC-10..PVC-13): a class whose provisioner can create a volume on some node binds once a Pod uses the
// claim; otherwise some node must see a matching static PV, else every consumer fails scheduling.
// Claims are settled in manifest order, so two claims after one PV do not both get it; a StatefulSet's
// volumeClaimTemplates become one claim per ordinal (STS-05), each needing its own volume.
// Left out: volume expansion, dataSource cloning, CSIStorageCapacity.
import { admit } from '../../admission/chain.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import type { Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../k8s/types.ts';
import {
  ANN_BIND_COMPLETED,
  allowedTopologiesMatch,
  claimClass,
  findClass,
  findMatchingVolume,
  provisionedVolume,
  provisionerFor,
  statefulSetClaim,
  syncClaim,
  syncVolume,
  volumeClass,
  volumeNodeAffinityMatches,
  volumeSatisfyError,
} from '../../storage/binding/index.ts';
import { reasonsFor, schedulerMinor } from '../../scheduler/wording.ts';
import type { IndexedObject } from '../object-index.ts';
import { isRecord } from '../pod-template.ts';
import { admissionState, desiredPods, memo, objectKey, objectsOf, typed } from './cluster-view.ts';
import type { ModelContext, PolicyModel } from './types.ts';

export interface ClaimFate {
  /** The claim as the controller last saw it: class filled in by admission, bound when `boundTo` is set. */
  claim: PersistentVolumeClaim;
  /** Whether the claim can ever bind with these PVs and classes (once a Pod uses it, for WaitForFirstConsumer). */
  binds: boolean;
  /** The Event reason Kubernetes records (FailedBinding, ProvisioningFailed …) or the state it reaches. */
  reason: string;
  message: string;
  /** The claim field the answer is about. */
  field: string;
  /** The PV the claim is bound to before any Pod runs (a matching PV, or the one the provisioner creates). */
  boundTo?: PersistentVolume;
  waitsForConsumer: boolean;
}

export interface StorageState {
  classes: StorageClass[];
  volumes: PersistentVolume[];
  /** Claims as they stand before any Pod is scheduled: bound ones carry volumeName and bind-completed. */
  claims: PersistentVolumeClaim[];
  /** PV name → the WaitForFirstConsumer claim it will go to (a later claim must find another). */
  promised: Map<string, string>;
  fates: Map<string, ClaimFate>;
}

const claimId = (c: PersistentVolumeClaim): string => `${c.metadata.namespace ?? 'default'}/${c.metadata.name}`;

/** What bind() writes: claimRef on the PV, volumeName and bind-completed on the claim, both Bound (PVC-02). */
export function bindClaimToVolume(claim: PersistentVolumeClaim, pv: PersistentVolume): { claim: PersistentVolumeClaim; pv: PersistentVolume } {
  const ref = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claim.metadata.namespace ?? 'default', name: claim.metadata.name, ...(claim.metadata.uid ? { uid: claim.metadata.uid } : {}) };
  return {
    claim: {
      ...claim,
      metadata: { ...claim.metadata, annotations: { ...claim.metadata.annotations, [ANN_BIND_COMPLETED]: 'yes' } },
      spec: { ...claim.spec, volumeName: pv.metadata.name },
      status: { ...claim.status, phase: 'Bound' },
    },
    pv: { ...pv, spec: { ...pv.spec, claimRef: ref }, status: { ...pv.status, phase: 'Bound' } },
  };
}

/** Why one PV cannot take the claim on any node, in the words of checkVolumeSatisfyClaim where it has some. */
function whyNot(pv: PersistentVolume, claim: PersistentVolumeClaim, nodes: readonly Node[], promised: ReadonlyMap<string, string>): string {
  const name = `PersistentVolume "${pv.metadata.name}"`;
  const ref = pv.spec.claimRef;
  if (ref && (ref.name !== claim.metadata.name || (ref.namespace ?? 'default') !== (claim.metadata.namespace ?? 'default'))) return `${name} is bound to claim ${ref.namespace ?? 'default'}/${ref.name}`;
  const promisedTo = promised.get(pv.metadata.name);
  if (promisedTo !== undefined) return `${name} goes to claim ${promisedTo}`;
  const unsatisfied = volumeSatisfyError(pv, claim);
  if (unsatisfied) return `${name}: ${unsatisfied}`;
  if (claim.spec.selector && !matchesSelector(claim.spec.selector, pv.metadata.labels ?? {})) return `${name} does not match the claim's selector`;
  if (!nodes.some((n) => volumeNodeAffinityMatches(pv, n.metadata.labels ?? {}))) return `${name}'s node affinity matches no node`;
  return `${name} cannot be used`;
}

/**
 * A WaitForFirstConsumer claim (PVC-10): it binds once a Pod using it is scheduled, if the class's provisioner
 * can create a volume reachable from some node (allowedTopologies, PVC-11), or some node sees a free matching
 * PV (PVC-12, PVC-13). Otherwise the scheduler's VolumeBinding rejects every node for every consumer.
 */
function consumerOutlook(claim: PersistentVolumeClaim, waiting: string, state: StorageState, nodes: readonly Node[], minor: number): Omit<ClaimFate, 'claim'> {
  const cls = claimClass(claim);
  const sc = findClass(state.classes, cls);
  const provisioner = provisionerFor(claim, state.classes);
  if (sc && provisioner.ok && nodes.some((n) => allowedTopologiesMatch(sc, n.metadata.labels ?? {}))) {
    return { binds: true, reason: 'WaitForFirstConsumer', message: waiting, field: 'spec.storageClassName', waitsForConsumer: true };
  }
  const candidates = state.volumes.filter((pv) => volumeClass(pv) === cls);
  for (const node of nodes) {
    const found = findMatchingVolume(claim, candidates, { node, delayBinding: true, excluded: new Set(state.promised.keys()) });
    if (found !== undefined) {
      state.promised.set(found, claimId(claim));
      return { binds: true, reason: 'WaitForFirstConsumer', message: `${waiting}; PersistentVolume "${found}" matches it`, field: 'spec.storageClassName', waitsForConsumer: true };
    }
  }
  const conflict = reasonsFor(minor, 'volumeBindConflict')[0] ?? '';
  const why = candidates.length === 0 ? `there is no PersistentVolume of class "${cls}"` : candidates.slice(0, 3).map((pv) => whyNot(pv, claim, nodes, state.promised)).join('; ');
  const cannot = sc === undefined ? '' : provisioner.ok ? ` and its provisioner ${provisioner.provisioner} may not create volumes on any node (allowedTopologies)` : ` and class "${cls}" provisions none (provisioner ${sc.provisioner})`;
  return {
    binds: false,
    reason: 'WaitForFirstConsumer',
    message: `${waiting}, but no node offers a volume: ${why}${cannot}; every Pod using the claim fails scheduling with "${conflict}"`,
    field: 'spec.resources.requests.storage',
    waitsForConsumer: true,
  };
}

/** The controller's verdict on one admitted claim, given the PVs as they stand; records what it binds in `state`. */
function fateOf(claim: PersistentVolumeClaim, state: StorageState, nodes: readonly Node[], minor: number): ClaimFate {
  let c = claim;
  let d = syncClaim(c, state.volumes, state.classes);
  if (d.kind === 'assign-default-class') {
    c = { ...c, spec: { ...c.spec, storageClassName: d.storageClass } };
    d = syncClaim(c, state.volumes, state.classes);
  }
  const event = d.events[0];
  switch (d.kind) {
    case 'bind':
    case 'bound': {
      const pv = state.volumes.find((v) => v.metadata.name === d.volume);
      if (!pv) break;
      const both = bindClaimToVolume(c, pv);
      state.volumes = state.volumes.map((v) => (v === pv ? both.pv : v));
      return { claim: both.claim, binds: true, reason: 'Bound', message: `bound to PersistentVolume "${d.volume}"`, field: 'spec', boundTo: both.pv, waitsForConsumer: false };
    }
    case 'provision': {
      // PVC-09: the external provisioner creates a PV of the requested size, pre-bound to the claim.
      const created = provisionedVolume(c, d.storageClass, { uid: c.metadata.uid ?? `kubemodel-${claimId(c).replace('/', '-')}` });
      const both = bindClaimToVolume(c, created);
      state.volumes = [...state.volumes, both.pv];
      return { claim: both.claim, binds: true, reason: 'ExternalProvisioning', message: event?.message ?? '', field: 'spec.storageClassName', boundTo: both.pv, waitsForConsumer: false };
    }
    case 'wait-for-first-consumer':
      return { claim: c, ...consumerOutlook(c, event?.message ?? '', state, nodes, minor) };
    case 'lost':
      return { claim: c, binds: false, reason: event?.reason ?? 'ClaimLost', message: event?.message ?? '', field: 'spec.volumeName', waitsForConsumer: false };
    default:
      break;
  }
  if (event) {
    const field = event.reason === 'ProvisioningFailed' || event.message.includes('no storage class is set') ? 'spec.storageClassName' : 'spec.volumeName';
    return { claim: c, binds: false, reason: event.reason, message: event.message, field, waitsForConsumer: false };
  }
  // syncUnboundClaim records no Event for a requested PV that does not exist; it only logs and retries (PVC-04).
  return { claim: c, binds: false, reason: 'Pending', message: `volume "${c.spec.volumeName ?? ''}" requested and not found`, field: 'spec.volumeName', waitsForConsumer: false };
}

/** The claim as kubectl apply would create it: the namespace kubectl fills in, then admission. */
function admitClaim(raw: PersistentVolumeClaim, ctx: ModelContext): PersistentVolumeClaim | undefined {
  const ns = raw.metadata.namespace ?? 'default';
  const claim = { ...raw, metadata: { ...raw.metadata, namespace: ns, uid: raw.metadata.uid ?? `kubemodel-${ns}-${raw.metadata.name}` } };
  try {
    const result = admit({ operation: 'CREATE', object: claim }, admissionState(ctx, ns), { kubernetesVersion: ctx.kubernetesVersion });
    return result.allowed ? (result.object as PersistentVolumeClaim) : undefined;
  } catch {
    return undefined;
  }
}

function settle(claims: readonly PersistentVolumeClaim[], state: StorageState, nodes: readonly Node[], ctx: ModelContext): void {
  const minor = schedulerMinor(ctx.kubernetesVersion);
  for (const raw of claims) {
    const claim = admitClaim(raw, ctx);
    if (!claim) continue;
    const fate = fateOf(claim, state, nodes, minor);
    state.fates.set(claimId(fate.claim), fate);
    state.claims.push(fate.claim);
  }
}

const nodesOf = (ctx: ModelContext): Node[] => typed<Node>(objectsOf(ctx, 'Node'));

/** Every claim of the manifests and the cluster, settled in order, with the PVs as they end up. */
export function storageState(ctx: ModelContext): StorageState {
  return memo(ctx, 'storage', () => {
    const classes = typed<StorageClass>(objectsOf(ctx, 'StorageClass'));
    const claims = typed<PersistentVolumeClaim>(objectsOf(ctx, 'PersistentVolumeClaim'));
    // A PV written without status gets its phase from the controller's first syncVolume (Available when free).
    const volumes = typed<PersistentVolume>(objectsOf(ctx, 'PersistentVolume')).map((pv) =>
      pv.status?.phase !== undefined ? pv : { ...pv, status: { ...pv.status, phase: syncVolume(pv, claims, classes).phase } },
    );
    const state: StorageState = {
      classes,
      volumes,
      claims: [],
      promised: new Map(),
      fates: new Map(),
    };
    settle(claims, state, nodesOf(ctx), ctx);
    return state;
  });
}

/** A copy of the settled state that more claims can be added to without touching the memo. */
export function forkStorage(state: StorageState): StorageState {
  return { classes: state.classes, volumes: [...state.volumes], claims: [...state.claims], promised: new Map(state.promised), fates: new Map(state.fates) };
}

interface ClaimTemplate {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: PersistentVolumeClaim['spec'];
}

/** A StatefulSet's volumeClaimTemplates, each with a name. */
export function claimTemplates(object: Record<string, unknown>): ClaimTemplate[] {
  const spec = isRecord(object['spec']) ? object['spec'] : {};
  const list = Array.isArray(spec['volumeClaimTemplates']) ? spec['volumeClaimTemplates'] : [];
  return list.filter((t): t is ClaimTemplate => isRecord(t) && isRecord(t['metadata']) && typeof t['metadata']['name'] === 'string' && isRecord(t['spec']));
}

/**
 * STS-05: the claims of ordinals 0..replicas-1, settled after the manifests' claims (a claim of that name
 * that already exists is used as it is, STS-06). Returns the state with them, in ordinal order.
 */
export function statefulSetStorage(target: IndexedObject, ctx: ModelContext): { state: StorageState; claims: { name: string; template: number; ordinal: number }[] } {
  return memo(ctx, `sts-storage:${objectKey(target)}`, () => {
    const state = forkStorage(storageState(ctx));
    const replicas = desiredPods(target.kind, target.object) ?? 1;
    const spec = isRecord(target.object['spec']) ? target.object['spec'] : {};
    const selector = isRecord(spec['selector']) && isRecord(spec['selector']['matchLabels']) ? (spec['selector']['matchLabels'] as Record<string, string>) : {};
    const templates = claimTemplates(target.object);
    const claims: { name: string; template: number; ordinal: number }[] = [];
    const fresh: PersistentVolumeClaim[] = [];
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      templates.forEach((t, i) => {
        const claim = statefulSetClaim(t, { name: target.name, namespace: target.namespace, selectorLabels: selector }, ordinal);
        claims.push({ name: claim.metadata.name, template: i, ordinal });
        if (!state.fates.has(claimId(claim))) fresh.push(claim);
      });
    }
    settle(fresh, state, nodesOf(ctx), ctx);
    return { state, claims };
  });
}

/** StatefulSets with more ordinals than this are answered for the first ones only. */
const MAX_ORDINALS = 50;

function answerFor(fate: ClaimFate, claim: string, path: string): Record<string, unknown> {
  return {
    binds: fate.binds,
    claim,
    reason: fate.reason,
    message: fate.message,
    path,
    waitsForConsumer: fate.waitsForConsumer,
    volume: fate.boundTo?.metadata.name ?? null,
  };
}

export const claimBindingModel: PolicyModel = {
  name: 'claim-binding',
  description: "Whether a PersistentVolumeClaim (or each claim of a StatefulSet's volumeClaimTemplates) can ever bind, with the PV controller's Event text when it cannot",
  kinds: ['PersistentVolumeClaim', 'StatefulSet'],
  answer(target, ctx) {
    if (target.kind === 'PersistentVolumeClaim') {
      const fate = storageState(ctx).fates.get(`${target.namespace}/${target.name}`);
      return fate ? answerFor(fate, target.name, fate.field) : undefined;
    }
    if (claimTemplates(target.object).length === 0 || (desiredPods(target.kind, target.object) ?? 0) > MAX_ORDINALS) return undefined;
    const { state, claims } = statefulSetStorage(target, ctx);
    let first: Record<string, unknown> | undefined;
    for (const c of claims) {
      const fate = state.fates.get(`${target.namespace}/${c.name}`);
      if (!fate) return undefined;
      const answer = answerFor(fate, c.name, `spec.volumeClaimTemplates[${c.template}].${fate.field}`);
      if (!fate.binds) return answer;
      first ??= answer;
    }
    return first;
  },
};
