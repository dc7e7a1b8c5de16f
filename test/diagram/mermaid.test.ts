// Mermaid export: structure checks on the fixtures. Titles cite the behaviours each fixture exercises.
import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { MERMAID_ANY_STATE, escapeText, toMermaid } from '../../src/diagram/mermaid.ts';
import { allEdges, descendants, edgeLabel, nodeIds } from '../../src/diagram/walk.ts';
import { crashBackoff } from '../fixtures/machines/crash-backoff.ts';
import { twoContainerPod } from '../fixtures/machines/two-container-pod.ts';

const pod = twoContainerPod.machine;
const text = toMermaid(pod);
const lines = text.split('\n').map((l) => l.trim());

describe('toMermaid', () => {
  it('POD-05 POD-12: every state node is declared exactly once, with its key as label and a path id', () => {
    const ids = nodeIds(pod);
    for (const node of descendants(pod.root)) {
      const id = ids.get(node);
      const declarations = lines.filter((l) => l === `state "${node.key}" as ${id}` || l === `state "${node.key}" as ${id} {`);
      expect(declarations, node.id).toHaveLength(1);
    }
    expect(new Set(ids.values()).size).toBe(descendants(pod.root).length);
  });

  it('POD-11: keys repeated across parallel regions get distinct ids (app vs sidecar Waiting)', () => {
    expect(text).toContain('state "Waiting" as s_Running__app__Waiting {');
    expect(text).toContain('state "Waiting" as s_Running__sidecar__Waiting {');
  });

  it('POD-04 POD-11: the parallel state separates its regions with --', () => {
    const start = lines.indexOf('state "Running" as s_Running {');
    const separator = lines.indexOf('--', start);
    expect(separator).toBeGreaterThan(lines.indexOf('state "app" as s_Running__app {'));
    expect(separator).toBeLessThan(lines.indexOf('state "sidecar" as s_Running__sidecar {'));
    expect(lines.filter((l) => l === '--')).toHaveLength(1);
  });

  it('POD-05 POD-08: initial states get [*] --> and final states --> [*] inside their own block', () => {
    expect(lines).toContain('[*] --> s_Pending');
    expect(lines).toContain('[*] --> s_Running__app__Waiting__ContainerCreating');
    expect(lines).toContain('s_Running__sidecar__Terminated --> [*]');
    expect(lines).toContain('s_Succeeded --> [*]');
    expect(lines.some((l) => l.startsWith('[*] --> s_Running ') || l === '[*] --> s_Running')).toBe(false);
  });

  it('POD-11 POD-12 POD-15: every transition appears with its guard and actions; multiple targets give one arrow each', () => {
    const ids = nodeIds(pod);
    for (const edge of allEdges(pod)) {
      const from = ids.get(edge.source) ?? MERMAID_ANY_STATE;
      const targets = edge.targets.length > 0 ? edge.targets : [edge.source];
      for (const target of targets) {
        expect(lines).toContain(`${from} --> ${ids.get(target) ?? MERMAID_ANY_STATE} : ${escapeText(edgeLabel(edge))}`);
      }
    }
    expect(text).toContain(
      's_Running__app__Running --> s_Running__app__Waiting__CrashLoopBackOff : EXIT [exitedWith(name=app, code=1)] / countRestart(name=app)',
    );
    expect(lines.filter((l) => l.endsWith(': SANDBOX_DIED'))).toHaveLength(2);
  });

  it('POD-15: a root-level handler starts from the "any state" pseudo-state', () => {
    expect(lines).toContain(`state "any state" as ${MERMAID_ANY_STATE}`);
    expect(lines).toContain(`${MERMAID_ANY_STATE} --> s_Deleted : DELETE`);
  });

  it('PROBE-03: a targetless transition is a self-loop marked (internal)', () => {
    expect(lines).toContain(
      's_Running__app__Running --> s_Running__app__Running : READINESS [isContainer(name=app)] / recordReadiness(name=app) (internal)',
    );
  });

  it('POD-05: all transitions are written after the last state declaration (Mermaid places a state where first named)', () => {
    const lastDeclaration = Math.max(...lines.map((l, i) => (l.startsWith('state ') ? i : -1)));
    const firstTransition = lines.findIndex((l) => / --> /.test(l) && !l.includes('[*]'));
    expect(firstTransition).toBeGreaterThan(lastDeclaration);
  });

  it('POD-12: eventless and delayed transitions are labelled always / after <n>ms, combined guards spelled out', () => {
    const backoff = toMermaid(crashBackoff.machine, { direction: 'TB' });
    expect(backoff).toContain('direction TB');
    expect(backoff).toContain('s_Deciding --> s_Restarting : always [not(crashedBefore)]');
    expect(backoff).toContain('s_CrashLoopBackOff --> s_Restarting : after 10000ms');
    expect(backoff).toContain('s_Running --> s_Running : after 600000ms / forgetCrashes (internal)');
  });

  it('POD-05: characters Mermaid reads as syntax are written as entity codes', () => {
    expect(escapeText('a:b;c#d "e" {f}')).toBe('a#58;b#59;c#35;d #quot;e#quot; #123;f#125;');
    const odd = createMachine({ id: 'odd', initial: 'a-b', states: { 'a-b': { on: { 'GO:NOW': 'c d' } }, 'c d': {} } });
    expect(toMermaid(odd)).toMatchInlineSnapshot(`
      "stateDiagram-v2
        direction LR
        [*] --> s_a_b
        state "a-b" as s_a_b
        state "c d" as s_c_d
        s_a_b --> s_c_d : GO#58;NOW
      "
    `);
  });

  it('POD-05: a parallel root is wrapped in one block so its -- separator is inside a block', () => {
    const par = createMachine({ id: 'par', type: 'parallel', states: { x: {}, y: {} } });
    expect(toMermaid(par).split('\n').map((l) => l.trim())).toEqual(
      expect.arrayContaining(['state "par" as x_root {', '--', 'state "x" as s_x', 'state "y" as s_y']),
    );
  });
});
