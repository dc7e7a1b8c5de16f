// The checker's compiled transition function must agree with XState's own transition() (issue #2 item 5).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { machineModules } from '../../machines/index.ts';
import { toCompiled, toXStateMachine, type MachineDefinition } from '../../src/system/bind.ts';
import type { CompiledStatechart, EventLike, MState } from '../../src/system/statechart.ts';

function runBoth(def: MachineDefinition, input: unknown, events: EventLike[]) {
  const machine = toXStateMachine(def);
  const compiled: CompiledStatechart = toCompiled(def);
  let [snap] = initialTransition(machine, input) as [AnyMachineSnapshot, unknown];
  let mine: MState = compiled.initial(input);
  const trace: string[] = [];
  for (const event of events) {
    const [next] = transition(machine, snap, event as never) as [AnyMachineSnapshot, unknown];
    const ours = compiled.transition(mine, event);
    trace.push(event.type);
    const xsChanged = next !== snap;
    if (ours) mine = ours;
    snap = next;
    expect({ at: trace.join(' → '), value: mine.value, context: mine.context, done: compiled.isDone(mine) }).toEqual({
      at: trace.join(' → '),
      value: snap.value,
      context: snap.context,
      done: snap.status === 'done',
    });
    if (!xsChanged) expect(ours === undefined || ours.config === mine.config).toBe(true);
    if (snap.status === 'done') break;
  }
}

describe('compiled statecharts equal XState transition()', () => {
  for (const mod of machineModules) {
    it(`POD-05: ${mod.id} machine agrees with XState on random event sequences`, () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...(mod.events as EventLike[])), { maxLength: 40 }), (events) => {
          runBoth(mod.definition, mod.sampleInput, events);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('POD-12: agrees for every restart policy and probe combination of the container machine', () => {
    const mod = machineModules.find((m) => m.id === 'container')!;
    const inputArb = fc.record({
      name: fc.constant('c'),
      role: fc.constantFrom('init', 'sidecar', 'app'),
      restartPolicy: fc.constantFrom('Always', 'OnFailure', 'Never'),
      hasLivenessProbe: fc.boolean(),
      hasReadinessProbe: fc.boolean(),
      referencesConfig: fc.boolean(),
      restartCount: fc.constant(0),
      backoff: fc.constantFrom(0, 10, 160, 300),
      exitCode: fc.constant(null),
      reason: fc.constant(null),
      lastExitCode: fc.constant(null),
      lastReason: fc.constant(null),
    });
    fc.assert(
      fc.property(inputArb, fc.array(fc.constantFrom(...(mod.events as EventLike[])), { maxLength: 30 }), (input, events) => {
        runBoth(mod.definition, input, events);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the differential test can fail', () => {
  it('POD-12: a compiled machine that ignores one guard is caught with a counterexample', () => {
    const mod = machineModules.find((m) => m.id === 'container')!;
    const broken: MachineDefinition = {
      config: mod.definition.config,
      bindings: {
        ...mod.definition.bindings,
        // The first crash would wait in CrashLoopBackOff instead of restarting at once.
        guards: { ...mod.definition.bindings.guards, restartAfterBackOff: 'container/has-readiness-probe' },
      },
    };
    const good = toXStateMachine(mod.definition);
    const bad = toCompiled(broken);
    const failing = fc.check(
      fc.property(fc.array(fc.constantFrom(...(mod.events as EventLike[])), { maxLength: 40 }), (events) => {
        let [snap] = initialTransition(good, mod.sampleInput) as [AnyMachineSnapshot, unknown];
        let mine: MState = bad.initial(mod.sampleInput);
        for (const event of events) {
          snap = (transition(good, snap, event as never) as [AnyMachineSnapshot, unknown])[0];
          mine = bad.transition(mine, event) ?? mine;
          if (JSON.stringify(snap.value) !== JSON.stringify(mine.value)) return false;
        }
        return true;
      }),
      { numRuns: 500, seed: 42 },
    );
    expect(failing.failed).toBe(true);
  });
});
