// Calico's BGP topology: the peers of each node in the node-to-node mesh and with route reflectors, the
// routes each learns (identical next hops in both, only the peer differs), `calicoctl node status`, and the
// trace notes naming the peer a route was learned from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bgpPeers, bgpSessions, learnedFrom } from '../../../src/network/datapath/bgp.ts';
import { calicoctlNodeStatus } from '../../../src/network/datapath/bgp-status.ts';
import { buildDatapath } from '../../../src/network/datapath/datapath.ts';
import { ipRoute } from '../../../src/network/datapath/render.ts';
import { traceDatapath } from '../../../src/network/datapath/trace.ts';
import type { BgpPeer, BgpTopology, DatapathOptions } from '../../../src/network/datapath/types.ts';
import type { ClusterNetwork, NetworkPlugin } from '../../../src/network/types.ts';
import { calicoCluster, tcp } from './fixtures.ts';

const mesh: BgpTopology = { mode: 'mesh' };
const rr = (...reflectors: string[]): BgpTopology => ({ mode: 'route-reflector', reflectors });
const peerRows = (cluster: ClusterNetwork, node: string, t: BgpTopology): string[] => bgpPeers(cluster, node, t).map((p) => `${p.node} ${p.address} ${p.type} ${p.role} ${p.protocol}`);

/** The seeds' three nodes plus node4, a client next to node1 and node2. */
function fourNodes(plugin: NetworkPlugin = 'calico-ipip'): ClusterNetwork {
  const c = calicoCluster(plugin, true);
  return { ...c, nodes: [...c.nodes, { name: 'node4', ip: '192.168.231.40', podCIDR: '10.244.4.0/24' }] };
}

const routeTables = (cluster: ClusterNetwork, opts: DatapathOptions): string[] => [...buildDatapath(cluster, opts).nodes.values()].map((n) => ipRoute(n.host));

describe('peers', () => {
  const cluster = calicoCluster('calico-ipip', true);

  it('NET-CALICO-06: mesh of 3 nodes: each peers with both others as "node-to-node mesh", BIRD protocols Mesh_<ip> in name order', () => {
    expect(peerRows(cluster, 'node1', mesh)).toEqual([
      'node2 192.168.231.16 node-to-node mesh mesh Mesh_192_168_231_16',
      'node3 192.168.232.26 node-to-node mesh mesh Mesh_192_168_232_26',
    ]);
    expect(bgpSessions(cluster, mesh)).toEqual([['node1', 'node2'], ['node1', 'node3'], ['node2', 'node3']]);
  });

  it('NET-CALICO-07: one reflector (node1): clients peer only with it, it peers with every client as "node specific"', () => {
    expect(peerRows(cluster, 'node2', rr('node1'))).toEqual(['node1 192.168.231.56 node specific route reflector Node_192_168_231_56']);
    expect(peerRows(cluster, 'node3', rr('node1'))).toEqual(['node1 192.168.231.56 node specific route reflector Node_192_168_231_56']);
    expect(peerRows(cluster, 'node1', rr('node1'))).toEqual([
      'node2 192.168.231.16 node specific rr client Node_192_168_231_16',
      'node3 192.168.232.26 node specific rr client Node_192_168_232_26',
    ]);
    expect(bgpSessions(cluster, rr('node1'))).toEqual([['node1', 'node2'], ['node1', 'node3']]);
  });

  it('NET-CALICO-07: two reflectors peer with each other and with every client', () => {
    const c = fourNodes();
    expect(bgpPeers(c, 'node1', rr('node1', 'node3')).map((p) => `${p.node} ${p.role}`)).toEqual(['node2 rr client', 'node4 rr client', 'node3 route reflector']);
    expect(bgpSessions(c, rr('node1', 'node3'))).toHaveLength(1 + 2 * 2);
  });

  it('NET-CALICO-07: a reflector that is not a node is an error naming the known nodes', () => {
    expect(() => buildDatapath(cluster, { bgp: rr('node9') })).toThrow(/"node9" is not a node .*known: node1, node2, node3/);
  });
});

