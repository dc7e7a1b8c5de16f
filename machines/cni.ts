// CNI ADD and DEL for one Pod's sandbox, as the container runtime drives the network plugin chain
// (CNI spec 1.0; containernetworking/plugins bridge, host-local and portmap; flannel's and Calico's plugins).
// ADD runs the conflist in order (NET-CNI-05): ensure the bridge (cni0; Calico has none and reports it at
// once), create the veth pair and move eth0 into the sandbox's namespace (NET-L2-01/02), allocate the IP
// (host-local, NET-CNI-07), configure eth0's address and routes (and cni0's gateway address, NET-CNI-06),
// then portmap's hostPort rules. A failed ADD leaves partial state, which the runtime removes with DEL.
// DEL runs the chain in reverse and releases the IP; it must succeed again on what is already gone (NET-CNI-02),
// so DEL on NoNetwork or Released changes nothing.
// Leaves out: CHECK and VERSION, several networks per Pod (Multus), the IPAM range being exhausted's retries.
// The steps each state stands for are listed by src/network/datapath/cni.ts (cniAddSteps, cniDelSteps).
// Covers NET-CNI-01, NET-CNI-02, NET-CNI-05, NET-CNI-06, NET-CNI-07, NET-L2-01, NET-L2-02.

export interface CniContext {
  /** "namespace/name" of the Pod whose sandbox this is. */
  pod: string;
  /** The network plugin of the cluster (ClusterNetwork.plugin). */
  plugin: string;
}

export type CniEvent =
  | { type: 'ADD' }
  | { type: 'BRIDGE_READY' }
  | { type: 'VETH_CREATED' }
  | { type: 'IP_ALLOCATED' }
  | { type: 'ROUTES_CONFIGURED' }
  | { type: 'PORTS_MAPPED' }
  | { type: 'ADD_FAILED' }
  | { type: 'DEL' }
  | { type: 'RELEASED' };

export const bindings = { guards: {}, actions: {} } as const;

export const cniMachineConfig = {
  id: 'cni',
  initial: 'NoNetwork',
  states: {
    // The sandbox's namespace exists with only lo; nothing of the plugin's yet.
    NoNetwork: { on: { ADD: { target: 'Adding' }, DEL: {} } },
    Adding: {
      initial: 'EnsuringBridge',
      on: { ADD_FAILED: { target: 'Deleting' } },
      states: {
        EnsuringBridge: { on: { BRIDGE_READY: { target: 'CreatingVeth' } } },
        CreatingVeth: { on: { VETH_CREATED: { target: 'AllocatingIp' } } },
        AllocatingIp: { on: { IP_ALLOCATED: { target: 'ConfiguringRoutes' } } },
        ConfiguringRoutes: { on: { ROUTES_CONFIGURED: { target: 'MappingPorts' } } },
        // portmap is the chain's last plugin; without hostPorts it returns at once.
        MappingPorts: { on: { PORTS_MAPPED: { target: '#cni.Ready' } } },
      },
    },
    Ready: { on: { DEL: { target: 'Deleting' } } },
    // portmap's chain, the IP's allocation file and eth0 (with its veth peer) are removed, in reverse order.
    Deleting: { on: { RELEASED: { target: 'Released' }, DEL: {} } },
    Released: { on: { DEL: {} } },
  },
} as const;

export function cniContext(input: { pod: string; plugin: string }): CniContext {
  return { pod: input.pod, plugin: input.plugin };
}

export const cniEvents: CniEvent[] = [
  { type: 'ADD' },
  { type: 'BRIDGE_READY' },
  { type: 'VETH_CREATED' },
  { type: 'IP_ALLOCATED' },
  { type: 'ROUTES_CONFIGURED' },
  { type: 'PORTS_MAPPED' },
  { type: 'ADD_FAILED' },
  { type: 'DEL' },
  { type: 'RELEASED' },
];
