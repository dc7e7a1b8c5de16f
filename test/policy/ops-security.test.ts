// The security policies' json-logic operations, compiled as policies compile them, as [name, rule, data,
// expected] rows; then the release-dependent verdicts of the policies built on them, which the built-in
// examples (run at one release) cannot show.
import { describe, expect, it } from 'vitest';
import { compileLogic } from '../../src/rules/compile.ts';
import { loadPolicies, policyOperations } from '../../src/policy/load.ts';
import { builtinPolicySources } from '../../src/io/policy-files.ts';
import { checkObjects } from '../../src/policy/examples.ts';
import { normalizeSysctlName } from '../../src/policy/ops/security.ts';

type Row = [name: string, rule: unknown, data: unknown, expected: unknown];

const run = (rule: unknown, data: unknown) => compileLogic(rule, { operations: policyOperations })(data);

const rows: Row[] = [
  ['first_set: a container\'s runAsNonRoot false overrides the Pod\'s true', { first_set: [{ var: 'c' }, { var: 'p' }] }, { c: false, p: true }, false],
  ['first_set: an unset container field falls back to the Pod\'s', { first_set: [{ var: 'c' }, { var: 'p' }] }, { p: 1000 }, 1000],
  ['first_set: runAsUser 0 counts as set', { first_set: [{ var: 'c' }, { var: 'p' }] }, { c: 0, p: 1000 }, 0],
  ['first_set: nothing set is null', { first_set: [{ var: 'c' }, { var: 'p' }] }, {}, null],
  ['first_set: a literal default comes last', { first_set: [{ var: 'sa' }, 'default'] }, {}, 'default'],

  ['non_baseline_capabilities: NET_BIND_SERVICE is in the baseline set, CAP_SYS_ADMIN is not', { non_baseline_capabilities: [{ var: 'add' }] }, { add: ['NET_BIND_SERVICE', 'CAP_SYS_ADMIN'] }, ['CAP_SYS_ADMIN']],
  ['non_baseline_capabilities: the CAP_ prefix and case do not matter', { non_baseline_capabilities: [{ var: 'add' }] }, { add: ['cap_chown', 'Kill'] }, []],
  ['non_baseline_capabilities: NET_RAW is outside baseline although runtimes grant it by default', { non_baseline_capabilities: [{ var: 'add' }] }, { add: ['NET_RAW'] }, ['NET_RAW']],
  ['non_baseline_capabilities: ALL is reported as written', { non_baseline_capabilities: [{ var: 'add' }] }, { add: ['ALL'] }, ['ALL']],
  ['non_baseline_capabilities: a missing list adds nothing', { non_baseline_capabilities: [{ var: 'add' }] }, {}, []],

  ['unsafe_sysctls: net.core.somaxconn is not namespaced-safe', { unsafe_sysctls: [{ var: 's' }, '1.37'] }, { s: [{ name: 'net.core.somaxconn', value: '1024' }] }, ['net.core.somaxconn']],
  ['unsafe_sysctls: tcp_rmem is unsafe in 1.31', { unsafe_sysctls: [{ var: 's' }, '1.31'] }, { s: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] }, ['net.ipv4.tcp_rmem']],
  ['unsafe_sysctls: tcp_rmem is safe from 1.32', { unsafe_sysctls: [{ var: 's' }, '1.32'] }, { s: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] }, []],
  ['unsafe_sysctls: ip_local_reserved_ports is safe from 1.27, not in 1.26', { unsafe_sysctls: [{ var: 's' }, 'v1.26.3'] }, { s: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '30000' }] }, ['net.ipv4.ip_local_reserved_ports']],
  ['unsafe_sysctls: tcp_keepalive_probes is safe from 1.29', { unsafe_sysctls: [{ var: 's' }, '1.29'] }, { s: [{ name: 'net.ipv4.tcp_keepalive_probes', value: '5' }] }, []],
  ['unsafe_sysctls: a slash-separated name is normalised before comparing', { unsafe_sysctls: [{ var: 's' }, '1.37'] }, { s: [{ name: 'net/ipv4/ip_local_port_range', value: '1024 65000' }, { name: 'kernel/msgmax', value: '65536' }] }, ['kernel/msgmax']],
  ['unsafe_sysctls: no sysctls are none unsafe', { unsafe_sysctls: [{ var: 's' }, '1.37'] }, {}, []],

  ['get_key: an annotation key with dots and a slash is one key', { get_key: [{ var: 'a' }, 'container.apparmor.security.beta.kubernetes.io/app'] }, { a: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }, 'unconfined'],
  ['get_key: a missing key is null', { get_key: [{ var: 'a' }, 'x'] }, { a: {} }, null],
  ['get_key: a missing map is null', { get_key: [{ var: 'a' }, 'x'] }, {}, null],
];

describe('security operations', () => {
  for (const [name, rule, data, expected] of rows) it(name, () => expect(run(rule, data)).toEqual(expected));

  it('unsafe_sysctls: a release that is not "major.minor" is an error naming the operation', () => {
    expect(() => run({ unsafe_sysctls: [[], 'latest'] }, {})).toThrow(/unsafe_sysctls: "latest"/);
  });

  it.each([
    ['kernel.shm_rmid_forced', 'kernel.shm_rmid_forced'],
    ['kernel/shm_rmid_forced', 'kernel.shm_rmid_forced'],
    // sysctl.d(5): with "/" first, a dot belongs to a name part (a VLAN interface).
    ['net/ipv4/conf/eth0.100/forwarding', 'net.ipv4.conf.eth0/100.forwarding'],
    ['net.ipv4.conf.eth0/100.forwarding', 'net.ipv4.conf.eth0/100.forwarding'],
  ])('normalizeSysctlName(%s) is %s', (name, expected) => expect(normalizeSysctlName(name)).toBe(expected));
});

describe('security policies across releases', () => {
  const { policies } = loadPolicies(builtinPolicySources());
  const policy = (id: string) => {
    const p = policies.find((x) => x.id === id);
    if (!p) throw new Error(`no built-in policy ${id}`);
    return p;
  };
  const podWith = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec } });
  const findings = (id: string, object: Record<string, unknown>, kubernetesVersion: string) => checkObjects([policy(id)], [object], { kubernetesVersion }).length;

  it('unsafe-sysctls: net.ipv4.tcp_wmem is reported for 1.31 and accepted from 1.32', () => {
    const p = podWith({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_wmem', value: '4096 16384 4194304' }] } });
    expect(findings('unsafe-sysctls', p, '1.31')).toBe(1);
    expect(findings('unsafe-sysctls', p, '1.32')).toBe(0);
  });

  it('selinux-options: type container_engine_t is reported for 1.30 and accepted from 1.31', () => {
    const p = podWith({ securityContext: { seLinuxOptions: { type: 'container_engine_t' } } });
    expect(findings('selinux-options', p, '1.30')).toBe(1);
    expect(findings('selinux-options', p, '1.31')).toBe(0);
  });
});
