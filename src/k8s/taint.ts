// Taint/toleration matching as the scheduler and the taint-eviction controller do it (SCHED-10, SCHED-11,
// SCHED-12, DS-04, DS-05): core/v1 Toleration.ToleratesTaint (k8s.io/api/core/v1/toleration.go) and
// FindMatchingUntoleratedTaint / TolerationsTolerateTaint (k8s.io/component-helpers/scheduling/corev1/helpers.go).
//
// Rules (SCHED-12): an empty toleration effect matches every effect; an empty key matches every key; an empty
// operator means Equal, which compares values ("" when absent); Exists ignores the value; any other operator
// never matches. KEP-5471 (alpha in 1.35, feature gate TaintTolerationComparisonOperators, off by default)
// adds Gt/Lt: the taint value must be greater/less than the toleration value, both written as canonical
// decimal int64 ("950", "-3"; not "0950" or "+3"); an unparsable value is an error and counts as not
// tolerated. With the gate off (the default modelled here) Gt/Lt never match, as in releases before 1.35.
import type { Taint, Toleration } from './types.ts';

export interface TaintMatchOptions {
  /** Feature gate TaintTolerationComparisonOperators: enables the Gt/Lt toleration operators. */
  readonly comparisonOperators?: boolean;
}

/** A toleration whose operator may also be Gt or Lt (KEP-5471); src/k8s/types.ts lists only Exists/Equal. */
export type TolerationLike = Omit<Toleration, 'operator'> & { operator?: string };

/** Which taints a check considers: an effect list, a predicate, or all when absent. */
export type TaintFilter = readonly Taint['effect'][] | ((taint: Taint) => boolean);

/** The effects the scheduler's TaintToleration filter checks; PreferNoSchedule only scores (SCHED-10). */
export const FILTERED_EFFECTS: readonly Taint['effect'][] = ['NoSchedule', 'NoExecute'];

export interface ToleranceResult {
  readonly tolerated: boolean;
  /** Set when a Gt/Lt comparison could not parse a value (Kubernetes returns it as an error). */
  readonly error?: string;
}

/** content.IsDecimalInteger: "0" or an optional "-" then 1-9 and digits. */
function decimalIntegerError(value: string): string | undefined {
  if (value.length === 0) return 'must be non-empty';
  return /^(0|-?[1-9][0-9]*)$/.test(value) ? undefined : 'must be a valid decimal integer in canonical form';
}

function parseComparable(value: string, what: 'toleration' | 'taint'): bigint | string {
  const err = decimalIntegerError(value);
  if (err !== undefined) return `failed to parse ${what} value ${JSON.stringify(value)} as int64: ${err}`;
  const n = BigInt(value);
  if (n < -(1n << 63n) || n >= 1n << 63n) {
    return `failed to parse ${what} value ${JSON.stringify(value)} as int64: strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`;
  }
  return n;
}

/** Toleration.ToleratesTaint with its error (only Gt/Lt can fail). */
export function checkToleration(toleration: TolerationLike, taint: Taint, options: TaintMatchOptions = {}): ToleranceResult {
  if (toleration.effect && toleration.effect !== taint.effect) return { tolerated: false };
  if (toleration.key && toleration.key !== taint.key) return { tolerated: false };
  const value = toleration.value ?? '';
  const taintValue = taint.value ?? '';
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return { tolerated: value === taintValue };
    case 'Exists':
      return { tolerated: true };
    case 'Gt':
    case 'Lt': {
      if (!options.comparisonOperators) return { tolerated: false };
      const bound = parseComparable(value, 'toleration');
      if (typeof bound === 'string') return { tolerated: false, error: bound };
      const actual = parseComparable(taintValue, 'taint');
      if (typeof actual === 'string') return { tolerated: false, error: actual };
      return { tolerated: toleration.operator === 'Gt' ? actual > bound : actual < bound };
    }
    default:
      return { tolerated: false };
  }
}

/** Toleration.ToleratesTaint: does this one toleration tolerate the taint? (SCHED-12) */
export function toleratesTaint(toleration: TolerationLike, taint: Taint, options?: TaintMatchOptions): boolean {
  return checkToleration(toleration, taint, options).tolerated;
}

/** TolerationsTolerateTaint: tolerated if any toleration tolerates it; otherwise the first error, if any. */
function checkTolerations(tolerations: readonly TolerationLike[] | undefined, taint: Taint, options?: TaintMatchOptions): ToleranceResult {
  let error: string | undefined;
  for (const toleration of tolerations ?? []) {
    const result = checkToleration(toleration, taint, options);
    if (result.tolerated) return result;
    error ??= result.error;
  }
  return error === undefined ? { tolerated: false } : { tolerated: false, error };
}

export function tolerationsTolerateTaint(tolerations: readonly TolerationLike[] | undefined, taint: Taint, options?: TaintMatchOptions): boolean {
  return checkTolerations(tolerations, taint, options).tolerated;
}

function filtered(taints: readonly Taint[] | undefined, filter: TaintFilter | undefined): Taint[] {
  if (filter === undefined) return [...(taints ?? [])];
  const keep = typeof filter === 'function' ? filter : (t: Taint) => filter.includes(t.effect);
  return (taints ?? []).filter(keep);
}

/**
 * FindMatchingUntoleratedTaint: the first filtered taint no toleration tolerates, preferring a cleanly
 * untolerated taint over one whose Gt/Lt comparison failed; undefined when all are tolerated.
 * E.g. taints [a=1:NoSchedule, b:PreferNoSchedule], tolerations [a Exists], filter FILTERED_EFFECTS →
 * undefined (SCHED-10: PreferNoSchedule never filters).
 */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly TolerationLike[] | undefined,
  effectFilter?: TaintFilter,
  options?: TaintMatchOptions,
): Taint | undefined {
  let failedComparison: Taint | undefined;
  for (const taint of filtered(taints, effectFilter)) {
    const result = checkTolerations(tolerations, taint, options);
    if (result.error !== undefined) failedComparison ??= taint;
    else if (!result.tolerated) return taint;
  }
  return failedComparison;
}

/** Every filtered taint that no toleration tolerates, in order (a failed Gt/Lt comparison counts). */
export function untoleratedTaints(
  taints: readonly Taint[] | undefined,
  tolerations: readonly TolerationLike[] | undefined,
  effectFilter?: TaintFilter,
  options?: TaintMatchOptions,
): Taint[] {
  return filtered(taints, effectFilter).filter((taint) => !tolerationsTolerateTaint(tolerations, taint, options));
}
