// `kubemodel simulate [manifests...]`: run the bundled example cluster or the given manifests through the
// model and print what a cluster would show: `kubectl get events` and `kubectl get pods`.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { readManifestSources } from '../../io/manifests.ts';
import { applyPodDefaults, isModelled, parseManifests } from '../../k8s/parse-manifests.ts';
import type { Deployment, KubeObject, Node, Pod, ReplicaSet } from '../../k8s/types.ts';
import { simulate, type SimulationResult } from '../../simulate/simulate.ts';
import { rolloutStatusLines } from '../../kubectl/rollout-status.ts';
import { describeDeployment } from '../../kubectl/describe-deployment.ts';
import { podStatusColumns } from '../../kubectl/get-pods.ts';
import { humanDuration } from '../../kubectl/age.ts';
import { pvcHeaders, pvcRow, pvHeaders, pvRow } from '../../kubectl/get-storage.ts';
import { exampleCluster } from '../files.ts';
import { checkOutput, table, toJson, toYamlText } from '../output.ts';
import type { CliContext } from '../context.ts';
import { InputError } from '../../errors.ts';
import { applyObjects, kubectlError } from '../../admission/apply.ts';
import { mirrorPod } from '../../k8s/static-pods.ts';

const FORMATS = ['text', 'json', 'yaml'] as const;

/** "90", "90s", "10m", "1h" → seconds. */
export function parseDuration(value: string): number {
  const m = /^(\d+)(s|m|h)?$/.exec(value);
  if (!m) throw new InvalidArgumentError(`--duration takes seconds or a Go-style duration like 90s, 10m or 1h, got "${value}".`);
  return Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
}

/** `--until stable`: the only condition so far. */
export function parseUntil(value: string): 'stable' {
  if (value !== 'stable') throw new InvalidArgumentError(`--until takes "stable" (stop as soon as nothing is left to happen), got "${value}".`);
  return value;
}

/** `--steps N`: a whole number of steps, at least 1. */
export function parseSteps(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`--steps takes a whole number of steps, 1 or more, got "${value}".`);
  return Number(value);
}

/** The line that says how the run ended, for `--until stable` and `--steps N`. */
export function stopLine(result: SimulationResult, flags: { until?: 'stable'; steps?: number; duration: number }): string {
  if (result.stoppedBy === 'steps') return `Stopped after ${result.steps.length} steps, at ${humanDuration(result.endSeconds)} of simulated time.\n\n`;
  if (!flags.until) return '';
  return result.settledAt !== undefined
    ? `Settled after ${humanDuration(result.settledAt)} of simulated time: no component has anything left to do and no scenario step remains.\n\n`
    : `Did not settle within ${humanDuration(flags.duration)}: something is still due (a back-off, a probe, a scenario step).\n\n`;
}

export interface LoadedCluster {
  pods: Pod[];
  nodes: Node[];
  replicaSets: ReplicaSet[];
  policies: KubeObject[];
  storage: KubeObject[];
  deployments: Deployment[];
  errors: InputError[];
  warnings: InputError[];
}

export async function loadCluster(paths: string[], stdin: () => Promise<string>, kubernetesVersion?: string): Promise<LoadedCluster> {
  const read = await readManifestSources(paths, { stdin });
  const parsed = parseManifests(read.sources);
  const objects = parsed.objects
    .filter(isModelled)
    .map((o) => ({ object: o.object.kind === 'Pod' ? mirrorPod(applyPodDefaults(o.object)) : o.object, file: o.file }));
  // Created through the API server: admission defaults, bounds and quotas apply, as with kubectl apply.
  const applied = applyObjects(objects, kubernetesVersion !== undefined ? { kubernetesVersion } : {});
  const rejected = applied.rejected.map((r) => new InputError(kubectlError(r.status, r.file)));
  const { namespaces, limitRanges, resourceQuotas, priorityClasses } = applied.cluster;
  return {
    pods: applied.pods,
    nodes: applied.nodes,
    replicaSets: applied.replicaSets,
    policies: [...namespaces, ...limitRanges, ...resourceQuotas, ...priorityClasses],
    storage: applied.storage,
    deployments: applied.deployments,
    errors: [...read.errors, ...parsed.errors, ...rejected],
    warnings: parsed.warnings,
  };
}

