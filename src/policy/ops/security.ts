// json-logic operations the security policies need beyond the shared ones: the value that takes effect when
// a container's securityContext overrides the Pod's, the capabilities outside the Pod Security Standards'
// baseline set, the sysctls outside the kubelet's safe set of a release, and map lookups by keys that hold
// dots (annotations), which `var` would split.
import type { CustomOperation } from '../../rules/ops/index.ts';
import { isRecord } from '../pod-template.ts';

/**
 * The capabilities the PSS baseline level lets a container add: the container runtimes' default set without
 * NET_RAW (pod-security-admission check_capabilities_baseline.go).
 */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/**
 * The kubelet's safe sysctls (pkg/kubelet/sysctl/safe_sysctls.go) with the release that added each; a Pod
 * setting any other sysctl is rejected with SysctlForbidden unless the node allows it with
 * --allowed-unsafe-sysctls. The kernel-version conditions of the newer ones are left out: a manifest does
 * not say which kernel it will meet.
 */
export const SAFE_SYSCTLS: readonly { name: string; since: readonly [number, number] }[] = [
  { name: 'kernel.shm_rmid_forced', since: [1, 4] },
  { name: 'net.ipv4.ip_local_port_range', since: [1, 4] },
  { name: 'net.ipv4.tcp_syncookies', since: [1, 4] },
  { name: 'net.ipv4.ping_group_range', since: [1, 18] },
  { name: 'net.ipv4.ip_unprivileged_port_start', since: [1, 22] },
  { name: 'net.ipv4.ip_local_reserved_ports', since: [1, 27] },
  { name: 'net.ipv4.tcp_keepalive_time', since: [1, 29] },
  { name: 'net.ipv4.tcp_fin_timeout', since: [1, 29] },
  { name: 'net.ipv4.tcp_keepalive_intvl', since: [1, 29] },
  { name: 'net.ipv4.tcp_keepalive_probes', since: [1, 29] },
  { name: 'net.ipv4.tcp_rmem', since: [1, 32] },
  { name: 'net.ipv4.tcp_wmem', since: [1, 32] },
];

function release(op: string, v: unknown): [number, number] {
  const m = /^v?(\d+)\.(\d+)/.exec(String(v));
  if (!m) throw new Error(`${op}: "${String(v)}" is not a Kubernetes release such as "1.29"`);
  return [Number(m[1]), Number(m[2])];
}

const atLeast = (v: readonly [number, number], since: readonly [number, number]) => v[0] > since[0] || (v[0] === since[0] && v[1] >= since[1]);

/**
 * `kernel/shm_rmid_forced` is `kernel.shm_rmid_forced`: when the first separator is a slash, slashes and
 * dots swap roles (sysctl.d(5)), as the kubelet's NormalizeName does before comparing.
 */
export function normalizeSysctlName(name: string): string {
  const first = name.search(/[./]/);
  if (first < 0 || name[first] === '.') return name;
  return name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

/** Runtimes accept `CAP_SYS_ADMIN` and `sys_admin` alike, so both compare as `SYS_ADMIN`. */
export function capabilityName(cap: string): string {
  const upper = cap.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const securityOperations: Readonly<Record<string, CustomOperation>> = {
  /**
   * The first argument that is set (neither null nor missing), else null: a container field overriding the
   * Pod's, where `or` would skip an explicit `false`.
   * {"first_set": [{"var": "item.securityContext.runAsNonRoot"}, {"var": "pod.spec.securityContext.runAsNonRoot"}]}
   */
  first_set: (...args) => args.find((a) => a !== null && a !== undefined) ?? null,

  /**
   * The entries of a capabilities.add list outside the baseline set, as written (ALL included).
   * {"non_baseline_capabilities": [["NET_BIND_SERVICE", "CAP_SYS_ADMIN"]]} is ["CAP_SYS_ADMIN"]
   */
  non_baseline_capabilities: (add) => strings(add).filter((c) => !BASELINE_CAPABILITIES.has(capabilityName(c))),

  /**
   * The names in a Pod's securityContext.sysctls that are not safe in the given release, as written.
   * {"unsafe_sysctls": [[{"name": "net.core.somaxconn", "value": "1024"}], "1.37"]} is ["net.core.somaxconn"]
   */
  unsafe_sysctls: (sysctls, version) => {
    const v = release('unsafe_sysctls', version);
    const safe = new Set(SAFE_SYSCTLS.filter((s) => atLeast(v, s.since)).map((s) => s.name));
    return (Array.isArray(sysctls) ? sysctls : [])
      .map((s) => (isRecord(s) && typeof s['name'] === 'string' ? s['name'] : ''))
      .filter((name) => !safe.has(normalizeSysctlName(name)));
  },

  /**
   * The value under one key of a map, the key taken whole (annotation keys hold dots and slashes); null when
   * the map or the key is missing.
   * {"get_key": [{"var": "pod.metadata.annotations"}, "container.apparmor.security.beta.kubernetes.io/app"]}
   */
  get_key: (map, key) => (isRecord(map) && typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : null),
};
