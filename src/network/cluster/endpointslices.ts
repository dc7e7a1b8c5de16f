// The EndpointSlice controller (NET-SVC-01, 05, 06, 07, 09), after pkg/controller/endpointslice and
// staging/src/k8s.io/endpointslice (reconciler.go, utils.go). For a Service with a selector that is not
// ExternalName, every Pod of its namespace matching the selector becomes one endpoint per Service port —
// unless it has no IP or is terminal (Succeeded/Failed) — with conditions serving = Pod Ready, terminating =
// deletionTimestamp set, ready = serving and not terminating (or publishNotReadyAddresses). A named
// targetPort is looked up among the Pod's container ports with the same name and protocol (FindPort); a
// Pod without such a port gets no endpoint for that Service port. Headless Services get slices too (DNS
// reads them), and a headless Service without ports gets one port-less group, written here as port 0.
//
// Left out: the 100-endpoint slice limit and slice names (the model keeps one group per Service port and
// resolved target port), topology hints, dual-stack address types.
import type { EndpointNet, EndpointSliceNet, PodNet, Protocol, ServiceNet } from '../types.ts';
import { decideBoolean } from './rules.ts';

/** A Pod as the controller reads it: the network view plus its phase ("" when the manifest gives none). */
export interface EndpointPod {
  readonly net: PodNet;
  readonly phase: string;
}

/** Whether the Service's selector (every key equal; a nil selector matches nothing) matches the labels. */
export function selectorMatches(selector: Readonly<Record<string, string>> | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** FindPort: a number is used as is; a name must match a container port of the same protocol. */
export function resolveTargetPort(pod: PodNet, targetPort: number | string, protocol: Protocol): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  const named = pod.ports[targetPort];
  return named !== undefined && named.protocol === protocol ? named.port : undefined;
}

/** Only a selector the apiserver keeps counts: an empty map is dropped on storage (omitempty), leaving none. */
const hasSelector = (service: ServiceNet): boolean => service.selector !== undefined && Object.keys(service.selector).length > 0;

/** The slices the controller publishes for one Service; [] when it manages none for it (NET-SVC-06, DNS-08). */
export function controllerSlices(service: ServiceNet, pods: readonly EndpointPod[], publishNotReadyAddresses = false): EndpointSliceNet[] {
  const headless = service.clusterIP === 'None';
  if (!decideBoolean('slices-managed', { type: service.type, hasSelector: hasSelector(service), headless })) return [];
  const members = pods.filter(
    (p) =>
      p.net.namespace === service.namespace &&
      selectorMatches(service.selector, p.net.labels) &&
      decideBoolean('pod-in-endpoints', { phase: p.phase, hasIP: p.net.ip !== '' }),
  );
  const endpointOf = (pod: PodNet): EndpointNet => {
    const serving = pod.ready;
    const ready = decideBoolean('endpoint-ready', { serving, terminating: pod.terminating, publishNotReadyAddresses });
    const ep: EndpointNet = { ip: pod.ip, node: pod.node, pod: { namespace: pod.namespace, name: pod.name }, ready, serving, terminating: pod.terminating };
    // ShouldSetHostname: the Pod names a hostname and this Service as its subdomain.
    if (pod.hostname && pod.subdomain === service.name) ep.hostname = pod.hostname;
    return ep;
  };

  if (service.ports.length === 0) {
    if (!headless) return [];
    return [{ namespace: service.namespace, service: service.name, portName: '', protocol: 'TCP', port: 0, endpoints: members.map((p) => endpointOf(p.net)) }];
  }
  const slices: EndpointSliceNet[] = [];
  for (const sp of service.ports) {
    // Pods resolving a named targetPort to different numbers land in different slices.
    const byPort = new Map<number, EndpointNet[]>();
    for (const { net } of members) {
      const port = resolveTargetPort(net, sp.targetPort, sp.protocol);
      if (port === undefined) continue;
      const list = byPort.get(port) ?? [];
      list.push(endpointOf(net));
      byPort.set(port, list);
    }
    for (const [port, endpoints] of byPort) {
      slices.push({ namespace: service.namespace, service: service.name, portName: sp.name, protocol: sp.protocol, port, endpoints });
    }
  }
  return slices;
}
