// ImageLocality score (SCHED-21): the scheduler's image states are built from every node's status.images
// (each listed name maps to the image's sizeBytes; NumNodes counts the nodes listing that name). A container
// image without a tag is looked up as "<image>:latest" (normalizedImageName). The rule
// scheduler/score/image-locality does the spreading, clamping and scaling; there is no NormalizeScore.
// Not modelled: image volumes (KEP-4639), which current releases also count.
import { getRule } from '../../rules/registry.ts';
import type { Node } from '../../k8s/types.ts';
import type { ScorePlugin } from './plugin.ts';

export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

const sizesByNode = new WeakMap<Node, Map<string, number>>();

/** Image name → sizeBytes from status.images, once per Node object (Nodes are replaced, not edited, on change). */
function imageSizes(node: Node): Map<string, number> {
  let out = sizesByNode.get(node);
  if (out === undefined) {
    out = new Map();
    for (const image of node.status?.images ?? []) for (const n of image.names) out.set(n, image.sizeBytes);
    sizesByNode.set(node, out);
  }
  return out;
}

/**
 * NumNodes is only counted for the Pod's own images, and only when some feasible node holds one; a node holding
 * none scores what the rule gives an empty list, evaluated once per cycle.
 */
export const imageLocality: ScorePlugin = {
  name: 'ImageLocality',
  score(ctx) {
    const rule = getRule('scheduler/score/image-locality');
    const totalNodes = ctx.snapshot.nodes.length;
    const containers = [...(ctx.pod.spec.initContainers ?? []), ...ctx.pod.spec.containers];
    const names = containers.map((c) => normalizedImageName(c.image ?? ''));
    const numNodes = new Map<string, number>();
    const countNodes = (name: string): number => {
      let n = numNodes.get(name);
      if (n === undefined) {
        n = 0;
        for (const node of ctx.snapshot.nodes) if (imageSizes(node).has(name)) n += 1;
        numNodes.set(name, n);
      }
      return n === 0 ? 1 : n;
    };
    let none: number | undefined;
    return ctx.feasible.map((info) => {
      const sizes = imageSizes(info.node);
      if (sizes.size === 0 || !names.some((name) => sizes.has(name))) {
        none ??= rule.evaluate({ images: [], containers: containers.length }) as number;
        return none;
      }
      const images: { sizeBytes: number; numNodes: number; totalNodes: number }[] = [];
      for (const name of names) {
        const sizeBytes = sizes.get(name);
        if (sizeBytes !== undefined) images.push({ sizeBytes, numNodes: countNodes(name), totalNodes });
      }
      return rule.evaluate({ images, containers: containers.length }) as number;
    });
  },
};
