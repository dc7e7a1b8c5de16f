// The two Service fields that widen who reaches a Service from outside (NET-SVC-04, NET-IPT-05):
// spec.loadBalancerSourceRanges and spec.externalIPs, validated as the apiserver's ValidateService does
// (pkg/apis/core/validation/validation.go) and normalised as kube-proxy reads them (pkg/proxy/service.go).
// Source ranges: LoadBalancer only; each value may carry blanks (a leftover of the annotation it replaced) and
// host bits ("10.1.2.3/8" is accepted, like Go's ParseCIDR), and kube-proxy writes the network form
// ("10.0.0.0/8"). External IPs: valid, not unspecified, loopback or link-local. The model is IPv4-only, so an
// IPv6 value is refused with a message saying so rather than silently dropped.
import { formatIPv4, parseIPv4 } from './ipv4.ts';

/** A violation: the field path and the apiserver's message after it. */
export interface FieldViolation {
  field: string;
  message: string;
}

const FIELD_RANGES = 'spec.LoadBalancerSourceRanges'; // upper-case L: validation.go's historical field name
const FIELD_EXTERNAL = 'spec.externalIPs';
const looksIPv6 = (v: string): boolean => v.includes(':');

/**
 * "10.1.2.3/8" → "10.0.0.0/8"; " 192.168.0.0/16 " → "192.168.0.0/16"; "10.0.0.0" (no prefix) → undefined.
 */
export function sloppyCidr(value: string): string | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(value.trim());
  if (!m) return undefined;
  const ip = parseIPv4(m[1] as string);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return `${formatIPv4(Math.floor(ip / size) * size)}/${prefix}`;
}

/** The normalised source ranges, or the first violation. */
export function validateSourceRanges(type: string, ranges: readonly string[] | undefined): string[] | FieldViolation {
  if (ranges === undefined || ranges.length === 0) return [];
  if (type !== 'LoadBalancer') return { field: FIELD_RANGES, message: "Forbidden: may only be used when `type` is 'LoadBalancer'" };
  const out: string[] = [];
  for (const [i, raw] of ranges.entries()) {
    const field = `${FIELD_RANGES}[${i}]`;
    const value = raw.trim();
    if (looksIPv6(value)) return { field, message: `Invalid value: "${value}": IPv6 ranges are outside this IPv4-only model` };
    const cidr = sloppyCidr(value);
    if (cidr === undefined) return { field, message: `Invalid value: "${value}": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)` };
    out.push(cidr);
  }
  return out;
}

const inBlock = (ip: number, base: string, prefix: number): boolean => {
  const size = 2 ** (32 - prefix);
  return Math.floor(ip / size) * size === parseIPv4(base);
};

/** The external IPs as given, or the first violation (validateNonSpecialIP). */
export function validateExternalIPs(ips: readonly string[] | undefined): string[] | FieldViolation {
  if (ips === undefined) return [];
  for (const [i, value] of ips.entries()) {
    const field = `${FIELD_EXTERNAL}[${i}]`;
    const invalid = (why: string): FieldViolation => ({ field, message: `Invalid value: "${value}": ${why}` });
    if (looksIPv6(value)) return invalid('IPv6 addresses are outside this IPv4-only model');
    const ip = parseIPv4(value);
    if (ip === undefined) return invalid('must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
    if (ip === 0) return invalid('may not be unspecified (0.0.0.0)');
    if (inBlock(ip, '127.0.0.0', 8)) return invalid('may not be in the loopback range (127.0.0.0/8, ::1/128)');
    if (inBlock(ip, '169.254.0.0', 16)) return invalid('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    if (inBlock(ip, '224.0.0.0', 24)) return invalid('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  }
  return [...ips];
}

export const isViolation = (v: string[] | FieldViolation): v is FieldViolation => !Array.isArray(v);
