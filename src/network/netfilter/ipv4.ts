// IPv4 addresses and CIDRs for `-s`/`-d` matching (NET-IPT-05: "! -s 192.168.128.0/18"). iptables reads
// a bare address as /32 and masks the address part of a CIDR, so "192.168.131.21/18" matches like
// 192.168.128.0/18.
import { InputError } from '../../errors.ts';

/** 32-bit unsigned value of a dotted quad; throws InputError for anything else. */
export function parseIPv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new InputError(`"${text}" is not an IPv4 address`);
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) throw new InputError(`"${text}" is not an IPv4 address`);
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Cidr {
  base: number;
  prefix: number;
}

export function parseCidr(text: string): Cidr {
  const [address, prefixText] = text.split('/');
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32 || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
    throw new InputError(`"${text}" has an invalid prefix length`);
  }
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(parseIPv4(address ?? '') / size) * size, prefix };
}

/** "10.244.1.7" is in "10.244.0.0/16"; "10.245.0.1" is not. */
export function cidrContains(cidr: string | Cidr, ip: string): boolean {
  const c = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const size = 2 ** (32 - c.prefix);
  return Math.floor(parseIPv4(ip) / size) * size === c.base;
}
