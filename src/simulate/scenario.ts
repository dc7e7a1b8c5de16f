// What the environment does to a Pod in a simulation, from its `kubemodel.io/scenario` annotation: a
// comma-separated list such as `crash-loop`, `exit:0`, `exit:1`, `image-pull-error`, `missing-config`,
// `oom`, `liveness-fails`, `readiness-fails`, optionally scoped to one container as `app=exit:1`.
// Unscoped steps apply to the app containers (examples/cluster/pods.yaml documents the vocabulary).
// Without a scenario, containers start and keep running, as a healthy long-running workload does.
import { InputError } from '../errors.ts';

export type ScenarioStep =
  | { kind: 'exit'; exitCode: number; afterSeconds: number }
  | { kind: 'crash-loop'; exitCode: number; afterSeconds: number }
  | { kind: 'image-pull-error' }
  | { kind: 'missing-config' }
  | { kind: 'oom'; afterSeconds: number }
  | { kind: 'liveness-fails'; afterSeconds: number }
  | { kind: 'readiness-fails'; afterSeconds: number };

export interface Scenario {
  /** Container name → its steps; `*` applies to every container without its own entry. */
  byContainer: Map<string, ScenarioStep[]>;
}

export const SCENARIO_ANNOTATION = 'kubemodel.io/scenario';

function parseStep(text: string, where: string): ScenarioStep {
  const [name, arg] = text.split(':') as [string, string | undefined];
  switch (name) {
    case 'exit': {
      const code = Number(arg ?? '0');
      if (!Number.isInteger(code) || code < 0 || code > 255) throw new InputError(`${where}: exit code must be 0-255, got "${arg}"`);
      return { kind: 'exit', exitCode: code, afterSeconds: 5 };
    }
    case 'crash-loop':
      return { kind: 'crash-loop', exitCode: Number(arg ?? '1'), afterSeconds: 3 };
    case 'image-pull-error':
      return { kind: 'image-pull-error' };
    case 'missing-config':
      return { kind: 'missing-config' };
    case 'oom':
      return { kind: 'oom', afterSeconds: 5 };
    case 'liveness-fails':
      // periodSeconds 10 × failureThreshold 3 (PROBE-05 defaults) after start.
      return { kind: 'liveness-fails', afterSeconds: 30 };
    case 'readiness-fails':
      return { kind: 'readiness-fails', afterSeconds: 30 };
    default:
      throw new InputError(
        `${where}: unknown scenario "${text}" (known: exit:N, crash-loop, image-pull-error, missing-config, oom, liveness-fails, readiness-fails)`,
      );
  }
}