describe('sessions grow N(N−1)/2 with the mesh, O(N) with reflectors', () => {
  const sized = (n: number): ClusterNetwork => ({
    ...calicoCluster('calico-bgp'),
    nodes: Array.from({ length: n }, (_, i) => ({ name: `n${i}`, ip: `10.0.0.${i + 10}`, podCIDR: `10.244.${i}.0/24` })),
    pods: [],
  });

  it('NET-CALICO-06, NET-CALICO-07: for any N and k reflectors: mesh N(N−1)/2 sessions, reflectors k(k−1)/2 + k(N−k); kernel routes identical', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.subarray([...Array(n).keys()], { minLength: 1 }))), ([n, ks]) => {
      const cluster = sized(n);
      const topology = rr(...ks.map((i) => `n${i}`));
      const k = ks.length;
      expect(bgpSessions(cluster, mesh)).toHaveLength((n * (n - 1)) / 2);
      expect(bgpSessions(cluster, topology)).toHaveLength((k * (k - 1)) / 2 + k * (n - k));
      expect(routeTables(cluster, { bgp: topology })).toEqual(routeTables(cluster, { bgp: mesh }));
    }), { seed: 4711, numRuns: 60 });
  });
});

describe('learned routes', () => {
  it('NET-CALICO-04, NET-CALICO-07: the route tables are identical in the mesh and with a reflector (next hops unchanged), IPIP and plain BGP', () => {
    for (const plugin of ['calico-ipip', 'calico-bgp'] as const) {
      const cluster = calicoCluster(plugin, true);
      expect(routeTables(cluster, { bgp: rr('node1') })).toEqual(routeTables(cluster, {}));
    }
  });

  it('NET-CALICO-05, NET-CALICO-07: with reflector node1, node2 learns node3\'s block from node1 but the next hop stays node3', () => {
    const node2 = buildDatapath(calicoCluster('calico-ipip', true), { bgp: rr('node1') }).nodes.get('node2');
    const route = node2?.host.routes.find((r) => r.dst === '10.244.2.0/24');
    expect(route).toMatchObject({ via: '192.168.232.26', dev: 'tunl0', learnedFrom: { peer: 'node1', address: '192.168.231.56', type: 'node specific', originator: 'node3' } });
    const direct = node2?.host.routes.find((r) => r.dst === '10.244.3.0/24');
    expect(direct?.learnedFrom).toMatchObject({ peer: 'node1', originator: 'node1' });
  });

  it('NET-CALICO-06: in the mesh every route is learned from the node that originated it', () => {
    const node1 = buildDatapath(calicoCluster('calico-bgp', true)).nodes.get('node1');
    expect(node1?.host.routes.filter((r) => r.learnedFrom).map((r) => `${r.dst} ${r.learnedFrom?.peer} ${r.learnedFrom?.type}`)).toEqual([
      '10.244.1.0/24 node2 node-to-node mesh', '10.244.2.0/24 node3 node-to-node mesh',
    ]);
  });

  it('NET-CALICO-07: with two reflectors a client keeps the copy from the lower peer address (BIRD\'s last tie-break)', () => {
    const c = fourNodes();
    // node1 is 192.168.231.56, node3 192.168.232.26: both reflect node4's block to node2 with equal cluster lists.
    expect(learnedFrom(c, rr('node3', 'node1'), 'node2', 'node4')?.node).toBe('node1');
    expect(learnedFrom(c, rr('node3', 'node1'), 'node2', 'node3')?.node).toBe('node3');
  });

  it('NET-CALICO-07: reflector mode without reflectors: no sessions, so no Pod routes to other nodes', () => {
    const node1 = buildDatapath(calicoCluster('calico-bgp', true), { bgp: rr() }).nodes.get('node1');
    expect(node1?.bgpPeers).toEqual([]);
    expect(node1?.host.routes.some((r) => r.proto === 'bird' && !r.blackhole)).toBe(false);
  });
});

