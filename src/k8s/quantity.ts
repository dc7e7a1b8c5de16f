// Kubernetes resource.Quantity (k8s.io/apimachinery/pkg/api/resource: quantity.go, suffix.go, amount.go,
// math.go), exact with BigInt: no float is ever involved (RES-03, RES-04).
//
// A value is coefficient × 10^exponent, normalised so that the coefficient has no trailing zeros. Parsing
// follows ParseQuantity step by step, including its quirks:
// - the scanner accepts a mantissa without digits as zero ("Mi", ".", "-", "e3" parse as 0; reported as
//   kubernetes/apimachinery#165 and kept for compatibility), except where ParseQuantity takes its slow path
//   ("Pi", "Ei", "e-10" fail with "unable to parse numeric part of quantity");
// - non-zero values finer than 1n are rounded up, away from zero ("0.1n" → 1n);
// - BinarySI values are capped at 2^63-1 in magnitude, decimal ones are not ("9Ei" → 9223372036854775807);
// - a BinarySI value between -1 and 1 switches to DecimalSI ("0.000000000001Ki" → "2n");
// - the parse fast path keeps some non-canonical spellings verbatim for String() ("+1", "01", "1.", "1E3",
//   "1e0", "1.500k"; tracked upstream as kubernetes#141166): toString() reproduces that, canonical() does not.
// Printing follows CanonicalizeBytes, plus the merged fix kubernetes#140459: a DecimalSI value beyond the
// E suffix prints in exponent form ("1000E" → "1e21", older releases printed "1").
// Left out: the int32 wrap of exponents beyond ±2^31 and the hangs Kubernetes has there; Value() and
// MilliValue() are exact here where Kubernetes' int64 would overflow or saturate; negative values round away
// from zero (the int64 path; Kubernetes' inf.Dec path rounds some negatives toward +∞).
import { InputError } from '../errors.ts';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const NUMERIC = 'unable to parse numeric part of quantity';
const SUFFIX = "unable to parse quantity's suffix";
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = (1n << 63n) - 1n;
/** Past this many digits an operation would have to write out the number; refuse instead of hanging. */
const MAX_DIGITS = 10_000;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const abs = (n: bigint): bigint => (n < 0n ? -n : n);
const digitCount = (n: bigint): number => (n === 0n ? 0 : abs(n).toString().length);

function pow10(n: number): bigint {
  if (n > MAX_DIGITS) throw new InputError(`quantity arithmetic would need more than ${MAX_DIGITS} digits`);
  return 10n ** BigInt(n);
}

/** |n| / 10^shift rounded up (away from zero), shift > 0. */
function divRoundUp(n: bigint, shift: number): bigint {
  if (n === 0n) return 0n;
  const sign = n < 0n ? -1n : 1n;
  if (shift > digitCount(n)) return sign;
  const d = 10n ** BigInt(shift);
  const q = abs(n) / d;
  return sign * (abs(n) % d === 0n ? q : q + 1n);
}

/** Only parseQuantity may attach a verbatim spelling. */
let spelled: (q: Quantity, spelling: string) => Quantity;

/**
 * A Kubernetes quantity. Worked examples (test/k8s/quantity.test.ts replays exactly these rows):
 *
 * | text      | toString()  | canonical()  | value()    | milliValue()  | why                                 |
 * |-----------|-------------|--------------|------------|---------------|-------------------------------------|
 * | "1"       | "1"         | "1"          | 1          | 1000          | RES-03: 1 CPU = 1000m               |
 * | "500m"    | "500m"      | "500m"       | 1          | 500           | RES-03: 500m = 0.5 CPU              |
 * | "0.1"     | "100m"      | "100m"       | 1          | 100           | RES-03: 0.1 CPU prints as 100m      |
 * | "1000m"   | "1"         | "1"          | 1          | 1000          | canonical form drops the suffix     |
 * | "0.0005"  | "500u"      | "500u"       | 1          | 1             | RES-03: finest CPU unit 1m, ceil    |
 * | "1Mi"     | "1Mi"       | "1Mi"        | 1048576    | 1048576000    | RES-04: Mi = 1024^2                 |
 * | "1024Mi"  | "1Gi"       | "1Gi"        | 1073741824 | 1073741824000 | RES-04: 1Gi = 1024Mi                |
 * | "1.5Gi"   | "1536Mi"    | "1536Mi"     | 1610612736 | 1610612736000 | no fraction is ever printed         |
 * | "1G"      | "1G"        | "1G"         | 1000000000 | 1000000000000 | RES-04: G = 1000^3                  |
 * | "1Ki"     | "1Ki"       | "1Ki"        | 1024       | 1024000       | RES-04: Ki = 1024, k = 1000         |
 * | "0.1Mi"   | "104857600m"| "104857600m" | 104858     | 104857600     | 104857.6 bytes: no whole Ki count   |
 * | "1e3"     | "1e3"       | "1e3"        | 1000       | 1000000       | DecimalExponent keeps its form      |
 * | "12e6"    | "12e6"      | "12e6"       | 12000000   | 12000000000   | exponent kept at a multiple of 3    |
 * | "1.5E-2"  | "1.5E-2"    | "15e-3"      | 1          | 15            | fast path keeps the user's spelling |
 * | "+1"      | "+1"        | "1"          | 1          | 1000          | fast path keeps the user's spelling |
 * | "0.1n"    | "1n"        | "1n"         | 1          | 1             | finer than 1n rounds up             |
 * | "9Ei"     | "9223372036854775807" | same | 2^63-1   | 1000×(2^63-1) | BinarySI caps at 2^63-1             |
 * | "1000E"   | "1e21"      | "1e21"       | 10^21      | 10^24         | no SI suffix above E (k8s #140459)  |
 * | "Mi"      | "0"         | "0"          | 0          | 0             | a bare suffix is zero (#165)        |
 *
 * add/sub keep the left operand's format unless it is zero ("1Gi" + "512Mi" = "1536Mi", "0" + "1Gi" = "1Gi",
 * "100m" + "1Gi" = "1073741824100m", "1Gi" + "100m" = "1073741824100m").
 */
