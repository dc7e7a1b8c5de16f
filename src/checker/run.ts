// One `check` run: load a model, explore it, and summarise the result with rendered counterexamples.
import { check, type CheckBounds, type Progress } from './bfs.ts';
import { loadPodModel, type ModelFile } from './pod-model.ts';
import { renderTrace, type TraceStep } from './trace.ts';

export interface CheckReport {
  model: string;
  description: string;
  states: number;
  edges: number;
  depth: number;
  seconds: number;
  statesPerSecond: number;
  peakHeapBytes: number;
  complete: boolean;
  stoppedBy?: string;
  stableStates: number;
  invariants: string[];
  violations: { kind: string; id: string; description: string; steps: TraceStep[] }[];
}

export interface CheckRunOptions {
  bounds?: CheckBounds;
  constants?: ModelFile['constants'];
  kubernetesVersion: string;
  now?: () => number;
  heapUsed?: () => number;
  onProgress?: (p: Progress) => void;
}

export function checkModel(file: ModelFile, opts: CheckRunOptions): CheckReport {
  const effective: ModelFile = opts.constants ? { ...file, constants: { ...file.constants, ...opts.constants } } : file;
  const model = loadPodModel(effective);
  const result = check(model.ts, {
    invariants: model.invariants,
    stepInvariants: model.stepInvariants,
    ...(opts.bounds ? { bounds: opts.bounds } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.heapUsed ? { heapUsed: opts.heapUsed } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return {
    model: file.id,
    description: file.description,
    states: result.states,
    edges: result.edges,
    depth: result.depth,
    seconds: result.seconds,
    statesPerSecond: result.statesPerSecond,
    peakHeapBytes: result.peakHeapBytes,
    complete: result.complete,
    ...(result.stoppedBy ? { stoppedBy: result.stoppedBy } : {}),
    stableStates: result.stableStates,
    invariants: [...model.invariants, ...model.stepInvariants].map((i) => i.id),
    violations: result.violations.map((v) => ({
      kind: v.kind,
      id: v.id,
      description: v.description,
      steps: renderTrace(model.system, v.trace, opts.kubernetesVersion),
    })),
  };
}
