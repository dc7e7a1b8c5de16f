// Registered machines as XState machines (for diagrams and test paths), by id.
import { machineModule, machineModules, type MachineModule } from '../machines/index.ts';
import type { MachineEntry } from '../machines/registry-types.ts';
import { toXStateMachine } from './system/bind.ts';
import { InputError } from './errors.ts';

export function machineIds(): string[] {
  return machineModules.map((m) => m.id);
}

export function machineEntry(id: string): { entry: MachineEntry; module: MachineModule } {
  const mod = machineModule(id);
  if (!mod) throw new InputError(`unknown machine "${id}" (known: ${machineIds().join(', ')})`);
  return {
    module: mod,
    entry: { id: mod.id, title: mod.title, behaviours: mod.behaviours, machine: toXStateMachine(mod.definition), events: mod.events },
  };
}
