// Test-path generation over the fixture machines (xstate/graph underneath).
import { describe, expect, it } from 'vitest';
import type { EventObject } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { MachineError } from '../../src/errors.ts';
import { describePath, formatEvent, formatValue, machinePaths, pathsToJson } from '../../src/paths/paths.ts';
import { crashBackoff } from '../fixtures/machines/crash-backoff.ts';
import { twoContainerPod } from '../fixtures/machines/two-container-pod.ts';

const key = (value: unknown) => JSON.stringify(value);

describe('machinePaths', () => {
  it('POD-05 POD-11: shortest paths reach each of the 18 reachable states once, starting with the initial state', () => {
    const result = machinePaths(twoContainerPod, { kind: 'shortest' });
    // Pending, Succeeded, Deleted, and 4 × 4 region pairs minus (Terminated, Terminated), which is Succeeded.
    expect(result.paths).toHaveLength(18);
    expect(new Set(result.paths.map((p) => key(p.target.value))).size).toBe(18);
    expect(result.initial).toEqual({ value: 'Pending' });
    expect(result.paths[0]).toMatchObject({ id: 'shortest-1', steps: [], target: { value: 'Pending' } });
    expect(result.paths.map((p) => p.id)).toEqual(result.paths.map((_, i) => `shortest-${i + 1}`));
  });

  it('POD-12: every step records the event (with payload) and the state value after it', () => {
    const result = machinePaths(twoContainerPod, { kind: 'shortest' });
    const crash = result.paths.find(
      (p) => key(p.target.value) === key({ Running: { app: { Waiting: 'CrashLoopBackOff' }, sidecar: { Waiting: 'ContainerCreating' } } }),
    );
    expect(crash?.steps).toEqual([
      { event: { type: 'SCHEDULED' }, value: { Running: { app: { Waiting: 'ContainerCreating' }, sidecar: { Waiting: 'ContainerCreating' } } } },
      { event: { type: 'STARTED', container: 'app' }, value: { Running: { app: 'Running', sidecar: { Waiting: 'ContainerCreating' } } } },
      { event: { type: 'EXIT', container: 'app', code: 1 }, value: { Running: { app: { Waiting: 'CrashLoopBackOff' }, sidecar: { Waiting: 'ContainerCreating' } } } },
    ]);
    expect(crash?.description).toBe(
      'Running(app.Waiting.CrashLoopBackOff, sidecar.Waiting.ContainerCreating) via SCHEDULED, STARTED(container=app), EXIT(container=app, code=1)',
    );
  });

  it('POD-08 POD-15: a done snapshot is terminal — the root-level DELETE never leaves Succeeded', () => {
    for (const kind of ['shortest', 'simple', 'transitions'] as const) {
      const result = machinePaths(twoContainerPod, { kind });
      for (const path of result.paths) {
        const values = path.steps.map((s) => key(s.value));
        const done = values.findIndex((v) => v === '"Succeeded"' || v === '"Deleted"');
        if (done >= 0) expect(done, `${kind} ${path.description}`).toBe(values.length - 1);
      }
      expect(result.paths.some((p) => key(p.target.value) === '"Succeeded"')).toBe(true);
    }
  });

  it('POD-11 POD-12: simple paths are the same set getSimplePaths finds, without repeated states', () => {
    const ours = machinePaths(twoContainerPod, { kind: 'simple' });
    const theirs = getSimplePaths(twoContainerPod.machine, {
      events: twoContainerPod.events,
      serializeState: (s) => JSON.stringify({ value: s.value }),
      stopWhen: (s) => s.status === 'done',
    });
    const ourSet = new Set(ours.paths.map((p) => key(p.steps.map((s) => s.event))));
    const theirSet = new Set(theirs.map((p) => key(p.steps.slice(1).map((s) => s.event))));
    expect(ourSet).toEqual(theirSet);
    expect(ours.paths).toHaveLength(212);
    for (const path of ours.paths) {
      const values = ['"Pending"', ...path.steps.map((s) => key(s.value))];
      expect(new Set(values).size, path.description).toBe(values.length);
    }
  });

  it('POD-11: more simple paths than the limit fail with a message naming the machine and the ways out', () => {
    let caught: unknown;
    try {
      machinePaths(twoContainerPod, { kind: 'simple', limit: 50 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MachineError);
    expect((caught as MachineError).machineId).toBe('two-container-pod');
    expect((caught as Error).message).toBe(
      "simple paths of machine 'two-container-pod' exceed the limit of 50 (stopped at 51); raise `limit`, " +
        "use kind 'shortest', or drop context from the state key (projectContext)",
    );
  });

  it('POD-12: an unbounded context field in the state key stops at maxTraversal with a hint', () => {
    expect(() =>
      machinePaths(twoContainerPod, { kind: 'shortest', projectContext: (c) => c.restarts, maxTraversal: 5000 }),
    ).toThrow(/did not close within 5000 traversal steps; the state key probably includes an unbounded context/);
  });

  it('POD-12: a context projection separates states a guard tells apart (second crash → CrashLoopBackOff)', () => {
    const valueOnly = machinePaths(crashBackoff, { kind: 'shortest' });
    expect(valueOnly.paths.map((p) => p.target.value)).not.toContain('CrashLoopBackOff');
    const projected = machinePaths(crashBackoff, { kind: 'shortest', projectContext: (c) => Math.min(c.crashes, 2) });
    const loop = projected.paths.find((p) => p.target.value === 'CrashLoopBackOff');
    expect(loop?.target).toEqual({ value: 'CrashLoopBackOff', context: 2 });
    expect(loop?.description).toBe('CrashLoopBackOff via CRASH, STARTED, CRASH');
  });

  it('PROBE-03 POD-04: transition paths add targetless events and events back into visited states', () => {
    const shortest = machinePaths(twoContainerPod, { kind: 'shortest' });
    const transitions = machinePaths(twoContainerPod, { kind: 'transitions' });
    expect(transitions.paths.slice(0, shortest.paths.length).map((p) => p.description)).toEqual(
      shortest.paths.map((p) => p.description),
    );
    const extra = transitions.paths.slice(shortest.paths.length);
    expect(extra.some((p) => p.steps.at(-1)?.event.type === 'READINESS')).toBe(true);
    expect(extra.some((p) => p.steps.at(-1)?.event.type === 'SANDBOX_DIED')).toBe(true);
    expect(new Set(transitions.paths.map((p) => key(p.steps.map((s) => s.event)))).size).toBe(transitions.paths.length);
  });

  it('POD-05: the JSON form survives JSON.stringify/parse unchanged and holds only events and state values', () => {
    const json = pathsToJson(machinePaths(twoContainerPod, { kind: 'shortest' }));
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toMatchObject({ format: 'kubemodel-paths/1', machineId: 'two-container-pod', kind: 'shortest' });
    expect(json.behaviours).toEqual(twoContainerPod.behaviours);
    expect(Object.keys(json.paths[1] ?? {}).sort()).toEqual(['description', 'id', 'steps', 'target']);
  });
});

describe('path descriptions', () => {
  it.each([
    ['atomic value is its key', 'Pending', 'Pending'],
    ['nested value is a dotted path', { Running: { app: 'Running' } }, 'Running.app.Running'],
    ['parallel regions go in parentheses', { Running: { app: 'Running', sidecar: { Waiting: 'ContainerCreating' } } }, 'Running(app.Running, sidecar.Waiting.ContainerCreating)'],
  ])('POD-05: %s', (_name, value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  it('POD-11: events show their payload as key=value; the empty path is the initial state', () => {
    const exit: EventObject = { type: 'EXIT', container: 'app', code: 1 } as EventObject;
    expect(formatEvent(exit)).toBe('EXIT(container=app, code=1)');
    expect(describePath('Pending', [])).toBe('Pending via (initial state)');
  });
});
