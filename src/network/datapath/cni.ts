// What CNI ADD and DEL do for one Pod, as ordered steps (NET-CNI-02..07): the runtime runs the conflist's
// plugins in order on ADD and in reverse on DEL (NET-CNI-05). For flannel: the flannel plugin reads
// /run/flannel/subnet.env and delegates to the bridge plugin (cni0, veth pair, host-local IPAM, routes,
// gateway address), then portmap writes hostPort DNAT rules (nat CNI-HOSTPORT-DNAT → CNI-DN-<hash>,
// mark 0x2000 for masquerade). For Calico: the calico plugin (veth cali<hash>, /32, 169.254.1.1 routes,
// host route) with host-local IPAM (usePodCidr), then portmap (NET-CALICO-12).
// Follows containernetworking/plugins (bridge, host-local, portmap) and flannel's CNI plugin.
import { createHash } from 'node:crypto';
import type { ClusterNetwork, PodNet } from '../types.ts';
import { calicoMtu, ipipModeOf } from './calico.ts';
import { flannelMtu, type FlannelBackend } from './flannel.ts';
import { findNode } from './host.ts';
import { nthAddress, parseCidr } from './ip.ts';
import { bridgeVethName, calicoVethName, CALICO_GATEWAY } from './names.ts';
import type { DatapathOptions } from './types.ts';

