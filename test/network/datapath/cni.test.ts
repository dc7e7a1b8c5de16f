// CNI ADD/DEL: the steps the plugin chain performs for one Pod, and the machine that orders them.
import { createMachine, initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { cniAddSteps, cniDelSteps, portmapChainName, sandboxId } from '../../../src/network/datapath/cni.ts';
import { bridgeVethName, calicoVethName } from '../../../src/network/datapath/names.ts';
import { cniContext, cniEvents, cniMachineConfig, type CniEvent } from '../../../machines/cni.ts';
import { calicoCluster, flannelCluster } from './fixtures.ts';

describe('cniAddSteps / cniDelSteps', () => {
  const cluster = flannelCluster();
  const pod = cluster.pods[0];
  if (!pod) throw new Error('fixture');

  it('NET-CNI-02, NET-CNI-06: flannel ADD: runtime env, subnet.env delegation, bridge, veth, host-local, eth0 routes, gateway address, cache', () => {
    const steps = cniAddSteps(cluster, { pod });
    expect(steps.map((s) => s.plugin)).toEqual(['runtime', 'flannel', 'bridge', 'bridge', 'host-local', 'bridge', 'bridge', 'bridge']);
    expect(steps[0]?.effect[0]).toContain('CNI_COMMAND=ADD');
    expect(steps[0]?.effect[0]).toContain('CNI_IFNAME=eth0');
    expect(steps[1]?.effect).toContain('FLANNEL_SUBNET=192.168.132.1/24');
    expect(steps[1]?.effect).toContain('FLANNEL_MTU=1450');
    expect(steps[3]?.effect[1]).toBe(`ip link set ${bridgeVethName('default', 'kubia-a')} master cni0 up`);
    expect(steps[5]?.effect).toContain('ip route add default via 192.168.132.1 dev eth0');
  });

  it('NET-CNI-07: host-local records the IP as a file under /var/lib/cni/networks/cbr0 holding the container ID', () => {
    const id = sandboxId(pod);
    expect(cniAddSteps(cluster, { pod }).find((s) => s.plugin === 'host-local')?.effect[0]).toBe(`/var/lib/cni/networks/cbr0/192.168.132.73 ← ${id}`);
  });

  it('NET-CNI-05: portmap (last in the chain) writes the hostPort DNAT chain with the masquerade marks for hairpin and localhost', () => {
    const steps = cniAddSteps(cluster, { pod, containerId: 'abc', hostPorts: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] });
    const portmap = steps[steps.length - 1];
    const chain = portmapChainName('cbr0', 'abc');
    expect(portmap?.plugin).toBe('portmap');
    expect(portmap?.effect).toContain(`-A ${chain} -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.168.132.73:80`);
    expect(portmap?.effect).toContain(`-A ${chain} -s 192.168.132.0/24 -p tcp -m tcp --dport 8080 -j CNI-HOSTPORT-SETMARK`);
    expect(portmap?.effect).toContain('-A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"cbr0\\" id: \\"abc\\"" -m multiport --dports 8080 -j CNI-DN-64e75f641d11615844d68');
  });

  it('NET-CALICO-02, NET-CALICO-03, NET-CALICO-12: Calico ADD: cali veth with proxy ARP, host-local usePodCidr, /32 and 169.254.1.1 routes, host /32 route', () => {
    const c = calicoCluster();
    const p = c.pods[0];
    if (!p) throw new Error('fixture');
    const steps = cniAddSteps(c, { pod: p });
    expect(steps.map((s) => s.plugin)).toEqual(['runtime', 'calico', 'host-local', 'calico', 'calico']);
    expect(steps[3]?.effect).toContain('ip route add default via 169.254.1.1 dev eth0');
    expect(steps[4]?.effect).toEqual([`ip route add 10.244.3.30 dev ${calicoVethName('default', 'web-a')} scope link`]);
  });

  it('NET-CNI-02, NET-CNI-05: DEL runs the chain in reverse: portmap first, then the IP, then eth0 with its veth peer', () => {
    const steps = cniDelSteps(cluster, { pod, hostPorts: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] });
    expect(steps.map((s) => s.plugin)).toEqual(['portmap', 'host-local', 'bridge']);
  });
});

describe('machines/cni.ts', () => {
  const machine = createMachine({ ...cniMachineConfig, context: cniContext({ pod: 'default/kubia-a', plugin: 'flannel-vxlan' }) } as never);
  const run = (events: CniEvent['type'][]): unknown => {
    let [s] = initialTransition(machine);
    for (const type of events) [s] = transition(machine, s, { type });
    return s.value;
  };

  it('NET-CNI-02, NET-CNI-05: ADD walks bridge, veth, IPAM, routes and portmap to Ready', () => {
    expect(run(['ADD'])).toEqual({ Adding: 'EnsuringBridge' });
    expect(run(['ADD', 'BRIDGE_READY', 'VETH_CREATED', 'IP_ALLOCATED', 'ROUTES_CONFIGURED', 'PORTS_MAPPED'])).toBe('Ready');
  });
  it('NET-CNI-02: a failed ADD goes to Deleting: the runtime cleans up with DEL', () => {
    expect(run(['ADD', 'BRIDGE_READY', 'ADD_FAILED'])).toBe('Deleting');
  });
  it('NET-CNI-02: DEL releases, and DEL again changes nothing (idempotent), also before any ADD', () => {
    expect(run(['ADD', 'BRIDGE_READY', 'VETH_CREATED', 'IP_ALLOCATED', 'ROUTES_CONFIGURED', 'PORTS_MAPPED', 'DEL', 'RELEASED', 'DEL'])).toBe('Released');
    expect(run(['DEL'])).toBe('NoNetwork');
  });
  it('NET-CNI-01: the config is pure data (JSON round-trips) and every event is listed', () => {
    expect(JSON.parse(JSON.stringify(cniMachineConfig))).toEqual(cniMachineConfig);
    expect(cniEvents.map((e) => e.type).sort()).toEqual(['ADD', 'ADD_FAILED', 'BRIDGE_READY', 'DEL', 'IP_ALLOCATED', 'PORTS_MAPPED', 'RELEASED', 'ROUTES_CONFIGURED', 'VETH_CREATED']);
  });
});
