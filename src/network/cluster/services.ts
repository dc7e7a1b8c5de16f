// Services as the apiserver stores them (NET-SVC-02..05, 09, 10): defaulting (type ClusterIP, protocol TCP,
// targetPort = port, sessionAffinity None with a 10800 s ClientIP timeout), validation with the apiserver's
// own messages, and ClusterIP / NodePort allocation through band-allocator.ts. The first address of the
// Service CIDR always belongs to default/kubernetes (NET-SVC-10: 192.168.192.1 in the seeds' cluster), even
// when that Service is not among the manifests, since the apiserver creates it in every cluster.
// loadBalancerSourceRanges and externalIPs are checked and normalised by service-external.ts.
import { InputError } from '../../errors.ts';
import type { ServiceNet, ServicePortNet } from '../types.ts';
import { clusterIPRangeOffset, newBandAllocator, nodePortRangeOffset, take, takeNext } from './band-allocator.ts';
import { blockSize, cidrContains, formatCidr, formatIPv4, parseIPv4, type Cidr } from './ipv4.ts';
import { subjectOf, type Service } from './objects.ts';
import { isViolation, validateExternalIPs, validateSourceRanges } from './service-external.ts';

export interface PortRange {
  readonly base: number;
  readonly size: number;
}

/** --service-node-port-range default 30000-32767 (NET-SVC-03). */
export const DEFAULT_NODE_PORT_RANGE: PortRange = { base: 30000, size: 2768 };
export const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;

const usesNodePorts = (type: ServiceNet['type']): boolean => type === 'NodePort' || type === 'LoadBalancer';