export interface HostPortMapping {
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface CniStep {
  /** The plugin binary (or the runtime) that performs the step. */
  plugin: 'runtime' | 'flannel' | 'bridge' | 'host-local' | 'calico' | 'portmap';
  action: string;
  /** Commands or files with the same effect, for reading. */
  effect: string[];
  behaviours: string[];
}

export interface CniInput {
  pod: PodNet;
  containerId?: string;
  hostPorts?: HostPortMapping[];
}

/** The sandbox's container ID; the runtime's is random, the model's a hash of the Pod. */
export function sandboxId(pod: PodNet): string {
  return createHash('sha256').update(`sandbox/${pod.namespace}/${pod.name}`).digest('hex');
}

/** portmap's per-container chain: "CNI-DN-" + sha512(network name + container ID) in hex, cut to 28 characters. */
export function portmapChainName(network: string, containerId: string): string {
  return `CNI-DN-${createHash('sha512').update(network + containerId).digest('hex')}`.slice(0, 28);
}

const networkName = (cluster: ClusterNetwork): string => (cluster.plugin.startsWith('flannel') ? 'cbr0' : 'k8s-pod-network');

function portmapRules(network: string, id: string, pod: PodNet, ports: HostPortMapping[], podCidr: string): string[] {
  if (ports.length === 0) return [];
  const chain = portmapChainName(network, id);
  const comment = `dnat name: "${network}" id: "${id}"`;
  // Printed as iptables-save prints the nat table: -s before -p, multiport as --dports, quotes escaped.
  const rules = [
    '-A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
    '-A OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT',
    '-A POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ',
    '-A CNI-HOSTPORT-MASQ -m mark --mark 0x2000/0x2000 -j MASQUERADE',
    '-A CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000',
  ];
  for (const proto of [...new Set(ports.map((p) => p.protocol))].sort()) {
    const list = ports.filter((p) => p.protocol === proto).map((p) => p.hostPort).join(',');
    rules.push(`-A CNI-HOSTPORT-DNAT -p ${proto} -m comment --comment "${comment.replaceAll('"', '\\"')}" -m multiport --dports ${list} -j ${chain}`);
  }
  for (const p of ports) {
    const match = `-p ${p.protocol} -m ${p.protocol} --dport ${p.hostPort}`;
    rules.push(`-A ${chain} -s ${podCidr} ${match} -j CNI-HOSTPORT-SETMARK`, `-A ${chain} -s 127.0.0.1/32 ${match} -j CNI-HOSTPORT-SETMARK`, `-A ${chain} ${match} -j DNAT --to-destination ${pod.ip}:${p.containerPort}`);
  }
  return rules;
}

/** CNI ADD for one Pod on the cluster's plugin, step by step. */
export function cniAddSteps(cluster: ClusterNetwork, input: CniInput, opts: DatapathOptions = {}): CniStep[] {
  const { pod } = input;
  const node = findNode(cluster, pod.node);
  const id = input.containerId ?? sandboxId(pod);
  const network = networkName(cluster);
  const netns = `/var/run/netns/cni-${id.slice(0, 8)}`;
  const steps: CniStep[] = [{
    plugin: 'runtime', action: `run the plugins of /etc/cni/net.d/${cluster.plugin.startsWith('flannel') ? '10-flannel.conflist' : '10-calico.conflist'} in order`,
    effect: [`CNI_COMMAND=ADD CNI_CONTAINERID=${id} CNI_NETNS=${netns} CNI_IFNAME=eth0 CNI_PATH=/opt/cni/bin`],
    behaviours: ['NET-CNI-02', 'NET-CNI-03', 'NET-CNI-05'],
  }];
  const prefix = parseCidr(node.podCIDR).prefix;
  if (cluster.plugin.startsWith('flannel')) {
    const backend = cluster.plugin.slice('flannel-'.length) as FlannelBackend;
    const mtu = flannelMtu(backend, opts);
    const gw = nthAddress(node.podCIDR, 1);
    const veth = bridgeVethName(pod.namespace, pod.name);
    steps.push(
      { plugin: 'flannel', action: 'read /run/flannel/subnet.env and delegate to the bridge plugin', effect: [`FLANNEL_NETWORK=${cluster.clusterCIDR}`, `FLANNEL_SUBNET=${gw}/${prefix}`, `FLANNEL_MTU=${mtu}`, 'FLANNEL_IPMASQ=true', `delegate: {"type":"bridge","name":"${network}","bridge":"cni0","isGateway":true,"isDefaultGateway":true,"hairpinMode":true,"mtu":${mtu},"ipam":{"type":"host-local","subnet":"${node.podCIDR}","routes":[{"dst":"${cluster.clusterCIDR}"}]}}`], behaviours: ['NET-CNI-06', 'NET-FLANNEL-02'] },
      { plugin: 'bridge', action: 'ensure the bridge cni0 exists and is up', effect: ['ip link add cni0 type bridge (if missing)', `ip link set cni0 mtu ${mtu} up`], behaviours: ['NET-CNI-06', 'NET-L2-08'] },
      { plugin: 'bridge', action: 'create the veth pair, move one end into the Pod as eth0, enslave the other to cni0', effect: [`ip link add ${veth} mtu ${mtu} type veth peer name eth0 netns ${netns}`, `ip link set ${veth} master cni0 up`, `bridge link set dev ${veth} hairpin on`], behaviours: ['NET-L2-01', 'NET-L2-02', 'NET-L2-03'] },
      { plugin: 'host-local', action: `allocate ${pod.ip} from ${node.podCIDR} (the gateway ${gw} is never handed out)`, effect: [`/var/lib/cni/networks/${network}/${pod.ip} ← ${id}`, `/var/lib/cni/networks/${network}/last_reserved_ip.0 ← ${pod.ip}`], behaviours: ['NET-CNI-07'] },
      { plugin: 'bridge', action: 'configure eth0 in the Pod namespace', effect: [`ip addr add ${pod.ip}/${prefix} dev eth0`, 'ip link set eth0 up', `ip route add default via ${gw} dev eth0`, `ip route add ${cluster.clusterCIDR} via ${gw} dev eth0`], behaviours: ['NET-L2-02'] },
      { plugin: 'bridge', action: 'give cni0 the gateway address (isGateway)', effect: [`ip addr add ${gw}/${prefix} dev cni0 (if absent)`], behaviours: ['NET-CNI-06', 'NET-L2-08'] },
      { plugin: 'bridge', action: 'cache the result', effect: [`/var/lib/cni/cache/results/${network}-${id}-eth0`], behaviours: ['NET-CNI-07'] },
    );
  } else {
    const mtu = calicoMtu(ipipModeOf(cluster, opts), opts);
    const veth = calicoVethName(pod.namespace, pod.name);
    steps.push(
      { plugin: 'calico', action: `create the veth pair ${veth} ↔ eth0 (no bridge; host end MAC ee:ee:ee:ee:ee:ee, proxy ARP)`, effect: [`ip link add ${veth} mtu ${mtu} type veth peer name eth0 netns ${netns}`, `sysctl net.ipv4.conf.${veth}.proxy_arp=1`, `ip link set ${veth} up`], behaviours: ['NET-CALICO-02', 'NET-L2-01'] },
      { plugin: 'host-local', action: `allocate ${pod.ip} from the node's podCIDR ${node.podCIDR} (subnet usePodCidr)`, effect: [`/var/lib/cni/networks/${network}/${pod.ip} ← ${id}`], behaviours: ['NET-CALICO-12', 'NET-CNI-07'] },
      { plugin: 'calico', action: 'configure eth0 with a /32 and the 169.254.1.1 routes', effect: [`ip addr add ${pod.ip}/32 dev eth0`, `ip route add ${CALICO_GATEWAY} dev eth0 scope link`, `ip route add default via ${CALICO_GATEWAY} dev eth0`], behaviours: ['NET-CALICO-02'] },
      { plugin: 'calico', action: 'add the host route for inbound delivery', effect: [`ip route add ${pod.ip} dev ${veth} scope link`], behaviours: ['NET-CALICO-03'] },
    );
  }
  const rules = portmapRules(network, id, pod, input.hostPorts ?? [], node.podCIDR);
  if (rules.length > 0) steps.push({ plugin: 'portmap', action: 'write hostPort DNAT rules (nat table)', effect: rules, behaviours: ['NET-CNI-05'] });
  return steps;
}

/** CNI DEL: the chain in reverse; every step tolerates what is already gone, so DEL may be repeated (NET-CNI-02). */
export function cniDelSteps(cluster: ClusterNetwork, input: CniInput): CniStep[] {
  const { pod } = input;
  const id = input.containerId ?? sandboxId(pod);
  const network = networkName(cluster);
  const flannel = cluster.plugin.startsWith('flannel');
  const veth = flannel ? bridgeVethName(pod.namespace, pod.name) : calicoVethName(pod.namespace, pod.name);
  const steps: CniStep[] = [];
  if ((input.hostPorts ?? []).length > 0) steps.push({ plugin: 'portmap', action: 'remove this container\'s DNAT chain', effect: [`-D CNI-HOSTPORT-DNAT … -j ${portmapChainName(network, id)}`, `-X ${portmapChainName(network, id)}`], behaviours: ['NET-CNI-05'] });
  steps.push(
    { plugin: 'host-local', action: `release ${pod.ip}`, effect: [`rm /var/lib/cni/networks/${network}/${pod.ip} (if it holds ${id})`], behaviours: ['NET-CNI-02', 'NET-CNI-07'] },
    { plugin: flannel ? 'bridge' : 'calico', action: 'delete eth0 in the Pod namespace (its veth peer goes with it)', effect: [`ip link del eth0 (netns of ${id}); ${veth} disappears from the host`, ...(flannel ? [] : [`route ${pod.ip} dev ${veth} goes with the device`])], behaviours: ['NET-CNI-02', 'NET-L2-01'] },
  );
  return steps;
}
