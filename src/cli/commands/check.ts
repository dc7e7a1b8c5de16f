// `kubemodel check <model>`: exhaustive model checking of a bundled or user model file.
import { InvalidArgumentError, type Command } from 'commander';
import { checkAnyModel, type AnyCheckReport } from '../../checker/run.ts';
import { bundledModelNames, readModel } from '../files.ts';
import { checkOutput, formatBytes, formatNumber, parseCount, toJson, toYamlText, type Paint } from '../output.ts';
import type { CliContext } from '../context.ts';
import { RuleError } from '../../errors.ts';

const FORMATS = ['text', 'json', 'yaml'] as const;

interface CheckFlags {
  output: string;
  replicas?: number;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  strategy?: 'RollingUpdate' | 'Recreate';
  scaleTo?: number;
  undo?: boolean;
  pause?: boolean;
  maxStates?: number;
  maxDepth?: number;
  maxSeconds?: number;
  maxRestarts?: number;
  maxFaults?: number;
}

export function registerCheck(program: Command, ctx: () => CliContext): void {
  program
    .command('check')
    .description('explore every reachable state of a model and check its invariants, deadlocks and convergence')
    .argument('<model>', `a bundled model (${bundledModelNames().join(', ')}) or a model JSON file`)
    .option('-o, --output <format>', `output format: ${FORMATS.join('|')}`, 'text')
    .option('--max-states <n>', 'stop after this many distinct states (partial result)', parseCount('--max-states'))
    .option('--max-depth <n>', 'do not explore deeper than this many steps', parseCount('--max-depth'))
    .option('--max-seconds <n>', 'stop after this many seconds (partial result)', parseCount('--max-seconds'))
    .option('--max-restarts <n>', "override the model's restart bound per container", parseCount('--max-restarts'))
    .option('--max-faults <n>', "override the model's fault budget", parseCount('--max-faults'))
    .option('--replicas <n>', 'rollout models: spec.replicas', parseCount('--replicas'))
    .option('--max-surge <n|%>', 'rollout models: maxSurge, an integer or a percentage', parseIntOrPercent('--max-surge'))
    .option('--max-unavailable <n|%>', 'rollout models: maxUnavailable, an integer or a percentage', parseIntOrPercent('--max-unavailable'))
    .option('--strategy <type>', 'rollout models: RollingUpdate or Recreate', parseStrategy)
    .option('--scale-to <n>', 'rollout models: a user runs kubectl scale --replicas=<n> once, at any point', parseCount('--scale-to'))
    .option('--undo', 'rollout models: a user runs kubectl rollout undo once, at any point')
    .option('--pause', 'rollout models: a user pauses the rollout once and may resume it')
    .addHelpText(
      'after',
      `
Exit codes: 0 no violation, 1 a violation was found (its shortest trace is printed), 2 bad input.

Examples:
  $ kubemodel check pod
  $ kubemodel check pod --max-faults 3 -o json
  $ kubemodel check pod-broken          # a deliberately broken kubelet: prints the minimal counterexample
  $ kubemodel check ./my-model.json --max-states 100000
  $ kubemodel check rollout --replicas 10 --max-surge 25% --max-unavailable 25%
  $ kubemodel check rollout --strategy Recreate --replicas 5
  $ kubemodel check rollout --scale-to 5 --pause   # scaled (and paused) mid-rollout
  $ kubemodel check rollout --undo                 # undo at any point: finds a dip in availability
  $ kubemodel check rollout-broken                 # a controller ignoring maxUnavailable: the shortest counterexample`,
    )
    .action((model: string, flags: CheckFlags) => {
      const c = ctx();
      const format = checkOutput(flags.output, FORMATS);
      const { model: file, file: path } = readModel(model);
      const constants = {
        ...(flags.maxRestarts !== undefined ? { maxRestarts: flags.maxRestarts } : {}),
        ...(flags.maxFaults !== undefined ? { maxFaults: flags.maxFaults } : {}),
      };
      const rollout = {
        ...(flags.replicas !== undefined ? { replicas: flags.replicas } : {}),
        ...(flags.maxSurge !== undefined ? { maxSurge: flags.maxSurge } : {}),
        ...(flags.maxUnavailable !== undefined ? { maxUnavailable: flags.maxUnavailable } : {}),
        ...(flags.maxFaults !== undefined ? { maxFaults: flags.maxFaults } : {}),
        ...(flags.strategy !== undefined ? { strategy: flags.strategy } : {}),
        ...(flags.scaleTo !== undefined ? { scaleTo: flags.scaleTo } : {}),
        ...(flags.undo ? { undo: true } : {}),
        ...(flags.pause ? { pause: true } : {}),
      };
      const report = withFile(path, () => checkAnyModel(file, {
        kubernetesVersion: c.kubernetesVersion,
        constants,
        rollout,
        bounds: {
          ...(flags.maxStates !== undefined ? { maxStates: flags.maxStates } : {}),
          ...(flags.maxDepth !== undefined ? { maxDepth: flags.maxDepth } : {}),
          ...(flags.maxSeconds !== undefined ? { maxSeconds: flags.maxSeconds } : {}),
        },
        now: () => performance.now() / 1000,
        heapUsed: () => process.memoryUsage().heapUsed,
        onProgress: (p) =>
          c.progress(`checking ${file.id}: ${formatNumber(p.states)} states (${formatNumber(p.states / Math.max(p.seconds, 1e-9))}/s), depth ${p.depth}, queue ${formatNumber(p.queue)}`),
      }));
      c.endProgress();
      if (format === 'json') c.out(toJson(report));
      else if (format === 'yaml') c.out(toYamlText(report));
      else c.out(renderReport(report, c.paint));
      if (report.violations.length > 0) c.exitCode = 1;
    });
}