export class Quantity {
  private constructor(
    private readonly coef: bigint,
    private readonly exp: number,
    readonly format: QuantityFormat,
    private readonly spelling?: string,
  ) {}

  /** coefficient × 10^exponent, exact; values finer than 1n round up as ParseQuantity does. */
  static of(coefficient: bigint, exponent = 0, format: QuantityFormat = 'DecimalSI'): Quantity {
    if (exponent < -9) return Quantity.of(divRoundUp(coefficient, -9 - exponent), -9, format);
    let c = coefficient;
    let e = exponent;
    if (c === 0n) return new Quantity(0n, 0, format);
    while (c % 10n === 0n) {
      c /= 10n;
      e += 1;
    }
    return new Quantity(c, e, format);
  }

  static {
    spelled = (q, spelling) => new Quantity(q.coef, q.exp, q.format, spelling);
  }

  /** The same value in another format (Kubernetes lets callers set Format at will). */
  withFormat(format: QuantityFormat): Quantity {
    return new Quantity(this.coef, this.exp, format);
  }

  isZero(): boolean {
    return this.coef === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.coef === 0n ? 0 : this.coef < 0n ? -1 : 1;
  }

  /** Kubernetes Value(): rounded up (away from zero) to a whole number. */
  value(): bigint {
    return this.scaled(0);
  }

  /** Kubernetes MilliValue(): value × 1000 rounded up (away from zero). */
  milliValue(): bigint {
    return this.scaled(3);
  }

  private scaled(decimals: number): bigint {
    const e = this.exp + decimals;
    return e >= 0 ? this.coef * pow10(e) : divRoundUp(this.coef, -e);
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    const sa = this.sign();
    const sb = other.sign();
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (sa === 0) return 0;
    const ma = digitCount(this.coef) + this.exp;
    const mb = digitCount(other.coef) + other.exp;
    let magnitude: number;
    if (ma !== mb) magnitude = ma < mb ? -1 : 1;
    else {
      const e = Math.min(this.exp, other.exp);
      const a = abs(this.coef) * pow10(this.exp - e);
      const b = abs(other.coef) * pow10(other.exp - e);
      magnitude = a === b ? 0 : a < b ? -1 : 1;
    }
    return magnitude === 0 ? 0 : ((sa * magnitude) as -1 | 1);
  }

  /** Kubernetes Add: exact; keeps this format unless this is zero, then takes the other's. */
  add(other: Quantity): Quantity {
    return this.combine(other.coef, other.exp, other.format);
  }

  /** Kubernetes Sub: exact; the format rule of add. */
  sub(other: Quantity): Quantity {
    return this.combine(-other.coef, other.exp, other.format);
  }

  private combine(coef: bigint, exp: number, otherFormat: QuantityFormat): Quantity {
    const format = this.isZero() ? otherFormat : this.format;
    if (coef === 0n) return new Quantity(this.coef, this.exp, format);
    if (this.coef === 0n) return Quantity.of(coef, exp, format);
    const e = Math.min(this.exp, exp);
    return Quantity.of(this.coef * pow10(this.exp - e) + coef * pow10(exp - e), e, format);
  }

  neg(): Quantity {
    return new Quantity(-this.coef, this.exp, this.format);
  }

  /** Kubernetes String(): the cached spelling if the parse fast path kept one, else canonical(). */
  toString(): string {
    return this.spelling ?? this.canonical();
  }

  /** Kubernetes CanonicalizeBytes: largest suffix that loses nothing, no fractional digits. */
  canonical(): string {
    if (this.coef === 0n) return '0';
    if (this.format === 'BinarySI' && this.cmpMagnitude(1024n) >= 0 && this.exp >= 0) {
      let m = this.coef * pow10(this.exp);
      let power = 0;
      while (m % 1024n === 0n) {
        m /= 1024n;
        power += 1;
      }
      const suffix = BINARY_BY_POWER[power];
      if (suffix !== undefined) return `${m}${suffix}`;
    }
    const shift = ((this.exp % 3) + 3) % 3;
    const mantissa = this.coef * 10n ** BigInt(shift);
    const e = this.exp - shift;
    const decimal = this.format === 'DecimalExponent' ? undefined : DECIMAL_BY_EXPONENT.get(e);
    return `${mantissa}${decimal ?? (e === 0 ? '' : `e${e}`)}`;
  }

