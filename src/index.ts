// kubemodel's library surface: one explicit list, nothing re-exported wholesale.

// Kubernetes values and decisions, exact to the current release.
export { podPhase, type PodPhaseOptions } from './k8s/phase.ts';
export { qosClass, type QosClass } from './k8s/qos.ts';
export { parseQuantity, tryParseQuantity, Quantity, type QuantityFormat } from './k8s/quantity.ts';
export { parseSelector, matchesSelector, selectorFromLabelSelector, selectorToString, type Selector } from './k8s/selector.ts';
export { toleratesTaint, tolerationsTolerateTaint, findUntoleratedTaint } from './k8s/taint.ts';
export { podStatusColumns, type PodStatusColumns } from './kubectl/get-pods.ts';
export { humanDuration } from './kubectl/age.ts';
export { eventMessage, CURRENT_KUBERNETES_VERSION, type KubeEvent } from './kubelet/event-messages.ts';

// Scheduling, admission, eviction.
export { schedule, fitsNode } from './scheduler/schedule.ts';
export type { ClusterSnapshot, ScheduleResult, ScheduleOptions, PluginStatus, PluginScore } from './scheduler/types.ts';
export { admit } from './admission/chain.ts';
export { applyObjects } from './admission/apply.ts';
export type { AdmissionRequest, AdmissionResult, ClusterState } from './admission/types.ts';
export { evaluatePressure, rankForEviction, evictionMessage } from './eviction/eviction.ts';

// Storage: the PersistentVolumeController's choices and the volume plugins' phases.
export { findMatchingVolume, syncClaim, syncVolume, provisionedVolume, isDelayBinding, defaultStorageClass, statefulSetClaimName, type ClaimDecision, type VolumeDecision, type MatchOptions } from './storage/binding/index.ts';
export { volumePlugin, type VolumePlugin } from './storage/volume/plugins.ts';
export { csiCallSequence, formatCsiCall } from './storage/volume/csi-calls.ts';
export { parseFlexReply } from './storage/flexvolume/reply.ts';

// Deployments and ReplicaSets: the controllers' arithmetic and decisions, and the garbage collector's.
export { resolveFenceposts, rolloutStep, deploymentRound, type DeploymentRound } from './deployment/index.ts';
export { podsToDelete, replicaSetStatus, claimPods } from './replicaset/index.ts';
export { gcStep, deleteRequest, type GcAction, type GcObject, type PropagationPolicy } from './gc/index.ts';

// Packets: kube-proxy's rules, a packet's walk, NetworkPolicy verdicts, the cluster network model.
export { iptablesRules, kubeProxyRuleset, ipvsRules } from './network/kube-proxy/index.ts';
export { tracePacket, type TraceRequest, type TraceResult } from './network/trace.ts';
export { networkPolicyVerdict, reachabilityMatrix } from './network/policy/index.ts';
export { buildClusterNetwork, resolve as resolveDns } from './network/cluster/index.ts';
export { routeIngress } from './network/ingress/index.ts';
export type { ClusterNetwork, Packet, Hop } from './network/types.ts';

// Manifests.
export { parseManifests, applyPodDefaults, type LoadedObject, type ParseResult } from './k8s/parse-manifests.ts';
export type { Pod, PodSpec, PodStatus, Container, ContainerStatus, Node, Toleration, Taint, LabelSelector, ReplicaSet, Namespace, LimitRange, ResourceQuota, PriorityClass, Deployment, PersistentVolume, PersistentVolumeClaim, StorageClass, CSIDriver, VolumeAttachment, ConfigMap, Secret } from './k8s/types.ts';

// Rules.
export { getRule, allRules } from './rules/registry.ts';
export { compileLogic } from './rules/compile.ts';
export type { RuleFile, CompiledRule } from './rules/types.ts';

// The model: check, paths, diagrams, simulation.
export { checkModel, checkAnyModel, type CheckReport, type CheckRunOptions, type AnyModelFile } from './checker/run.ts';
export { checkLeaderElection } from './leader/check.ts';
export { check, type TransitionSystem, type CheckResult } from './checker/bfs.ts';
export type { ModelFile } from './checker/pod-model.ts';
export { machineEntry, machineIds } from './machines.ts';
export { machinePaths, pathsToJson, type PathsResult, type PathsOptions } from './paths/paths.ts';
export { coverage, type Coverage } from './paths/coverage.ts';
export { toVitestFile, type PathAdapter } from './paths/vitest-file.ts';
export { toMermaid } from './diagram/mermaid.ts';
export { toDot } from './diagram/dot.ts';
export { toSvg } from './diagram/svg.ts';
export { simulate, type SimulationResult, type SimulationOptions } from './simulate/simulate.ts';
export { ClusterSystem, type ClusterInput } from './system/system.ts';

// Errors the library throws; the CLI maps them to exit code 2.
// Validation: manifests against schemas, the policy pack and the model.
export { validateManifests, exitCodeFor, summarize, type ValidateOptions, type FailOn } from './validate/validate.ts';
export { readCluster } from './io/cluster-file.ts';
export type { ClusterDescription } from './validate/cluster.ts';
export { parseExceptions } from './validate/exceptions.ts';
export { toSarif } from './validate/format-sarif.ts';
export { toJunit } from './validate/format-junit.ts';
export type { ValidationReport } from './validate/report.ts';
export { loadPolicySet } from './io/policy-set.ts';
export { loadPolicies, type CompiledPolicy } from './policy/load.ts';
export { checkObjects } from './policy/examples.ts';
export type { PolicyFile, Finding, Severity } from './policy/types.ts';

export { InputError, RuleError, MachineError } from './errors.ts';
