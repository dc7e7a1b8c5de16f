// What must hold once a cluster with ReplicaSets has settled (no controller, scheduler or kubelet work left):
// every ReplicaSet runs spec.replicas active Pods, each bound to a node whose kubelet is up, Running and
// Ready. A settled state that breaks this is a replica the cluster cannot restore without outside help.
import type { Pod, ReplicaSet } from '../src/k8s/types.ts';
import type { StateProperty } from './types.ts';

export interface ReplicaSetView {
  replicaSets: { rs: ReplicaSet; pods: { pod: Pod; phase: string; ready: boolean; nodeUp: boolean }[] }[];
}

export const replicaSetStableInvariants: StateProperty<ReplicaSetView>[] = [
  {
    id: 'replicas-restored',
    description: 'once settled, every ReplicaSet has spec.replicas active Pods Running and Ready on live nodes',
    behaviours: ['ROLL-01', 'POD-13', 'NODE-04', 'CTRL-01'],
    holds: (view) =>
      view.replicaSets.every(({ rs, pods }) => {
        const active = pods.filter((p) => !p.pod.metadata.deletionTimestamp);
        return active.length === (rs.spec.replicas ?? 1) && active.every((p) => p.phase === 'Running' && p.ready && p.nodeUp);
      }),
  },
];
