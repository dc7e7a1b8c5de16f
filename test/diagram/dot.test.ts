// DOT export and SVG rendering. Graphviz (viz-js) parses every DOT text produced here, so a syntax slip fails.
import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { DOT_ANY_STATE, quote, toDot } from '../../src/diagram/dot.ts';
import { renderSvg, toSvg } from '../../src/diagram/svg.ts';
import { allEdges, descendants, nodeIds } from '../../src/diagram/walk.ts';
import { crashBackoff } from '../fixtures/machines/crash-backoff.ts';
import { twoContainerPod } from '../fixtures/machines/two-container-pod.ts';

const pod = twoContainerPod.machine;
const dot = toDot(pod);
const lines = dot.split('\n').map((l) => l.trim());

describe('toDot', () => {
  it('POD-05 POD-11: compound and parallel states are clusters; the regions of a parallel state are dashed', () => {
    expect(lines).toContain('subgraph "cluster_s_Running" {');
    expect(lines).toContain('subgraph "cluster_s_Running__app__Waiting" {');
    const regionStyle = lines[lines.indexOf('subgraph "cluster_s_Running__sidecar" {') + 1];
    expect(regionStyle).toBe('label="sidecar"; style="dashed,rounded";');
    expect(lines[lines.indexOf('subgraph "cluster_s_Running" {') + 1]).toBe('label="Running"; style="rounded";');
  });

  it('POD-05 POD-08: one point node per initial state, final states are double circles', () => {
    expect(lines).toContain('"x_initial" -> "s_Pending" [arrowsize=0.6];');
    expect(lines).toContain(
      '"x_initial__s_Running__app" -> "s_Running__app__Waiting" [arrowsize=0.6, lhead="cluster_s_Running__app__Waiting"];',
    );
    expect(lines.filter((l) => /^"x_initial[^"]*" \[shape=point/.test(l))).toHaveLength(5);
    expect(lines).toContain('"s_Succeeded" [label="Succeeded", shape=doublecircle, style=""];');
  });

  it('POD-11 POD-12 POD-15: every transition is an edge labelled with event, guard and actions', () => {
    const ids = nodeIds(pod);
    const edgeLines = lines.filter((l) => / -> /.test(l) && !l.startsWith('"x_initial'));
    const expected = allEdges(pod).reduce((n, e) => n + Math.max(1, e.targets.length), 0);
    expect(edgeLines).toHaveLength(expected);
    for (const edge of allEdges(pod)) {
      expect(dot).toContain(`${quote(ids.get(edge.source) ?? DOT_ANY_STATE)} -> `);
    }
    expect(lines).toContain(
      '"s_Running__app__Running" -> "s_Running__app__Waiting__CrashLoopBackOff" [label="EXIT\\n[exitedWith(name=app, code=1)]\\n/ countRestart(name=app)"];',
    );
    expect(lines).toContain(`"${DOT_ANY_STATE}" -> "s_Deleted" [label="DELETE"];`);
  });

  it('POD-05 POD-08: edges leaving or entering a cluster clip at its border through ltail/lhead', () => {
    expect(lines).toContain('"s_Pending" -> "s_Running" [label="SCHEDULED", lhead="cluster_s_Running"];');
    expect(lines).toContain('"s_Running" -> "s_Succeeded" [label="onDone", ltail="cluster_s_Running"];');
    // SANDBOX_DIED ends inside the Running cluster: ltail would be ignored with a warning, so it is absent.
    expect(lines).toContain('"s_Running" -> "s_Running__app__Waiting__ContainerCreating" [label="SANDBOX_DIED"];');
  });

  it('POD-05: labels escape quotes, backslashes and line breaks', () => {
    expect(quote('say "hi"\\now\nnext')).toBe('"say \\"hi\\"\\\\now\\nnext"');
    const odd = createMachine({ id: 'q"uote', initial: 'a', states: { a: { on: { 'GO"\\': 'b' } }, b: {} } });
    expect(toDot(odd)).toContain('"s_a" -> "s_b" [label="GO\\"\\\\"];');
  });
});

describe('toSvg', () => {
  it('POD-05 POD-11 POD-12: the fixture renders without Graphviz warnings and the SVG names every state', async () => {
    const { svg, warnings } = await renderSvg(dot);
    expect(warnings).toEqual([]);
    expect(svg.replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/, '')).toMatch(/^<svg/);
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
    for (const node of descendants(pod.root)) expect(svg).toContain(`>${node.key}</text>`);
    expect(svg).toContain('>any state</text>');
  });

  it('POD-12: DOT with eventless, delayed and combined-guard transitions renders', async () => {
    const svg = await toSvg(toDot(crashBackoff.machine, { rankdir: 'TB' }));
    expect(svg).toContain('>CrashLoopBackOff</text>');
    expect(svg).toContain('after 10000ms');
  });

  it('POD-05: invalid DOT is rejected with the Graphviz message', async () => {
    await expect(toSvg('digraph { a -> }')).rejects.toThrow(/Graphviz could not render/);
  });
});
