// A leader-election model run (properties/models/*.json) through the generic checker: the
// model file's constants and invariants, optional guard re-bindings to inline json-logic (how a broken variant
// is written without shipping a broken rule), and a summary shaped like src/checker/run.ts's CheckReport, with
// each counterexample step as one line.
import { leaderElectionModule, type CandidateContext } from '../../machines/leader-election.ts';
import {
  leaderElectionInvariants,
  leaderElectionStepInvariants,
  type LeaderElectionView,
} from '../../properties/leader-election.ts';
import type { StateProperty, StepProperty } from '../../properties/types.ts';
import { toReport, type ModelReport } from '../checker/report.ts';
import { check, type CheckBounds, type StateInvariant, type StepInvariant, type TransitionSystem } from '../checker/bfs.ts';
import { InputError } from '../errors.ts';
import { compileLogic } from '../rules/compile.ts';
import { customOperations } from '../rules/ops/index.ts';
import { bindActions, bindGuards, truthy } from '../system/bind.ts';
import { CompiledStatechart, type GuardImpl } from '../system/statechart.ts';
import { LeaderElectionSystem } from './system.ts';
import { defaultLeaderElectionConstants, type LeaderAction, type LeaderElectionConstants, type LeaderState } from './types.ts';
import { leaderElectionView } from './view.ts';

export interface LeaderModelFile {
  id: string;
  /** Tells a model runner that dispatches on it that this is not a Pod model. */
  kind?: 'leader-election';
  description: string;
  constants?: Partial<LeaderElectionConstants>;
  /** Invariant ids to check; all of properties/leader-election.ts when absent. */
  invariants?: string[];
  /** Replace the candidate machine's named guards by inline json-logic. */
  rebind?: { guards?: Record<string, unknown> };
  expect: {
    states?: number;
    depth?: number;
    complete?: boolean;
    violation?: { id: string; steps: string[] } | null;
  };
}

/** Leader-election traces are one line per step. */
export type LeaderCheckReport = ModelReport<string>;

export interface LeaderCheckOptions {
  bounds?: CheckBounds;
  now?: () => number;
  heapUsed?: () => number;
}

export interface LoadedLeaderModel {
  system: LeaderElectionSystem;
  ts: TransitionSystem<LeaderState, LeaderAction>;
  invariants: StateInvariant<LeaderState>[];
  stepInvariants: StepInvariant<LeaderState, LeaderAction>[];
  view: (s: LeaderState) => LeaderElectionView;
}

function machineFor(file: LeaderModelFile): CompiledStatechart<CandidateContext> | undefined {
  const override = file.rebind?.guards;
  if (!override) return undefined;
  const { bindings, config } = leaderElectionModule.definition;
  const guards: Record<string, GuardImpl> = { ...bindGuards(bindings) };
  for (const [name, logic] of Object.entries(override)) {
    if (!(name in guards)) throw new InputError(`rebind: the leader-election machine has no guard "${name}"`);
    const evaluate = compileLogic(logic, { operations: customOperations, ruleId: file.id, path: `$.rebind.guards.${name}` });
    guards[name] = (context, event, params) => truthy(evaluate({ context, event, params: params ?? {} }));
  }
  return new CompiledStatechart<CandidateContext>(config, guards, bindActions(bindings));
}

export function loadLeaderModel(file: LeaderModelFile): LoadedLeaderModel {
  const constants: LeaderElectionConstants = { ...defaultLeaderElectionConstants, ...file.constants };
  const system = new LeaderElectionSystem(constants, machineFor(file));
  const views = new WeakMap<LeaderState, LeaderElectionView>();
  const view = (s: LeaderState): LeaderElectionView => {
    let v = views.get(s);
    if (!v) {
      v = leaderElectionView(system.machine, s, system.cap, constants.leaseDuration);
      views.set(s, v);
    }
    return v;
  };
  const known = [...leaderElectionInvariants, ...leaderElectionStepInvariants].map((p) => p.id);
  const wanted = file.invariants ?? known;
  for (const id of wanted) if (!known.includes(id)) throw new InputError(`model ${file.id}: unknown invariant "${id}" (known: ${known.join(', ')})`);
  const stateInvariant = (p: StateProperty<LeaderElectionView>): StateInvariant<LeaderState> => {
    const evaluate = p.logic !== undefined ? compileLogic(p.logic, { operations: customOperations, ruleId: p.id }) : undefined;
    const holds = p.holds ?? ((v: LeaderElectionView) => truthy(evaluate!(v)));
    return { id: p.id, description: `${p.description} (${p.behaviours.join(', ')})`, holds: (s) => holds(view(s)) };
  };
  const stepInvariant = (p: StepProperty<LeaderElectionView>): StepInvariant<LeaderState, LeaderAction> => ({
    id: p.id,
    description: `${p.description} (${p.behaviours.join(', ')})`,
    holds: (a, _action, b) => p.holds(view(a), view(b)),
  });
  const ts: TransitionSystem<LeaderState, LeaderAction> = {
    initial: [system.initial()],
    successors: (s) => system.successors(s),
    key: (s) => system.key(s),
    isFault: (a) => a.fault,
    isStable: (s) => system.isStable(s),
    // The clock can always advance once pending work is done: no state is a legitimate dead end.
    isTerminal: () => false,
  };
  return {
    system,
    ts,
    invariants: leaderElectionInvariants.filter((p) => wanted.includes(p.id)).map(stateInvariant),
    stepInvariants: leaderElectionStepInvariants.filter((p) => wanted.includes(p.id)).map(stepInvariant),
    view,
  };
}

/** One trace line: "c1 read: held by c2 → Standby", "timer tick → now 4", "env partition c1". */
export function describeStep(model: LoadedLeaderModel, action: LeaderAction, state: LeaderState): string {
  if (action.step === 'tick') return `tick: ${model.system.constants.tick} s pass`;
  const c = state.candidates.find((x) => x.machine.context.identity === action.candidate);
  const where = c ? model.system.machine.leafPath(c.machine) : '?';
  const outcome = action.outcome ? `: ${action.outcome}` : '';
  return `${action.candidate} ${action.step}${outcome} → ${where}`;
}

export function checkLeaderElection(file: LeaderModelFile, opts: LeaderCheckOptions = {}): LeaderCheckReport {
  const model = loadLeaderModel(file);
  const result = check(model.ts, {
    invariants: model.invariants,
    stepInvariants: model.stepInvariants,
    ...(opts.bounds ? { bounds: opts.bounds } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.heapUsed ? { heapUsed: opts.heapUsed } : {}),
  });
  return toReport(file, result, [...model.invariants, ...model.stepInvariants], (trace) =>
    trace.steps.map((st) => describeStep(model, st.action, st.state)),
  );
}
