// Kubernetes resource.Quantity: the worked examples of src/k8s/quantity.ts, rows from apimachinery's
// quantity_test.go (TestQuantityParse, TestQuantityString, TestQuantityParseEmit), and properties.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError } from '../../src/errors.ts';
import { isQuantity, parseQuantity, Quantity, tryParseQuantity } from '../../src/k8s/quantity.ts';

type Row = [name: string, text: string, str: string, canonical: string, value: bigint, milli: bigint];

const MAX = (1n << 63n) - 1n;

// Exactly the doc-comment table of src/k8s/quantity.ts.
const workedExamples: Row[] = [
  ['RES-03: "1" is one core = 1000m', '1', '1', '1', 1n, 1000n],
  ['RES-03: "500m" is half a core', '500m', '500m', '500m', 1n, 500n],
  ['RES-03: "0.1" prints as 100m', '0.1', '100m', '100m', 1n, 100n],
  ['RES-03: "1000m" prints as 1, the suffix is dropped', '1000m', '1', '1', 1n, 1000n],
  ['RES-03: "0.0005" rounds up to the finest CPU unit 1m', '0.0005', '500u', '500u', 1n, 1n],
  ['RES-04: "1Mi" is 1048576 bytes', '1Mi', '1Mi', '1Mi', 1048576n, 1048576000n],
  ['RES-04: "1024Mi" is 1Gi', '1024Mi', '1Gi', '1Gi', 1073741824n, 1073741824000n],
  ['RES-04: "1.5Gi" prints as 1536Mi, never a fraction', '1.5Gi', '1536Mi', '1536Mi', 1610612736n, 1610612736000n],
  ['RES-04: "1G" is 1000^3', '1G', '1G', '1G', 1000000000n, 1000000000000n],
  ['RES-04: "1Ki" is 1024 while 1k is 1000', '1Ki', '1Ki', '1Ki', 1024n, 1024000n],
  ['RES-04: "0.1Mi" is 104857.6 bytes, printed in milli-units', '0.1Mi', '104857600m', '104857600m', 104858n, 104857600n],
  ['RES-03: "1e3" keeps the exponent form', '1e3', '1e3', '1e3', 1000n, 1000000n],
  ['RES-03: "12e6" keeps an exponent that is a multiple of 3', '12e6', '12e6', '12e6', 12000000n, 12000000000n],
  ['RES-03: "1.5E-2" is kept verbatim by the fast path, canonical 15e-3', '1.5E-2', '1.5E-2', '15e-3', 1n, 15n],
  ['RES-03: "+1" is kept verbatim by the fast path, canonical 1', '+1', '+1', '1', 1n, 1000n],
  ['RES-03: "0.1n" rounds up to 1n', '0.1n', '1n', '1n', 1n, 1n],
  ['RES-04: "9Ei" caps at 2^63-1', '9Ei', `${MAX}`, `${MAX}`, MAX, MAX * 1000n],
  ['RES-04: "1000E" prints in exponent form above the E suffix', '1000E', '1e21', '1e21', 10n ** 21n, 10n ** 24n],
  ['RES-04: "Mi" without digits parses as zero', 'Mi', '0', '0', 0n, 0n],
];

