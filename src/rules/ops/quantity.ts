// json-logic operations on Kubernetes quantities (RES-01..RES-09): exact comparisons and sums of resource
// requests/limits, e.g. {"quantity_lte": [{"var": "request"}, {"var": "limit"}]} for RES-02.
// Arguments are quantity strings ("250m", "1Gi"); a JSON number counts as its decimal text (2 → "2",
// 0.5 → "0.5"). Invalid text throws InputError naming the operation. Results are Kubernetes' canonical strings.
import { InputError } from '../../errors.ts';
import { parseQuantity, Quantity } from '../../k8s/quantity.ts';
import type { CustomOperation } from './index.ts';

const describe = (v: unknown): string => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)));

function quantity(op: string, v: unknown): Quantity {
  let text: string;
  if (typeof v === 'string') text = v;
  else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint') text = String(v);
  else throw new InputError(`${op}: expected a quantity string or number, got ${describe(v)}`);
  try {
    return parseQuantity(text);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${op}: ${e.message}`);
    throw e;
  }
}

/** A bigint as a JS number, refusing values a double cannot hold exactly (2^53 and beyond). */
function exactNumber(op: string, n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InputError(`${op}: ${n} does not fit a JSON number exactly; compare with quantity_cmp instead`);
  }
  return Number(n);
}

function sum(op: string, items: readonly unknown[]): string {
  return items.reduce<Quantity>((acc, item) => acc.add(quantity(op, item)), Quantity.of(0n)).toString();
}

const compare =
  (op: string, holds: (c: number) => boolean): CustomOperation =>
  (a, b) =>
    holds(quantity(op, a).cmp(quantity(op, b)));

export const quantityOperations: Readonly<Record<string, CustomOperation>> = {
  quantity_cmp: (a, b) => quantity('quantity_cmp', a).cmp(quantity('quantity_cmp', b)),
  quantity_eq: compare('quantity_eq', (c) => c === 0),
  quantity_lt: compare('quantity_lt', (c) => c < 0),
  quantity_lte: compare('quantity_lte', (c) => c <= 0),
  quantity_gt: compare('quantity_gt', (c) => c > 0),
  quantity_gte: compare('quantity_gte', (c) => c >= 0),
  /** Left to right with Kubernetes Add: the first non-zero operand's format wins ("1Gi" + "512Mi" = "1536Mi"). */
  quantity_add: (...texts) => sum('quantity_add', texts),
  quantity_sub: (a, b) => quantity('quantity_sub', a).sub(quantity('quantity_sub', b)).toString(),
  /** Sum of an array, "0" when empty (RES-01: a Pod's figure is the sum over its containers). */
  quantity_sum: (items) => {
    if (items === null || items === undefined) return '0';
    if (!Array.isArray(items)) throw new InputError(`quantity_sum: expected an array, got ${describe(items)}`);
    return sum('quantity_sum', items);
  },
  /** MilliValue() as a number: "250m" → 250, "1" → 1000 (RES-03). */
  quantity_milli: (text) => exactNumber('quantity_milli', quantity('quantity_milli', text).milliValue()),
  /** Value() as a number, rounded up: "1Mi" → 1048576, "100m" → 1 (RES-04). */
  quantity_value: (text) => exactNumber('quantity_value', quantity('quantity_value', text).value()),
  quantity_valid: (text) => {
    if (typeof text !== 'string' && !(typeof text === 'number' && Number.isFinite(text))) return false;
    try {
      quantity('quantity_valid', text);
      return true;
    } catch {
      return false;
    }
  },
};
