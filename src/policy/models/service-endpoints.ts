// `service-endpoints`: would this Service have endpoints? The workloads its selector matches are run
// through the scheduler (scheduling.ts) and the Pods that get a node, with the Pods already bound in the
// manifests, go through the cluster network model's EndpointSlice controller (src/network/cluster:
// IPAM, FindPort for named targetPorts, readiness; NET-SVC-01, NET-SVC-07, NET-SVC-09). A Service port
// left without a ready endpoint makes kube-proxy reject its connections ("<ns>/<svc>:<port> has no
// endpoints"); the answer says why: the workloads have 0 replicas, none of their Pods can be scheduled,
// or their containers declare no port of the targetPort's name and protocol.
// A selector matching no workload at all is the static policy service-selects-no-pods' finding, so the
// model does not answer then; nor for ExternalName Services or Services without a selector (NET-SVC-06).
import { buildClusterNetwork, resolveTargetPort, type NetworkObject } from '../../network/cluster/index.ts';
import type { Service } from '../../network/cluster/objects.ts';
import type { PodNet, ServicePortNet } from '../../network/types.ts';
import type { Pod } from '../../k8s/types.ts';
import type { IndexedObject } from '../object-index.ts';
import { isRecord } from '../pod-template.ts';
import { describeObject, memo, networkNodes, objectKey, workloadTemplate, workloadsSelectedBy } from './cluster-view.ts';
import { placeWorkload } from './scheduling.ts';
import type { ModelContext, PolicyModel } from './types.ts';

interface Backend {
  workload: IndexedObject;
  /** The Pods that would run, bound to their nodes. */
  pods: Pod[];
  /** Why fewer Pods run than the workload wants, when none do. */
  none?: string;
}

/** The Pods a selected workload contributes: a bound Pod as written, else its placed replicas. */
function backendOf(o: IndexedObject, ctx: ModelContext): Backend | undefined {
  const raw = o.object as unknown as Pod;
  if (o.kind === 'Pod' && typeof raw.spec?.nodeName === 'string' && raw.spec.nodeName !== '') return { workload: o, pods: [raw] };
  const t = workloadTemplate(o, ctx);
  const placement = placeWorkload(o, ctx);
  if (!t || !placement) return undefined;
  const pods = placement.placed.map(({ pod, node }) => ({ ...t.pod, metadata: { ...t.pod.metadata, name: pod }, spec: { ...t.pod.spec, nodeName: node } }));
  if (pods.length > 0) return { workload: o, pods };
  if (placement.wanted === 0) {
    const why = o.kind === 'DaemonSet' ? 'runs on no node (its node selector, affinity or tolerations admit none)' : o.kind === 'Job' || o.kind === 'CronJob' ? 'runs no Pod (parallelism 0)' : 'has replicas: 0';
    return { workload: o, pods, none: `${describeObject(o)} ${why}` };
  }
  return { workload: o, pods, none: `no Pod of ${describeObject(o)} can be scheduled (${placement.failed?.message ?? 'FailedScheduling'})` };
}

/** kube-proxy's ServicePortName: "<ns>/<svc>" plus ":<port name>" when the port has one. */
const servicePortName = (svc: IndexedObject, sp: ServicePortNet): string => `${svc.namespace}/${svc.name}${sp.name ? `:${sp.name}` : ''}`;

function portDescription(sp: ServicePortNet): string {
  const target = typeof sp.targetPort === 'string' ? `"${sp.targetPort}"` : String(sp.targetPort);
  return `port ${sp.port}/${sp.protocol} (targetPort ${target})`;
}

