// Choosing among feasible nodes (SCHED-02): the score plugins of src/scheduler/score give each node a
// breakdown, the total is Σ normalized × weight, and selectHost (schedule_one.go) takes the highest total,
// ties broken by a seeded generator so a seed replays a run. ScheduleOptions.scorePlugins replaces the
// default plugins (tests use it to pin scores).
import type { Pod } from '../k8s/types.ts';
import type { MutableNodeInfo } from './node-info.ts';
import { scorePlugins, selectHost } from './score/index.ts';
import type { ClusterSnapshot, PluginScore, ScheduleOptions } from './types.ts';

export { mulberry32 as seededRandom } from './score/index.ts';

export interface NodeScore {
  node: string;
  total: number;
  plugins: PluginScore[];
}

export function scoreNodes(pod: Pod, feasible: readonly MutableNodeInfo[], snapshot: ClusterSnapshot, opts: ScheduleOptions): NodeScore[] {
  const scorer = opts.scorePlugins ?? scorePlugins;
  const perNode = scorer(pod, feasible, snapshot, {
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.kubernetesVersion !== undefined ? { kubernetesVersion: opts.kubernetesVersion } : {}),
  });
  return feasible.map((info, i) => {
    const plugins = perNode[i] ?? [];
    return { node: info.name, total: plugins.reduce((sum, p) => sum + p.normalized * p.weight, 0), plugins };
  });
}

/** The one place the winning node is picked: the top total, ties broken by the seed. */
export function chooseHost(scores: readonly NodeScore[], seed: number): string {
  return selectHost(scores, seed);
}
