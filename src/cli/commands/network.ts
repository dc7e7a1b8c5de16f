// `kubemodel iptables`, `kubemodel trace` and `kubemodel reach`: the packet-level model of a cluster's
// network (src/network) from its manifests: the rules kube-proxy writes on a node, a packet's walk hop by hop
// (devices, netfilter rules matched, rewrites, encapsulation, verdict), and the reachability matrix under
// NetworkPolicies.
import type { Command } from 'commander';
import { join } from 'node:path';
import { readManifestSources } from '../../io/manifests.ts';
import { parseManifests } from '../../k8s/parse-manifests.ts';
import { InputError } from '../../errors.ts';
import { buildClusterNetwork, type NetworkObject } from '../../network/cluster/index.ts';
import { iptablesRules, ipvsRules, kubeProxyRuleset } from '../../network/kube-proxy/index.ts';
import { tracePacket } from '../../network/trace.ts';
import { formatReachability, reachabilityMatrix, validateNetworkPolicy } from '../../network/policy/index.ts';
import type { NetworkPolicy } from '../../network/policy/types.ts';
import type { ClusterNetwork, NetworkPlugin, Protocol, ProxyMode } from '../../network/types.ts';
import { packageRoot } from '../files.ts';
import { checkOutput, table, toJson } from '../output.ts';
import type { CliContext } from '../context.ts';

export const exampleNetwork = join(packageRoot, 'examples', 'network', 'kubia');

const PLUGINS: readonly NetworkPlugin[] = ['flannel-vxlan', 'flannel-host-gw', 'flannel-udp', 'calico-bgp', 'calico-ipip'];
const NETWORK_KINDS = new Set(['Node', 'Pod', 'Service', 'EndpointSlice', 'NetworkPolicy', 'Namespace', 'Ingress']);

interface NetworkFlags {
  cluster?: string;
  plugin?: string;
  proxyMode?: string;
  clusterCidr?: string;
  serviceCidr?: string;
}

export interface LoadedNetwork {
  cluster: ClusterNetwork;
  policies: NetworkPolicy[];
  namespaces: { name: string; labels: Record<string, string> }[];
  errors: InputError[];
  usingExample: boolean;
}

export async function loadNetwork(paths: string[], flags: NetworkFlags, stdin: () => Promise<string>): Promise<LoadedNetwork> {
  const given = flags.cluster !== undefined ? [flags.cluster, ...paths] : paths;
  const usingExample = given.length === 0;
  const read = await readManifestSources(usingExample ? [exampleNetwork] : given, { stdin });
  const parsed = parseManifests(read.sources);
  const errors = [...read.errors, ...parsed.errors];
  type Loaded = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } };
  const objects = parsed.objects.map((o) => o.object as unknown as Loaded);
  const policies: NetworkPolicy[] = [];
  for (const o of objects.filter((x) => x.kind === 'NetworkPolicy')) {
    try {
      validateNetworkPolicy(o as unknown as NetworkPolicy);
      policies.push(o as unknown as NetworkPolicy);
    } catch (e) {
      if (e instanceof InputError) errors.push(e);
      else throw e;
    }
  }
  const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => ({ name: o.metadata.name, labels: o.metadata.labels ?? {} }));
  if (flags.plugin !== undefined && !PLUGINS.includes(flags.plugin as NetworkPlugin)) throw new InputError(`--plugin: "${flags.plugin}" is not one of ${PLUGINS.join(', ')}`);
  if (flags.proxyMode !== undefined && flags.proxyMode !== 'iptables' && flags.proxyMode !== 'ipvs') throw new InputError(`--proxy-mode: "${flags.proxyMode}" is not iptables or ipvs`);
  const cluster = buildClusterNetwork(
    objects.filter((o) => NETWORK_KINDS.has(o.kind) && o.kind !== 'NetworkPolicy' && o.kind !== 'Namespace' && o.kind !== 'Ingress') as unknown as NetworkObject[],
    {
      ...(flags.plugin ? { plugin: flags.plugin as NetworkPlugin } : {}),
      ...(flags.proxyMode ? { proxyMode: flags.proxyMode as ProxyMode } : {}),
      ...(flags.clusterCidr ? { clusterCIDR: flags.clusterCidr } : {}),
      ...(flags.serviceCidr ? { serviceCIDR: flags.serviceCidr } : {}),
    },
  );
  return { cluster, policies, namespaces, errors, usingExample };
}

