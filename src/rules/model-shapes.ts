// Input shapes of the rules that machines, the interpreter and the phase computation evaluate: guards and
// assignments see {context, event, params}; enabling rules see the views built in src/system/pods.ts.
import { containerStatus, defineShape, type Shape } from './shapes.ts';

const num: Shape = { oneOf: ['number', 'null'] };
const str: Shape = { oneOf: ['string', 'null'] };

export const ContainerContextShape = defineShape('ContainerContext', {
  optional: true,
  object: {
    name: 'string',
    role: 'string',
    restartPolicy: 'string',
    hasLivenessProbe: 'boolean',
    hasReadinessProbe: 'boolean',
    referencesConfig: 'boolean',
    restartCount: 'number',
    backoff: 'number',
    exitCode: num,
    reason: str,
    lastExitCode: num,
    lastReason: str,
  },
});

const event: Shape = { optional: true, object: { type: 'string', exitCode: 'number', nodeName: 'string', gracePeriodSeconds: 'number' } };

defineShape('ContainerTransition', {
  optional: true,
  object: { context: ContainerContextShape, event, params: { optional: true, object: { readinessProbe: 'boolean' } } },
});

defineShape('PodTransition', {
  optional: true,
  object: { context: { optional: true, object: { nodeName: str, gracePeriodSeconds: 'number' } }, event, params: { optional: true, object: {} } },
});

const podFacts: Shape = {
  optional: true,
  object: { scheduled: 'boolean', sandboxReady: 'boolean', reachable: 'boolean', nodeReady: 'boolean', terminating: 'boolean', gone: 'boolean', volumesMounted: 'boolean', volumesUnmounted: 'boolean' },
};
const progress: Shape = {
  optional: true,
  object: { name: 'string', role: 'string', state: 'string', started: 'boolean', completed: 'boolean', restartCount: 'number', exitCode: num },
};

defineShape('ContainerView', {
  optional: true,
  object: { pod: podFacts, container: progress, before: { array: progress }, restartsLeft: 'boolean', appsDone: 'boolean' },
});

defineShape('PodView', {
  optional: true,
  object: {
    pod: podFacts,
    anyRunning: 'boolean',
    allowDelete: 'boolean',
    untoleratedNoExecute: 'boolean',
    evictForPressure: 'boolean',
    mirror: 'boolean',
    ready: 'boolean',
    minReadySeconds: 'number',
  },
});

defineShape('NodeView', {
  optional: true,
  object: { name: 'string', kubeletUp: 'boolean', ready: 'string', cordoned: 'boolean', allowCordon: 'boolean' },
});

// Inputs of the phase rules (src/k8s/phase.ts builds them).
defineShape('ContainerStatusInput', { object: { 'status?': containerStatus } });

defineShape('PodPhaseInput', {
  object: {
    restartPolicy: 'string',
    terminal: 'boolean',
    'initialized?': { oneOf: ['boolean', 'null'] },
    initContainers: { array: 'string' },
    sidecars: { array: 'string' },
    containers: { array: 'string' },
  },
});

defineShape('SchedulerTransition', {
  optional: true,
  object: {
    context: { optional: true, object: { pod: 'string', nodeName: str, message: str, seen: str } },
    event: { optional: true, object: { type: 'string', nodeName: 'string', message: 'string', seen: 'string', waitForVolumes: 'boolean' } },
    params: { optional: true, object: {} },
  },
});

defineShape('ReplicaSetView', { optional: true, object: { replicas: 'number', active: 'number', deleting: 'boolean', claimWork: 'boolean' } });

defineShape('ReplicaSetTransition', {
  optional: true,
  object: {
    context: { optional: true, object: { name: 'string', created: 'number' } },
    event: { optional: true, object: { type: 'string' } },
    params: { optional: true, object: {} },
  },
});

// Storage machines (machines/persistentvolumeclaim.ts, persistentvolume.ts, volume-attachment.ts, volume.ts);
// their views are built by src/system/storage.ts.
defineShape('PersistentVolumeClaimView', {
  optional: true,
  object: { phase: 'string', volumeExists: 'boolean', inUse: 'boolean', allowDelete: 'boolean', decision: 'string', provisioned: 'boolean' },
});

defineShape('PersistentVolumeClaimTransition', {
  optional: true,
  object: {
    context: { optional: true, object: { name: 'string', volumeName: str, selectedNode: str } },
    event: { optional: true, object: { type: 'string', volumeName: 'string', nodeName: 'string' } },
    params: { optional: true, object: {} },
  },
});

defineShape('PersistentVolumeView', {
  optional: true,
  object: { phase: 'string', claimExists: 'boolean', reclaimPolicy: 'string', allowAdmin: 'boolean' },
});

defineShape('PersistentVolumeTransition', {
  optional: true,
  object: {
    context: { optional: true, object: { name: 'string', claim: str } },
    event: { optional: true, object: { type: 'string', claim: 'string' } },
    params: { optional: true, object: {} },
  },
});

defineShape('VolumeAttachmentView', {
  optional: true,
  object: { desired: 'boolean', exclusive: 'boolean', attachedElsewhere: 'boolean', mountedOnNode: 'boolean' },
});

defineShape('VolumeView', {
  optional: true,
  object: { pod: podFacts, ready: 'boolean', stages: 'boolean', staged: 'boolean', configMissing: 'boolean', anyRunning: 'boolean' },
});

defineShape('VolumeTransition', {
  optional: true,
  object: {
    context: { optional: true, object: { name: 'string', node: str, pv: str } },
    event: { optional: true, object: { type: 'string', node: 'string', pv: str } },
    params: { optional: true, object: {} },
  },
});

// The Deployment machine (machines/deployment.ts); its view is built by src/system/deployments.ts.
const deploymentContextShape: Shape = { optional: true, object: { name: 'string', imageSet: 'boolean', scaled: 'boolean', undone: 'boolean' } };

defineShape('DeploymentView', {
  optional: true,
  object: {
    context: deploymentContextShape,
    hasWork: 'boolean',
    complete: 'boolean',
    paused: 'boolean',
    hasProgressDeadline: 'boolean',
    hasPreviousRevision: 'boolean',
    allowSetImage: 'boolean',
    allowScale: 'boolean',
    allowUndo: 'boolean',
    allowPause: 'boolean',
    allowDelete: 'boolean',
    deleting: 'boolean',
  },
});

defineShape('DeploymentTransition', {
  optional: true,
  object: { context: deploymentContextShape, event: { optional: true, object: { type: 'string' } }, params: { optional: true, object: {} } },
});
