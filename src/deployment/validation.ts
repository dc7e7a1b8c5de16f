// What the API server rejects in an apps/v1 Deployment (ROLL-05, API-04), after defaulting, in
// pkg/apis/apps/validation ValidateDeploymentSpec's order and wording. IntOrString values print as their
// String() (`Invalid value: 0`, `Invalid value: 110%`), as apimachinery's field.Error does for Stringers;
// releases before that printed the Go struct (`intstr.IntOrString{Type:0, IntVal:0, StrVal:""}`).
// Empty selectors print their value as JSON, an approximation of the Go rendering.
import { FieldPath } from '../k8s/positions.ts';
import { matchesSelector } from '../k8s/selector.ts';
import type { Deployment, IntOrString } from '../k8s/types.ts';
import { forbidden, notSupported, required, supportFor, validateMetadata, type FieldError } from '../k8s/validate-objects.ts';
import { deploymentDefaults } from './defaults.ts';

const PERCENT = /^[0-9]+%$/;
const PERCENT_MESSAGE =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

const invalidValue = (path: FieldPath, shown: string, detail: string): FieldError => ({ path, message: `Invalid value: ${shown}: ${detail}` });
const nonNegative = (path: FieldPath, value: number): FieldError[] =>
  value < 0 ? [invalidValue(path, String(value), 'must be greater than or equal to 0')] : [];

/** getIntOrPercentValue: a valid percentage's number, else the integer (IntValue of other strings is Atoi, 0 when not numeric). */
function intOrPercentValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  if (PERCENT.test(v)) return Number(v.slice(0, -1));
  return /^[+-]?\d+$/.test(v) ? Number(v) : 0;
}

/** ValidatePositiveIntOrPercent. */
function positiveIntOrPercent(v: IntOrString, path: FieldPath): FieldError[] {
  if (typeof v === 'string') return PERCENT.test(v) ? [] : [invalidValue(path, v, PERCENT_MESSAGE)];
  return nonNegative(path, v);
}

/** Go's %#v of map[string]string: keys sorted, `map[string]string{"app":"web", "tier":"fe"}`. */
const goStringMap = (m: Record<string, string>): string =>
  `map[string]string{${Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`)
    .join(', ')}}`;

function strategyErrors(d: Deployment, path: FieldPath): FieldError[] {
  const s = deploymentDefaults(d);
  if (s.strategyType === 'Recreate') {
    return d.spec.strategy?.rollingUpdate !== undefined ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  const ru = path.child('rollingUpdate');
  const maxUnavailable = s.maxUnavailable as IntOrString;
  const maxSurge = s.maxSurge as IntOrString;
  const errs = [...positiveIntOrPercent(maxUnavailable, ru.child('maxUnavailable')), ...positiveIntOrPercent(maxSurge, ru.child('maxSurge'))];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errs.push(invalidValue(ru.child('maxUnavailable'), String(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  if (typeof maxUnavailable === 'string' && PERCENT.test(maxUnavailable) && intOrPercentValue(maxUnavailable) > 100) {
    errs.push(invalidValue(ru.child('maxUnavailable'), maxUnavailable, 'must not be greater than 100%'));
  }
  return errs;
}

function templateErrors(d: Deployment, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const labels = d.spec.template.metadata?.labels ?? {};
  const selector = d.spec.selector;
  const empty = Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
  if (!empty && !matchesSelector(selector, labels)) {
    errs.push(invalidValue(path.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  // The template's Pod spec is validated as a Pod's (containers, resources, …), reported under spec.template.
  const pod = supportFor('v1', 'Pod')?.validate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'template' }, spec: d.spec.template.spec }) ?? [];
  errs.push(...pod.filter((e) => e.path.segments[0] !== 'metadata').map((e) => ({ ...e, path: e.path.under('spec', 'template') })));
  const restartPolicy = d.spec.template.spec.restartPolicy ?? 'Always';
  if (restartPolicy !== 'Always') errs.push(notSupported(path.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  return errs;
}

/**
 * ValidateDeployment. Examples (each a row in test/deployment/validation.test.ts):
 *
 *     maxSurge 0, maxUnavailable 0  → spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0
 *     maxUnavailable "110%"         → spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 110%: must not be greater than 100%
 *     maxSurge "20Percent"          → spec.strategy.rollingUpdate.maxSurge: Invalid value: 20Percent: a valid percent string must be …
 *     progressDeadlineSeconds 5, minReadySeconds 10 → spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds
 */
export function validateDeployment(d: Deployment): FieldError[] {
  const s = deploymentDefaults(d);
  const spec = FieldPath.root('spec');
  const errs: FieldError[] = [...validateMetadata(d as unknown as Record<string, unknown>, true)];
  errs.push(...nonNegative(spec.child('replicas'), s.replicas));
  const selector = d.spec.selector as Deployment['spec']['selector'] | undefined;
  if (selector === undefined || selector === null) errs.push(required(spec.child('selector')));
  else if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
    errs.push(invalidValue(spec.child('selector'), JSON.stringify(selector), 'empty selector is invalid for deployment'));
  }
  if (selector) errs.push(...templateErrors(d, spec.child('template')));
  errs.push(...strategyErrors(d, spec.child('strategy')));
  errs.push(...nonNegative(spec.child('minReadySeconds'), s.minReadySeconds));
  errs.push(...nonNegative(spec.child('revisionHistoryLimit'), s.revisionHistoryLimit));
  errs.push(...nonNegative(spec.child('progressDeadlineSeconds'), s.progressDeadlineSeconds));
  if (s.progressDeadlineSeconds <= s.minReadySeconds) {
    errs.push(invalidValue(spec.child('progressDeadlineSeconds'), String(s.progressDeadlineSeconds), 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** `field: message`, the line kubectl prints after `The Deployment "web" is invalid: `. */
export function formatFieldError(e: FieldError): string {
  return `${e.path.toString()}: ${e.message}`;
}
