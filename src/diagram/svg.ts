// DOT → SVG offline through Graphviz compiled to WebAssembly (@viz-js/viz). Loading the module costs about
// 100 ms, a render 6–10 ms afterwards (TOOLING-NOTES), so one instance is shared by every call.
import { instance } from '@viz-js/viz';

type Viz = Awaited<ReturnType<typeof instance>>;
let viz: Promise<Viz> | undefined;

function shared(): Promise<Viz> {
  viz ??= instance();
  return viz;
}

export interface SvgRender {
  svg: string;
  /** Graphviz warnings (e.g. an `lhead` it had to ignore); the SVG was still produced. */
  warnings: string[];
}

/** Renders DOT to SVG and reports Graphviz's warnings; throws with Graphviz's own messages on bad DOT. */
export async function renderSvg(dot: string): Promise<SvgRender> {
  const result = (await shared()).render(dot, { format: 'svg' });
  const messages = result.errors.map((e) => `${e.level ?? 'error'}: ${e.message.trim()}`);
  if (result.status !== 'success') {
    throw new Error(`Graphviz could not render the DOT text:\n${messages.join('\n')}`);
  }
  return { svg: result.output, warnings: messages };
}

export async function toSvg(dot: string): Promise<string> {
  return (await renderSvg(dot)).svg;
}