export function serviceEndpointsAnswer(target: IndexedObject, ctx: ModelContext): Record<string, unknown> | undefined {
  const spec = isRecord(target.object['spec']) ? target.object['spec'] : {};
  if (spec['type'] === 'ExternalName' || !isRecord(spec['selector'])) return undefined;
  const selector = spec['selector'] as Record<string, string>;
  const selected = workloadsSelectedBy(ctx, target.namespace, selector);
  if (selected.length === 0) return undefined;
  const backends = selected.map((o) => backendOf(o, ctx)).filter((b): b is Backend => b !== undefined);
  if (backends.length === 0) return undefined;

  const service = { ...(target.object as unknown as Service), metadata: { ...(target.object as unknown as Service).metadata, namespace: target.namespace } };
  // Addresses are the model's own (networkNodes); a bound Pod's status other than its phase and Ready condition does not matter here.
  const pods = backends.flatMap((b) =>
    b.pods.map((p) => ({ ...p, metadata: { ...p.metadata, namespace: target.namespace }, ...(p.status ? { status: { ...p.status, podIP: undefined } } : {}) })),
  );
  const network = buildClusterNetwork([...networkNodes(ctx), ...pods, service] as NetworkObject[]);
  const net = network.services.find((s) => s.namespace === target.namespace && s.name === target.name);
  if (!net) return undefined;
  const slices = network.endpointSlices.filter((s) => s.namespace === target.namespace && s.service === target.name);
  const podNets = network.pods;

  const ports = net.ports.map((sp, i) => {
    const endpoints = slices.filter((s) => s.portName === sp.name && s.protocol === sp.protocol).reduce((n, s) => n + s.endpoints.filter((e) => e.ready).length, 0);
    return { index: i, name: sp.name, port: sp.port, protocol: sp.protocol, targetPort: sp.targetPort, endpoints, sp };
  });
  const empty = ports.filter((p) => p.endpoints === 0);
  const total = ports.reduce((n, p) => n + p.endpoints, 0);
  const result: Record<string, unknown> = {
    endpoints: total,
    ports: ports.map(({ sp: _sp, index: _i, ...rest }) => rest),
    noEndpoints: empty.length > 0,
    message: '',
    path: 'spec.selector',
  };
  if (empty.length === 0) {
    result['message'] = `${ports.map((p) => `${portDescription(p.sp)}: ${p.endpoints} endpoint(s)`).join(', ')}`;
    return result;
  }

  const reasons = (sp: ServicePortNet): string[] =>
    backends.map((b) => {
      if (b.none) return b.none;
      const mine = podNets.filter((p: PodNet) => b.pods.some((q) => q.metadata.name === p.name));
      const named = mine[0]?.ports ?? {};
      if (typeof sp.targetPort === 'string' && mine.every((p) => resolveTargetPort(p, sp.targetPort, sp.protocol) === undefined)) {
        const declared = Object.entries(named).map(([n, v]) => `${n} (${v.port}/${v.protocol})`);
        return `${describeObject(b.workload)} declares no container port named "${sp.targetPort}" with protocol ${sp.protocol} (${declared.length > 0 ? `named ports: ${declared.join(', ')}` : 'no named ports'})`;
      }
      return `${describeObject(b.workload)}'s Pods are not ready`;
    });
  const first = empty[0] as (typeof empty)[number];
  // Ports left empty for the same reasons are told once.
  const groups = new Map<string, typeof empty>();
  for (const p of empty) {
    const why = reasons(p.sp).join('; ');
    groups.set(why, [...(groups.get(why) ?? []), p]);
  }
  const parts = [...groups].map(([why, list]) => {
    const one = list.length === 1;
    const comments = list.map((p) => `"${servicePortName(target, p.sp)} has no endpoints"`).join(', ');
    return `${list.map((p) => portDescription(p.sp)).join(' and ')} ${one ? 'has' : 'have'} no endpoints, so kube-proxy rejects ${one ? 'its' : 'their'} connections (${comments}): ${why}`;
  });
  result['message'] = parts.join('. ');
  result['path'] = backends.every((b) => b.none) ? 'spec.selector' : `spec.ports[${first.index}].targetPort`;
  return result;
}

export const serviceEndpointsModel: PolicyModel = {
  name: 'service-endpoints',
  description: "Whether a Service would have ready endpoints once the workloads its selector matches are scheduled, with the reason when a port has none",
  kinds: ['Service'],
  answer(target, ctx) {
    return memo(ctx, `endpoints:${objectKey(target)}`, () => serviceEndpointsAnswer(target, ctx));
  },
};
