// EndpointSlices given in the manifests (NET-SVC-06): a Service without a selector gets its backends only from
// slices labelled kubernetes.io/service-name=<service>, e.g. an external database's IP. Slices the
// controller manages (endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io) are dropped
// for Services the model's controller recomputes, so a dumped cluster does not list its endpoints twice.
// Unset conditions read as the API documents them: ready and serving true, terminating false.
import { InputError } from '../../errors.ts';
import type { EndpointNet, EndpointSliceNet, ServiceNet } from '../types.ts';
import { parseIPv4 } from './ipv4.ts';
import { SERVICE_NAME_LABEL, subjectOf, type EndpointSlice } from './objects.ts';

export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

/**
 * The given slices of known Services, one group per slice port. `recomputed` says which Services
 * ("ns/name") the model's controller already covers. IPv6 and FQDN slices are skipped (IPv4 model).
 */
export function manualSlices(slices: readonly EndpointSlice[], services: readonly ServiceNet[], recomputed: ReadonlySet<string>): EndpointSliceNet[] {
  const out: EndpointSliceNet[] = [];
  for (const slice of slices) {
    const namespace = slice.metadata.namespace ?? 'default';
    const serviceName = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (serviceName === undefined || slice.addressType !== 'IPv4') continue;
    const key = `${namespace}/${serviceName}`;
    if (!services.some((s) => s.namespace === namespace && s.name === serviceName)) continue;
    if (recomputed.has(key) && slice.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME) continue;
    const subject = subjectOf('EndpointSlice', namespace, slice.metadata.name);
    const endpoints: EndpointNet[] = slice.endpoints.flatMap((e, i) =>
      e.addresses.map((address, j) => {
        if (parseIPv4(address) === undefined) {
          throw new InputError(`endpoints[${i}].addresses[${j}]: Invalid value: "${address}": must be a valid IPv4 address`, undefined, undefined, undefined, subject);
        }
        const ready = e.conditions?.ready ?? true;
        const ep: EndpointNet = { ip: address, node: e.nodeName ?? '', ready, serving: e.conditions?.serving ?? true, terminating: e.conditions?.terminating ?? false };
        if (e.targetRef?.kind === 'Pod' && e.targetRef.name) ep.pod = { namespace: e.targetRef.namespace ?? namespace, name: e.targetRef.name };
        if (e.hostname) ep.hostname = e.hostname;
        return ep;
      }),
    );
    const ports = slice.ports ?? [];
    if (ports.length === 0) {
      out.push({ namespace, service: serviceName, portName: '', protocol: 'TCP', port: 0, endpoints });
      continue;
    }
    ports.forEach((p, i) => {
      if (p.port === undefined || p.port < 1 || p.port > 65535) {
        throw new InputError(`ports[${i}].port: Invalid value: ${p.port}: must be between 1 and 65535, inclusive`, undefined, undefined, undefined, subject);
      }
      out.push({ namespace, service: serviceName, portName: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port, endpoints });
    });
  }
  return out;
}