  private cmpMagnitude(n: bigint): number {
    return Quantity.of(abs(this.coef), this.exp).cmp(Quantity.of(n));
  }
}

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, digits, '.', digits, suffix letters, optional sign, digits; undefined = wrong format. */
function scan(str: string): Scanned | undefined {
  const end = str.length;
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos = 1;
  }
  while (pos < end && str[pos] === '0') pos += 1;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (isDigit(str[i])) i += 1;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos += 1;
    i = pos;
    while (isDigit(str[i])) i += 1;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i] as string)) i += 1;
  if (str[i] === '-' || str[i] === '+') i += 1;
  while (isDigit(str[i])) i += 1;
  return i >= end ? { positive, value, num, denom, suffix: str.slice(pos) } : undefined;
}

/** suffixer.interpret: [base, exponent, format]; "e"/"E" + a Go int64, narrowed to int32 as Kubernetes does. */
function interpret(suffix: string): [2 | 10, number, QuantityFormat] | undefined {
  const dec = DECIMAL_SUFFIXES[suffix];
  if (dec !== undefined) return [10, dec, 'DecimalSI'];
  const bin = BINARY_SUFFIXES[suffix];
  if (bin !== undefined) return [2, bin, 'BinarySI'];
  const digits = suffix.slice(1);
  if (suffix.length < 2 || !'eE'.includes(suffix[0] as string) || !/^[+-]?[0-9]+$/.test(digits)) return undefined;
  const n = BigInt(digits);
  if (n > MAX_INT64 || n < -MAX_INT64 - 1n) return undefined;
  return [10, Number(BigInt.asIntN(32, n)), 'DecimalExponent'];
}

/** Kubernetes ParseQuantity; throws InputError with Kubernetes' message and the offending text. */
export function parseQuantity(text: string): Quantity {
  const fail = (message: string): never => {
    throw new InputError(`${message}: ${JSON.stringify(text)}`);
  };
  if (text.length === 0) return fail(FORMAT_WRONG);
  if (text === '0') return spelled(Quantity.of(0n), '0');
  const s = scan(text) ?? fail(FORMAT_WRONG);
  const [base, exponent, suffixFormat] = interpret(s.suffix) ?? fail(SUFFIX);
  let format = suffixFormat;
  const sign = s.positive ? 1n : -1n;
  const digits = BigInt(s.num + s.denom);

  // The int64 fast path: exact, and where Kubernetes keeps the input spelling for String().
  const precision =
    base === 10
      ? 18 - (s.num.length + s.denom.length)
      : s.denom.length === 0
        ? 15 - s.num.length - Math.floor((exponent * 3) / 10) - 1
        : -1;
  const scale = base === 10 ? (exponent - s.denom.length) | 0 : 0;
  if (precision >= 0 && scale >= -9) {
    const shifted = s.num + s.denom;
    const q = base === 2 ? Quantity.of(sign * (digits << BigInt(exponent)), 0, format) : Quantity.of(sign * digits, scale, format);
    const verbatim =
      base === 2 ? (digits & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
    return verbatim ? spelled(q, text) : q;
  }

  // The inf.Dec slow path: needs a digit, rounds up to 1n, caps BinarySI.
  if (!/[0-9]/.test(s.value)) return fail(NUMERIC);
  let q =
    base === 10
      ? Quantity.of(sign * digits, (exponent - s.denom.length) | 0, format)
      : s.denom.length <= 9
        ? Quantity.of(sign * (digits << BigInt(exponent)) * 10n ** BigInt(9 - s.denom.length), -9, format)
        : Quantity.of(divRoundUp(sign * (digits << BigInt(exponent)), s.denom.length - 9), -9, format);
  if (format === 'BinarySI') {
    if (q.cmp(Quantity.of(MAX_INT64)) > 0) q = Quantity.of(MAX_INT64, 0, format);
    if (q.cmp(Quantity.of(-MAX_INT64)) < 0) q = Quantity.of(-MAX_INT64, 0, format);
    if (!q.isZero() && q.cmp(Quantity.of(1n)) < 0 && q.cmp(Quantity.of(-1n)) > 0) format = 'DecimalSI';
  }
  return format === q.format ? q : q.withFormat(format);
}

export function tryParseQuantity(text: string): Quantity | undefined {
  try {
    return parseQuantity(text);
  } catch (e) {
    if (e instanceof InputError) return undefined;
    throw e;
  }
}

export function isQuantity(text: unknown): boolean {
  return typeof text === 'string' && tryParseQuantity(text) !== undefined;
}