describe('calicoctl node status', () => {
  it('NET-CALICO-06: the table reproduces calicoctl\'s documented example byte for byte', () => {
    const peer: BgpPeer = { node: 'x', address: '172.17.8.102', type: 'node-to-node mesh', protocol: 'Mesh_172_17_8_102', role: 'mesh', state: 'up', info: 'Established' };
    expect(calicoctlNodeStatus([peer], { since: '23:30:04' })).toBe([
      'Calico process is running.',
      '',
      'IPv4 BGP status',
      '+--------------+-------------------+-------+----------+-------------+',
      '| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |    INFO     |',
      '+--------------+-------------------+-------+----------+-------------+',
      '| 172.17.8.102 | node-to-node mesh | up    | 23:30:04 | Established |',
      '+--------------+-------------------+-------+----------+-------------+',
      '',
      'IPv6 BGP status',
      'No IPv6 peers found.',
      '',
      '',
    ].join('\n'));
  });

  it('NET-CALICO-06: node2 in the 3-node mesh lists node1 and node3', () => {
    const peers = buildDatapath(calicoCluster('calico-ipip', true)).nodes.get('node2')?.bgpPeers ?? [];
    expect(calicoctlNodeStatus(peers, { since: '09:14:02' }).split('\n').slice(3, 9)).toEqual([
      '+----------------+-------------------+-------+----------+-------------+',
      '|  PEER ADDRESS  |     PEER TYPE     | STATE |  SINCE   |    INFO     |',
      '+----------------+-------------------+-------+----------+-------------+',
      '| 192.168.231.56 | node-to-node mesh | up    | 09:14:02 | Established |',
      '| 192.168.232.26 | node-to-node mesh | up    | 09:14:02 | Established |',
      '+----------------+-------------------+-------+----------+-------------+',
    ]);
  });

  it('NET-CALICO-07: a client of reflector node1 lists one "node specific" peer; a node without peers says so', () => {
    const peers = buildDatapath(calicoCluster('calico-ipip', true), { bgp: rr('node1') }).nodes.get('node3')?.bgpPeers ?? [];
    expect(calicoctlNodeStatus(peers, { since: '05:21:15' }).split('\n').slice(4, 7)).toEqual([
      '|  PEER ADDRESS  |   PEER TYPE   | STATE |  SINCE   |    INFO     |',
      '+----------------+---------------+-------+----------+-------------+',
      '| 192.168.231.56 | node specific | up    | 05:21:15 | Established |',
    ]);
    expect(calicoctlNodeStatus([])).toContain('IPv4 BGP status\nNo IPv4 peers found.\n');
  });
});

describe('trace', () => {
  const quiet = { markHooks: false };

  it('NET-CALICO-05, NET-CALICO-06: plain BGP in the mesh: the hop leaving node1 says the route was learned from node2', () => {
    const hops = traceDatapath(calicoCluster('calico-bgp'), tcp('10.244.1.7'), { pod: 'web-a' }, quiet);
    expect(hops.find((h) => h.where === 'node/node1' && h.device === 'eth0')?.note).toContain('route learned by BGP from node2 (192.168.231.16, node-to-node mesh)');
  });

  it('NET-CALICO-07, NET-CALICO-09: with reflector node1, node2 → node3 names node1 as the peer, yet the packet never passes node1', () => {
    const hops = traceDatapath(calicoCluster('calico-ipip', true), tcp('10.244.2.9'), { pod: 'web-c' }, { ...quiet, bgp: rr('node1') });
    expect(hops.find((h) => h.device === 'tunl0' && h.encapsulation)?.note).toContain('route learned by BGP from node1 (192.168.231.56, route reflector');
    expect(hops.some((h) => h.where === 'node/node1')).toBe(false);
    expect(hops[hops.length - 1]).toMatchObject({ where: 'pod/default/web-d', verdict: 'DELIVERED' });
  });

  it('NET-CALICO-07, NET-CALICO-08: without reflectors node1 has no route to node2\'s block: the default route hands it to the router, which drops it', () => {
    const hops = traceDatapath(calicoCluster('calico-bgp'), tcp('10.244.1.7'), { pod: 'web-a' }, { ...quiet, bgp: rr() });
    expect(hops[hops.length - 1]).toMatchObject({ where: 'router/192.168.231.0/24', verdict: 'DROP' });
  });
});
