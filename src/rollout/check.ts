// A rollout model run (properties/models/rollout*.json, kind "rollout") through the generic checker.
import { check, type CheckBounds } from '../checker/bfs.ts';
import { toReport, type ModelReport } from '../checker/report.ts';
import { resolveFenceposts } from '../deployment/fenceposts.ts';
import { rolloutInvariants, rolloutStableInvariants } from '../../properties/rollout.ts';
import { describeRolloutStep, RolloutSystem, type RolloutConstants } from './system.ts';

export interface RolloutModelFile {
  id: string;
  kind: 'rollout';
  description: string;
  constants: RolloutConstants;
  /** Invariant ids; default min-available, max-surge and rollout-complete. */
  invariants?: string[];
  expect: { states?: number; depth?: number; complete?: boolean; violation?: { id: string; steps: string[] } | null };
}

export function checkRollout(
  file: RolloutModelFile,
  opts: { bounds?: CheckBounds; now?: () => number; heapUsed?: () => number; constants?: Partial<RolloutConstants> } = {},
): ModelReport<string> {
  const constants = { ...file.constants, ...opts.constants };
  const system = new RolloutSystem(constants);
  const { surge, unavailable } = resolveFenceposts(constants.maxSurge, constants.maxUnavailable, constants.replicas);
  const bounds = { replicas: constants.replicas, surge, unavailable };
  const wrap = (p: (typeof rolloutInvariants)[number]) => ({ id: p.id, description: `${p.description} (${p.behaviours.join(', ')})`, holds: (s: Parameters<typeof p.holds>[0]) => p.holds(s, bounds) });
  const wanted = file.invariants ?? ['min-available', 'max-surge', 'rollout-complete'];
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
  const described = overridden
    ? { id: file.id, description: `${file.description} Run with replicas ${constants.replicas}, maxSurge ${constants.maxSurge}, maxUnavailable ${constants.maxUnavailable}, ${constants.maxFaults} fault(s).` }
    : file;
  return toReport(described, result, [...invariants, ...stableInvariants], (trace) => trace.steps.map((st) => describeRolloutStep(st.action, st.state)));
}
