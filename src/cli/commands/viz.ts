// `kubemodel viz <machine>`: a machine as a Mermaid stateDiagram-v2, Graphviz DOT, or SVG rendered offline.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { machineEntry, machineIds } from '../../machines.ts';
import { toMermaid } from '../../diagram/mermaid.ts';
import { toDot } from '../../diagram/dot.ts';
import { toSvg } from '../../diagram/svg.ts';
import { checkOutput, toJson } from '../output.ts';
import type { CliContext } from '../context.ts';

const FORMATS = ['mermaid', 'dot', 'svg', 'json'] as const;

export function registerViz(program: Command, ctx: () => CliContext): void {
  program
    .command('viz')
    .description('draw a machine: Mermaid stateDiagram-v2, Graphviz DOT, SVG (rendered offline), or its config as JSON')
    .argument('<machine>', `a machine: ${machineIds().join(', ')}`)
    .option('-o, --output <format>', `output format: ${FORMATS.join('|')}`, 'mermaid')
    .option('--direction <dir>', 'layout direction: LR|TB', 'LR')
    .option('--out <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      `
Examples:
  $ kubemodel viz container                     # Mermaid, paste into GitHub Markdown
  $ kubemodel viz pod -o dot | dot -Tpng > pod.png
  $ kubemodel viz container -o svg --out container.svg`,
    )
    .action(async (machine: string, flags: { output: string; direction: string; out?: string }) => {
      const c = ctx();
      const format = checkOutput(flags.output, FORMATS);
      const direction = checkOutput(flags.direction, ['LR', 'TB'] as const, '--direction');
      const { entry, module } = machineEntry(machine);
      let text: string;
      if (format === 'mermaid') text = toMermaid(entry.machine, { direction });
      else if (format === 'dot') text = toDot(entry.machine, { rankdir: direction });
      else if (format === 'svg') text = await toSvg(toDot(entry.machine, { rankdir: direction }));
      else text = toJson({ id: module.id, config: module.definition.config, bindings: module.definition.bindings });
      if (!text.endsWith('\n')) text += '\n';
      if (flags.out) {
        writeFileSync(flags.out, text);
        c.err(`wrote ${flags.out}\n`);
      } else c.out(text);
    });
}
