// One `check` run: load a model, explore it, and summarise the result with rendered counterexamples.
import { check, type CheckBounds, type Progress } from './bfs.ts';
import { loadPodModel, type ModelFile } from './pod-model.ts';
import { renderTrace, type TraceStep } from './trace.ts';
import { toReport, type ModelReport } from './report.ts';
import { checkLeaderElection, type LeaderCheckReport } from '../leader/check.ts';
import type { LeaderModelFile } from '../leader/check.ts';
import { checkRollout, type RolloutModelFile } from '../rollout/check.ts';
import type { RolloutConstants } from '../rollout/system.ts';
import { checkNetworkModel, type NetworkCheckReport, type NetworkModelFile } from '../network/model.ts';

export type CheckReport = ModelReport<TraceStep>;

export interface CheckRunOptions {
  bounds?: CheckBounds;
  constants?: ModelFile['constants'];
  kubernetesVersion: string;
  now?: () => number;
  heapUsed?: () => number;
  onProgress?: (p: Progress) => void;
  /** Overrides for rollout models: replicas, maxSurge, maxUnavailable, maxFaults. */
  rollout?: Partial<RolloutConstants>;
}

export function checkModel(file: ModelFile, opts: CheckRunOptions): CheckReport {
  const effective: ModelFile = opts.constants ? { ...file, constants: { ...file.constants, ...opts.constants } } : file;
  const model = loadPodModel(effective);
  const result = check(model.ts, {
    invariants: model.invariants,
    stepInvariants: model.stepInvariants,
    stableInvariants: model.stableInvariants,
    ...(opts.bounds ? { bounds: opts.bounds } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.heapUsed ? { heapUsed: opts.heapUsed } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const invariants = [...model.invariants, ...model.stepInvariants, ...model.stableInvariants];
  return toReport(file, result, invariants, (trace) => renderTrace(model.system, trace, opts.kubernetesVersion));
}

/** A bundled or user model: a cluster (Pods, Nodes) model, or one with its own runner named by `kind`. */
export type AnyModelFile = (ModelFile & { kind?: undefined }) | (LeaderModelFile & { kind: 'leader-election' }) | RolloutModelFile | NetworkModelFile;

/** Either kind of model, one report: leader-election traces are one line per step. */
export type AnyCheckReport = CheckReport | LeaderCheckReport | NetworkCheckReport;

export function checkAnyModel(file: AnyModelFile, opts: CheckRunOptions): AnyCheckReport {
  if (file.kind === 'rollout') {
    return checkRollout(file, {
      ...(opts.bounds ? { bounds: opts.bounds } : {}),
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.heapUsed ? { heapUsed: opts.heapUsed } : {}),
      ...(opts.rollout ? { constants: opts.rollout } : {}),
    });
  }
  if (file.kind === 'network') {
    return checkNetworkModel(file, {
      ...(opts.bounds ? { bounds: opts.bounds } : {}),
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.heapUsed ? { heapUsed: opts.heapUsed } : {}),
    });
  }
  if (file.kind === 'leader-election') {
    return checkLeaderElection(file, {
      ...(opts.bounds ? { bounds: opts.bounds } : {}),
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.heapUsed ? { heapUsed: opts.heapUsed } : {}),
    });
  }
  return checkModel(file, opts);
}
