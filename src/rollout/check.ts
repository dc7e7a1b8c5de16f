// A rollout model run (properties/models/rollout*.json, kind "rollout") through the generic checker.
import { check, type CheckBounds } from '../checker/bfs.ts';
import { toReport, type ModelReport } from '../checker/report.ts';
import { maxUnavailableOf, resolveFenceposts } from '../deployment/fenceposts.ts';
import { rolloutInvariants, rolloutStableInvariants, type Fenceposts, type RolloutBounds, type RolloutProperty } from '../../properties/rollout.ts';
import { rolloutDeployment, strategyOf, type RolloutConstants, type RolloutState } from './state.ts';
import { describeRolloutStep, RolloutSystem } from './system.ts';

export interface RolloutModelFile {
  id: string;
  kind: 'rollout';
  description: string;
  constants: RolloutConstants;
  /** Invariant ids; the default depends on the strategy (defaultRolloutInvariants). */
  invariants?: string[];
  expect: { states?: number; depth?: number; complete?: boolean; violation?: { id: string; steps: string[] } | null };
}

/**
 * RollingUpdate: min-available, max-surge, rollout-complete (ROLL-05); Recreate: recreate-never-mixes,
 * max-surge (surge 0), rollout-complete (ROLL-06); rollback-restores-previous-hash whenever undo is modelled.
 */
export function defaultRolloutInvariants(c: RolloutConstants): string[] {
  const base = strategyOf(c) === 'Recreate' ? ['recreate-never-mixes', 'max-surge', 'rollout-complete'] : ['min-available', 'max-surge', 'rollout-complete'];
  return c.undo ? [...base, 'rollback-restores-previous-hash'] : base;
}

/** The fenceposts the invariants use for a given spec.replicas: Recreate surges by 0 and may lose every Pod. */
export function rolloutBounds(c: RolloutConstants): RolloutBounds {
  const cache = new Map<number, Fenceposts>();
  const fenceposts = (replicas: number): Fenceposts => {
    let f = cache.get(replicas);
    if (f) return f;
    if (strategyOf(c) === 'Recreate') f = { surge: 0, unavailable: replicas };
    else f = { surge: resolveFenceposts(c.maxSurge, c.maxUnavailable, replicas).surge, unavailable: maxUnavailableOf(rolloutDeployment(c, replicas)) };
    cache.set(replicas, f);
    return f;
  };
  return { initialReplicas: c.replicas, fenceposts };
}

export function checkRollout(
  file: RolloutModelFile,
  opts: { bounds?: CheckBounds; now?: () => number; heapUsed?: () => number; constants?: Partial<RolloutConstants> } = {},
): ModelReport<string> {
  const constants = { ...file.constants, ...opts.constants };
  const system = new RolloutSystem(constants);
  // Reject a bad IntOrString up front (InputError), before the first state is explored.
  resolveFenceposts(constants.maxSurge, constants.maxUnavailable, constants.replicas);
  const bounds = rolloutBounds(constants);
  const wrap = (p: RolloutProperty) => ({ id: p.id, description: `${p.description} (${p.behaviours.join(', ')})`, holds: (s: RolloutState) => p.holds(s, bounds) });
  const wanted = file.invariants ?? defaultRolloutInvariants(constants);
  const invariants = rolloutInvariants.filter((p) => wanted.includes(p.id)).map(wrap);
  const stableInvariants = rolloutStableInvariants.filter((p) => wanted.includes(p.id)).map(wrap);
  const result = check(system, {
    invariants,
    stableInvariants,
    ...(opts.bounds ? { bounds: opts.bounds } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.heapUsed ? { heapUsed: opts.heapUsed } : {}),
  });
  const overridden = opts.constants && Object.keys(opts.constants).length > 0;
  const described = overridden ? { id: file.id, description: `${file.description} Run with ${describeConstants(constants)}.` } : file;
  return toReport(described, result, [...invariants, ...stableInvariants], (trace) => trace.steps.map((st) => describeRolloutStep(st.action, st.state)));
}

function describeConstants(c: RolloutConstants): string {
  const parts = [`strategy ${strategyOf(c)}`, `replicas ${c.replicas}`];
  if (strategyOf(c) === 'RollingUpdate') parts.push(`maxSurge ${c.maxSurge}`, `maxUnavailable ${c.maxUnavailable}`);
  parts.push(`${c.maxFaults} fault(s)`);
  if (c.scaleTo !== undefined) parts.push(`a scale to ${c.scaleTo}`);
  if (c.undo) parts.push('a rollout undo');
  if (c.pause) parts.push('a pause and resume');
  return parts.join(', ');
}
