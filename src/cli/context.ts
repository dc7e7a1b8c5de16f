// What every command gets from the CLI edge: where to write, colour, the Kubernetes release to imitate.
import type { Paint } from './output.ts';

export interface CliContext {
  out: (text: string) => void;
  err: (text: string) => void;
  paint: Paint;
  kubernetesVersion: string;
  /** Progress lines go to stderr; on a terminal they overwrite each other. */
  progress: (line: string) => void;
  endProgress: () => void;
  debug: boolean;
  /** Exit code the command asks for (0 ok, 1 findings). Bad input is thrown as InputError (2). */
  exitCode: number;
}
