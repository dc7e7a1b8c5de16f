// The storage invariants' view of a state (properties/storage.ts): claims and volumes as the store holds
// them, each attachment and Pod volume with its machine state, and the Pods with what their volumes gate.
import type { PersistentVolumeClaim } from '../k8s/types.ts';
import { ANN_BOUND_BY_CONTROLLER, isDelayBinding } from '../storage/binding/index.ts';
import type { StorageModelView } from '../../properties/storage.ts';
import type { ClusterSystem } from '../system/system.ts';
import { storageFacts } from '../system/storage-facts.ts';
import { claimPhase, podKeyOfVolume } from '../system/storage-instances.ts';
import type { SystemState } from '../system/types.ts';

export function storageModelView(system: ClusterSystem, state: SystemState): StorageModelView {
  const m = system.machines;
  const facts = storageFacts(state, m);
  const nodes = system.nodeFactsOf(state);
  const view: StorageModelView = { claims: [], volumes: [], attachments: [], mounts: [], pods: [] };
  for (const inst of state.instances) {
    if (inst.machine === 'persistentvolumeclaim') {
      const c = inst.state.context as { name: string; volumeName: string | null; selectedNode: string | null };
      const stored = facts.claims.get(c.name) as PersistentVolumeClaim | undefined;
      view.claims.push({
        name: c.name,
        phase: claimPhase(m.persistentvolumeclaim, inst.state),
        volumeName: c.volumeName,
        delayBinding: stored ? isDelayBinding(stored, facts.classes) : false,
        selectedNode: c.selectedNode,
        userPreBound: c.volumeName !== null && facts.volumes.get(c.volumeName)?.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === undefined,
        terminating: !m.persistentvolumeclaim.matches(inst.state, 'lifecycle.Active'),
      });
    } else if (inst.machine === 'persistentvolume') {
      const c = inst.state.context as { name: string; claim: string | null };
      const pv = facts.volumes.get(c.name);
      const modes = pv?.spec.accessModes ?? [];
      view.volumes.push({
        name: c.name,
        phase: m.persistentvolume.leafPath(inst.state),
        claim: c.claim,
        reclaimPolicy: pv?.spec.persistentVolumeReclaimPolicy ?? 'Retain',
        exclusive: !modes.includes('ReadWriteMany') && !modes.includes('ReadOnlyMany'),
        attachable: pv ? facts.plugin(pv)?.attachable === true : false,
      });
    } else if (inst.machine === 'volume-attachment') {
      const c = inst.state.context as { volume: string; node: string };
      view.attachments.push({ volume: c.volume, node: c.node, state: m['volume-attachment'].leafPath(inst.state) });
    } else if (inst.machine === 'volume') {
      const c = inst.state.context as { name: string; node: string | null; pv: string | null };
      view.mounts.push({ pod: podKeyOfVolume(inst), volume: c.name, pv: c.pv, node: c.node, state: m.volume.leafPath(inst.state) });
    }
  }
  for (const [key, info] of facts.pods) {
    const pod = facts.podObjects.get(key);
    const node = pod?.spec.nodeName ? nodes.get(`Node/${pod.spec.nodeName}`) : undefined;
    view.pods.push({
      key,
      anyRunning: info.anyRunning,
      terminating: !m.pod.matches(info.inst.state, 'lifecycle.Active'),
      scheduled: Boolean(pod?.spec.nodeName),
      reachable: node?.kubeletUp ?? false,
    });
  }
  return view;
}
