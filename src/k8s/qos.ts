// QoS class of a Pod (RES-06..RES-08), computed by rule qos/qos-class, which follows ComputePodQOS
// (pkg/apis/core/helper/qos/qos.go). kubelet and the API server call GetPodQOS, which returns
// status.qosClass when set; the model never trusts a stored class and always recomputes it.
//
// Assumption: requests a container leaves out default to its limits. The API server's defaulting
// (SetDefaults_Pod) does that before anything computes a QoS class, while the model keeps manifests as
// written, so the rule applies it: limits cpu 1 + memory 1Gi and no requests → Guaranteed.
// Not modelled: pod-level resources (spec.resources; PodLevelResources is beta and on by default since 1.34),
// which replace the per-container computation when set — the model's PodSpec has no such field.
import { getRule } from '../rules/registry.ts';
import type { Pod } from './types.ts';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** Data of rule qos/qos-class (shape "PodInput"). */
export interface PodInput {
  pod: Pod;
}

export function qosClass(pod: Pod): QosClass {
  const input: PodInput = { pod };
  return getRule('qos/qos-class').evaluate(input) as QosClass;
}