export function registerSimulate(program: Command, ctx: () => CliContext, stdin: () => Promise<string>): void {
  program
    .command('simulate')
    .description('run manifests (default: the bundled example cluster) through the model and show events and pods as kubectl would')
    .argument('[manifests...]', 'YAML/JSON files or directories, or - for standard input')
    .option('-o, --output <format>', `output format: ${FORMATS.join('|')}`, 'text')
    .option('--duration <time>', 'simulated time to run, e.g. 90s, 10m', parseDuration, 600)
    .option('--until <condition>', 'stop early: "stable" ends the run as soon as nothing is left to happen, and says when', parseUntil)
    .option('--steps <n>', 'stop after N steps (each step is one action of a component, the environment or a user)', parseSteps)
    .option('--trace', 'also print every step with its time and actor, including those Kubernetes records no Event for (binding a claim, MountDevice/SetUp, detach)')
    .addHelpText(
      'after',
      `
Pods say what their containers do with the annotation kubemodel.io/scenario (see examples/cluster/pods.yaml):
exit:N, crash-loop, image-pull-error, missing-config, oom, liveness-fails, readiness-fails.
Nodes say what happens to them the same way: lost-at:SECONDS, recover-at:SECONDS, label-at:SECONDS:KEY=VALUE.
Objects go through admission first (LimitRange, ResourceQuota, default tolerations, namespaces, priority);
a rejected one is reported as kubectl reports it and the rest are simulated.

Examples:
  $ kubemodel simulate                              # the bundled example cluster, 10 minutes
  $ kubemodel simulate my-pods.yaml --duration 5m
  $ kubemodel simulate examples/scheduling/cluster.yaml examples/scheduling/nodeselector-ssd.yaml
  $ kubemodel simulate examples/storage/cluster.yaml examples/storage/pv-pod.yaml --trace
  $ kubemodel simulate my-pods.yaml --until stable  # stop once everything is running (or done)
  $ kubemodel simulate my-pods.yaml --steps 20 --trace
  $ kubectl get pod web -o yaml | kubemodel simulate - -o json
  $ kubemodel --kubernetes-version 1.21 simulate    # event wording of Kubernetes 1.21`,
    )
    .action(async (manifests: string[], flags: { output: string; duration: number; trace?: boolean; until?: 'stable'; steps?: number }) => {
      const c = ctx();
      const format = checkOutput(flags.output, FORMATS);
      const usingExample = manifests.length === 0;
      const cluster = await loadCluster(usingExample ? [exampleCluster] : manifests, stdin, c.kubernetesVersion);
      for (const w of cluster.warnings) c.err(`warning: ${w.reported}\n`);
      for (const e of cluster.errors) c.err(`error: ${e.reported}\n`);
      const start = new Date('2026-01-01T00:00:00Z');
      const result = simulate(cluster, {
        durationSeconds: flags.duration,
        kubernetesVersion: c.kubernetesVersion,
        start,
        ...(flags.until ? { until: flags.until } : {}),
        ...(flags.steps !== undefined ? { maxSteps: flags.steps } : {}),
      });
      const now = new Date(start.getTime() + result.endSeconds * 1000);
      if (format === 'json' || format === 'yaml') {
        const doc = {
          kubernetesVersion: c.kubernetesVersion,
          simulatedSeconds: result.endSeconds,
          stoppedBy: result.stoppedBy,
          ...(result.settledAt !== undefined ? { settledAt: result.settledAt } : {}),
          events: result.events,
          pods: result.pods,
          nodes: cluster.nodes,
          persistentVolumeClaims: result.claims,
          persistentVolumes: result.volumes,
          ...(flags.trace ? { steps: result.steps.map((st) => ({ at: st.at, instance: st.action.instance, event: st.action.event, actor: st.action.actor, summary: st.summary })) } : {}),
        };
        c.out(format === 'json' ? toJson(doc) : toYamlText(doc));
      } else {
        if (usingExample) c.out(`Simulating the bundled example cluster (${exampleCluster}) for ${humanDuration(result.endSeconds)}.\n\n`);
        c.out(stopLine(result, flags));
        if (flags.trace) c.out(renderTrace(result));
        c.out(renderSimulation(result, now, c.kubernetesVersion));
      }
      if (cluster.errors.length > 0) c.exitCode = 2;
    });
}

/** A `kubectl get nodes` row: STATUS from the Ready condition plus SchedulingDisabled, ROLES from node-role labels. */
function nodeRow(node: Node, now: Date, kubernetesVersion: string): string[] {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  const status = [ready === 'True' ? 'Ready' : ready === undefined ? 'Unknown' : 'NotReady', ...(node.spec?.unschedulable ? ['SchedulingDisabled'] : [])].join(',');
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  const age = humanDuration((now.getTime() - Date.parse(node.metadata.creationTimestamp ?? now.toISOString())) / 1000);
  return [node.metadata.name, status, roles.join(',') || '<none>', age, `v${kubernetesVersion}.0`];
}