// Further rows taken from apimachinery quantity_test.go.
const upstreamRows: Row[] = [
  ['RES-04: ".001Ki" is 1.024, printed 1024m', '.001Ki', '1024m', '1024m', 2n, 1024n],
  ['RES-04: ".000001Ki" is below 1 so it turns DecimalSI', '.000001Ki', '1024u', '1024u', 1n, 2n],
  ['RES-04: ".000000000001Ki" rounds up to 2n', '.000000000001Ki', '2n', '2n', 1n, 1n],
  ['RES-04: "0.5Mi" is 512Ki', '0.5Mi', '512Ki', '512Ki', 524288n, 524288000n],
  ['RES-04: "100.035Ki" is 102435.84 bytes', '100.035Ki', '102435840m', '102435840m', 102436n, 102435840n],
  ['RES-04: "9223372036854775807Ki" caps at 2^63-1', '9223372036854775807Ki', `${MAX}`, `${MAX}`, MAX, MAX * 1000n],
  ['RES-04: "8Ei" is 2^63 and caps at 2^63-1', '8Ei', `${MAX}`, `${MAX}`, MAX, MAX * 1000n],
  ['RES-04: "12E" is not capped, only BinarySI is', '12E', '12E', '12E', 12n * 10n ** 18n, 12n * 10n ** 21n],
  ['RES-03: "1.5" prints as 1500m', '1.5', '1500m', '1500m', 2n, 1500n],
  ['RES-03: "-9.01" is -9010m and rounds away from zero', '-9.01', '-9010m', '-9010m', -10n, -9010n],
  ['RES-03: "3.001n" rounds up to 4n', '3.001n', '4n', '4n', 1n, 1n],
  ['RES-03: "1.1E-9" rounds up to 2e-9', '1.1E-9', '2e-9', '2e-9', 1n, 1n],
  ['RES-03: "0.00000012345" rounds up to 124n', '0.00000012345', '124n', '124n', 1n, 1n],
  ['RES-03: "1.2e3" is 1200 without an exponent', '1.2e3', '1200', '1200', 1200n, 1200000n],
  ['RES-03: "1.3E+6" is 1300e3', '1.3E+6', '1300e3', '1300e3', 1300000n, 1300000000n],
  ['RES-04: "10000T" is 10P', '10000T', '10P', '10P', 10n ** 16n, 10n ** 19n],
  ['RES-04: "-0.5Ki" is -512, too small for a binary suffix', '-0.5Ki', '-512', '-512', -512n, -512000n],
  ['RES-04: "0Ki" prints as 0', '0Ki', '0', '0', 0n, 0n],
  ['RES-03: ".5" is canonicalised to 500m', '.5', '500m', '500m', 1n, 500n],
  ['RES-03: "1." is kept verbatim, canonical 1', '1.', '1.', '1', 1n, 1000n],
  ['RES-03: "01" is kept verbatim, canonical 1', '01', '01', '1', 1n, 1000n],
  ['RES-03: "1E3" is kept verbatim, canonical 1e3', '1E3', '1E3', '1e3', 1000n, 1000000n],
  ['RES-03: "1.500k" is kept verbatim, canonical 1500', '1.500k', '1.500k', '1500', 1500n, 1500000n],
  ['RES-03: "1e-100" rounds up to 1e-9', '1e-100', '1e-9', '1e-9', 1n, 1n],
  ['RES-03: "." without digits parses as zero', '.', '0', '0', 0n, 0n],
];

describe('parseQuantity / toString / value / milliValue', () => {
  it.each([...workedExamples, ...upstreamRows])('%s', (_name, text, str, canonical, value, milli) => {
    const q = parseQuantity(text);
    expect(q.toString()).toBe(str);
    expect(q.canonical()).toBe(canonical);
    expect(q.value()).toBe(value);
    expect(q.milliValue()).toBe(milli);
  });
});

// [name, text, Kubernetes error]
const invalid: [string, string, string][] = [
  ['RES-03: "" is rejected, a quantity needs text', '', 'regular expression'],
  ['RES-04: "1.2.3Gi" is rejected, two decimal points', '1.2.3Gi', 'regular expression'],
  ['RES-04: "1Gb" is rejected, b is no suffix letter', '1Gb', 'regular expression'],
  ['RES-03: " 1" is rejected, no leading space', ' 1', 'regular expression'],
  ['RES-03: "1 " is rejected, no trailing space', '1 ', 'regular expression'],
  ['RES-04: "1 Gi" is rejected, no space before the suffix', '1 Gi', 'regular expression'],
  ['RES-04: "1.1.M" is rejected, two decimal points', '1.1.M', 'regular expression'],
  ['RES-04: "1+1.0M" is rejected, a sign inside the number', '1+1.0M', 'regular expression'],
  ['RES-04: "0.1am" is rejected, a is no suffix letter', '0.1am', 'regular expression'],
  ['RES-03: "aoeu" is rejected, not a number', 'aoeu', 'regular expression'],
  ['RES-04: "0.1mi" is rejected, mi is no suffix', '0.1mi', "unable to parse quantity's suffix"],
  ['RES-04: "1i" is rejected, i alone is no suffix', '1i', "unable to parse quantity's suffix"],
  ['RES-04: "1K" is rejected, kilo is lower-case k', '1K', "unable to parse quantity's suffix"],
  ['RES-03: "-3.01e-" is rejected, the exponent has no digits', '-3.01e-', "unable to parse quantity's suffix"],
  ['RES-03: "1e" is rejected, the exponent has no digits', '1e', "unable to parse quantity's suffix"],
  ['RES-04: "Pi" is rejected, the slow path needs a digit', 'Pi', 'unable to parse numeric part of quantity'],
  ['RES-03: "e-10" is rejected, the slow path needs a digit', 'e-10', 'unable to parse numeric part of quantity'],
];

describe('invalid quantities', () => {
  it.each(invalid)('%s', (_name, text, message) => {
    expect(() => parseQuantity(text)).toThrow(InputError);
    expect(() => parseQuantity(text)).toThrow(message);
    expect(() => parseQuantity(text)).toThrow(JSON.stringify(text));
    expect(tryParseQuantity(text)).toBeUndefined();
    expect(isQuantity(text)).toBe(false);
  });

  it('RES-03: isQuantity is false for anything but a string', () => {
    for (const v of [1, null, undefined, {}, ['1']]) expect(isQuantity(v)).toBe(false);
    expect(isQuantity('250m')).toBe(true);
  });
});

