// Explicit registry of the built-in rules (one JSON file each). test/rules/registry.test.ts fails when a
// JSON file under rules/ is missing here.
import type { RuleFile } from '../src/rules/types.ts';
import { schedulerRuleFiles } from './scheduler/index.ts';
import { admissionRuleFiles } from './admission/index.ts';
import { evictionRuleFiles } from './eviction/index.ts';
import { leaderElectionRuleFiles } from './leader-election/index.ts';
import { deploymentRuleFiles } from './deployment/index.ts';
import { pvControllerRuleFiles } from './pv-controller/index.ts';
import { attachDetachRuleFiles } from './attach-detach/index.ts';
import { volumeManagerRuleFiles } from './volume-manager/index.ts';
import { replicasetControllerRuleFiles } from './replicaset-controller/index.ts';
import { garbageCollectorRuleFiles } from './garbage-collector/index.ts';
import { deploymentControllerRuleFiles } from './deployment-controller/index.ts';
import { networkClusterRuleFiles } from './network/cluster/index.ts';
import { netfilterRuleFiles } from './network/netfilter/index.ts';
import { networkPolicyRuleFiles } from './network/policy/index.ts';
import { networkIngressRuleFiles } from './network/ingress/index.ts';
import { networkDatapathRuleFiles } from './network/datapath/index.ts';
import { storageRuleFiles } from './storage/index.ts';
import { volumeRuleFiles } from './volume/index.ts';
import containerHasLivenessProbe from './container/has-liveness-probe.json' with { type: 'json' };
import containerHasReadinessProbe from './container/has-readiness-probe.json' with { type: 'json' };
import containerReferencesConfig from './container/references-config.json' with { type: 'json' };
import containerRecordExit from './container/record-exit.json' with { type: 'json' };
import containerRecordLivenessKill from './container/record-liveness-kill.json' with { type: 'json' };
import containerRecordOomKill from './container/record-oom-kill.json' with { type: 'json' };
import containerRecordStop from './container/record-stop.json' with { type: 'json' };
import kubeletBackOffActive from './kubelet/back-off-active.json' with { type: 'json' };
import kubeletResetBackOff from './kubelet/reset-back-off.json' with { type: 'json' };
import kubeletRestartAfterBackOff from './kubelet/restart-after-back-off.json' with { type: 'json' };
import kubeletRestartContainer from './kubelet/restart-container.json' with { type: 'json' };
import kubeletRestartNow from './kubelet/restart-now.json' with { type: 'json' };
import kubeletShouldRestart from './kubelet/should-restart.json' with { type: 'json' };
import podBind from './pod/bind.json' with { type: 'json' };
import podRecordDeletion from './pod/record-deletion.json' with { type: 'json' };
import kubeletContainerState from './kubelet/container-state.json' with { type: 'json' };
import kubeletPodPhase from './kubelet/pod-phase.json' with { type: 'json' };
import envContainerMayExit from './env/container-may-exit.json' with { type: 'json' };
import kubeletContainersStopped from './kubelet/containers-stopped.json' with { type: 'json' };
import kubeletGracePeriodMayExpire from './kubelet/grace-period-may-expire.json' with { type: 'json' };
import kubeletMayCreateSandbox from './kubelet/may-create-sandbox.json' with { type: 'json' };
import kubeletMayStartContainer from './kubelet/may-start-container.json' with { type: 'json' };
import kubeletMayStopContainer from './kubelet/may-stop-container.json' with { type: 'json' };
import kubeletMaySyncContainer from './kubelet/may-sync-container.json' with { type: 'json' };
import nodeMayBeLost from './node/may-be-lost.json' with { type: 'json' };
import nodeMayRecover from './node/may-recover.json' with { type: 'json' };
import podMayDelete from './pod/may-delete.json' with { type: 'json' };
import podMinReadySecondsMayPass from './pod/min-ready-seconds-may-pass.json' with { type: 'json' };
import podReadyLost from './pod/ready-lost.json' with { type: 'json' };
import qosQosClass from './qos/qos-class.json' with { type: 'json' };
import kubeletMayRestartContainer from './kubelet/may-restart-container.json' with { type: 'json' };
import nodeGracePeriodMayPass from './node/grace-period-may-pass.json' with { type: 'json' };
import nodeHeartbeatMayBeSeen from './node/heartbeat-may-be-seen.json' with { type: 'json' };
import nodeMayCordon from './node/may-cordon.json' with { type: 'json' };
import podNoexecuteEvicts from './pod/noexecute-evicts.json' with { type: 'json' };
import schedulerQueueRecordBinding from './scheduler-queue/record-binding.json' with { type: 'json' };
import schedulerQueueRecordFailure from './scheduler-queue/record-failure.json' with { type: 'json' };
import schedulerQueueWaitsForVolumes from './scheduler-queue/waits-for-volumes.json' with { type: 'json' };
import replicasetMayClaimPods from './replicaset/may-claim-pods.json' with { type: 'json' };
import replicasetHasSurplusPods from './replicaset/has-surplus-pods.json' with { type: 'json' };
import replicasetNeedsMorePods from './replicaset/needs-more-pods.json' with { type: 'json' };
import replicasetRecordCreate from './replicaset/record-create.json' with { type: 'json' };
import kubeletMayEvictForPressure from './kubelet/may-evict-for-pressure.json' with { type: 'json' };
import podMayDeleteMirror from './pod/may-delete-mirror.json' with { type: 'json' };

