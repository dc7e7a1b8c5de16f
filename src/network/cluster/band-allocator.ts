// The apiserver's allocators for Service ClusterIPs and NodePorts, made deterministic. Both keep a bitmap of
// `size` positions split at an offset (KEP-3070 for IPs, KEP-3668 for ports): positions below the offset are
// the static band, meant for addresses users pick; dynamic allocation tries the upper band first, then the
// lower one. Kubernetes picks a random free position inside the band (randomScanStrategyWithOffset); the
// model picks the lowest free one instead, so the same manifests always give the same addresses.
//
// Offsets (calculateRangeOffset): ClusterIPs min(max(16, cidrSize/16), 256) — 0 when the CIDR has ≤ 16
// addresses — so 192.168.192.0/18 (16384) → 256; NodePorts min(max(16, rangeSize/32), 128) — 0 when ≤ 16
// ports — so 30000-32767 (2768) → 86, the first dynamic NodePort being 30086.

export interface BandAllocator {
  readonly size: number;
  readonly offset: number;
  readonly used: Set<number>;
}

export const newBandAllocator = (size: number, offset: number): BandAllocator => ({ size, offset, used: new Set() });

/** Marks a position taken; false when it already was (the caller reports "already allocated"). */
export function take(a: BandAllocator, position: number): boolean {
  if (a.used.has(position)) return false;
  a.used.add(position);
  return true;
}

/** The lowest free position of the upper band, else of the lower band; undefined when full. */
export function takeNext(a: BandAllocator): number | undefined {
  for (const [from, to] of [[a.offset, a.size], [0, a.offset]] as const) {
    for (let p = from; p < to; p++) {
      if (!a.used.has(p)) {
        a.used.add(p);
        return p;
      }
    }
  }
  return undefined;
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(min, value), max);

/** Service IP range offset for a CIDR of `cidrSize` addresses (network and broadcast included). */
export const clusterIPRangeOffset = (cidrSize: number): number => (cidrSize <= 16 ? 0 : clamp(Math.floor(cidrSize / 16), 16, 256));

/** NodePort range offset for a range of `rangeSize` ports. */
export const nodePortRangeOffset = (rangeSize: number): number => (rangeSize <= 16 ? 0 : clamp(Math.floor(rangeSize / 32), 16, 128));
