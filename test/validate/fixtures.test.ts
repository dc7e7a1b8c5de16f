// Fixture tests for `kubemodel validate`: the manifests under test/fixtures/validate/bad must give exactly
// the findings listed here, each at its file:line:column and on its object, and those under
// test/fixtures/validate/good none at all. Together the bad fixtures provoke every built-in static policy
// and every schema check, so a policy that stops firing, fires twice, or moves its location fails here,
// and so does a new policy nobody wrote a fixture for. Row names carry the behaviour IDs the policy
// (or the built-in check) lists.
//
// Simulation-backed policies (those with "model") are left out, so these expectations do not move when
// the scheduler, storage or network models change.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicySet } from '../../src/io/policy-set.ts';
import type { Finding } from '../../src/policy/types.ts';
import { readCluster } from '../../src/io/cluster-file.ts';
import type { ValidationReport } from '../../src/validate/report.ts';
import { INPUT_RULE } from '../../src/validate/resources.ts';
import { SCHEMA_RULE, UNKNOWN_FIELD_RULE, UNKNOWN_KIND_RULE } from '../../src/validate/schema.ts';
import { BUILTIN_CHECKS, validateManifests } from '../../src/validate/validate.ts';

const BAD_DIR = 'test/fixtures/validate/bad';
const GOOD_DIR = 'test/fixtures/validate/good';

const policies = loadPolicySet({ builtin: true, paths: [] }).policies.filter((p) => p.file.model === undefined);
const cluster = readCluster();

/** [rule id, line, column, 'Kind/name' ('' for a finding about the file rather than an object)] */
type Row = [ruleId: string, line: number, column: number, resource: string];

