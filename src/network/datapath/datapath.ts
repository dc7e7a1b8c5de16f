// Every node's namespaces as the cluster's network plugin leaves them (NET-CNI-01: the plugin configures the
// Pod's namespace, the network solution connects the nodes). Dispatches to flannel.ts or calico.ts.
import type { ClusterNetwork } from '../types.ts';
import { calicoNode } from './calico.ts';
import { flannelNode, type FlannelBackend } from './flannel.ts';
import { checkNode, segmentOf } from './host.ts';
import type { DatapathOptions, Netns, NodeDatapath } from './types.ts';

export interface Datapath {
  cluster: ClusterNetwork;
  options: DatapathOptions;
  nodes: Map<string, NodeDatapath>;
}

const flannelBackends: Record<string, FlannelBackend> = { 'flannel-vxlan': 'vxlan', 'flannel-host-gw': 'host-gw', 'flannel-udp': 'udp' };

export function buildDatapath(cluster: ClusterNetwork, options: DatapathOptions = {}): Datapath {
  cluster.nodes.forEach(checkNode);
  const nodes = new Map<string, NodeDatapath>();
  for (const node of cluster.nodes) {
    const backend = flannelBackends[cluster.plugin];
    const built = backend ? flannelNode(cluster, node, backend, options) : calicoNode(cluster, node, options);
    nodes.set(node.name, { ...built, segment: segmentOf(node, options) });
  }
  return { cluster, options, nodes };
}

/** The namespace "node/<name>" or "pod/<namespace>/<name>"; throws naming what exists when it does not. */
export function netnsOf(dp: Datapath, where: string): Netns {
  const [kind, a, b] = where.split('/');
  if (kind === 'node' && a) {
    const n = dp.nodes.get(a);
    if (n) return n.host;
  }
  if (kind === 'pod' && a && b) {
    for (const n of dp.nodes.values()) {
      const ns = n.pods.get(`${a}/${b}`);
      if (ns) return ns;
    }
  }
  throw new Error(`no network namespace "${where}" (expected node/<name> or pod/<namespace>/<name> of a Pod with a node)`);
}