/** Converts, validates and allocates every Service; throws InputError naming the Service and the field. */
export function buildServices(manifests: readonly Service[], serviceCIDR: Cidr, nodePorts: PortRange = DEFAULT_NODE_PORT_RANGE): ServiceNet[] {
  const cidrSize = blockSize(serviceCIDR.prefix);
  // IPv4 bitmap positions start at network + 1 and stop before the broadcast address.
  const ips = newBandAllocator(cidrSize - 2, clusterIPRangeOffset(cidrSize));
  const ports = newBandAllocator(nodePorts.size, nodePortRangeOffset(nodePorts.size));
  const isApiService = (s: Service): boolean => s.metadata.name === 'kubernetes' && (s.metadata.namespace ?? 'default') === 'default';
  if (!manifests.some((s) => isApiService(s) && s.spec.clusterIP)) take(ips, 0);

  const error = (s: Service, message: string) =>
    new InputError(message, undefined, undefined, undefined, subjectOf('Service', s.metadata.namespace ?? 'default', s.metadata.name));
  const rangeText = `${nodePorts.base}-${nodePorts.base + nodePorts.size - 1}`;

  const converted = manifests.map((s) => {
    const type = s.spec.type ?? 'ClusterIP';
    const servicePorts: ServicePortNet[] = (s.spec.ports ?? []).map((p, i) => {
      const at = `spec.ports[${i}]`;
      const checkPort = (field: string, value: number) => {
        if (!Number.isInteger(value) || value < 1 || value > 65535) throw error(s, `${at}.${field}: Invalid value: ${value}: must be between 1 and 65535, inclusive`);
      };
      checkPort('port', p.port);
      if (typeof p.targetPort === 'number') checkPort('targetPort', p.targetPort);
      if (p.nodePort !== undefined && p.nodePort !== 0 && !usesNodePorts(type)) {
        throw error(s, `${at}.nodePort: Forbidden: may not be used when \`type\` is '${type}'`);
      }
      const out: ServicePortNet = { name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.targetPort ?? p.port };
      if (p.nodePort !== undefined && p.nodePort !== 0) out.nodePort = p.nodePort;
      return out;
    });
    const ranges = validateSourceRanges(type, s.spec.loadBalancerSourceRanges);
    if (isViolation(ranges)) throw error(s, `${ranges.field}: ${ranges.message}`);
    const externalIPs = validateExternalIPs(s.spec.externalIPs);
    if (isViolation(externalIPs)) throw error(s, `${externalIPs.field}: ${externalIPs.message}`);
    return { manifest: s, type, ports: servicePorts, ranges, externalIPs };
  });

  // Explicit values first, as the apiserver saw them when those Services were created.
  const clusterIPs = converted.map(({ manifest: s, type }) => {
    const given = s.spec.clusterIP;
    if (type === 'ExternalName') return '';
    if (given === 'None') return 'None';
    if (given === undefined || given === '') return undefined;
    const ip = parseIPv4(given);
    if (ip === undefined) throw error(s, `spec.clusterIPs[0]: Invalid value: "${given}": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`);
    const prefix = `spec.clusterIPs: Invalid value: []string{"${given}"}: failed to allocate IP ${given}: provided IP`;
    const position = ip - serviceCIDR.base - 1;
    if (!cidrContains(serviceCIDR, ip) || position < 0 || position >= ips.size) {
      throw error(s, `${prefix} is not in the valid range. The range of valid IPs is ${formatCidr(serviceCIDR)}`);
    }
    if (!take(ips, position)) throw error(s, `${prefix} is already allocated`);
    return given;
  });
  for (const { manifest: s, ports: servicePorts } of converted) {
    const seen = new Map<number, string>();
    servicePorts.forEach((p, i) => {
      if (p.nodePort === undefined) return;
      const field = `spec.ports[${i}].nodePort: Invalid value: ${p.nodePort}: provided port`;
      if (p.nodePort < nodePorts.base || p.nodePort >= nodePorts.base + nodePorts.size) {
        throw error(s, `${field} is not in the valid range. The range of valid ports is ${rangeText}`);
      }
      // One Service may reuse a nodePort for another protocol (DNS on TCP and UDP 53); nothing else may.
      const sameService = seen.get(p.nodePort);
      if (sameService !== undefined && sameService !== p.protocol) return;
      if (!take(ports, p.nodePort - nodePorts.base)) throw error(s, `${field} is already allocated`);
      seen.set(p.nodePort, p.protocol);
    });
  }

  return converted.map(({ manifest: s, type, ports: servicePorts, ranges, externalIPs }, i) => {
    let clusterIP = clusterIPs[i];
    if (clusterIP === undefined) {
      // Position 0 was held back for default/kubernetes above.
      const position = isApiService(s) ? 0 : takeNext(ips);
      if (position === undefined) throw error(s, `spec.clusterIPs: Internal error: range is full (${formatCidr(serviceCIDR)})`);
      clusterIP = formatIPv4(serviceCIDR.base + 1 + position);
    }
    if (usesNodePorts(type)) {
      for (const p of servicePorts) {
        if (p.nodePort !== undefined) continue;
        const position = takeNext(ports);
        if (position === undefined) throw error(s, `spec.ports: Internal error: range is full (${rangeText})`);
        p.nodePort = nodePorts.base + position;
      }
    }
    const net: ServiceNet = { namespace: s.metadata.namespace ?? 'default', name: s.metadata.name, type, clusterIP, ports: servicePorts };
    if (s.spec.selector !== undefined) net.selector = { ...s.spec.selector };
    if (s.spec.externalName !== undefined) net.externalName = s.spec.externalName;
    const lbIPs = (s.status?.loadBalancer?.ingress ?? []).flatMap((g) => (g.ip ? [g.ip] : []));
    if (lbIPs.length > 0) net.loadBalancerIPs = lbIPs;
    if (ranges.length > 0) net.loadBalancerSourceRanges = ranges;
    if (externalIPs.length > 0) net.externalIPs = externalIPs;
    net.sessionAffinity = s.spec.sessionAffinity ?? 'None';
    if (net.sessionAffinity === 'ClientIP') {
      net.sessionAffinityTimeoutSeconds = s.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_CLIENT_IP_TIMEOUT_SECONDS;
    }
    if (usesNodePorts(type)) net.externalTrafficPolicy = s.spec.externalTrafficPolicy ?? 'Cluster';
    if (type !== 'ExternalName') net.internalTrafficPolicy = s.spec.internalTrafficPolicy ?? 'Cluster';
    return net;
  });
}
