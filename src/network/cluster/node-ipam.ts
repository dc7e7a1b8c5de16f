// Node addresses and pod CIDRs (NET-MODEL-02, NET-FLANNEL-01). Pod CIDRs follow kube-controller-manager's
// node-ipam range allocator (pkg/controller/nodeipam/ipam/cidrset/cidr_set.go): at start it Occupy()s every
// spec.podCIDR already set, then AllocateNext() hands each remaining node the first unused /24 (the
// --node-cidr-mask-size default for IPv4), scanning from the block after the last one it handed out — with no
// releases that is the first free block from the start of the range. Index 0 is a valid block: with the
// seeds' 192.168.128.0/18 the first node gets 192.168.128.0/24, the next 192.168.129.0/24, and so on.
import { InputError } from '../../errors.ts';
import type { Node } from '../../k8s/types.ts';
import { blockSize, cidrContains, cidrWithin, formatCidr, formatIPv4, parseCidr, parseIPv4, type Cidr } from './ipv4.ts';
import { subjectOf } from './objects.ts';

/** Where node IPs come from when a Node has no InternalIP: the model's stand-in node network, .10 + index. */
export const FALLBACK_NODE_NETWORK = '10.0.0.0/24';
export const FALLBACK_NODE_FIRST_HOST = 10;
export const DEFAULT_NODE_CIDR_MASK = 24;

export interface NodeAddressing {
  name: string;
  ip: string;
  /** "status" when the Node reports an InternalIP; "model" when the model made one up (see FALLBACK_NODE_NETWORK). */
  ipSource: 'status' | 'model';
  podCIDR: string;
  podCIDRSource: 'spec' | 'node-ipam';
}

const invalid = (node: Node, field: string, value: string, detail: string): InputError =>
  new InputError(`${field}: Invalid value: "${value}": ${detail}`, undefined, undefined, undefined, subjectOf('Node', undefined, node.metadata.name));

/**
 * Pod CIDRs for `nodes` in order: spec.podCIDR when set (it must lie inside `cluster`), else the next block
 * of size /`maskSize` that no node holds. Throws InputError when the range is exhausted.
 */
export function assignPodCIDRs(nodes: readonly Node[], cluster: Cidr, maskSize = DEFAULT_NODE_CIDR_MASK): { cidr: Cidr; source: 'spec' | 'node-ipam' }[] {
  const blocks = blockSize(cluster.prefix) / blockSize(maskSize);
  const used = new Set<number>();
  const given = nodes.map((node) => {
    const text = node.spec?.podCIDR;
    if (text === undefined || text === '') return undefined;
    const cidr = parseCidr(text);
    if (!cidr) throw invalid(node, 'spec.podCIDR', text, 'must be a valid IPv4 CIDR with no host bits set');
    if (!cidrWithin(cidr, cluster)) throw invalid(node, 'spec.podCIDR', text, `is not within the cluster CIDR ${formatCidr(cluster)}`);
    // Occupy marks every node-sized block the given CIDR covers (a /23 takes two /24s).
    const first = (cidr.base - cluster.base) / blockSize(maskSize);
    const count = Math.max(1, blockSize(cidr.prefix) / blockSize(maskSize));
    for (let i = Math.floor(first); i < Math.floor(first) + count; i++) used.add(i);
    return cidr;
  });
  let next = 0;
  return nodes.map((node, i) => {
    const own = given[i];
    if (own) return { cidr: own, source: 'spec' as const };
    let candidate = next;
    let tries = 0;
    while (used.has(candidate) && tries < blocks) {
      candidate = (candidate + 1) % blocks;
      tries++;
    }
    if (tries === blocks) {
      throw new InputError(
        `spec.podCIDR: CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range ${formatCidr(cluster)}`,
        undefined, undefined, undefined, subjectOf('Node', undefined, node.metadata.name),
      );
    }
    used.add(candidate);
    next = (candidate + 1) % blocks;
    return { cidr: { base: cluster.base + candidate * blockSize(maskSize), prefix: maskSize }, source: 'node-ipam' as const };
  });
}

/**
 * Node IPs: the InternalIP from status.addresses, else 10.0.0.(10 + index) — a stand-in so the model can
 * route between nodes. A node IP inside the cluster or service CIDR breaks NET-MODEL-02 and is rejected.
 */
export function nodeIPs(nodes: readonly Node[], forbidden: readonly { name: string; cidr: Cidr }[]): { ip: string; source: 'status' | 'model' }[] {
  const fallback = parseCidr(FALLBACK_NODE_NETWORK) as Cidr;
  const seen = new Map<number, string>();
  return nodes.map((node, index) => {
    const internal = node.status?.addresses?.findIndex((a) => a.type === 'InternalIP') ?? -1;
    const field = internal >= 0 ? `status.addresses[${internal}].address` : 'status.addresses';
    let ip: number;
    let source: 'status' | 'model';
    if (internal >= 0) {
      const text = node.status?.addresses?.[internal]?.address ?? '';
      const parsed = parseIPv4(text);
      if (parsed === undefined) throw invalid(node, field, text, 'must be a valid IPv4 address');
      for (const f of forbidden) {
        if (cidrContains(f.cidr, parsed)) throw invalid(node, field, text, `lies inside the ${f.name} ${formatCidr(f.cidr)}; node, Pod and Service networks must not overlap`);
      }
      ip = parsed;
      source = 'status';
    } else {
      ip = fallback.base + FALLBACK_NODE_FIRST_HOST + index;
      source = 'model';
    }
    const other = seen.get(ip);
    if (other !== undefined) throw invalid(node, field, formatIPv4(ip), `is already the address of Node "${other}"`);
    seen.set(ip, node.metadata.name);
    return { ip: formatIPv4(ip), source };
  });
}