export const builtinRuleFiles: readonly RuleFile[] = [
  containerHasLivenessProbe,
  containerHasReadinessProbe,
  containerReferencesConfig,
  containerRecordExit,
  containerRecordLivenessKill,
  containerRecordOomKill,
  containerRecordStop,
  kubeletBackOffActive,
  kubeletResetBackOff,
  kubeletRestartAfterBackOff,
  kubeletRestartContainer,
  kubeletRestartNow,
  kubeletShouldRestart,
  podBind,
  podRecordDeletion,
  kubeletContainerState,
  kubeletPodPhase,
  qosQosClass,
  envContainerMayExit,
  kubeletContainersStopped,
  kubeletGracePeriodMayExpire,
  kubeletMayCreateSandbox,
  kubeletMayStartContainer,
  kubeletMayStopContainer,
  kubeletMaySyncContainer,
  nodeMayBeLost,
  nodeMayRecover,
  podMayDelete,
  podMinReadySecondsMayPass,
  podReadyLost,
  kubeletMayRestartContainer,
  nodeGracePeriodMayPass,
  nodeHeartbeatMayBeSeen,
  nodeMayCordon,
  podNoexecuteEvicts,
  schedulerQueueRecordBinding,
  schedulerQueueRecordFailure,
  schedulerQueueWaitsForVolumes,
  replicasetHasSurplusPods,
  replicasetMayClaimPods,
  replicasetNeedsMorePods,
  replicasetRecordCreate,
  kubeletMayEvictForPressure,
  podMayDeleteMirror,
  ...schedulerRuleFiles,
  ...admissionRuleFiles,
  ...evictionRuleFiles,
  ...leaderElectionRuleFiles,
  ...deploymentRuleFiles,
  ...pvControllerRuleFiles,
  ...attachDetachRuleFiles,
  ...volumeManagerRuleFiles,
  ...replicasetControllerRuleFiles,
  ...garbageCollectorRuleFiles,
  ...deploymentControllerRuleFiles,
  ...networkClusterRuleFiles,
  ...netfilterRuleFiles,
  ...networkPolicyRuleFiles,
  ...networkIngressRuleFiles,
  ...networkDatapathRuleFiles,
  ...storageRuleFiles,
  ...volumeRuleFiles,
] as RuleFile[];