const EXPECTED: Record<string, Row[]> = {
  'api-versions.yaml': [
    ['removed-api-version', 9, 13, 'Ingress/legacy-shop'],
    ['removed-api-version', 26, 13, 'CronJob/sitemap'],
    ['deprecated-api-version', 63, 13, 'Endpoints/orders-db'],
  ],
  'host.yaml': [
    ['host-network', 23, 20, 'DaemonSet/node-exporter'],
    ['host-pid', 24, 16, 'DaemonSet/node-exporter'],
    ['host-path', 42, 26, 'DaemonSet/node-exporter'],
    ['host-path', 44, 26, 'DaemonSet/node-exporter'],
    ['host-path', 46, 26, 'DaemonSet/node-exporter'],
    ['host-path', 78, 26, 'DaemonSet/log-shipper'],
    ['container-runtime-socket', 80, 26, 'DaemonSet/log-shipper'],
    ['host-path', 80, 26, 'DaemonSet/log-shipper'],
    ['host-port', 102, 9, 'DaemonSet/edge-proxy'],
    ['host-ipc', 118, 12, 'Pod/shm-bridge'],
    ['unsafe-sysctls', 143, 5, 'Pod/tuned-proxy'],
    ['host-network', 174, 20, 'DaemonSet/windows-node-agent'],
    // Set on the Pod, inherited by the container: both point at the container, where an override would go.
    ['windows-host-process', 180, 9, 'DaemonSet/windows-node-agent'],
  ],
  'jobs.yaml': [
    // Both fields are absent, so both point at the spec they belong in.
    ['cronjob-concurrency-policy', 16, 3, 'CronJob/cart-cleanup'],
    ['cronjob-starting-deadline-seconds', 16, 3, 'CronJob/cart-cleanup'],
    ['cronjob-concurrency-policy', 41, 22, 'CronJob/feed-import'],
    ['job-ttl-seconds-after-finished', 66, 3, 'Job/db-migrate-6-0-0'],
  ],
  'namespaces.yaml': [
    ['missing-namespace', 8, 3, 'ConfigMap/feature-flags'],
    ['default-namespace', 18, 14, 'ServiceAccount/reporting'],
  ],
  'networking.yaml': [
    ['service-target-port', 57, 17, 'Service/storefront'],
    ['nodeport-service', 67, 9, 'Service/storefront-debug'],
    ['service-selects-no-pods', 83, 13, 'Service/catalog'],
    ['ingress-service-port', 108, 19, 'Ingress/shop'],
    ['ingress-missing-service', 113, 19, 'Ingress/shop'],
    ['network-policy-selects-nothing', 125, 5, 'NetworkPolicy/storefront-ingress'],
  ],
  'probes-and-images.yaml': [
    ['liveness-probe', 29, 9, 'Deployment/notifications'],
    ['readiness-probe', 35, 9, 'Deployment/notifications'],
    ['identical-probes', 76, 11, 'Deployment/gateway'],
    // At the probe's port, the name no container port carries.
    ['probe-port-not-found', 79, 29, 'Deployment/gateway'],
    // An init container is checked too.
    ['image-pull-policy', 109, 26, 'Deployment/media'],
    ['image-tag-latest', 113, 16, 'Deployment/media'],
    ['image-tag-missing', 119, 16, 'Deployment/media'],
  ],
  'rbac.yaml': [
    ['cluster-admin-binding', 13, 9, 'ClusterRoleBinding/ci-deployer'],
    ['cluster-admin-binding', 29, 9, 'RoleBinding/shop-team-admin'],
    ['rbac-secrets-access', 44, 3, 'ClusterRole/shop-operator'],
    ['rbac-wildcard', 44, 3, 'ClusterRole/shop-operator'],
    ['rbac-wildcard', 47, 3, 'ClusterRole/shop-operator'],
    ['rbac-secrets-access', 62, 3, 'Role/release-manager'],
    ['rbac-escalate', 69, 3, 'Role/release-manager'],
    ['rbac-escalate', 72, 3, 'Role/release-manager'],
  ],
  'reliability.yaml': [
    ['replicas-below-two', 15, 13, 'Deployment/cart'],
    ['no-pod-disruption-budget', 44, 15, 'Deployment/orders'],
    ['anti-affinity', 76, 7, 'Deployment/catalog'],
    ['hpa-target-replicas', 100, 13, 'Deployment/inventory'],
    ['selector-mismatch', 148, 15, 'Deployment/promotions'],
    ['pdb-allows-no-eviction', 214, 3, 'PodDisruptionBudget/payments'],
    ['pdb-selects-nothing', 228, 5, 'PodDisruptionBudget/frontend'],
    ['hpa-target-missing', 239, 19, 'HorizontalPodAutoscaler/reviews'],
    // No spec.replicas: the finding points at the spec it would go in.
    ['replicas-below-two', 252, 3, 'Deployment/reviews'],
  ],
  'resources.yaml': [
    ['cpu-limit', 31, 9, 'Deployment/search'],
    ['cpu-request', 31, 9, 'Deployment/search'],
    ['memory-limit', 31, 9, 'Deployment/search'],
    ['memory-request', 31, 9, 'Deployment/search'],
    ['cpu-limit', 42, 11, 'Deployment/search'],
    ['memory-limit', 42, 11, 'Deployment/search'],
  ],
  'schema.yaml': [
    ['schema', 16, 20, 'ConfigMap/storefront-settings'],
    ['schema', 17, 18, 'ConfigMap/storefront-settings'],
    ['schema', 29, 9, 'Service/analytics-db'],
    // A missing required field points at the object that lacks it.
    ['schema', 31, 5, 'Service/analytics-db'],
    ['liveness-probe', 47, 5, 'Pod/cache-warmer'],
    // An unknown field points at its key, not its value.
    ['unknown-field', 53, 5, 'Pod/cache-warmer'],
    ['unknown-kind', 58, 7, 'Certificate/shop-example-com'],
    ['invalid-input', 69, 1, ''],
  ],
  'security.yaml': [
    // A privileged container may always escalate, so allowPrivilegeEscalation: false cannot be set.
    ['allow-privilege-escalation', 25, 7, 'Pod/toolbox'],
    ['privileged', 25, 19, 'Pod/toolbox'],
    ['dangerous-capabilities', 29, 14, 'Pod/toolbox'],
    ['run-as-non-root', 67, 11, 'Deployment/billing'],
    ['run-as-user-root', 67, 22, 'Deployment/billing'],
    ['read-only-root-filesystem', 76, 11, 'Deployment/billing'],
    // The Pod's runAsUser: 0, inherited: reported on the container, where an override would go.
    ['run-as-non-root', 76, 11, 'Deployment/billing'],
    ['run-as-user-root', 76, 11, 'Deployment/billing'],
    // No securityContext at all: the findings point at the container.
    ['allow-privilege-escalation', 108, 9, 'Deployment/thumbnailer'],
    ['drop-all-capabilities', 108, 9, 'Deployment/thumbnailer'],
    ['read-only-root-filesystem', 108, 9, 'Deployment/thumbnailer'],
    ['drop-all-capabilities', 120, 32, 'Deployment/thumbnailer'],
    ['seccomp-profile', 162, 11, 'Deployment/virus-scanner'],
    ['apparmor-unconfined', 165, 28, 'Deployment/virus-scanner'],
    ['proc-mount-unmasked', 166, 22, 'Deployment/virus-scanner'],
    ['selinux-options', 167, 27, 'Deployment/virus-scanner'],
    // Unconfined through the container.apparmor.security.beta.kubernetes.io annotation.
    ['apparmor-unconfined', 175, 11, 'Deployment/virus-scanner'],
    ['seccomp-profile', 178, 27, 'Deployment/virus-scanner'],
    ['automount-service-account-token', 201, 7, 'Deployment/checkout'],
    ['secret-in-env', 215, 18, 'Deployment/checkout'],
    ['secret-in-env', 223, 18, 'Deployment/checkout'],
    ['drop-all-capabilities', 262, 15, 'CronJob/db-backup'],
    ['read-only-root-filesystem', 262, 15, 'CronJob/db-backup'],
  ],
};

