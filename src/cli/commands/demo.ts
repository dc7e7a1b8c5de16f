// `kubemodel demo` (what `npm start` runs): simulate the bundled example cluster, check every bundled model
// against its expectation, and print a summary.
import type { Command } from 'commander';
import { checkAnyModel } from '../../checker/run.ts';
import { simulate } from '../../simulate/simulate.ts';
import { bundledModelNames, exampleCluster, readModel } from '../files.ts';
import { checkOutput, formatBytes, formatNumber, toJson } from '../output.ts';
import type { CliContext } from '../context.ts';
import { loadCluster, renderSimulation } from './simulate.ts';
import { renderReport } from './check.ts';

export function registerDemo(program: Command, ctx: () => CliContext, stdin: () => Promise<string>): void {
  program
    .command('demo')
    .description('the main job on the bundled example: simulate the example cluster, check every bundled model, summarise')
    .option('-o, --output <format>', 'output format: text|json', 'text')
    .addHelpText('after', '\nExamples:\n  $ kubemodel demo\n  $ npm start\n  $ kubemodel demo -o json | jq .models')
    .action(async (flags: { output: string }) => {
      const parent = ctx();
      const format = checkOutput(flags.output, ['text', 'json'] as const);
      // In JSON mode the human-readable parts are dropped and one document is written at the end.
      const c = format === 'json' ? { ...parent, out: () => undefined } : parent;
      const models: { model: string; states: number; depth: number; statesPerSecond: number; violation: string | null; asExpected: boolean }[] = [];
      c.out(c.paint('bold', `== simulate: the example cluster in ${exampleCluster}\n`));
      const cluster = await loadCluster([exampleCluster], stdin, c.kubernetesVersion);
      for (const e of cluster.errors) c.err(`error: ${e.reported}\n`);
      const start = new Date('2026-01-01T00:00:00Z');
      const sim = simulate(cluster, { durationSeconds: 600, kubernetesVersion: c.kubernetesVersion, start });
      c.out(renderSimulation(sim, new Date(start.getTime() + sim.endSeconds * 1000), c.kubernetesVersion));
      const summary: string[] = [];
      const width = Math.max(...bundledModelNames().map((n) => n.length));
      for (const name of bundledModelNames()) {
        const { model } = readModel(name);
        c.out(c.paint('bold', `\n== check ${name}\n`));
        const report = checkAnyModel(model, {
          kubernetesVersion: c.kubernetesVersion,
          now: () => performance.now() / 1000,
          heapUsed: () => process.memoryUsage().heapUsed,
          onProgress: (p) => c.progress(`checking ${name}: ${formatNumber(p.states)} states, depth ${p.depth}, queue ${formatNumber(p.queue)}`),
        });
        c.endProgress();
        c.out(renderReport(report, c.paint));
        const expected = model.expect.violation?.id;
        const got = report.violations[0]?.id;
        const asExpected = expected === got && (model.expect.states === undefined || model.expect.states === report.states);
        if (!asExpected) parent.exitCode = 1;
        models.push({ model: name, states: report.states, depth: report.depth, statesPerSecond: report.statesPerSecond, violation: got ?? null, asExpected });
        summary.push(
          `  ${name.padEnd(width)} ${formatNumber(report.states).padStart(9)} states  depth ${String(report.depth).padStart(3)}  ${formatNumber(report.statesPerSecond).padStart(8)} states/s  ${formatBytes(report.peakHeapBytes).padStart(10)}  ${got ? `violation ${got}` : 'no violation'}${asExpected ? '' : c.paint('red', '  (UNEXPECTED)')}`,
        );
      }
      c.out(c.paint('bold', '\n== summary\n'));
      c.out(`  ${sim.pods.length} pods simulated for ${sim.endSeconds}s, ${sim.events.length} events, ${sim.steps.length} steps\n`);
      c.out(`${summary.join('\n')}\n`);
      if (format === 'json') {
        parent.out(toJson({ simulation: { pods: sim.pods.length, seconds: sim.endSeconds, events: sim.events.length, steps: sim.steps.length }, models }));
      }
    });
}