describe('arithmetic and comparison', () => {
  const q = parseQuantity;
  // [name, left, right, sum, difference]
  const rows: [string, string, string, string, string][] = [
    ['RES-04: "1Gi" + "512Mi" keeps BinarySI', '1Gi', '512Mi', '1536Mi', '512Mi'],
    ['RES-04: "0" + "1Gi" takes the right format because the left is zero', '0', '1Gi', '1Gi', '-1Gi'],
    ['RES-03: "100m" + "1Gi" keeps DecimalSI', '100m', '1Gi', '1073741824100m', '-1073741823900m'],
    ['RES-04: "1Gi" + "100m" stays BinarySI but prints decimal, not a whole number', '1Gi', '100m', '1073741824100m', '1073741823900m'],
    ['RES-04: "1Ki" + "1" is 1025, no binary suffix fits', '1Ki', '1', '1025', '1023'],
    ['RES-03: "1e3" + "1k" keeps DecimalExponent', '1e3', '1k', '2e3', '0'],
    ['RES-03: "1k" + "1e3" keeps DecimalSI', '1k', '1e3', '2k', '0'],
    ['RES-03: "250m" + "750m" is one core', '250m', '750m', '1', '-500m'],
    ['RES-04: "4Ei" + "4Ei" is 2^63, beyond int64 yet exact', '4Ei', '4Ei', '8Ei', '0'],
  ];
  it.each(rows)('%s', (_name, a, b, sum, diff) => {
    expect(q(a).add(q(b)).toString()).toBe(sum);
    expect(q(a).sub(q(b)).toString()).toBe(diff);
  });

  it('RES-04: "1Gi" - "1Gi" is zero in the left format; zero + "100m" then takes DecimalSI', () => {
    const zero = q('1Gi').sub(q('1Gi'));
    expect(zero.isZero()).toBe(true);
    expect(zero.format).toBe('BinarySI');
    expect(zero.add(q('100m')).format).toBe('DecimalSI');
  });

  it('RES-04: cmp orders quantities across suffixes ("10000T" > "100Gi", "1Gi" > "1G")', () => {
    expect(q('10000T').cmp(q('100Gi'))).toBe(1);
    expect(q('1Gi').cmp(q('1G'))).toBe(1);
    expect(q('1G').cmp(q('1e9'))).toBe(0);
    expect(q('1000m').cmp(q('1'))).toBe(0);
    expect(q('-1').cmp(q('1m'))).toBe(-1);
    expect(q('1e2147483647').cmp(q('1e2147483646'))).toBe(1);
  });

  it('RES-03: Quantity.of builds exact values and rounds below 1n up', () => {
    expect(Quantity.of(1500n, -3).toString()).toBe('1500m');
    expect(Quantity.of(1n, -12).toString()).toBe('1n');
    expect(Quantity.of(3n, 30, 'BinarySI').withFormat('DecimalExponent').toString()).toBe('3e30');
  });
});

describe('properties', () => {
  const suffix = fc.oneof(
    fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'),
    fc.tuple(fc.constantFrom('e', 'E'), fc.integer({ min: -30, max: 30 })).map(([e, n]) => `${e}${n}`),
  );
  const text = fc
    .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,22}$/), fc.option(fc.stringMatching(/^[0-9]{0,12}$/)), suffix)
    .map(([sign, whole, frac, sfx]) => `${sign}${whole}${frac === null ? '' : `.${frac}`}${sfx}`);

  it('RES-03 RES-04: parse(toString(q)) equals q', () => {
    fc.assert(
      fc.property(text, (t) => {
        const q = parseQuantity(t);
        expect(parseQuantity(q.toString()).cmp(q)).toBe(0);
        expect(parseQuantity(q.canonical()).cmp(q)).toBe(0);
      }),
      { seed: 20261101, numRuns: 1000 },
    );
  });

  it('RES-03 RES-04: add and sub are exact inverses, add commutes', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const qa = parseQuantity(a);
        const qb = parseQuantity(b);
        expect(qa.add(qb).sub(qb).cmp(qa)).toBe(0);
        expect(qa.sub(qb).add(qb).cmp(qa)).toBe(0);
        expect(qa.add(qb).cmp(qb.add(qa))).toBe(0);
        expect(qa.cmp(qb)).toBe(-qb.cmp(qa) || 0);
      }),
      { seed: 20261102, numRuns: 1000 },
    );
  });
});
