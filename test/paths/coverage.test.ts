// Coverage of states and transition definitions by replaying generated paths.
import { describe, expect, it } from 'vitest';
import { MachineError } from '../../src/errors.ts';
import { activeNodeIds, coverage, replay } from '../../src/paths/coverage.ts';
import { machinePaths } from '../../src/paths/paths.ts';
import type { MachinePath } from '../../src/paths/paths.ts';
import { crashBackoff } from '../fixtures/machines/crash-backoff.ts';
import { twoContainerPod } from '../fixtures/machines/two-container-pod.ts';

describe('coverage', () => {
  it('POD-05 POD-11: shortest paths visit all 16 state nodes but miss targetless and back-edge transitions', () => {
    const result = coverage(twoContainerPod, machinePaths(twoContainerPod, { kind: 'shortest' }));
    expect(result.states).toEqual({ covered: 16, total: 16, missing: [] });
    expect(result.transitions.total).toBe(14);
    expect(result.transitions.covered).toBe(9);
    expect(result.transitions.missing).toContain(
      'two-container-pod.Running.app.Running --READINESS [isContainer(name=app)] / recordReadiness(name=app) (internal)--> (self)',
    );
    expect(result.transitions.missing.some((m) => m.startsWith('two-container-pod.Running --SANDBOX_DIED-->'))).toBe(true);
  });

  it('POD-04 POD-08 PROBE-03: transition paths cover every definition, onDone included', () => {
    const result = coverage(twoContainerPod, machinePaths(twoContainerPod, { kind: 'transitions' }));
    expect(result.transitions).toEqual({ covered: 14, total: 14, missing: [] });
  });

  it('POD-08: the onDone transition raised inside a macrostep is seen (getTransitionData alone would miss it)', () => {
    const events = [
      { type: 'SCHEDULED' },
      { type: 'STARTED', container: 'app' },
      { type: 'STARTED', container: 'sidecar' },
      { type: 'EXIT', container: 'app', code: 0 },
      { type: 'EXIT', container: 'sidecar', code: 0 },
    ];
    const taken: string[][] = [];
    const last = replay(twoContainerPod, events, undefined, (_s, transitions) => {
      taken.push(transitions.map((t) => `${t.source.key}:${t.eventType}`));
    });
    expect(last.value).toBe('Succeeded');
    expect(taken.at(-1)).toEqual(['Running:EXIT', 'Running:xstate.done.state.two-container-pod.Running']);
  });

  it('POD-12: an eventless transition marks its transient source state covered', () => {
    const result = coverage(crashBackoff, machinePaths(crashBackoff, { kind: 'transitions', projectContext: (c) => Math.min(c.crashes, 2) }));
    expect(result.states.missing).toEqual([]);
    // Delayed events are not in the entry's event list, so they stay uncovered and are named.
    expect(result.transitions.missing).toEqual([
      'crash-backoff.Running --after 600000ms / forgetCrashes (internal)--> (self)',
      'crash-backoff.CrashLoopBackOff --after 10000ms--> crash-backoff.Restarting',
    ]);
  });

  it('POD-11: a path whose recorded state values the machine does not reproduce is rejected', () => {
    const forged: MachinePath = {
      id: 'forged-1',
      target: { value: 'Succeeded' },
      steps: [{ event: { type: 'SCHEDULED' }, value: 'Succeeded' }],
      description: 'Succeeded via SCHEDULED',
    };
    expect(() => coverage(twoContainerPod, [forged])).toThrow(MachineError);
    expect(() => coverage(twoContainerPod, [forged])).toThrow(/path forged-1 .* does not replay: step 1 expected "Succeeded"/);
  });

  it('POD-05: a state value activates the node and all its ancestors', () => {
    expect(activeNodeIds(twoContainerPod.machine, { Running: { app: { Waiting: 'CrashLoopBackOff' }, sidecar: 'Running' } })).toEqual([
      'two-container-pod.Running',
      'two-container-pod.Running.app',
      'two-container-pod.Running.app.Waiting',
      'two-container-pod.Running.app.Waiting.CrashLoopBackOff',
      'two-container-pod.Running.sidecar',
      'two-container-pod.Running.sidecar.Running',
    ]);
  });
});
