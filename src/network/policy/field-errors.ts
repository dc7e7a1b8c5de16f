// Field errors worded as k8s.io/apimachinery/pkg/util/validation/field prints them, so a bad manifest
// reads the way `kubectl apply` would reject it: `spec.ingress[0].from[0].ipBlock.cidr: Invalid value:
// "10.0.0.0/33": must be a valid CIDR value, …`. Shared by the NetworkPolicy and Ingress validators.
import { InputError } from '../../errors.ts';
import { labelKeyErrors, labelValueErrors } from '../../k8s/selector.ts';
import type { LabelSelector } from '../../k8s/types.ts';

/** Go's %#v-ish rendering of a value in an error: strings quoted, numbers bare. */
const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

export const invalid = (path: string, value: unknown, detail: string): string => `${path}: Invalid value: ${show(value)}: ${detail}`;
export const required = (path: string, detail: string): string => `${path}: Required value${detail ? `: ${detail}` : ''}`;
export const forbidden = (path: string, detail: string): string => `${path}: Forbidden: ${detail}`;
export const notSupported = (path: string, value: unknown, supported: readonly string[]): string =>
  `${path}: Unsupported value: ${show(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`;

/** Throws one InputError carrying every problem, naming the object (`NetworkPolicy "default/db"`). */
export function throwIfAny(errors: readonly string[], subject: string): void {
  if (errors.length === 0) return;
  const message = errors.length === 1 ? (errors[0] as string) : `[${errors.join(', ')}]`;
  throw new InputError(message, undefined, undefined, undefined, subject);
}

/** metav1 ValidateLabelSelector: matchLabels keys and values, matchExpressions operators and values. */
export function labelSelectorErrors(selector: LabelSelector | undefined, path: string): string[] {
  if (selector === undefined || selector === null) return [];
  const errors: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    for (const msg of labelKeyErrors(key)) errors.push(invalid(`${path}.matchLabels`, key, msg));
    for (const msg of labelValueErrors(String(value))) errors.push(invalid(`${path}.matchLabels`, value, msg));
  }
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator as string) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errors.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errors.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errors.push(invalid(`${at}.operator`, expr.operator, 'not a valid selector operator'));
    }
    for (const msg of labelKeyErrors(expr.key)) errors.push(invalid(`${at}.key`, expr.key, msg));
  });
  return errors;
}

/** validation.IsValidPortNum. */
export const portNumberErrors = (port: number): string[] =>
  Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];

/** validation.IsValidPortName (IANA_SVC_NAME): "http", "metrics-1"; not "-http", "http--x", "123". */
export function portNameErrors(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 15) errors.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errors.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) errors.push('must not begin or end with a hyphen');
  if (name.includes('--')) errors.push('must not contain consecutive hyphens');
  return errors;
}
