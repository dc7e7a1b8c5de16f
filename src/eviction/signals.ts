// kubelet's eviction signals and hard thresholds (pkg/kubelet/eviction: api/types.go, defaults_linux.go,
// helpers.go parseThresholdStatement and GetThresholdQuantity), as pure arithmetic.
//
// Worked examples (test/eviction/eviction.test.ts replays exactly these rows):
// | threshold | capacity           | threshold quantity | why                                                   |
// |-----------|--------------------|--------------------|-------------------------------------------------------|
// | "100Mi"   | any                | "100Mi"            | a quantity is used as written                         |
// | "10%"     | 100Gi (bytes)      | "10737418400"      | float32(10)/100 = 0.10000000149…, × 107374182400, trunc |
// | "15%"     | 200Gi (bytes)      | "32212256000"      | 214748364800 × 0.1500000059604… = 32212256000 exactly |
// | "5%"      | 6553600 (inodes)   | "320Ki"            | 327680.0048 → 327680, printed BinarySI even for inodes |
// | "0%"      | any                | (no threshold)     | 0% and 100% are ignored                               |
import { InputError } from '../errors.ts';
import { parseQuantity, Quantity } from '../k8s/quantity.ts';

export type EvictionSignal = 'memory.available' | 'nodefs.available' | 'nodefs.inodesFree' | 'imagefs.available';
export type StarvedResource = 'memory' | 'ephemeral-storage' | 'inodes';

/** signalToResource (helpers.go), and which field of the node input measures the signal. */
export const SIGNALS: readonly { signal: EvictionSignal; resource: StarvedResource; capacity: keyof NodeCapacity; observed: keyof NodeObserved }[] = [
  { signal: 'memory.available', resource: 'memory', capacity: 'memory', observed: 'memoryAvailable' },
  { signal: 'nodefs.available', resource: 'ephemeral-storage', capacity: 'nodefs', observed: 'nodefsAvailable' },
  { signal: 'nodefs.inodesFree', resource: 'inodes', capacity: 'nodefsInodes', observed: 'nodefsInodesFree' },
  { signal: 'imagefs.available', resource: 'ephemeral-storage', capacity: 'imagefs', observed: 'imagefsAvailable' },
];

/** DefaultEvictionHard on Linux (defaults_linux.go), NODE-12. */
export const defaultEvictionHard: Readonly<Record<EvictionSignal, string>> = {
  'memory.available': '100Mi',
  'nodefs.available': '10%',
  'nodefs.inodesFree': '5%',
  'imagefs.available': '15%',
};

/** Sizes from the stats summary: memory and filesystem bytes, inode counts. */
export interface NodeCapacity {
  memory: string;
  nodefs: string;
  nodefsInodes: string;
  imagefs: string;
}

/** The latest observations; a signal without one is not evaluated (thresholdsMet skips it). */
export interface NodeObserved {
  memoryAvailable?: string;
  nodefsAvailable?: string;
  nodefsInodesFree?: string;
  imagefsAvailable?: string;
}

/**
 * The threshold quantity of a hard-eviction statement against a capacity, or undefined for "0%" and "100%".
 * A percentage is parsed as float32 and divided by 100 in float32, then multiplied in float64 with the capacity
 * and truncated, exactly as Kubernetes does, so "10%" of 100Gi is 10737418400 bytes, not 10737418240.
 */
export function thresholdQuantity(statement: string, capacity: string): Quantity | undefined {
  if (!statement.endsWith('%')) {
    const q = parseQuantity(statement);
    if (q.sign() <= 0) throw new InputError(`eviction threshold must be positive: ${statement}`);
    return q;
  }
  if (statement === '0%' || statement === '100%') return undefined;
  const value = Number(statement.slice(0, -1));
  if (!Number.isFinite(value)) throw new InputError(`invalid eviction percentage: ${statement}`);
  const fraction = Math.fround(Math.fround(value) / 100);
  if (fraction < 0 || fraction > 1) throw new InputError(`eviction percentage threshold must be within 0% and 100%: ${statement}`);
  const bytes = Math.trunc(Number(parseQuantity(capacity).value()) * fraction);
  return Quantity.of(BigInt(bytes), 0, 'BinarySI');
}

/** An observation as kubelet builds it: NewQuantity(value, BinarySI) for bytes, DecimalSI for inode counts. */
export function observedQuantity(resource: StarvedResource, text: string): Quantity {
  return Quantity.of(parseQuantity(text).value(), 0, resource === 'inodes' ? 'DecimalSI' : 'BinarySI');
}
