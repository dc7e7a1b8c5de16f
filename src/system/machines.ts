// The compiled statecharts of the registered machines, built once per process.
import { machineModule } from '../../machines/index.ts';
import { toCompiled } from './bind.ts';
import type { PodMachines } from './pods.ts';
import { MachineError } from '../errors.ts';

let cached: PodMachines | undefined;

export function podMachines(): PodMachines {
  if (!cached) {
    const pod = machineModule('pod');
    const container = machineModule('container');
    if (!pod || !container) throw new MachineError('pod', '', 'the pod and container machines must be registered in machines/index.ts');
    cached = { pod: toCompiled(pod.definition), container: toCompiled(container.definition) };
  }
  return cached;
}
