// `kubemodel paths <machine>`: test paths through a machine (xstate/graph), as text, JSON or a vitest file.
import type { Command } from 'commander';
import { machineEntry, machineIds } from '../../machines.ts';
import { machinePaths, pathsToJson, formatEvent, formatValue, type PathKind } from '../../paths/paths.ts';
import { coverage } from '../../paths/coverage.ts';
import { toVitestFile } from '../../paths/vitest-file.ts';
import { checkOutput, parseCount, toJson } from '../output.ts';
import type { CliContext } from '../context.ts';

const FORMATS = ['text', 'json', 'vitest'] as const;
const KINDS = ['shortest', 'simple', 'transitions'] as const;

export function registerPaths(program: Command, ctx: () => CliContext): void {
  program
    .command('paths')
    .description('generate test paths through a machine: every state (shortest), every simple path, or every transition')
    .argument('<machine>', `a machine: ${machineIds().join(', ')}`)
    .option('-o, --output <format>', `output format: ${FORMATS.join('|')}`, 'text')
    .option('--kind <kind>', `which paths: ${KINDS.join('|')}`, 'shortest')
    .option('--limit <n>', 'most paths to generate (simple paths grow combinatorially)', parseCount('--limit'))
    .option('--import-path <module>', 'with -o vitest: module that exports the PathAdapter type', 'kubemodel/paths')
    .addHelpText(
      'after',
      `
Examples:
  $ kubemodel paths container                       # shortest path to every state, with coverage
  $ kubemodel paths container --kind transitions -o json
  $ kubemodel paths pod -o vitest > test/pod.paths.test.ts`,
    )
    .action((machine: string, flags: { output: string; kind: string; limit?: number; importPath: string }) => {
      const c = ctx();
      const format = checkOutput(flags.output, FORMATS);
      const kind = checkOutput(flags.kind, KINDS, '--kind') as PathKind;
      const { entry, module } = machineEntry(machine);
      const result = machinePaths(entry, {
        kind,
        input: module.sampleInput,
        ...(module.pathContext ? { projectContext: module.pathContext } : {}),
        ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      });
      const cov = coverage(entry, result, { input: module.sampleInput });
      if (format === 'json') {
        c.out(toJson({ ...pathsToJson(result), coverage: cov }));
        return;
      }
      if (format === 'vitest') {
        c.out(toVitestFile(entry, result, { importPath: flags.importPath }));
        return;
      }
      const lines = [`${result.paths.length} ${kind} paths through machine ${entry.id} (${entry.behaviours.join(', ')})`];
      for (const p of result.paths) {
        lines.push(`  ${p.id}: ${formatValue(p.target.value)}`);
        lines.push(`      ${p.steps.length === 0 ? '(initial state)' : p.steps.map((s) => formatEvent(s.event)).join(' → ')}`);
      }
      lines.push(
        `coverage: states ${cov.states.covered}/${cov.states.total}, transitions ${cov.transitions.covered}/${cov.transitions.total}`,
      );
      if (cov.states.missing.length > 0) lines.push(`  states not reached: ${cov.states.missing.join(', ')}`);
      if (cov.transitions.missing.length > 0) lines.push(`  transitions not taken: ${cov.transitions.missing.join(', ')}`);
      c.out(`${lines.join('\n')}\n`);
    });
}
