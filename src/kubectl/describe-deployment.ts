// `kubectl describe deployment <name>` (kubectl pkg/describe/describe.go: describeDeployment,
// DescribePodTemplate, describeContainers, DescribeEvents, printReplicaSetsByLabels), current release.
// Behaviours: ROLL-02/03 (the Deployment's ReplicaSets, old and new, "name (status/spec replicas created)"),
// ROLL-05 (RollingUpdateStrategy, Replicas counts), ROLL-09 (revision annotation). The Pod template is the
// brief form a plain nginx template needs: labels, annotations, containers (image, ports, host ports,
// resources, environment, mounts), volumes by name, node selector, tolerations; no probes or topology spread.
import type { Container, Deployment, ReplicaSet, Toleration } from '../k8s/types.ts';
import { selectorToString } from '../k8s/selector.ts';
import { deploymentDefaults } from '../deployment/defaults.ts';
import { equalIgnoreHash } from '../deployment/pod-template-hash.ts';
import { humanDuration } from './age.ts';

/** One Event on the Deployment as the API server aggregates it (count > 1 after repeats). */
export interface DescribedEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** source.component, e.g. "deployment-controller". */
  source: string;
  firstTimestamp: string;
  lastTimestamp?: string;
  count?: number;
}

export interface DescribeDeploymentInput {
  deployment: Deployment;
  /** ReplicaSets in the namespace; those controlled by the Deployment are shown. */
  replicaSets: readonly ReplicaSet[];
  /** undefined = `--show-events=false` (no Events section at all). */
  events?: readonly DescribedEvent[];
  now: Date;
}

/**
 * Go's text/tabwriter as tabbedString configures it (minwidth 0, tabwidth 8, padding 2, pad ' ', no flags):
 * tab-terminated cells align per column over each run of consecutive lines that have that column; a line's
 * last cell is never padded. Example: "Name:\tweb\nRollingUpdateStrategy:\t25%…" pads "Name:" to 24.
 */
export function goTabwriter(text: string, padding = 2): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const out = lines.map(() => '');
  const width = (s: string) => [...s].length;
  // Recursive column blocks, as tabwriter.format: column c is laid out over runs of lines with > c+1 cells.
  const format = (from: number, to: number, column: number): void => {
    let i = from;
    while (i < to) {
      if ((lines[i]?.length ?? 0) - 1 <= column) {
        i++;
        continue;
      }
      const start = i;
      let w = 0;
      while (i < to && (lines[i]?.length ?? 0) - 1 > column) w = Math.max(w, width(lines[i++]![column]!) + padding);
      for (let k = start; k < i; k++) out[k] += lines[k]![column]!.padEnd(w + lines[k]![column]!.length - width(lines[k]![column]!));
      format(start, i, column + 1);
    }
  };
  format(0, lines.length, 0);
  return lines.map((cells, k) => out[k] + (cells[cells.length - 1] ?? '')).join('\n');
}

/** RFC1123Z as Go formats it, in UTC: "Thu, 01 Jan 2026 00:00:00 +0000". */
export function rfc1123z(iso: string | undefined): string {
  const d = new Date(iso ?? 0);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** printLabelsMultiline: "Title:\tk=v", further keys on "\tk=v" lines, sorted; "<none>" when empty. */
function labelLines(title: string, labels: Record<string, string> | undefined): string[] {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return [`${title}:\t<none>`];
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}=${labels![k]}`);
}

/** printAnnotationsMultiline: "key: value", last-applied-configuration skipped, long or multi-line values below the key. */
function annotationLines(title: string, annotations: Record<string, string> | undefined): string[] {
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
  if (keys.length === 0) return [`${title}:\t<none>`];
  const indent = title.startsWith('  ') ? '  ' : '';
  return keys.flatMap((k, i) => {
    const head = i === 0 ? `${title}:\t` : '\t';
    const value = annotations![k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 <= 140 && !value.includes('\n')) return [`${head}${k}: ${value}`];
    return [`${head}${k}:`, ...value.split('\n').map((s) => `${indent}  ${s.length > 138 ? `${s.slice(0, 138)}...` : s}`)];
  });
}

function tolerationText(t: Toleration): string {
  const kv = t.operator === 'Exists' && t.key === undefined ? '' : t.operator === 'Exists' ? `${t.key}` : `${t.key ?? ''}=${t.value ?? ''}`;
  const effect = t.effect ? `:${t.effect}` : '';
  const secs = t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : '';
  return `${kv}${effect}${t.operator === 'Exists' && !t.key && !t.effect ? ' op=Exists' : ''}${secs}`;
}

function containerLines(c: Container): string[] {
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`);
  const portLine = (one: string, many: string, list: string[]) => (list.length > 1 ? `    ${many}:\t${list.join(', ')}` : `    ${one}:\t${list[0] ?? '<none>'}`);
  const out = [`   ${c.name}:`, `    Image:\t${c.image ?? ''}`, portLine('Port', 'Ports', ports), portLine('Host Port', 'Host Ports', hostPorts)];
  for (const [section, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) out.push(`    ${section}:`, ...names.map((n) => `      ${n}:\t${list![n]}`));
  }
  const env = c.env ?? [];
  out.push(env.length === 0 ? '    Environment:\t<none>' : '    Environment:', ...env.map((e) => `      ${e.name}:\t${e.value ?? ''}`));
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => a.mountPath.localeCompare(b.mountPath));
  out.push(mounts.length === 0 ? '    Mounts:\t<none>' : '    Mounts:', ...mounts.map((m) => `      ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})`));
  return out;
}

