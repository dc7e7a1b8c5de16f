// `kubemodel explain pod <name> [manifests...]`: the scheduler's reasoning for one Pod, node by node and
// plugin by plugin: which filters rejected each node and why, how the feasible nodes scored, and the
// FailedScheduling message when none fits.
import type { Command } from 'commander';
import { fitsNode, schedule } from '../../scheduler/schedule.ts';
import type { ScheduleResult } from '../../scheduler/types.ts';
import { InputError } from '../../errors.ts';
import { exampleCluster } from '../files.ts';
import { checkOutput, table, toJson, toYamlText } from '../output.ts';
import type { CliContext } from '../context.ts';
import { loadCluster } from './simulate.ts';

const FORMATS = ['text', 'json', 'yaml'] as const;

export function registerExplain(program: Command, ctx: () => CliContext, stdin: () => Promise<string>): void {
  program
    .command('explain')
    .description("explain where the scheduler would place a Pod, or why it cannot: per-node, per-plugin verdicts and scores")
    .argument('<kind>', 'pod')
    .argument('<name>', 'the Pod, as name or namespace/name')
    .argument('[manifests...]', 'the cluster: Nodes and Pods (files, directories or -); default: the bundled example cluster')
    .option('-o, --output <format>', `output format: ${FORMATS.join('|')}`, 'text')
    .option('--seed <n>', 'seed of the choice among equally scored nodes', (v) => Number(v), 1)
    .addHelpText(
      'after',
      `
Exit codes: 0 the Pod fits a node, 1 it fits none (the FailedScheduling message is printed), 2 bad input.

Examples:
  $ kubemodel explain pod httpserver-5c8d8f6b9-x2kqz examples/scheduling/cluster.yaml examples/scheduling/httpserver-10-cpus.yaml
  $ kubemodel explain pod nginx-deployment-85b98978db-llj69 examples/scheduling/tainted-workers.yaml examples/scheduling/nginx-no-toleration.yaml
  $ kubemodel --kubernetes-version 1.21 explain pod web my-cluster/ -o json`,
    )
    .action(async (kind: string, name: string, manifests: string[], flags: { output: string; seed: number }) => {
      const c = ctx();
      const format = checkOutput(flags.output, FORMATS);
      if (kind !== 'pod' && kind !== 'pods' && kind !== 'po') throw new InputError(`explain: unsupported kind "${kind}" (supported: pod)`);
      const cluster = await loadCluster(manifests.length === 0 ? [exampleCluster] : manifests, stdin, c.kubernetesVersion);
      for (const e of cluster.errors) c.err(`error: ${e.reported}\n`);
      const [ns, podName] = name.includes('/') ? (name.split('/', 2) as [string, string]) : [undefined, name];
      const pod = cluster.pods.find((p) => p.metadata.name === podName && (ns === undefined || (p.metadata.namespace ?? 'default') === ns));
      if (!pod) throw new InputError(`pods "${podName}" not found in the given manifests`);
      // The Pod is judged as if it were still pending; the other Pods keep their nodes.
      const pending = { ...pod, spec: { ...pod.spec, nodeName: undefined } };
      const others = cluster.pods.filter((p) => p !== pod);
      const result = schedule(pending, { nodes: cluster.nodes, pods: others }, { kubernetesVersion: c.kubernetesVersion, seed: flags.seed });
      if (format === 'json') c.out(toJson({ pod: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, ...result }));
      else if (format === 'yaml') c.out(toYamlText({ pod: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, ...result }));
      else {
        // For a Pod that fits somewhere, say why the other nodes were passed over too.
        const snapshot = { nodes: cluster.nodes, pods: others };
        const rejected = result.ok
          ? cluster.nodes.map((n) => ({ node: n.metadata.name, reasons: fitsNode(pending, n.metadata.name, snapshot, { kubernetesVersion: c.kubernetesVersion }) }))
          : [];
        c.out(renderExplanation(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, cluster.nodes.map((n) => n.metadata.name), result, rejected));
      }
      if (!result.ok) c.exitCode = 1;
      if (cluster.errors.length > 0) c.exitCode = 2;
    });
}

export function renderExplanation(pod: string, nodes: string[], result: ScheduleResult, fits: { node: string; reasons: string[] }[] = []): string {
  const lines: string[] = [];
  if (result.ok) lines.push(`Pod ${pod} would be bound to ${result.node}.`);
  else lines.push(`Pod ${pod} cannot be scheduled:`, `  Warning  FailedScheduling  default-scheduler  ${result.message}`);
  lines.push('', 'Filters:');
  const rejected = result.ok ? [] : result.perNode;
  const rows: string[][] = [];
  if (!result.ok && result.preFilter) rows.push(['(all)', result.preFilter.plugin, result.preFilter.reasons.join('; ')]);
  for (const node of nodes) {
    const statuses = rejected.find((r) => r.node === node)?.statuses ?? [];
    const reasons = fits.find((f) => f.node === node)?.reasons ?? [];
    if (statuses.length === 0 && reasons.length === 0 && !(!result.ok && result.preFilter)) rows.push([node, '-', 'passes every filter']);
    for (const s of statuses) rows.push([node, s.plugin, `${s.code}: ${s.reasons.join('; ')}`]);
    for (const r of reasons) rows.push([node, '-', `rejected: ${r}`]);
  }
  lines.push(table(['NODE', 'PLUGIN', 'VERDICT'], rows).trimEnd());
  if (result.ok && result.scores.length > 0) {
    const plugins = [...new Set(result.scores.flatMap((s) => s.plugins.map((p) => p.plugin)))];
    lines.push('', 'Scores (normalised score × weight, summed):');
    const scoreRows = [...result.scores]
      .sort((a, b) => b.total - a.total || a.node.localeCompare(b.node))
      .map((s) => [s.node, String(s.total), ...plugins.map((name) => {
        const p = s.plugins.find((x) => x.plugin === name);
        return p ? `${p.normalized}×${p.weight}` : '-';
      })]);
    lines.push(table(['NODE', 'TOTAL', ...plugins], scoreRows).trimEnd());
  }
  if (!result.ok && result.nominated) lines.push('', `Preemption would nominate ${result.nominated.node}, evicting ${result.nominated.victims.join(', ')}.`);
  return `${lines.join('\n')}\n`;
}
