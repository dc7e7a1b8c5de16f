// The statistic-match probabilities of a KUBE-SVC chain (NET-IPT-07). Rule i (0-based) of n endpoints jumps
// with probability 1/(n-i) and the last rule has none, so every endpoint is chosen with probability 1/n:
// endpoint i is reached when rules 0..i-1 miss and rule i hits, (n-1)/n · (n-2)/(n-1) · … · 1/(n-i) = 1/n.
//
// What kube-proxy writes (computeProbability, pkg/proxy/iptables/proxier.go): fmt "%0.5f" up to v1.16,
// "%0.10f" since v1.17 (PR #83599: five digits made probabilities repeat from 319 endpoints on).
// What the kernel keeps (libxt_statistic): lround(p · 2^31) as a 32-bit integer, printed back by iptables-save
// and iptables -L with "%.11f" of that integer / 2^31. So v1.15 writes 0.16667 and the seeds' dump shows
// 0.16667000018; v1.17+ writes 0.1666666667 and iptables-save shows 0.16666666670.
import { formatFixed } from './fixed.ts';

/** What kube-proxy writes after --probability for n remaining endpoints: (6, 5) → "0.16667", (6, 10) → "0.1666666667". */
export const kubeProxyProbability = (n: number, digits: 5 | 10): string => formatFixed(1 / n, digits);

const TWO_POW_31 = 2147483648;

/** The value the kernel stores for a written probability: round(p · 2^31) / 2^31 (lround: halves away from zero). */
export function kernelProbability(written: number): number {
  return Math.floor(written * TWO_POW_31 + 0.5) / TWO_POW_31;
}

/** How iptables prints a written probability back: "0.16667" → "0.16667000018", "0.33333" → "0.33332999982". */
export const printedProbability = (written: string): string => formatFixed(kernelProbability(Number(written)), 11);
