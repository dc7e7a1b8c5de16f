// `kubemodel validate <files|dirs|->`: schema, policy and simulation-backed checks of manifests, with
// findings at file:line:col in text, JSON, SARIF or JUnit; and `kubemodel test-policies <dir>`, which runs
// policy test suites. Exit codes are the same whatever the format: 0 clean, 1 findings, 2 bad input.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { InputError } from '../../errors.ts';
import { readManifestSources } from '../../io/manifests.ts';
import { loadPolicySet } from '../../io/policy-set.ts';
import { findSuites, runSuite, type PolicyTestResult } from '../../io/policy-test-suite.ts';
import { readCluster } from '../../io/cluster-file.ts';
import { parseExceptions } from '../../validate/exceptions.ts';
import { toJsonReport, toText } from '../../validate/format-text.ts';
import { toSarif } from '../../validate/format-sarif.ts';
import { toGithub } from '../../validate/format-github.ts';
import { toJunit } from '../../validate/format-junit.ts';
import { suitesToJunit } from '../../policy/test-suite-junit.ts';
import { BUILTIN_CHECKS, exitCodeFor, policyInfo, validateManifests, type FailOn } from '../../validate/validate.ts';
import type { CliContext } from '../context.ts';
import { checkOutput, table, toJson, toYamlText } from '../output.ts';

const FORMATS = ['text', 'json', 'yaml', 'sarif', 'junit', 'github'] as const;
const SUITE_FORMATS = ['text', 'json', 'junit'] as const;
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'none'];
const VERSION = '0.1.0';

function parseFailOn(value: string): FailOn {
  if (!(FAIL_ON as readonly string[]).includes(value)) throw new InvalidArgumentError(`--fail-on takes ${FAIL_ON.join(', ')}, got "${value}".`);
  return value as FailOn;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const commaList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];

interface ValidateFlags {
  output: string;
  policy?: string[];
  builtin: boolean;
  disable?: string[];
  cluster?: string;
  exceptions?: string;
  failOn: FailOn;
  schema: boolean;
  showSuppressed?: boolean;
  listPolicies?: boolean;
}

