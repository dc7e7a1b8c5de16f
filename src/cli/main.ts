// The kubemodel command line: parses flags, runs one command, and maps the typed errors to exit codes
// (0 ok, 1 findings or violations, 2 bad input). Only this file touches process.
import { Command, CommanderError, Option } from 'commander';
import { InputError, MachineError, RuleError } from '../errors.ts';
import { colorEnabled, painter } from './output.ts';
import type { CliContext } from './context.ts';
import { registerCheck } from './commands/check.ts';
import { registerPaths } from './commands/paths.ts';
import { registerViz } from './commands/viz.ts';
import { registerSimulate } from './commands/simulate.ts';
import { registerList } from './commands/list.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExplain } from './commands/explain.ts';
import { registerNetwork } from './commands/network.ts';
import { registerValidate } from './commands/validate.ts';
import { CURRENT_KUBERNETES_VERSION, OLDEST_KUBERNETES_VERSION, parseKubernetesMinor } from '../kubelet/event-messages.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('kubemodel');
  let context: CliContext | undefined;
  const debug = argv.includes('--debug');
  program
    .description('An executable model of how Kubernetes works inside: check invariants, generate test paths, draw statecharts, simulate manifests.')
    .version('0.1.0')
    .option('--kubernetes-version <version>', `Kubernetes release whose behaviour and wording to reproduce (${OLDEST_KUBERNETES_VERSION}–${CURRENT_KUBERNETES_VERSION})`, CURRENT_KUBERNETES_VERSION)
    .option('--no-color', 'never colour the output (NO_COLOR is respected too)')
    .addOption(new Option('--debug', 'print stack traces of errors'))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      // One line per usage error, with the way out on the same line.
      outputError: (s, write) => write(`${s.trimEnd()} (see --help)\n`),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ kubemodel check pod                      explore the Pod lifecycle model exhaustively
  $ kubemodel simulate examples/cluster      kubectl-style events and pods for manifests
  $ kubemodel viz container -o svg --out container.svg
  $ kubemodel paths container -o vitest      a ready-to-fill test file with one test per path
  $ kubemodel explain pod web cluster.yaml   why a Pod lands where it does, or stays Pending
  $ kubemodel validate k8s/ -o sarif         schema, policy and simulation checks with file:line:col
  $ kubemodel list`,
    );
  const ctx = (): CliContext => {
    if (context) return context;
    const opts = program.opts<{ kubernetesVersion: string; color: boolean }>();
    parseKubernetesMinor(opts.kubernetesVersion);
    const tty = process.stderr.isTTY === true;
    let progressShown = false;
    context = {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
      paint: painter(colorEnabled(process.stdout, process.env, opts.color)),
      kubernetesVersion: opts.kubernetesVersion.replace(/^v/, ''),
      progress: (line) => {
        progressShown = true;
        process.stderr.write(tty ? `\r\u001b[2K${line}` : `${line}\n`);
      },
      endProgress: () => {
        if (progressShown && tty) process.stderr.write('\r\u001b[2K');
        progressShown = false;
      },
      debug,
      exitCode: 0,
    };
    return context;
  };
  for (const register of [registerCheck, registerPaths, registerViz, registerList]) register(program, ctx);
  registerSimulate(program, ctx, readStdin);
  registerDemo(program, ctx, readStdin);
  registerExplain(program, ctx, readStdin);
  registerNetwork(program, ctx, readStdin);
  registerValidate(program, ctx, readStdin);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.configureOutput({ outputError: (s, write) => write(`${s.trimEnd()} (see kubemodel ${cmd.name()} --help)\n`) });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context?.exitCode ?? 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof InputError) process.stderr.write(`error: ${e.reported}\n`);
    else if (e instanceof RuleError) process.stderr.write(`error: ${e.file ?? `rule ${e.ruleId}`}: ${e.message.includes(e.jsonPath) ? e.message : `${e.jsonPath}: ${e.message}`}\n`);
    else if (e instanceof MachineError) process.stderr.write(`error: machine ${e.machineId}${e.stateId ? ` state ${e.stateId}` : ''}: ${e.message}\n`);
    else {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      if (debug && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      return 3;
    }
    if (debug && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isEntry) {
  // `kubemodel validate k8s/ | head` closes the pipe early: that ends the output, it is no error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