/** Every step in time order: `  12.2s  kubelet  volume/default/pv-pod/pv-storage  MountVolume.SetUp succeeded …`. */
export function renderTrace(result: SimulationResult): string {
  const rows = result.steps.map((st) => [`${st.at.toFixed(1)}s`, st.action.actor, st.action.instance, st.summary]);
  return `# steps (kubemodel's trace; Events are what Kubernetes itself records)\n${table(['TIME', 'ACTOR', 'INSTANCE', 'WHAT HAPPENED'], rows)}\n`;
}

export function renderSimulation(result: SimulationResult, now: Date, kubernetesVersion: string): string {
  const end = result.endSeconds;
  // Repeated Events are one Event with a count, as the event recorder aggregates them.
  const grouped = new Map<string, { last: number; first: number; count: number; e: SimulationResult['events'][number] }>();
  for (const e of result.events) {
    const key = `${e.type}|${e.reason}|${e.object}|${e.message}`;
    const g = grouped.get(key);
    if (g) {
      g.last = e.at;
      g.count++;
    } else grouped.set(key, { first: e.at, last: e.at, count: 1, e });
  }
  const rows = [...grouped.values()]
    .sort((a, b) => a.last - b.last)
    .map((g) => [humanDuration(end - g.last), g.e.type, g.e.reason, g.e.object, g.count > 1 ? `${g.e.message} (x${g.count} over ${humanDuration(g.last - g.first)})` : g.e.message]);
  const pods = result.pods.map((p) => {
    const col = podStatusColumns(p, now);
    return [col.name, col.ready, col.status, col.restarts, col.age];
  });
  let out = `$ kubectl get events --sort-by=.lastTimestamp\n${table(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], rows)}\n$ kubectl get pods\n${table(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], pods)}`;
  out += renderStorage(result, now, kubernetesVersion);
  out += renderDeployments(result, now);
  const explicitNodes = result.nodes.filter((n) => n.metadata.annotations?.['kubemodel.io/implicit'] !== 'true');
  if (explicitNodes.length > 0) {
    const placement = result.pods.map((p) => [p.metadata.name, p.spec.nodeName ?? '<none>']);
    out += `\n$ kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName\n${table(['NAME', 'NODE'], placement)}`;
    out += `\n$ kubectl get nodes\n${table(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], explicitNodes.map((n) => nodeRow(n, now, kubernetesVersion)))}`;
  }
  return out;
}

/**
 * For each Deployment: what `kubectl rollout status` printed while watching the run, then `kubectl describe
 * deployment` at the end (ROLL-05, ROLL-09).
 */
function renderDeployments(result: SimulationResult, now: Date): string {
  let out = '';
  for (const d of result.deployments) {
    const status = rolloutStatusLines(d.series);
    const last = d.series[d.series.length - 1];
    out += `\n$ kubectl rollout status deployment/${d.name}\n${[...status.lines, ...(status.error ? [status.error] : [])].join('\n')}\n`;
    if (!last) continue;
    const start = now.getTime() - result.endSeconds * 1000;
    const events = result.events
      .filter((e) => e.object === `deployment/${d.name}` && e.namespace === d.namespace)
      .map((e) => ({ type: e.type, reason: e.reason, message: e.message, source: e.source, firstTimestamp: new Date(start + e.at * 1000).toISOString() }));
    out += `\n$ kubectl describe deployment ${d.name}\n${describeDeployment({ deployment: last, replicaSets: d.replicaSets, events, now })}`;
  }
  return out;
}

/** `kubectl get pvc` and `kubectl get pv` when the run has any (PVC-01, PVC-02, PVC-14); `-A` with a NAMESPACE column when a claim is outside default. */
function renderStorage(result: SimulationResult, now: Date, kubernetesVersion: string): string {
  if (result.claims.length === 0 && result.volumes.length === 0) return '';
  const allNamespaces = result.claims.some((c) => (c.metadata.namespace ?? 'default') !== 'default');
  const claimRows = result.claims.map((c) => [...(allNamespaces ? [c.metadata.namespace ?? 'default'] : []), ...pvcRow(c, now, kubernetesVersion)]);
  const claimHeaders = [...(allNamespaces ? ['NAMESPACE'] : []), ...pvcHeaders(kubernetesVersion)];
  let out = '';
  if (result.claims.length > 0) out += `\n$ kubectl get pvc${allNamespaces ? ' -A' : ''}\n${table(claimHeaders, claimRows)}`;
  if (result.volumes.length > 0) out += `\n$ kubectl get pv\n${table(pvHeaders(kubernetesVersion), result.volumes.map((v) => pvRow(v, now, kubernetesVersion)))}`;
  return out;
}
