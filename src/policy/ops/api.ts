// json-logic operations for the networking, RBAC and API-version policies: what json-logic alone cannot say
// because `some`/`filter` bodies cannot see the outer data (the backend's port against the Service's list),
// or because the answer rests on a table of Kubernetes releases.
//
// API_LIFECYCLE follows the Deprecated API Migration Guide (kubernetes.io/docs/reference/using-api/
// deprecation-guide) for the removals, and the `k8s:prerelease-lifecycle-gen` tags of staging/src/k8s.io/api
// (zz_generated.prerelease-lifecycle.go) for the release that deprecated each version. The API server's own
// warning reads the same numbers: "extensions/v1beta1 Ingress is deprecated in v1.14+, unavailable in v1.22+".
import type { CustomOperation } from '../../rules/ops/index.ts';
import { ObjectIndex } from '../object-index.ts';
import { isRecord } from '../pod-template.ts';

export interface ApiLifecycle {
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: string;
  /** First release that no longer serves it; null for a GA version, which is deprecated but never removed. */
  removedIn: string | null;
  /** What to write instead, as the migration guide names it. */
  replacement: string;
}

const row = (apiVersion: string, kinds: string[], deprecatedIn: string, removedIn: string | null, replacement: string): ApiLifecycle => ({
  apiVersion,
  kinds,
  deprecatedIn,
  removedIn,
  replacement,
});

const FLOWCONTROL = ['FlowSchema', 'PriorityLevelConfiguration'];

