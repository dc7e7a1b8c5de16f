// The reachability matrix for `kubemodel reach`: every Pod against every Pod on one port and protocol,
// under the cluster's NetworkPolicies (NETPOL-01 … NETPOL-08). Rows are sources, columns destinations,
// both in the cluster's Pod order; policies are validated and prepared once for all n² connections.
import type { Protocol } from '../types.ts';
import { prepareCluster } from './prepare.ts';
import type { PolicyCluster, PolicyVerdict } from './types.ts';
import { evaluateConnection } from './verdict.ts';

export interface ReachabilityMatrix {
  port: number;
  protocol: Protocol;
  enforced: boolean;
  /** `namespace/name` of each Pod; row i and column i are the same Pod. */
  pods: string[];
  /** allowed[from][to]. */
  allowed: boolean[][];
  /** The full verdict of each cell, same indexing. */
  verdicts: PolicyVerdict[][];
}

export function reachabilityMatrix(cluster: PolicyCluster, port: number, protocol: Protocol): ReachabilityMatrix {
  const prep = prepareCluster(cluster);
  const verdicts = cluster.pods.map((from) => cluster.pods.map((to) => evaluateConnection(prep, { from, to, port, protocol })));
  return {
    port,
    protocol,
    enforced: prep.enforced,
    pods: cluster.pods.map((p) => `${p.namespace}/${p.name}`),
    allowed: verdicts.map((row) => row.map((v) => v.allowed)),
    verdicts,
  };
}

/** The matrix as text: one row per source, `.` allowed and `X` denied, columns numbered as in the legend. */
export function formatReachability(m: ReachabilityMatrix): string {
  const header = `${m.protocol}/${m.port}${m.enforced ? '' : ' (NetworkPolicy not enforced by the network plugin)'}`;
  const legend = m.pods.map((p, i) => `${String(i).padStart(3)}  ${p}`);
  const cols = `from \\ to  ${m.pods.map((_, i) => String(i % 10)).join(' ')}`;
  const rows = m.allowed.map((row, i) => `${String(i).padStart(9)}  ${row.map((a) => (a ? '.' : 'X')).join(' ')}`);
  return [header, ...legend, cols, ...rows].join('\n');
}
