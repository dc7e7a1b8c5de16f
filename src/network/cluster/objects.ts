// The manifest fields the cluster network model reads that src/k8s/types.ts does not carry (yet): Service
// (core/v1), EndpointSlice (discovery.k8s.io/v1) and the Pod's DNS fields. Names follow the Kubernetes API.
import type { IntOrString, KubeObject, Pod } from '../../k8s/types.ts';
import type { Protocol } from '../types.ts';

export interface ServicePortSpec {
  name?: string;
  protocol?: Protocol;
  port: number;
  /** Defaults to `port` (the apiserver's defaulting, NET-SVC-09). */
  targetPort?: IntOrString;
  nodePort?: number;
}

export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; uid?: string };
  spec: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
    /** "None" makes the Service headless (NET-SVC-05). */
    clusterIP?: string;
    ports?: ServicePortSpec[];
    /** A nil selector matches nothing: no managed EndpointSlices (NET-SVC-06). */
    selector?: Record<string, string>;
    externalName?: string;
    publishNotReadyAddresses?: boolean;
    sessionAffinity?: 'None' | 'ClientIP';
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
    externalTrafficPolicy?: 'Cluster' | 'Local';
    internalTrafficPolicy?: 'Cluster' | 'Local';
    /** Client CIDRs a LoadBalancer admits (kube-proxy's KUBE-FW chain). */
    loadBalancerSourceRanges?: string[];
    externalIPs?: string[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface EndpointSliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string };
}

export interface EndpointSlice {
  apiVersion: 'discovery.k8s.io/v1';
  kind: 'EndpointSlice';
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  ports?: { name?: string; protocol?: Protocol; port?: number }[];
  endpoints: EndpointSliceEndpoint[];
}

/** A Pod as the network reads it: its DNS identity (DNS-05) and host networking on top of the core fields. */
export type NetworkPod = Pod & { spec: Pod['spec'] & { hostname?: string; subdomain?: string; hostNetwork?: boolean } };

/** What buildClusterNetwork accepts: the core objects plus Services and EndpointSlices; other kinds are ignored. */
export type NetworkObject = KubeObject | Service | EndpointSlice;

/** The label tying a hand-made or controller-made EndpointSlice to its Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** `Service "default/kubia"`: how an InputError names the object (as kubectl would, namespace-qualified). */
export const subjectOf = (kind: string, namespace: string | undefined, name: string): string =>
  namespace === undefined ? `${kind} "${name}"` : `${kind} "${namespace}/${name}"`;
