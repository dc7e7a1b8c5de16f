// The compiled statecharts of the registered machines the cluster system runs, built once per process.
import { machineModule } from '../../machines/index.ts';
import { toCompiled } from './bind.ts';
import type { CompiledStatechart } from './statechart.ts';
import { MachineError } from '../errors.ts';

/** Contexts are PodContext, ContainerContext, NodeContext and SchedulerContext; instances store them untyped. */
export interface ClusterMachines {
  pod: CompiledStatechart;
  container: CompiledStatechart;
  node: CompiledStatechart;
  scheduler: CompiledStatechart;
  replicaset: CompiledStatechart;
  deployment: CompiledStatechart;
  'garbage-collector': CompiledStatechart;
  persistentvolumeclaim: CompiledStatechart;
  persistentvolume: CompiledStatechart;
  'volume-attachment': CompiledStatechart;
  volume: CompiledStatechart;
}

let cached: ClusterMachines | undefined;

function compiled(id: string): CompiledStatechart {
  const mod = machineModule(id);
  if (!mod) throw new MachineError(id, '', `machine "${id}" must be registered in machines/index.ts`);
  return toCompiled(mod.definition);
}

export function clusterMachines(): ClusterMachines {
  cached ??= { pod: compiled('pod'), container: compiled('container'), node: compiled('node'), scheduler: compiled('scheduler'), replicaset: compiled('replicaset'),
    deployment: compiled('deployment'),
    'garbage-collector': compiled('garbage-collector'),
    persistentvolumeclaim: compiled('persistentvolumeclaim'),
    persistentvolume: compiled('persistentvolume'),
    'volume-attachment': compiled('volume-attachment'),
    volume: compiled('volume'),
  };
  return cached;
}
