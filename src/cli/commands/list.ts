// `kubemodel list`: the machines, rules and models this build knows.
import type { Command } from 'commander';
import { machineModules } from '../../../machines/index.ts';
import { allRules } from '../../rules/registry.ts';
import { bundledModelNames, readModel } from '../files.ts';
import { checkOutput, table, toJson } from '../output.ts';
import type { CliContext } from '../context.ts';

const FORMATS = ['text', 'json'] as const;

export function registerList(program: Command, ctx: () => CliContext): void {
  program
    .command('list')
    .description('list the machines, rules and bundled models')
    .argument('[what]', 'machines|rules|models (default: all three)')
    .option('-o, --output <format>', `output format: ${FORMATS.join('|')}`, 'text')
    .addHelpText(
      'after',
      `
Examples:
  $ kubemodel list
  $ kubemodel list rules -o json`,
    )
    .action((what: string | undefined, flags: { output: string }) => {
      const c = ctx();
      const format = checkOutput(flags.output, FORMATS);
      const kinds = what === undefined ? ['machines', 'rules', 'models'] : [checkOutput(what, ['machines', 'rules', 'models'] as const, 'list')];
      const machines = machineModules.map((m) => ({ id: m.id, title: m.title, behaviours: m.behaviours }));
      const rules = allRules().map((r) => ({ id: r.id, behaviours: r.file.behaviours, description: r.file.description }));
      const models = bundledModelNames().map((name) => {
        const { model } = readModel(name);
        return { id: model.id, description: model.description, expect: model.expect };
      });
      if (format === 'json') {
        c.out(toJson(Object.fromEntries(kinds.map((k) => [k, k === 'machines' ? machines : k === 'rules' ? rules : models]))));
        return;
      }
      const parts: string[] = [];
      if (kinds.includes('machines')) parts.push(table(['MACHINE', 'BEHAVIOURS', 'WHAT'], machines.map((m) => [m.id, m.behaviours.join(','), m.title])));
      if (kinds.includes('rules')) parts.push(table(['RULE', 'BEHAVIOURS'], rules.map((r) => [r.id, r.behaviours.join(',')])));
      if (kinds.includes('models')) parts.push(table(['MODEL', 'EXPECTED'], models.map((m) => [m.id, m.expect.violation ? `violation ${m.expect.violation.id}` : 'no violation'])));
      c.out(parts.join('\n'));
    });
}
