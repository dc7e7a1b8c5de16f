// Graphviz DOT for any XState v5 machine (issue #2 item 7); render it with svg.ts.
//
// Compound and parallel states are clusters; the regions of a parallel state are dashed clusters. Graphviz
// cannot end an edge on a cluster, so each cluster holds an invisible point node with the state's own id,
// and edges to or from it carry `lhead`/`ltail` (with `compound=true`) to be clipped at the cluster border.
// `lhead`/`ltail` are left out when one end lies inside the other's cluster, where Graphviz would ignore
// them with a warning. Conventions shared with mermaid.ts: path-derived ids, root-declared transitions
// start from a dashed "any state" node, targetless transitions are self-loops labelled "(internal)".
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { allEdges, childrenOf, edgeLabel, isWithin, nodeIds } from './walk.ts';

export interface DotOptions {
  rankdir?: 'LR' | 'TB';
  fontname?: string;
}

// Node ids from walk.ts always start with `s_`; pseudo-nodes start with `x_` and so never collide.
export const DOT_ANY_STATE = 'x_any';

export function toDot(machine: AnyStateMachine, opts: DotOptions = {}): string {
  const ids = nodeIds(machine);
  const root = machine.root;
  const font = quote(opts.fontname ?? 'Helvetica');
  const id = (node: AnyStateNode): string => ids.get(node) ?? DOT_ANY_STATE;
  const isCluster = (node: AnyStateNode): boolean =>
    node !== root && (node.type === 'compound' || node.type === 'parallel');
  const lines = [
    `digraph ${quote(root.id)} {`,
    `  compound=true; rankdir=${opts.rankdir ?? 'LR'}; fontname=${font}; label=${quote(root.id)}; labelloc=t;`,
    `  node [shape=box, style=rounded, fontname=${font}, fontsize=11];`,
    `  edge [fontname=${font}, fontsize=9];`,
  ];

  const contents = (node: AnyStateNode, indent: string): void => {
    const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
    if (node.type === 'compound' && initial) {
      const start = node === root ? 'x_initial' : `x_initial__${id(node)}`;
      lines.push(`${indent}${quote(start)} [shape=point, width=0.12, label=""];`);
      const lhead = isCluster(initial) ? `, lhead=${quote('cluster_' + id(initial))}` : '';
      lines.push(`${indent}${quote(start)} -> ${quote(id(initial))} [arrowsize=0.6${lhead}];`);
    }
    for (const child of childrenOf(node)) emit(child, indent, node.type === 'parallel');
  };

  const emit = (node: AnyStateNode, indent: string, region: boolean): void => {
    const nid = quote(id(node));
    if (!isCluster(node)) {
      const shape =
        node.type === 'final' ? ', shape=doublecircle, style=""'
        : node.type === 'history' ? ', shape=circle, style=""'
        : '';
      const label = node.type === 'history' ? (node.history === 'deep' ? 'H*' : 'H') : node.key;
      lines.push(`${indent}${nid} [label=${quote(label)}${shape}];`);
      return;
    }
    lines.push(`${indent}subgraph ${quote('cluster_' + id(node))} {`);
    const inner = indent + '  ';
    const style = region ? 'dashed,rounded' : 'rounded';
    lines.push(`${inner}label=${quote(node.key)}; style=${quote(style)};`);
    lines.push(`${inner}${nid} [shape=point, style=invis, width=0, height=0, label=""];`);
    contents(node, inner);
    lines.push(`${indent}}`);
  };

  contents(root, '  ');

  const edges = allEdges(machine);
  if (edges.some((e) => e.source === root || e.targets.includes(root))) {
    lines.push(`  ${quote(DOT_ANY_STATE)} [label="any state", style="dashed,rounded"];`);
  }
  for (const edge of edges) {
    const label = edgeLabel(edge, '\n');
    const targets = edge.targets.length > 0 ? edge.targets : [edge.source];
    for (const target of targets) {
      const attrs = [`label=${quote(label)}`];
      if (isCluster(edge.source) && !isWithin(target, edge.source)) {
        attrs.push(`ltail=${quote('cluster_' + id(edge.source))}`);
      }
      if (isCluster(target) && !isWithin(edge.source, target)) {
        attrs.push(`lhead=${quote('cluster_' + id(target))}`);
      }
      lines.push(`  ${quote(id(edge.source))} -> ${quote(id(target))} [${attrs.join(', ')}];`);
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** A DOT double-quoted string: backslash and quote escaped, newlines as DOT's centred line break `\n`. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
