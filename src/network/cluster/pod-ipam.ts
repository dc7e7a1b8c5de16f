// Pod IPs as the host-local IPAM plugin hands them out inside a node's pod CIDR (NET-CNI-06, NET-CNI-07),
// following containernetworking/plugins plugins/ipam/host-local/backend/allocator: the range runs from
// rangeStart (default network + 1) to rangeEnd (default broadcast − 1); the gateway (default network + 1,
// cni0's address) is skipped; each allocation starts after the last reserved IP and wraps round-robin. So
// on 192.168.132.0/24 the first Pod gets .2, the next .3, and a Pod whose IP was given (.73) moves the
// cursor: the Pod after it gets .74.
import { InputError } from '../../errors.ts';
import { blockSize, cidrContains, formatIPv4, type Cidr } from './ipv4.ts';

export interface HostLocalRange {
  readonly start: number;
  readonly end: number;
  readonly gateway: number;
}

/** host-local's defaults for a subnet: start .1 (gateway skipped), end broadcast − 1, gateway .1. */
export function defaultRange(subnet: Cidr): HostLocalRange {
  return { start: subnet.base + 1, end: subnet.base + blockSize(subnet.prefix) - 2, gateway: subnet.base + 1 };
}

/** One node's allocator state: what is reserved and the last reservation (host-local's last_reserved_ip file). */
export interface HostLocalState {
  readonly range: HostLocalRange;
  readonly reserved: Set<number>;
  lastReserved?: number;
}

export const newHostLocal = (subnet: Cidr): HostLocalState => ({ range: defaultRange(subnet), reserved: new Set() });

const inRange = (r: HostLocalRange, ip: number): boolean => ip >= r.start && ip <= r.end;

/** Records an IP the Pod already has (status.podIP); like a CNI_ARGS "ip" request it also moves the cursor. */
export function reserve(state: HostLocalState, ip: number): void {
  state.reserved.add(ip);
  if (inRange(state.range, ip)) state.lastReserved = ip;
}

/** The next free IP after the last reserved one, or undefined when the range is full. */
export function allocateNext(state: HostLocalState): number | undefined {
  const { range } = state;
  const size = range.end - range.start + 1;
  const from = state.lastReserved !== undefined && inRange(range, state.lastReserved) ? state.lastReserved + 1 : range.start;
  for (let i = 0; i < size; i++) {
    const candidate = range.start + ((from - range.start + i) % size);
    if (candidate === range.gateway || state.reserved.has(candidate)) continue;
    reserve(state, candidate);
    return candidate;
  }
  return undefined;
}

/** allocateNext, or the InputError host-local's message would become for this Pod. */
export function allocateOrThrow(state: HostLocalState, subnet: Cidr, subject: string): number {
  const ip = allocateNext(state);
  if (ip === undefined) {
    throw new InputError(
      `status.podIP: no IP addresses available in range set: ${formatIPv4(state.range.start)}-${formatIPv4(state.range.end)}`,
      undefined, undefined, undefined, subject,
    );
  }
  if (!cidrContains(subnet, ip)) throw new Error(`host-local allocated ${formatIPv4(ip)} outside its subnet`);
  return ip;
}
