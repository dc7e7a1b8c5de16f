// What CoreDNS's kubernetes plugin answers for one query name (DNS-03..08, DNS-10, DNS-11), following the
// Kubernetes DNS-Based Service Discovery specification as coredns/plugin/kubernetes implements it:
//   <svc>.<ns>.svc.<zone>            A → the ClusterIP; headless → one A per ready endpoint (none: NODATA);
//                                     ExternalName → CNAME spec.externalName
//   <ep>.<svc>.<ns>.svc.<zone>       A for a headless Service's ready endpoint, <ep> being its hostname
//                                     (Pod spec.hostname with subdomain = the Service) or its dashed IP
//   _<port>._<proto>.<svc>.<ns>.svc.<zone>  SRV per named port: one answer targeting the Service name, or
//                                     for a headless Service one per ready endpoint targeting <ep>.<svc>…;
//                                     weights 100/n (CoreDNS's backend SRV weighting), priority 0
//   <a-b-c-d>.<ns>.pod.<zone>        A → a.b.c.d under "pods insecure" (any such name), "pods verified"
//                                     (only a Pod's IP in that namespace); nothing under "pods disabled"
// Names outside the zone go upstream ("forward . /etc/resolv.conf"): the model marks them forwarded.
// Endpoints with ready unset count as ready, as CoreDNS reads EndpointSlices.
import type { ClusterNetwork, EndpointNet, ServiceNet } from '../types.ts';
import { dashedIPv4, parseIPv4 } from './ipv4.ts';

/** TTL of the kubeadm Corefile's kubernetes block ("ttl 30"; the plugin's own default is 5). */
export const RECORD_TTL = 30;

export type DnsRecord =
  | { type: 'A'; name: string; ttl: number; ip: string }
  | { type: 'CNAME'; name: string; ttl: number; target: string }
  | { type: 'SRV'; name: string; ttl: number; priority: number; weight: number; port: number; target: string };

export type QueryType = 'A' | 'SRV';
export type PodRecordMode = 'insecure' | 'verified' | 'disabled';

export interface LookupResult {
  /** answer: records found; nodata: the name exists but has no records of the type; nxdomain: no such name. */
  status: 'answer' | 'nodata' | 'nxdomain' | 'forwarded';
  records: DnsRecord[];
}

const serviceFqdn = (svc: ServiceNet, zone: string): string => `${svc.name}.${svc.namespace}.svc.${zone}`;
const endpointLabel = (ep: EndpointNet): string => ep.hostname ?? dashedIPv4(ep.ip);

/** SRV weights as CoreDNS spreads them: 100 split evenly over the answers, at least 1. */
const srvWeight = (count: number): number => Math.max(1, Math.floor(100 / count));

function readyEndpoints(cluster: ClusterNetwork, svc: ServiceNet, portName?: string): { ep: EndpointNet; port: number }[] {
  const out: { ep: EndpointNet; port: number }[] = [];
  const seen = new Set<string>();
  for (const slice of cluster.endpointSlices) {
    if (slice.namespace !== svc.namespace || slice.service !== svc.name) continue;
    if (portName !== undefined && slice.portName !== portName) continue;
    for (const ep of slice.endpoints) {
      const key = portName === undefined ? ep.ip : `${ep.ip}:${slice.port}`;
      if (!ep.ready || seen.has(key)) continue;
      seen.add(key);
      out.push({ ep, port: slice.port });
    }
  }
  return out;
}

/** Every record of the zone that can be listed (all but insecure Pod records), for kubemodel's output and tests. */
export function zoneRecords(cluster: ClusterNetwork, podMode: PodRecordMode = 'insecure'): DnsRecord[] {
  const zone = cluster.clusterDomain;
  const out: DnsRecord[] = [];
  for (const svc of cluster.services) {
    const fqdn = serviceFqdn(svc, zone);
    if (svc.type === 'ExternalName') {
      out.push({ type: 'CNAME', name: fqdn, ttl: RECORD_TTL, target: svc.externalName ?? '' });
      continue;
    }
    const headless = svc.clusterIP === 'None';
    const ready = headless ? readyEndpoints(cluster, svc) : [];
    if (headless) {
      for (const { ep } of ready) out.push({ type: 'A', name: fqdn, ttl: RECORD_TTL, ip: ep.ip });
      for (const { ep } of ready) out.push({ type: 'A', name: `${endpointLabel(ep)}.${fqdn}`, ttl: RECORD_TTL, ip: ep.ip });
    } else out.push({ type: 'A', name: fqdn, ttl: RECORD_TTL, ip: svc.clusterIP });
    for (const port of svc.ports) {
      if (port.name === '') continue;
      const name = `_${port.name}._${port.protocol.toLowerCase()}.${fqdn}`;
      if (!headless) {
        out.push({ type: 'SRV', name, ttl: RECORD_TTL, priority: 0, weight: 100, port: port.port, target: fqdn });
        continue;
      }
      const eps = readyEndpoints(cluster, svc, port.name);
      for (const { ep, port: target } of eps) {
        out.push({ type: 'SRV', name, ttl: RECORD_TTL, priority: 0, weight: srvWeight(eps.length), port: target, target: `${endpointLabel(ep)}.${fqdn}` });
      }
    }
  }
  if (podMode === 'verified') {
    for (const pod of cluster.pods) out.push({ type: 'A', name: `${dashedIPv4(pod.ip)}.${pod.namespace}.pod.${zone}`, ttl: RECORD_TTL, ip: pod.ip });
  }
  return out;
}

/** The answer to one query for a fully qualified name (no trailing dot). */
export function lookup(cluster: ClusterNetwork, name: string, type: QueryType = 'A', podMode: PodRecordMode = 'insecure'): LookupResult {
  const fqdn = name.toLowerCase().replace(/\.$/, '');
  const zone = cluster.clusterDomain.toLowerCase();
  if (fqdn !== zone && !fqdn.endsWith(`.${zone}`)) return { status: 'forwarded', records: [] };
  const all = zoneRecords(cluster, podMode === 'insecure' ? 'disabled' : podMode);
  if (podMode === 'insecure') {
    // Any <a-b-c-d>.<ns>.pod.<zone> is answered with the address it spells, checked against nothing.
    const m = new RegExp(`^(\\d+-\\d+-\\d+-\\d+)\\.[a-z0-9-]+\\.pod\\.${zone.replaceAll('.', '\\.')}$`).exec(fqdn);
    const ip = m ? (m[1] as string).replaceAll('-', '.') : undefined;
    if (ip !== undefined && parseIPv4(ip) !== undefined) {
      return type === 'A' ? { status: 'answer', records: [{ type: 'A', name: fqdn, ttl: RECORD_TTL, ip }] } : { status: 'nodata', records: [] };
    }
  }
  const named = all.filter((r) => r.name === fqdn);
  // A CNAME answers a query of any type (DNS-08).
  const matching = named.filter((r) => r.type === type || r.type === 'CNAME');
  if (matching.length > 0) return { status: 'answer', records: matching };
  if (named.length > 0 || all.some((r) => r.name.endsWith(`.${fqdn}`))) return { status: 'nodata', records: [] };
  // A headless Service without ready endpoints still exists: NOERROR without answers, not NXDOMAIN.
  const emptyHeadless = cluster.services.some((s) => s.clusterIP === 'None' && serviceFqdn(s, zone) === fqdn);
  return emptyHeadless ? { status: 'nodata', records: [] } : { status: 'nxdomain', records: [] };
}