export function parseScenario(annotation: string | undefined, where: string): Scenario {
  const byContainer = new Map<string, ScenarioStep[]>();
  for (const raw of (annotation ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = raw.indexOf('=');
    const container = eq >= 0 ? raw.slice(0, eq) : '*';
    const step = parseStep(eq >= 0 ? raw.slice(eq + 1) : raw, where);
    byContainer.set(container, [...(byContainer.get(container) ?? []), step]);
  }
  return { byContainer };
}

/** Unscoped steps are about the app containers; init containers and sidecars only follow steps naming them. */
export function stepsFor(scenario: Scenario, container: string, role: 'init' | 'sidecar' | 'app'): ScenarioStep[] {
  return scenario.byContainer.get(container) ?? (role === 'app' ? scenario.byContainer.get('*') : undefined) ?? [];
}

/**
 * What happens to a Node in a simulation, from its `kubemodel.io/scenario` annotation: `lost-at:120`
 * (its kubelet stops reaching the API server 120 s into the run), `recover-at:400`, and
 * `label-at:60:disktype=ssd` (an administrator runs `kubectl label node … disktype=ssd` at 60 s) and
 * `memory-available-at:120:50Mi` (from 120 s kubelet observes only 50Mi of memory available).
 */
export interface NodeScenario {
  lostAt?: number;
  recoverAt?: number;
  labels: { at: number; key: string; value: string }[];
  /** `memory-available-at:120:50Mi`: kubelet observes this much memory available from then on. */
  memory: { at: number; available: string }[];
}

export function parseNodeScenario(annotation: string | undefined, where: string): NodeScenario {
  const out: NodeScenario = { labels: [], memory: [] };
  for (const raw of (annotation ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, arg, label] = raw.split(':') as [string, string | undefined, string | undefined];
    const seconds = Number(arg);
    const eq = label?.indexOf('=') ?? -1;
    const known =
      name === 'lost-at' || name === 'recover-at' || (name === 'label-at' && label !== undefined && eq > 0) || (name === 'memory-available-at' && label !== undefined);
    if (!known || !Number.isFinite(seconds) || seconds < 0) {
      throw new InputError(
        `${where}: unknown node scenario "${raw}" (known: lost-at:SECONDS, recover-at:SECONDS, label-at:SECONDS:KEY=VALUE, memory-available-at:SECONDS:QUANTITY)`,
      );
    }
    if (name === 'lost-at') out.lostAt = seconds;
    else if (name === 'recover-at') out.recoverAt = seconds;
    else if (name === 'memory-available-at') out.memory.push({ at: seconds, available: label! });
    else out.labels.push({ at: seconds, key: label!.slice(0, eq), value: label!.slice(eq + 1) });
  }
  return out;
}

/**
 * What users do to a Deployment in a simulation, from its `kubemodel.io/scenario` annotation, e.g.
 * `set-image-at:30:nginx=nginx:1.16.1, scale-at:90:5, pause-at:40, resume-at:70, undo-at:120, undo-at:200:1`:
 * `kubectl set image` (ROLL-04), `kubectl scale --replicas` (ROLL-07), `kubectl rollout pause/resume`
 * (ROLL-08) and `kubectl rollout undo [--to-revision=N]` (ROLL-10; 0 or none = the previous revision).
 */
export type DeploymentScenarioStep =
  | { kind: 'set-image'; at: number; container: string; image: string }
  | { kind: 'scale'; at: number; replicas: number }
  | { kind: 'pause'; at: number }
  | { kind: 'resume'; at: number }
  | { kind: 'undo'; at: number; toRevision: number };

export interface DeploymentScenario {
  /** In time order; steps at the same second keep the annotation's order. */
  steps: DeploymentScenarioStep[];
}

const DEPLOYMENT_STEPS = 'set-image-at:SECONDS:CONTAINER=IMAGE, scale-at:SECONDS:N, pause-at:SECONDS, resume-at:SECONDS, undo-at:SECONDS[:REVISION]';
const MAX_INT32 = 2147483647;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Parses one step; `fail` throws the InputError naming the step. */
function parseDeploymentStep(raw: string, fail: (why: string) => never): DeploymentScenarioStep {
  // Only the first two colons separate: an image keeps its own (nginx:1.16.1, localhost:5000/app:v2).
  const first = raw.indexOf(':');
  const second = first < 0 ? -1 : raw.indexOf(':', first + 1);
  const name = first < 0 ? raw : raw.slice(0, first);
  const secondsText = first < 0 ? undefined : raw.slice(first + 1, second < 0 ? undefined : second);
  const arg = second < 0 ? undefined : raw.slice(second + 1);
  const known = ['set-image-at', 'scale-at', 'pause-at', 'resume-at', 'undo-at'];
  if (!known.includes(name)) fail(`unknown deployment scenario step "${raw}" (known: ${DEPLOYMENT_STEPS})`);
  const at = Number(secondsText);
  if (secondsText === undefined || secondsText.trim() === '' || !Number.isFinite(at) || at < 0) {
    fail(`"${raw}": SECONDS must be a number of seconds from the start, 0 or more, got "${secondsText ?? ''}"`);
  }
  const count = (text: string | undefined, what: string, min: number): number => {
    const n = Number(text);
    if (text === undefined || !/^\d+$/.test(text) || n < min || n > MAX_INT32) fail(`"${raw}": ${what} must be a whole number from ${min} to ${MAX_INT32}, got "${text ?? ''}"`);
    return n;
  };
  switch (name) {
    case 'set-image-at': {
      const eq = arg?.indexOf('=') ?? -1;
      const container = eq > 0 ? arg!.slice(0, eq) : '';
      const image = eq > 0 ? arg!.slice(eq + 1) : '';
      if (!DNS_LABEL.test(container) || image.trim() === '' || /\s/.test(image)) fail(`"${raw}": expected set-image-at:SECONDS:CONTAINER=IMAGE, e.g. set-image-at:30:nginx=nginx:1.16.1`);
      return { kind: 'set-image', at, container, image };
    }
    case 'scale-at':
      return { kind: 'scale', at, replicas: count(arg, 'the replica count N', 0) };
    case 'undo-at':
      return { kind: 'undo', at, toRevision: arg === undefined ? 0 : count(arg, 'REVISION', 0) };
    default:
      if (arg !== undefined) fail(`"${raw}": ${name}:SECONDS takes no further value`);
      return { kind: name === 'pause-at' ? 'pause' : 'resume', at };
  }
}

/**
 * The plan of a Deployment's annotation. `where` names the object (`deployment default/nginx-deployment`),
 * `file` the manifest; malformed steps are InputErrors carrying both.
 */
export function parseDeploymentScenario(annotation: string | undefined, where: string, file?: string): DeploymentScenario {
  const fail = (why: string): never => {
    throw new InputError(`${where}: ${SCENARIO_ANNOTATION}: ${why}`, file);
  };
  const steps = (annotation ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((raw) => parseDeploymentStep(raw, fail));
  return { steps: steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i).map(({ s }) => s) };
}
