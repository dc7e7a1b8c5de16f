// The API server's checks of an Ingress that routing depends on (pkg/apis/networking/validation/
// validation.go: validateIngressRules, validateHTTPIngressPath, validateIngressBackend): hosts, path
// types and paths, Service backends. Failing Ingresses raise an InputError naming object and field.
import { invalid, notSupported, portNameErrors, portNumberErrors, required, throwIfAny } from '../policy/field-errors.ts';
import type { HTTPIngressPath, Ingress, IngressBackend } from './types.ts';

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const ingressKey = (i: Ingress): string => `${i.metadata.namespace ?? 'default'}/${i.metadata.name}`;

function hostErrors(host: string, path: string): string[] {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return [invalid(path, host, 'must be a DNS name, not an IP address')];
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (name.includes('*')) return [invalid(path, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain")];
  if (name.length > 253 || !DNS1123.test(name)) {
    return [invalid(path, host, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")];
  }
  return [];
}

function backendErrors(backend: IngressBackend | undefined, path: string): string[] {
  if (!backend?.service && !backend?.resource) return [invalid(path, '', 'resource or service backend is required')];
  if (!backend.service) return [];
  const { name, port } = backend.service;
  const errors: string[] = [];
  if (!name) errors.push(required(`${path}.service.name`, ''));
  if (port?.name && port.number) errors.push(invalid(`${path}.service.port`, port.name, 'cannot set both port name & port number'));
  else if (port?.name) errors.push(...portNameErrors(port.name).map((m) => invalid(`${path}.service.port.name`, port.name, m)));
  else if (port?.number !== undefined) errors.push(...portNumberErrors(port.number).map((m) => invalid(`${path}.service.port.number`, port.number, m)));
  else errors.push(required(`${path}.service.port`, 'port name or number is required'));
  return errors;
}

function pathErrors(p: HTTPIngressPath, at: string): string[] {
  if (!p.pathType) return [required(`${at}.pathType`, 'pathType must be specified')];
  if (!PATH_TYPES.includes(p.pathType)) return [notSupported(`${at}.pathType`, p.pathType, PATH_TYPES)];
  const errors = backendErrors(p.backend, `${at}.backend`);
  const path = p.path ?? '';
  if (p.pathType === 'ImplementationSpecific') {
    if (path !== '' && !path.startsWith('/')) errors.push(invalid(`${at}.path`, path, 'must be an absolute path'));
    return errors;
  }
  if (!path.startsWith('/')) return [...errors, invalid(`${at}.path`, path, 'must be an absolute path')];
  for (const seq of INVALID_SEQUENCES) if (path.includes(seq)) errors.push(invalid(`${at}.path`, path, `must not contain '${seq}'`));
  for (const suffix of INVALID_SUFFIXES) if (path.endsWith(suffix)) errors.push(invalid(`${at}.path`, path, `cannot end with '${suffix}'`));
  return errors;
}

export function ingressErrors(ing: Ingress): string[] {
  const spec = ing.spec ?? {};
  const rules = spec.rules ?? [];
  const errors: string[] = [];
  if (rules.length === 0 && !spec.defaultBackend) errors.push(invalid('spec', '[]', 'either `defaultBackend` or `rules` must be specified'));
  if (spec.defaultBackend) errors.push(...backendErrors(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    if (rule.host) errors.push(...hostErrors(rule.host, `spec.rules[${i}].host`));
    if (rule.http && (rule.http.paths ?? []).length === 0) errors.push(required(`spec.rules[${i}].http.paths`, ''));
    (rule.http?.paths ?? []).forEach((p, j) => errors.push(...pathErrors(p, `spec.rules[${i}].http.paths[${j}]`)));
  });
  (spec.tls ?? []).forEach((tls, i) => (tls.hosts ?? []).forEach((h, j) => errors.push(...hostErrors(h, `spec.tls[${i}].hosts[${j}]`))));
  return errors;
}

/** Throws an InputError naming the Ingress (`Ingress "canary/web-canary-b"`) and every bad field. */
export function validateIngress(ing: Ingress): void {
  throwIfAny(ingressErrors(ing), `Ingress "${ingressKey(ing)}"`);
}