/** "25%" or "3": an IntOrString as the Deployment API takes it. */
function parseIntOrPercent(flag: string) {
  return (value: string): number | string => {
    if (/^\d+%$/.test(value)) return value;
    if (/^\d+$/.test(value)) return Number(value);
    throw new InvalidArgumentError(`${flag} takes a whole number or a percentage like 25%, got "${value}".`);
  };
}

/** The Deployment strategy types, spelled as the API spells them. */
function parseStrategy(value: string): 'RollingUpdate' | 'Recreate' {
  if (value === 'RollingUpdate' || value === 'Recreate') return value;
  throw new InvalidArgumentError(`--strategy takes RollingUpdate or Recreate, got "${value}".`);
}

/** Rule errors inside a model file (its rebound guards) name that file. */
function withFile<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RuleError && !e.file) throw new RuleError(e.ruleId, e.jsonPath, e.message, file);
    throw e;
  }
}

export function renderReport(r: AnyCheckReport, paint: Paint): string {
  const lines: string[] = [];
  lines.push(`${paint('bold', `model ${r.model}`)}: ${r.description}`);
  lines.push(
    `  states ${formatNumber(r.states)}   transitions ${formatNumber(r.edges)}   depth ${r.depth}   stable ${formatNumber(r.stableStates)}`,
  );
  lines.push(`  time ${r.seconds.toFixed(2)}s   ${formatNumber(r.statesPerSecond)} states/s   heap ${formatBytes(r.peakHeapBytes)}`);
  lines.push(`  invariants: ${r.invariants.join(', ')}`);
  if (!r.complete) lines.push(paint('yellow', `  partial: stopped by ${r.stoppedBy ?? 'a violation'} before the whole state space was explored`));
  if (r.violations.length === 0) {
    lines.push(paint('green', `  no violations${r.complete ? ' (whole state space explored; convergence holds)' : ''}`));
  }
  for (const v of r.violations) {
    lines.push(paint('red', `  VIOLATION ${v.kind} ${v.id}: ${v.description}`));
    lines.push(`  shortest counterexample (${v.steps.length} steps):`);
    for (const [i, s] of v.steps.entries()) {
      if (typeof s === 'string') {
        lines.push(`  ${String(i + 1).padStart(3)}. ${s}`);
        continue;
      }
      const fault = s.fault ? paint('yellow', ' [fault]') : '';
      lines.push(`  ${String(s.n).padStart(3)}. ${s.actor}${fault} ${s.object}: ${s.event.type}${'exitCode' in s.event ? ` (exit code ${String(s.event.exitCode)})` : ''}`);
      for (const w of s.what) lines.push(`       ${w}`);
      for (const ch of s.changes) lines.push(`       ${paint('dim', '→')} ${ch}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