const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();

const reports = new Map<string, Promise<ValidationReport>>();

/** One validation run per file set, at the settings the fixtures were written for (1.37, the bundled cluster). */
function validate(...files: string[]): Promise<ValidationReport> {
  const key = files.join('\n');
  let report = reports.get(key);
  if (!report) {
    report = validateManifests({
      sources: files.map((file) => ({ file, text: readFileSync(file, 'utf8') })),
      policies,
      cluster,
      kubernetesVersion: '1.37',
      today: new Date('2026-12-02'),
    });
    reports.set(key, report);
  }
  return report;
}

const rowOf = (f: Finding): Row => [f.ruleId, f.line, f.column, f.resource ? `${f.resource.kind}/${f.resource.name}` : ''];

const behaviours = new Map<string, string[]>([...BUILTIN_CHECKS.map((c) => [c.id, c.behaviours] as const), ...policies.map((p) => [p.id, p.file.behaviours] as const)]);

function rowName([ruleId, line, column, resource]: Row): string {
  const ids = behaviours.get(ruleId) ?? [];
  return `${ruleId}${ids.length ? ` (${ids.join(', ')})` : ''} at ${line}:${column}${resource ? ` on ${resource}` : ''}`;
}

describe('bad fixtures give exactly the expected findings', () => {
  it('every file under bad/ has an expectation table, and every table a file', () => {
    expect(yamlFiles(BAD_DIR)).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, rows] of Object.entries(EXPECTED)) {
    const file = join(BAD_DIR, name);
    describe(name, () => {
      it('no finding is missing and none is extra', async () => {
        const report = await validate(file);
        expect(report.findings.map(rowOf)).toEqual(rows);
      });

      it('every message is filled in and nothing is suppressed', async () => {
        const report = await validate(file);
        for (const f of report.findings) {
          expect(f.message).not.toMatch(/\{\{|\}\}/);
          expect(f.suppressed).toBeUndefined();
          expect(f.file).toBe(file);
        }
      });

      // One test per row, so a failure names the rule, its behaviour IDs and the place.
      for (const row of rows) {
        it(rowName(row), async () => {
          const report = await validate(file);
          expect(report.findings.map(rowOf)).toContainEqual(row);
        });
      }
    });
  }

  it('validated together they give the same findings as one by one (no two files share a namespace)', async () => {
    const names = Object.keys(EXPECTED);
    const report = await validate(...names.map((name) => join(BAD_DIR, name)));
    const alone = names.flatMap((name) => EXPECTED[name]!.map((row) => [join(BAD_DIR, name), ...row]));
    expect(report.findings.map((f) => [f.file, ...rowOf(f)])).toEqual(alone);
  });

  it('every built-in static policy and every schema check is provoked by some fixture', () => {
    const provoked = new Set(Object.values(EXPECTED).flatMap((rows) => rows.map(([ruleId]) => ruleId)));
    const wanted = [...policies.map((p) => p.id), INPUT_RULE, SCHEMA_RULE, UNKNOWN_FIELD_RULE, UNKNOWN_KIND_RULE].sort();
    expect(wanted.filter((id) => !provoked.has(id))).toEqual([]);
    // And no row names a rule that does not exist (a renamed policy leaves stale rows behind).
    expect([...provoked].filter((id) => !wanted.includes(id))).toEqual([]);
  });
});

describe('good fixtures give no finding at all, info included', () => {
  const files = yamlFiles(GOOD_DIR).map((f) => join(GOOD_DIR, f));

  it('there are good fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    it(file, async () => {
      const report = await validate(file);
      expect(report.resources.length).toBeGreaterThan(0);
      expect(report.findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`)).toEqual([]);
    });
  }

  it('all of them validated together, as `kubemodel validate good/` would', async () => {
    const report = await validate(...files);
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([]);
  });
});
