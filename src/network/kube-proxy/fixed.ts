// Fixed-point formatting as Go's fmt "%0.Nf" and glibc's printf "%.Nf" do it (NET-IPT-07): both round the
// exact binary value of the double, and an exact tie goes to the even digit. JavaScript's toFixed breaks ties
// upwards instead, which differs for 1/64 at 5 digits: 0.015625 is "0.01562" in Go but "0.01563" in toFixed.

/** The exact decimal expansion of a finite non-negative double, as integer digits and fraction digits. */
function exactDecimal(x: number): { int: bigint; frac: string } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075;
  if (exponent >= 0) return { int: mantissa << BigInt(exponent), frac: '' };
  // mantissa / 2^k = mantissa * 5^k / 10^k: exactly k fraction digits.
  const k = -exponent;
  const scaled = (mantissa * 5n ** BigInt(k)).toString().padStart(k + 1, '0');
  return { int: BigInt(scaled.slice(0, scaled.length - k)), frac: scaled.slice(scaled.length - k) };
}

/**
 * x with exactly `digits` fraction digits, rounded half-to-even on the exact value.
 * formatFixed(1/6, 5) = "0.16667"; formatFixed(1/64, 5) = "0.01562"; formatFixed(0.5, 10) = "0.5000000000".
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`formatFixed needs a finite non-negative number, got ${x}`);
  const { int, frac } = exactDecimal(x);
  const kept = frac.slice(0, digits).padEnd(digits, '0');
  const rest = frac.slice(digits);
  let scaled = int * 10n ** BigInt(digits) + BigInt(kept === '' ? '0' : kept);
  const first = rest[0] ?? '0';
  const tail = rest.slice(1).replace(/0+$/, '');
  const roundUp = first > '5' || (first === '5' && (tail !== '' || scaled % 2n === 1n));
  if (roundUp) scaled += 1n;
  const text = scaled.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
}