export const API_LIFECYCLE: readonly ApiLifecycle[] = [
  // 1.16
  row('extensions/v1beta1', ['DaemonSet', 'Deployment', 'ReplicaSet'], '1.8', '1.16', 'apps/v1'),
  row('extensions/v1beta1', ['NetworkPolicy'], '1.9', '1.16', 'networking.k8s.io/v1'),
  row('extensions/v1beta1', ['PodSecurityPolicy'], '1.11', '1.16', 'policy/v1beta1 (itself removed in 1.25: use Pod Security Admission)'),
  row('apps/v1beta1', ['Deployment', 'StatefulSet', 'ControllerRevision'], '1.8', '1.16', 'apps/v1'),
  row('apps/v1beta2', ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'], '1.9', '1.16', 'apps/v1'),
  // 1.22
  row('extensions/v1beta1', ['Ingress'], '1.14', '1.22', 'networking.k8s.io/v1'),
  row('networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], '1.19', '1.22', 'networking.k8s.io/v1'),
  row('admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], '1.16', '1.22', 'admissionregistration.k8s.io/v1'),
  row('apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], '1.16', '1.22', 'apiextensions.k8s.io/v1'),
  row('apiregistration.k8s.io/v1beta1', ['APIService'], '1.19', '1.22', 'apiregistration.k8s.io/v1'),
  row('authentication.k8s.io/v1beta1', ['TokenReview'], '1.19', '1.22', 'authentication.k8s.io/v1'),
  row('authorization.k8s.io/v1beta1', ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'], '1.19', '1.22', 'authorization.k8s.io/v1'),
  row('certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], '1.19', '1.22', 'certificates.k8s.io/v1'),
  row('coordination.k8s.io/v1beta1', ['Lease'], '1.19', '1.22', 'coordination.k8s.io/v1'),
  row('rbac.authorization.k8s.io/v1beta1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], '1.17', '1.22', 'rbac.authorization.k8s.io/v1'),
  row('scheduling.k8s.io/v1beta1', ['PriorityClass'], '1.14', '1.22', 'scheduling.k8s.io/v1'),
  row('storage.k8s.io/v1beta1', ['CSINode'], '1.17', '1.22', 'storage.k8s.io/v1'),
  row('storage.k8s.io/v1beta1', ['CSIDriver', 'StorageClass', 'VolumeAttachment'], '1.19', '1.22', 'storage.k8s.io/v1'),
  // 1.25
  row('batch/v1beta1', ['CronJob'], '1.21', '1.25', 'batch/v1'),
  row('discovery.k8s.io/v1beta1', ['EndpointSlice'], '1.21', '1.25', 'discovery.k8s.io/v1'),
  row('events.k8s.io/v1beta1', ['Event'], '1.22', '1.25', 'events.k8s.io/v1'),
  row('autoscaling/v2beta1', ['HorizontalPodAutoscaler'], '1.22', '1.25', 'autoscaling/v2'),
  row('policy/v1beta1', ['PodDisruptionBudget'], '1.21', '1.25', 'policy/v1'),
  row('policy/v1beta1', ['PodSecurityPolicy'], '1.21', '1.25', 'no API: Pod Security Admission (pod-security.kubernetes.io/* namespace labels)'),
  row('node.k8s.io/v1beta1', ['RuntimeClass'], '1.22', '1.25', 'node.k8s.io/v1'),
  // 1.26, 1.27, 1.29, 1.32
  row('flowcontrol.apiserver.k8s.io/v1beta1', FLOWCONTROL, '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1 (v1beta3 before 1.29)'),
  row('autoscaling/v2beta2', ['HorizontalPodAutoscaler'], '1.23', '1.26', 'autoscaling/v2'),
  row('storage.k8s.io/v1beta1', ['CSIStorageCapacity'], '1.24', '1.27', 'storage.k8s.io/v1'),
  row('flowcontrol.apiserver.k8s.io/v1beta2', FLOWCONTROL, '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1 (v1beta3 before 1.29)'),
  row('flowcontrol.apiserver.k8s.io/v1beta3', FLOWCONTROL, '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1'),
  // KEP-4974: "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice". A GA version stays
  // served, so this is the one row that only ever warns.
  row('v1', ['Endpoints'], '1.33', null, 'discovery.k8s.io/v1 EndpointSlice'),
];

/** Every kind the table names, for the `kinds` of the policies that read it (a test keeps them equal). */
export const API_LIFECYCLE_KINDS: readonly string[] = [...new Set(API_LIFECYCLE.flatMap((r) => r.kinds))].sort();

/** The table's answer for one object, with its kind alone. */
export interface ApiLifecycleAnswer {
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  removedIn: string | null;
  replacement: string;
}

function lifecycle(apiVersion: unknown, kind: unknown): ApiLifecycleAnswer | null {
  const r = API_LIFECYCLE.find((x) => x.apiVersion === apiVersion && x.kinds.includes(String(kind)));
  return r ? { apiVersion: r.apiVersion, kind: String(kind), deprecatedIn: r.deprecatedIn, removedIn: r.removedIn, replacement: r.replacement } : null;
}

/** "1.9" < "1.16": releases compare as numbers, major then minor. */
function atLeast(op: string, version: unknown, release: string): boolean {
  const parse = (v: unknown): [number, number] => {
    const m = /^v?(\d+)\.(\d+)/.exec(String(v));
    if (!m) throw new Error(`${op}: "${String(v)}" is not a Kubernetes release such as "1.25"`);
    return [Number(m[1]), Number(m[2])];
  };
  const [a, b] = [parse(version), parse(release)];
  return a[0] - b[0] > 0 || (a[0] === b[0] && a[1] >= b[1]);
}

function index(op: string, value: unknown): ObjectIndex {
  if (value instanceof ObjectIndex) return value;
  throw new Error(`${op}: the first argument must be {"var": "cluster"}`);
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * FindPort (pkg/api/v1/pod/util.go): a named targetPort resolves against the ports of the app containers and of
 * sidecars (init containers with restartPolicy Always), matching name and protocol; TCP when unset on either side.
 */
function declaresPort(spec: unknown, name: string, protocol: string): boolean {
  if (!isRecord(spec)) return false;
  const sidecars = list(spec['initContainers']).filter((c) => isRecord(c) && c['restartPolicy'] === 'Always');
  return [...list(spec['containers']), ...sidecars].some((c) =>
    list(isRecord(c) ? c['ports'] : undefined).some((p) => isRecord(p) && p['name'] === name && (p['protocol'] ?? 'TCP') === protocol),
  );
}

export const apiOperations: Readonly<Record<string, CustomOperation>> = {
  /**
   * {"api_removed": [apiVersion, kind, kubernetesVersion]}: the table's row when that release no longer serves
   * the version (extensions/v1beta1 Ingress at "1.22" or later), else null.
   */
  api_removed: (apiVersion, kind, version) => {
    const r = lifecycle(apiVersion, kind);
    return r && r.removedIn !== null && atLeast('api_removed', version, r.removedIn) ? r : null;
  },
  /**
   * {"api_deprecated": [apiVersion, kind, kubernetesVersion]}: the row when the release still serves the version
   * but deprecates it (extensions/v1beta1 Ingress from "1.14" to "1.21"), else null.
   */
  api_deprecated: (apiVersion, kind, version) => {
    const r = lifecycle(apiVersion, kind);
    if (!r || !atLeast('api_deprecated', version, r.deprecatedIn)) return null;
    return r.removedIn === null || !atLeast('api_deprecated', version, r.removedIn) ? r : null;
  },
  /**
   * {"service_exposes": [cluster, namespace, serviceName, port]}: whether the Service offers the Ingress backend's
   * port ({number} against spec.ports[].port, {name} against spec.ports[].name); null when no such Service is
   * loaded, so that a missing Service is reported once, by ingress-missing-service.
   */
  service_exposes: (cluster, namespace, name, port) => {
    const service = index('service_exposes', cluster)
      .ofKind('Service', typeof namespace === 'string' ? namespace : null)
      .find((o) => o.name === name);
    if (!service) return null;
    const spec = isRecord(service.object['spec']) ? service.object['spec'] : {};
    const want = isRecord(port) ? port : {};
    return list(spec['ports']).some(
      (p) => isRecord(p) && ((want['number'] !== undefined && p['port'] === want['number']) || (want['name'] !== undefined && p['name'] === want['name'])),
    );
  },
  /**
   * {"declares_named_port": [templates, name, protocol]}: whether any of the Pod templates (as
   * pod_templates_matching lists them) has a container port of that name and protocol.
   */
  declares_named_port: (templates, name, protocol) =>
    list(templates).some((t) => isRecord(t) && declaresPort(t['spec'], String(name), typeof protocol === 'string' ? protocol : 'TCP')),
  /**
   * {"selector_is_empty": [selector]}: true for a LabelSelector that selects everything ({} or empty
   * matchLabels and matchExpressions), as a NetworkPolicy's `podSelector: {}` does.
   */
  selector_is_empty: (selector) => {
    if (!isRecord(selector)) return true;
    const labels = isRecord(selector['matchLabels']) ? Object.keys(selector['matchLabels']).length : 0;
    return labels === 0 && list(selector['matchExpressions']).length === 0;
  },
};