/** DescribePodTemplate for the brief template described in the header. */
export function podTemplateLines(template: Deployment['spec']['template']): string[] {
  const spec = template.spec;
  const out = ['Pod Template:', ...labelLines('  Labels', template.metadata?.labels)];
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) out.push(...annotationLines('  Annotations', template.metadata?.annotations));
  if ((spec.initContainers ?? []).length > 0) out.push('  Init Containers:', ...(spec.initContainers ?? []).flatMap(containerLines));
  out.push(spec.containers.length === 0 ? '  Containers: <none>' : '  Containers:', ...spec.containers.flatMap(containerLines));
  const volumes = spec.volumes ?? [];
  out.push(volumes.length === 0 ? '  Volumes:\t<none>' : '  Volumes:', ...volumes.map((v) => `   ${v.name}:`));
  if (spec.priorityClassName) out.push(`  Priority Class Name:\t${spec.priorityClassName}`);
  out.push(...labelLines('  Node-Selectors', spec.nodeSelector));
  const tolerations = spec.tolerations ?? [];
  out.push(tolerations.length === 0 ? '  Tolerations:\t<none>' : `  Tolerations:\t${tolerationText(tolerations[0]!)}`, ...tolerations.slice(1).map((t) => `\t${tolerationText(t)}`));
  return out;
}

/** printReplicaSetsByLabels: "name (status.replicas/spec.replicas replicas created)", comma-joined, or "<none>". */
export function replicaSetsText(rses: readonly ReplicaSet[]): string {
  return rses.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') || '<none>';
}

const controlledBy = (rs: ReplicaSet, d: Deployment) =>
  (rs.metadata.ownerReferences ?? []).some((o) => o.controller && o.kind === 'Deployment' && o.name === d.metadata.name && (!o.uid || !d.metadata.uid || o.uid === d.metadata.uid));

/** FindNewReplicaSet (oldest with the Deployment's template, hash label ignored) and all the others, listed by name as the API lists them. */
export function splitReplicaSets(d: Deployment, all: readonly ReplicaSet[]): { newRS?: ReplicaSet; old: ReplicaSet[] } {
  const owned = all.filter((rs) => (rs.metadata.namespace ?? 'default') === (d.metadata.namespace ?? 'default') && controlledBy(rs, d));
  const byAge = [...owned].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  const newRS = byAge.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const old = owned.filter((rs) => rs !== newRS).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  return newRS ? { newRS, old } : { old };
}

/** DescribeEvents: "<none>", else sorted by last timestamp, AGE "5m" or "2m (x3 over 10m)". */
export function eventLines(events: readonly DescribedEvent[], now: Date): string[] {
  if (events.length === 0) return ['Events:\t<none>'];
  const age = (t: string) => humanDuration((now.getTime() - Date.parse(t)) / 1000);
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp ?? a.firstTimestamp) - Date.parse(b.lastTimestamp ?? b.firstTimestamp));
  const rows = sorted.map((e) => {
    const interval = (e.count ?? 1) > 1 ? `${age(e.lastTimestamp ?? e.firstTimestamp)} (x${e.count} over ${age(e.firstTimestamp)})` : age(e.firstTimestamp);
    return `  ${e.type}\t${e.reason}\t${interval}\t${e.source}\t${e.message.trim()}`;
  });
  return ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------', ...rows];
}

/** The full `kubectl describe deployment` text, ending in a newline. */
export function describeDeployment(input: DescribeDeploymentInput): string {
  const { deployment: d, now } = input;
  const s = deploymentDefaults(d);
  const st = d.status ?? {};
  const lines = [
    `Name:\t${d.metadata.name}`,
    `Namespace:\t${d.metadata.namespace ?? 'default'}`,
    `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}`,
    ...labelLines('Labels', d.metadata.labels),
    ...annotationLines('Annotations', d.metadata.annotations),
    `Selector:\t${selectorToString(d.spec.selector)}`,
    `Replicas:\t${s.replicas} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`,
    `StrategyType:\t${s.strategyType}`,
    `MinReadySeconds:\t${s.minReadySeconds}`,
    ...(s.strategyType === 'RollingUpdate' ? [`RollingUpdateStrategy:\t${s.maxUnavailable} max unavailable, ${s.maxSurge} max surge`] : []),
    ...podTemplateLines(d.spec.template),
  ];
  const conditions = st.conditions ?? [];
  if (conditions.length > 0) lines.push('Conditions:', '  Type\tStatus\tReason', '  ----\t------\t------', ...conditions.map((c) => `  ${c.type} \t${c.status}\t${c.reason ?? ''}`));
  const { newRS, old } = splitReplicaSets(d, input.replicaSets);
  if (newRS || old.length > 0) lines.push(`OldReplicaSets:\t${replicaSetsText(old)}`, `NewReplicaSet:\t${replicaSetsText(newRS ? [newRS] : [])}`);
  // DescribeEvents flushes the tabwriter first: the Events table aligns on its own.
  const head = goTabwriter(lines.join('\n'));
  return input.events === undefined ? `${head}\n` : `${head}\n${goTabwriter(eventLines(input.events, now).join('\n'))}\n`;
}