function networkOptions(cmd: Command): Command {
  return cmd
    .option('--cluster <path>', 'a file or directory with the cluster (Nodes, Services …), added to the manifests')
    .option('--plugin <name>', `network plugin: ${PLUGINS.join('|')}`)
    .option('--proxy-mode <mode>', 'kube-proxy mode: iptables|ipvs')
    .option('--cluster-cidr <cidr>', "Pod network (default the seeds' 192.168.128.0/18)")
    .option('--service-cidr <cidr>', 'Service network (default 192.168.192.0/18)');
}

export function registerNetwork(program: Command, ctx: () => CliContext, stdin: () => Promise<string>): void {
  networkOptions(
    program
      .command('iptables')
      .description("print the rules kube-proxy writes on a node, as iptables-save (or iptables -nL) prints them")
      .argument('[manifests...]', 'Nodes, Pods, Services (files, directories or -); default: examples/network/kubia'),
  )
    .option('--node <name>', 'the node (default: the first one)')
    .option('--format <format>', 'save (iptables-save) | list (iptables -t nat -nL) | restore (what kube-proxy feeds iptables-restore)', 'save')
    .option('-o, --output <format>', 'output format: text|json (json: the rules as data)', 'text')
    .addHelpText(
      'after',
      `
With --proxy-mode ipvs it prints the IPVS virtual servers (ipvsadm -Ln), the kube-ipvs0 addresses, the
ipsets and the iptables rules IPVS mode still needs. --kubernetes-version selects an older kube-proxy.

Examples:
  $ kubemodel iptables                                       # the seeds' kubia Service, current release
  $ kubemodel --kubernetes-version 1.16 iptables --node node02 --format list
  $ kubemodel iptables my-cluster/ --node worker-1 -o json
  $ kubemodel iptables --proxy-mode ipvs`,
    )
    .action(async (manifests: string[], flags: NetworkFlags & { node?: string; format: string; output: string }) => {
      const c = ctx();
      const output = checkOutput(flags.output, ['text', 'json'] as const);
      const format = checkOutput(flags.format, ['save', 'list', 'restore'] as const, '--format');
      const net = await loadNetwork(manifests, flags, stdin);
      for (const e of net.errors) c.err(`error: ${e.reported}\n`);
      const node = flags.node ?? net.cluster.nodes[0]?.name;
      if (!node) throw new InputError('the manifests have no Node (and no Pod bound to one)');
      if (net.cluster.proxyMode === 'ipvs') {
        const ipvs = ipvsRules(net.cluster, { node });
        const dummy = `$ ip addr show ${ipvs.dummyInterface.name}\n${ipvs.dummyInterface.addresses.map((a) => `    inet ${a.includes('/') ? a : `${a}/32`} scope global ${ipvs.dummyInterface.name}`).join('\n')}\n`;
        const sets = `$ ipset list -terse\n${ipvs.ipsets.map((x) => `${x.name}  ${x.type}  ${x.members.length} members  # ${x.comment}`).join('\n')}\n`;
        const text = `$ ipvsadm -Ln\n${ipvs.ipvsadm}\n${dummy}\n${sets}\n$ iptables-save  # the rules IPVS mode still needs\n${ipvs.iptables.join('\n')}\n`;
        c.out(output === 'json' ? toJson(ipvs) : text);
      } else if (output === 'json') c.out(toJson(kubeProxyRuleset(net.cluster, { node, kubernetesVersion: c.kubernetesVersion })));
      else c.out(iptablesRules(net.cluster, { node, kubernetesVersion: c.kubernetesVersion, format }));
      if (net.errors.length > 0) c.exitCode = 2;
    });

  networkOptions(
    program
      .command('trace')
      .description('trace one packet hop by hop: devices, netfilter chains and the rules matched, NAT, encapsulation, NetworkPolicy, verdict')
      .argument('[manifests...]', 'Nodes, Pods, Services, NetworkPolicies, Namespaces; default: examples/network/kubia'),
  )
    .requiredOption('--from <source>', 'pod:<ns>/<name> (or <ns>/<name>), node:<name>, or external[:<node>]')
    .requiredOption('--to <destination>', 'an IP, <service>[.<ns>]:<port>, or a DNS name seen from the --from Pod')
    .option('--port <n>', 'destination port when --to has none', (v) => Number(v))
    .option('--protocol <p>', 'TCP|UDP|SCTP', 'TCP')
    .option('-o, --output <format>', 'output format: text|json', 'text')
    .addHelpText(
      'after',
      `
Exit codes: 0 delivered, 1 dropped or rejected (the hop that did it is shown), 2 bad input.

Examples:
  $ kubemodel trace --from node:node01 --to kubia:8080
  $ kubemodel trace --from external:node02 --to 10.0.0.12:32681
  $ kubemodel trace --from default/kubia-4ndmh --to kubia.default.svc.cluster.local:8080
  $ kubemodel trace examples/network/policy --plugin calico-bgp --from pod:default/client --to 192.168.130.2:80 -o json`,
    )
    .action(async (manifests: string[], flags: NetworkFlags & { from: string; to: string; port?: number; protocol: string; output: string }) => {
      const c = ctx();
      const output = checkOutput(flags.output, ['text', 'json'] as const);
      const protocol = checkOutput(flags.protocol.toUpperCase(), ['TCP', 'UDP', 'SCTP'] as const, '--protocol') as Protocol;
      const net = await loadNetwork(manifests, flags, stdin);
      for (const e of net.errors) c.err(`error: ${e.reported}\n`);
      const result = tracePacket(
        net.cluster,
        { from: flags.from, to: flags.to, protocol, ...(flags.port !== undefined ? { port: flags.port } : {}) },
        { kubernetesVersion: c.kubernetesVersion, policies: net.policies, namespaces: net.namespaces },
      );
      if (output === 'json') c.out(toJson(result));
      else {
        if (net.usingExample) c.out(`Tracing in the bundled example network (${exampleNetwork}).\n`);
        for (const n of result.notes) c.out(`# ${n}\n`);
        const rows = result.hops.map((h, i) => [
          String(i + 1),
          h.where,
          h.device,
          [h.table, h.chain].filter(Boolean).join('/'),
          h.rule ?? '',
          [h.rewrite, h.note].filter(Boolean).join('; '),
          h.verdict ?? '',
        ]);
        c.out(table(['#', 'WHERE', 'DEVICE/HOOK', 'TABLE/CHAIN', 'RULE', 'WHAT HAPPENED', 'VERDICT'], rows));
        const p = result.packet;
        c.out(`\n${result.verdict}${result.deliveredTo ? ` to ${result.deliveredTo}` : ''}: ${p.protocol} ${p.src}:${p.srcPort} → ${p.dst}:${p.dstPort}\n`);
      }
      if (result.verdict !== 'DELIVERED') c.exitCode = 1;
      if (net.errors.length > 0) c.exitCode = 2;
    });

  networkOptions(
    program
      .command('reach')
      .description('print which Pods can open a connection to which under the NetworkPolicies')
      .argument('[manifests...]', 'Pods, NetworkPolicies, Namespaces (files, directories or -); default: examples/network/kubia'),
  )
    .option('--port <n>', 'destination port', (v) => Number(v), 80)
    .option('--protocol <p>', 'TCP|UDP|SCTP', 'TCP')
    .option('-o, --output <format>', 'output format: text|json', 'text')
    .addHelpText(
      'after',
      `
NetworkPolicies are enforced only by plugins that implement them: with the default flannel every pair is
allowed (and the output says so); use --plugin calico-bgp for Calico.

Examples:
  $ kubemodel reach examples/network/policy --plugin calico-bgp --port 80
  $ kubemodel reach my-namespace/ --plugin calico-ipip --port 5432 -o json`,
    )
    .action(async (manifests: string[], flags: NetworkFlags & { port: number; protocol: string; output: string }) => {
      const c = ctx();
      const output = checkOutput(flags.output, ['text', 'json'] as const);
      const protocol = checkOutput(flags.protocol.toUpperCase(), ['TCP', 'UDP', 'SCTP'] as const, '--protocol') as Protocol;
      if (!Number.isInteger(flags.port) || flags.port < 1 || flags.port > 65535) throw new InputError(`--port: ${String(flags.port)} is not a port (1-65535)`);
      const net = await loadNetwork(manifests, flags, stdin);
      for (const e of net.errors) c.err(`error: ${e.reported}\n`);
      const matrix = reachabilityMatrix({ ...net.cluster, policies: net.policies, namespaces: net.namespaces }, flags.port, protocol);
      c.out(output === 'json' ? toJson(matrix) : `${formatReachability(matrix)}\n`);
      if (net.errors.length > 0) c.exitCode = 2;
    });
}
