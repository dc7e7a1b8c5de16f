// What every machine file exports for the registry (machines/index.ts).
import type { AnyStateMachine, EventObject } from 'xstate';

export interface MachineEntry {
  /** Equals the machine's `id` and its file name (machines/<id>.ts). */
  id: string;
  title: string;
  /** BEHAVIOURS.md IDs the machine covers. */
  behaviours: string[];
  /** The machine with its guards and actions bound (by the interpreter) so XState can run it. */
  machine: AnyStateMachine;
  /** Every event the machine accepts, with each payload variant that matters (path generation uses it). */
  events: EventObject[];
}