export function registerValidate(program: Command, ctx: () => CliContext, stdin: () => Promise<string>): void {
  program
    .command('validate')
    .description('check manifests against Kubernetes schemas, a pack of policies and the model (can it schedule, bind, roll out, connect?)')
    .argument('[manifests...]', 'YAML/JSON files or directories (searched recursively), or - for standard input')
    .option('-o, --output <format>', `output format: ${FORMATS.join('|')}`, 'text')
    .option('--policy <path>', 'add policies from a file or directory (repeatable); a policy with a built-in id replaces it', collect)
    .option('--no-builtin', 'run only the --policy policies, not the built-in pack')
    .option('--disable <ids>', 'skip these policies or built-in checks (comma-separated, repeatable), e.g. unknown-kind', commaList)
    .option('--cluster <file>', 'nodes, storage classes and volumes the simulation-backed checks use (default: the bundled example cluster)')
    .option('--exceptions <file>', 'exceptions file: [{rule, match: {kind, namespace, name}, expires: YYYY-MM-DD, reason}]')
    .option('--fail-on <severity>', `lowest severity that makes the exit code 1: ${FAIL_ON.join('|')}`, parseFailOn, 'error')
    .option('--no-schema', 'skip the OpenAPI schema checks')
    .option('--show-suppressed', 'also list findings that exceptions cover (text output)')
    .option('--list-policies', 'print the policies that would run, and exit')
    .addHelpText(
      'after',
      `
Every finding names file:line:col of the field it is about. Exit code: 0 when no finding is at or above
--fail-on, 1 when one is, 2 for bad input or usage (or when nothing could be validated); the same for every
output format. Findings an exception covers never fail a run: annotate the object with
kubemodel.io/ignore: "<rule-id>[,<rule-id>…][: reason]", or list it in an --exceptions file with an expiry date.

Examples:
  $ kubemodel validate k8s/                             # every *.yaml, *.yml, *.json below k8s/
  $ kubectl get deploy -A -o yaml | kubemodel validate -
  $ kubemodel validate app.yaml --cluster prod-nodes.yaml     # simulate on your nodes and storage classes
  $ kubemodel validate k8s/ -o sarif > kubemodel.sarif        # for code scanning
  $ kubemodel validate k8s/ -o junit --fail-on warning > report.xml
  $ kubemodel validate k8s/ -o github                         # annotations in a GitHub Actions run
  $ kubemodel validate k8s/ --policy my-policies/ --exceptions exceptions.yaml
  $ kubemodel validate --list-policies
  $ kubemodel --kubernetes-version 1.21 validate old/   # which APIs that release still serves`,
    )
    .action(async (manifests: string[], flags: ValidateFlags) => {
      const c = ctx();
      const format = checkOutput(flags.output, FORMATS);
      const set = loadPolicySet({ builtin: flags.builtin, paths: flags.policy ?? [], ...(flags.disable ? { disable: flags.disable } : {}) });
      for (const e of set.errors) c.err(`error: ${e.reported}\n`);
      if (flags.listPolicies) {
        const rows = [...BUILTIN_CHECKS, ...set.policies.map(policyInfo)].map((p) => [p.id, p.severity, p.category, p.title]);
        c.out(format === 'json' ? toJson(set.policies.map(policyInfo)) : table(['ID', 'SEVERITY', 'CATEGORY', 'CHECKS THAT'], rows));
        if (set.errors.length) c.exitCode = 2;
        return;
      }
      if (manifests.length === 0) throw new InputError('give files, directories or - (standard input) to validate; see kubemodel validate --help');
      const cluster = readCluster(flags.cluster);
      const exceptions = flags.exceptions !== undefined ? parseExceptions(readText(flags.exceptions, '--exceptions'), flags.exceptions) : undefined;
      const read = await readManifestSources(manifests, { stdin });
      // Long runs say what they are doing: many files, or a few big ones (10,000 objects take several seconds).
      const bytes = read.sources.reduce((n, src) => n + src.text.length, 0);
      if (read.sources.length > 20 || bytes > 500_000) c.progress(`validating ${read.sources.length} file(s), ${(bytes / 1e6).toFixed(1)} MB, against ${set.policies.length} policies…`);
      const report = await validateManifests({
        sources: read.sources,
        readErrors: read.errors,
        policies: set.policies,
        cluster,
        ...(exceptions ? { exceptions } : {}),
        kubernetesVersion: c.kubernetesVersion,
        today: new Date(),
        schema: flags.schema,
        ...(flags.disable ? { disabledChecks: flags.disable } : {}),
      });
      c.endProgress();
      let code: number = exitCodeFor(report, flags.failOn);
      if (set.errors.length > 0) code = 2;
      if (format === 'text') c.out(toText(report, { paint: c.paint, showSuppressed: flags.showSuppressed === true }));
      else if (format === 'json') c.out(toJson(toJsonReport(report, code)));
      else if (format === 'yaml') c.out(toYamlText(toJsonReport(report, code)));
      else if (format === 'github') c.out(toGithub(report));
      else if (format === 'sarif') c.out(toJson(toSarif(report, VERSION, { cwd: process.cwd() })));
      else c.out(toJunit(report, { failOn: flags.failOn }));
      c.exitCode = code;
    });

  program
    .command('test-policies')
    .description('run policy test suites (kubemodel-test.yaml files): each policy must pass or fail the objects it names')
    .argument('<paths...>', 'suite files, or directories searched for kubemodel-test.yaml')
    .option('-o, --output <format>', `output format: ${SUITE_FORMATS.join('|')}`, 'text')
    .addHelpText(
      'after',
      `
A suite (kubemodel-test.yaml) names policies, manifests and the expected verdicts:
  name: image rules
  policies: [policies/]            # files or directories; omit to test the built-in pack
  resources: [resources.yaml]
  cluster: cluster.yaml            # optional
  results:
  - policy: image-tag-latest
    resources: [Deployment/web]    # Kind/name or namespace/Kind/name
    result: fail                   # or pass
Exit code: 0 every test passed, 1 a test failed, 2 a suite is malformed or names what does not exist.

Examples:
  $ kubemodel test-policies policies/tests/
  $ kubemodel test-policies examples/validate/policy-tests -o junit > policy-tests.xml`,
    )
    .action(async (paths: string[], flags: { output: string }) => {
      const c = ctx();
      const format = checkOutput(flags.output, SUITE_FORMATS);
      const results: PolicyTestResult[] = [];
      const errors: InputError[] = [];
      for (const path of paths) {
        let suites: string[];
        try {
          suites = findSuites(path);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          errors.push(e);
          continue;
        }
        if (suites.length === 0) errors.push(new InputError('no kubemodel-test.yaml found here', path));
        for (const suite of suites) {
          try {
            const run = await runSuite(suite, c.kubernetesVersion, new Date());
            results.push(...run.results);
            errors.push(...run.errors);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            errors.push(e);
          }
        }
      }
      for (const e of errors) c.err(`error: ${e.reported}\n`);
      const passed = results.filter((r) => r.ok).length;
      if (format === 'json') c.out(toJson({ passed, failed: results.length - passed, results }));
      else if (format === 'junit') c.out(suitesToJunit(results));
      else {
        const rows = results.map((r) => [r.ok ? c.paint('green', 'PASS') : c.paint('red', 'FAIL'), r.suite, r.policy, r.resource, r.expected, r.actual]);
        c.out(table(['RESULT', 'SUITE', 'POLICY', 'RESOURCE', 'EXPECTED', 'GOT'], rows));
        for (const r of results.filter((x) => !x.ok)) c.out(`\n${r.policy} on ${r.resource}: expected ${r.expected}, got ${r.actual}\n${r.detail.map((d) => `  ${d}`).join('\n')}\n`);
        c.out(`\n${passed} of ${results.length} policy tests passed\n`);
      }
      c.exitCode = errors.length > 0 ? 2 : passed < results.length ? 1 : 0;
    });
}

function readText(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${flag}: no such file`, file);
  }
}
