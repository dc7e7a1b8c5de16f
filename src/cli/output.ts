// Output helpers for the CLI edge: output-format validation, colour that respects NO_COLOR and pipes,
// kubectl-style tables (columns padded with three spaces, as kubectl's tabwriter does), and JSON/YAML.
import { stringify as toYaml } from 'yaml';
import { InvalidArgumentError } from 'commander';
import { InputError } from '../errors.ts';

export interface OutputTarget {
  write(text: string): void;
  isTTY: boolean;
}

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], bold: [1, 22], dim: [2, 22] } as const;
export type Paint = (style: keyof typeof CODES, text: string) => string;

export function painter(enabled: boolean): Paint {
  return (style, text) => (enabled ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text);
}

/** kubectl's table layout: upper-case headers, every column but the last padded to its widest cell + 3. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3)))
      .join('')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

export function checkOutput<T extends string>(value: string, allowed: readonly T[], flag = '-o/--output'): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`${flag}: unsupported output format "${value}" (allowed: ${allowed.join(', ')})`);
  }
  return value as T;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}

export function toYamlText(value: unknown): string {
  return toYaml(value);
}

export function formatNumber(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatBytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** Whole integers for flags like --max-states; rejects "12abc" and negatives. */
export function parseCount(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${flag} takes a whole number, got "${value}".`);
    return Number(value);
  };
}
