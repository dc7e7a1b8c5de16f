// Mermaid `stateDiagram-v2` text for any XState v5 machine (issue #2 item 7).
//
// Layout decisions, checked against Mermaid's grammar (packages/mermaid/src/diagrams/state/parser/
// stateDiagram.jison) and its stateDb/dataFetcher:
// - Every state is declared as `state "Key" as <path id>` inside its parent's block before any transition is
//   written; ids come from the key path (walk.ts) because keys repeat across parallel regions.
// - Transitions are all written at the top level after the declarations. Mermaid places a state where it is
//   first mentioned; a transition written inside a composite block that names an outer state would pull
//   that state into the block.
// - `[*] --> x` (initial) and `x --> [*]` (final) stay inside their parent's block: Mermaid ties `[*]` to the
//   enclosing block.
// - A parallel state's regions are its child blocks separated by `--`; a parallel root is wrapped in one
//   block named after the machine, because `--` is only read inside a block.
// - Transitions declared on the root (handlers that apply when no active state handles the event, e.g. a
//   machine-wide DELETE) start from a dashed pseudo-state "any state".
// - A targetless transition (actions only, no exit or entry) is drawn as a self-loop whose label ends with
//   "(internal)"; a transition that targets its own source is a plain self-loop.
// - Several targets (a transition into two parallel regions) give one arrow per target with the same label.
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { allEdges, childrenOf, edgeLabel, nodeIds } from './walk.ts';

export interface MermaidOptions {
  direction?: 'LR' | 'TB';
}

/** Pseudo-state id for transitions declared on the machine root. */
// Node ids from walk.ts always start with `s_`; pseudo-states start with `x_` and so never collide.
export const MERMAID_ANY_STATE = 'x_any';
const ROOT_WRAPPER = 'x_root';

export function toMermaid(machine: AnyStateMachine, opts: MermaidOptions = {}): string {
  const ids = nodeIds(machine);
  const root = machine.root;
  const id = (node: AnyStateNode): string => ids.get(node) ?? (node === root ? MERMAID_ANY_STATE : '?');
  const lines = ['stateDiagram-v2', `  direction ${opts.direction ?? 'LR'}`];

  const block = (node: AnyStateNode, indent: string): void => {
    const children = childrenOf(node);
    if (node.type === 'parallel') {
      children.forEach((child, i) => {
        if (i > 0) lines.push(`${indent}--`);
        declare(child, indent);
      });
      return;
    }
    const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
    if (initial) lines.push(`${indent}[*] --> ${id(initial)}`);
    for (const child of children) declare(child, indent);
    for (const child of children) if (child.type === 'final') lines.push(`${indent}${id(child)} --> [*]`);
  };

  const declare = (node: AnyStateNode, indent: string): void => {
    const head = `${indent}state "${escapeText(node.key)}" as ${id(node)}`;
    if (node.type !== 'compound' && node.type !== 'parallel') {
      lines.push(head);
      return;
    }
    lines.push(`${head} {`);
    block(node, indent + '  ');
    lines.push(`${indent}}`);
  };

  if (root.type === 'parallel') {
    lines.push(`  state "${escapeText(root.key)}" as ${ROOT_WRAPPER} {`);
    block(root, '    ');
    lines.push('  }');
  } else {
    block(root, '  ');
  }

  const edges = allEdges(machine);
  if (edges.some((e) => e.source === root || e.targets.includes(root))) {
    lines.push(`  state "any state" as ${MERMAID_ANY_STATE}`);
    lines.push('  classDef anyState stroke-dasharray: 4 4');
    lines.push(`  class ${MERMAID_ANY_STATE} anyState`);
  }
  for (const edge of edges) {
    const label = escapeText(edgeLabel(edge));
    const targets = edge.targets.length > 0 ? edge.targets : [edge.source];
    for (const target of targets) lines.push(`  ${id(edge.source)} --> ${id(target)} : ${label}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Mermaid reads an edge label up to the next ':' ';' or newline and a state label up to the next '"';
 * its entity codes (`#59;`) survive parsing. One pass, so the codes themselves are not re-escaped.
 */
export function escapeText(text: string): string {
  const codes: Record<string, string> = {
    '#': '#35;', ':': '#58;', ';': '#59;', '"': '#quot;', '%': '#37;',
    '<': '#lt;', '>': '#gt;', '{': '#123;', '}': '#125;', '\n': ' ',
  };
  return text.replace(/[#:;"%<>{}\n]/g, (c) => codes[c] ?? c);
}
