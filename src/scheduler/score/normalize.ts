// NormalizeScore functions. They compare every feasible node's raw score with the others (the maximum, the
// minimum), which a per-node json-logic rule cannot see, so they live here as small pure functions whose
// integer arithmetic follows Go's int64 (division truncates toward zero) and float64 conversions.

export const MAX_NODE_SCORE = 100;

/** Go int64 division of integers: truncates toward zero. */
export const goDiv = (a: number, b: number): number => Math.trunc(a / b);

/**
 * helper.DefaultNormalizeScore: scales [0, max] to [0, 100] with int64 arithmetic, then optionally reverses.
 * E.g. [80, 20, 0] → [100, 25, 0]; reversed [2, 1, 0] → [0, 50, 100]; all zero → unchanged, or all 100 reversed.
 */
export function defaultNormalize(scores: readonly number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map((s) => (reverse ? MAX_NODE_SCORE : s));
  return scores.map((s) => {
    const scaled = goDiv(MAX_NODE_SCORE * s, max);
    return reverse ? MAX_NODE_SCORE - scaled : scaled;
  });
}

/**
 * InterPodAffinity.NormalizeScore: min-max scaling in float64, truncated: int64(100 * ((s - min) / (max - min))).
 * Raw scores may be negative (anti-affinity). E.g. [-5, 0, 5] → [0, 50, 100]; all equal → all 0.
 */
export function minMaxNormalize(scores: readonly number[]): number[] {
  if (scores.length === 0) return [];
  const min = Math.min(...scores);
  const max = Math.max(...scores);
  const diff = max - min;
  return scores.map((s) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s - min) / diff)) : 0));
}

/**
 * PodTopologySpread.NormalizeScore: fewer matching Pods is better. Ignored nodes (missing a topology key) get 0;
 * if every other score is 0 they all get 100; otherwise 100 * (max + min - s) / max in int64.
 * E.g. [0, 2, 4] → [100, 50, 0]; [1, 3] → [100, 33].
 */
export function spreadNormalize(scores: readonly number[], ignored: readonly boolean[]): number[] {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  scores.forEach((s, i) => {
    if (ignored[i]) return;
    min = Math.min(min, s);
    max = Math.max(max, s);
  });
  return scores.map((s, i) => {
    if (ignored[i]) return 0;
    if (max === 0) return MAX_NODE_SCORE;
    return goDiv(MAX_NODE_SCORE * (max + min - s), max);
  });
}

/** Go math.Round: half away from zero (JavaScript's Math.round rounds half toward +∞ and differs below 0). */
export function goRound(x: number): number {
  const t = Math.trunc(x);
  // x - t is exact; x + 0.5 is not (0.49999999999999994 + 0.5 === 1, where Go rounds to 0).
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}
