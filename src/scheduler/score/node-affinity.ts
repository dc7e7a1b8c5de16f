// NodeAffinity score (SCHED-15, SCHED-21): TypeScript decides which preferred terms the node matches
// (node-selector.ts), the rule scheduler/score/node-affinity sums their weights, and NormalizeScore scales by
// the best node: weights 80 and 20 on two nodes become 100 and 25. PreScore skips a Pod without preferred terms.
import { getRule } from '../../rules/registry.ts';
import { nodeSelectorTermMatches } from './node-selector.ts';
import { defaultNormalize } from './normalize.ts';
import type { ScorePlugin } from './plugin.ts';

export const nodeAffinity: ScorePlugin = {
  name: 'NodeAffinity',
  score(ctx) {
    const preferred = ctx.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (preferred === undefined) return undefined;
    const rule = getRule('scheduler/score/node-affinity');
    return ctx.feasible.map((info) => {
      const terms = preferred.map((t) => ({ weight: t.weight, matches: nodeSelectorTermMatches(t.preference, info.node) }));
      return rule.evaluate({ terms }) as number;
    });
  },
  normalize: (raw) => defaultNormalize(raw, false),
};
