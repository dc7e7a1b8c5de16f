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

function imageSizes(node: Node): Map<string, number> {
  const out = new Map<string, number>();
  for (const image of node.status?.images ?? []) for (const n of image.names) out.set(n, image.sizeBytes);
  return out;
}

export const imageLocality: ScorePlugin = {
  name: 'ImageLocality',
  score(ctx) {
    const rule = getRule('scheduler/score/image-locality');
    const totalNodes = ctx.snapshot.nodes.length;
    const numNodes = new Map<string, number>();
    for (const node of ctx.snapshot.nodes) for (const n of imageSizes(node).keys()) numNodes.set(n, (numNodes.get(n) ?? 0) + 1);
    const containers = [...(ctx.pod.spec.initContainers ?? []), ...ctx.pod.spec.containers];
    return ctx.feasible.map((info) => {
      const sizes = imageSizes(info.node);
      const images = containers.flatMap((c) => {
        const name = normalizedImageName(c.image ?? '');
        const sizeBytes = sizes.get(name);
        return sizeBytes === undefined ? [] : [{ sizeBytes, numNodes: numNodes.get(name) ?? 1, totalNodes }];
      });
      return rule.evaluate({ images, containers: containers.length }) as number;
    });
  },
};
