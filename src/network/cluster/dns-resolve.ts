// A Pod's resolver (DNS-01): the /etc/resolv.conf kubelet writes under dnsPolicy ClusterFirst
// (pkg/kubelet/network/dns/dns.go: nameserver = --cluster-dns, search <ns>.svc.<domain> svc.<domain>
// <domain>, options ndots:5) and the queries a stub resolver sends for a name, in the order
// rules/network/cluster/search-order.json decides, until one is answered. The node's own search domains,
// which kubelet appends, are left out, as are the other dnsPolicy values and spec.dnsConfig.
import { InputError } from '../../errors.ts';
import type { ClusterNetwork, PodNet } from '../types.ts';
import { lookup, type LookupResult, type PodRecordMode, type QueryType } from './dns-records.ts';
import { formatIPv4, indexedAddress, parseCidr, type Cidr } from './ipv4.ts';
import { decide } from './rules.ts';

export const DEFAULT_NDOTS = 5;

/** kubeadm's --cluster-dns: the tenth address of the Service CIDR (192.168.192.10 in the seeds' cluster). */
export const KUBEADM_DNS_INDEX = 10;

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
}

/** The cluster DNS address: kube-system/kube-dns's ClusterIP (CoreDNS keeps that name), else kubeadm's default. */
export function clusterDNS(cluster: ClusterNetwork): string {
  const svc = cluster.services.find((s) => s.namespace === 'kube-system' && s.name === 'kube-dns');
  if (svc && svc.clusterIP !== 'None' && svc.clusterIP !== '') return svc.clusterIP;
  return formatIPv4(indexedAddress(parseCidr(cluster.serviceCIDR) as Cidr, KUBEADM_DNS_INDEX));
}

export function resolvConf(cluster: ClusterNetwork, pod: Pick<PodNet, 'namespace'>): ResolvConf {
  const d = cluster.clusterDomain;
  return { nameservers: [clusterDNS(cluster)], search: [`${pod.namespace}.svc.${d}`, `svc.${d}`, d], ndots: DEFAULT_NDOTS };
}

/** The file as kubelet writes it. */
export function formatResolvConf(rc: ResolvConf): string {
  return [...rc.nameservers.map((n) => `nameserver ${n}`), `search ${rc.search.join(' ')}`, `options ndots:${rc.ndots}`, ''].join('\n');
}

/** The names a stub resolver tries for `name`, in order. */
export function candidateNames(name: string, rc: ResolvConf): string[] {
  const absolute = name.endsWith('.');
  const bare = absolute ? name.slice(0, -1) : name;
  const dots = (bare.match(/\./g) ?? []).length;
  const order = decide('search-order', { dots, ndots: rc.ndots, absolute });
  const searched = rc.search.map((domain) => `${bare}.${domain}`);
  if (order === 'absolute') return [bare];
  return order === 'as-is-first' ? [bare, ...searched] : [...searched, bare];
}

export interface Query extends LookupResult {
  name: string;
  type: QueryType;
}

export interface Resolution {
  resolvConf: ResolvConf;
  /** Every query sent, in order; the last one is the answer (or the last failure). */
  queries: Query[];
  /** The answered query; undefined when every candidate failed. Forwarded names stop the search: upstream decides. */
  answer?: Query;
}

export interface ResolveOptions {
  type?: QueryType;
  /** CoreDNS "pods" option; kubeadm's Corefile says insecure. */
  pods?: PodRecordMode;
}

/** Resolves `name` as the Pod `from` would: which queries go to the cluster DNS, and which one answers. */
export function resolve(cluster: ClusterNetwork, from: { namespace: string; name: string }, name: string, opts: ResolveOptions = {}): Resolution {
  const pod = cluster.pods.find((p) => p.namespace === from.namespace && p.name === from.name);
  if (!pod) throw new InputError(`no Pod "${from.namespace}/${from.name}" in the cluster network (is it scheduled?)`, undefined, undefined, undefined, `Pod "${from.namespace}/${from.name}"`);
  if (name === '' || name === '.') throw new InputError(`name: Invalid value: "${name}": must be a DNS name`);
  const rc = resolvConf(cluster, pod);
  const type = opts.type ?? 'A';
  const queries: Query[] = [];
  for (const candidate of candidateNames(name, rc)) {
    const result = lookup(cluster, candidate, type, opts.pods ?? 'insecure');
    const query: Query = { name: candidate, type, ...result };
    queries.push(query);
    if (result.status === 'answer' || result.status === 'forwarded') return { resolvConf: rc, queries, answer: query };
  }
  return { resolvConf: rc, queries };
}
