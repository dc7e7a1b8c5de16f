// TaintToleration score (SCHED-10, SCHED-11, SCHED-21): the rule scheduler/score/taint-toleration counts the
// node's PreferNoSchedule taints the Pod does not tolerate; NormalizeScore reverses (helper.DefaultNormalizeScore
// with reverse = true), so with counts [2, 1, 0] the nodes get [0, 50, 100]. The plugin never skips.
import { getRule } from '../../rules/registry.ts';
import { defaultNormalize } from './normalize.ts';
import type { ScorePlugin } from './plugin.ts';

export const taintToleration: ScorePlugin = {
  name: 'TaintToleration',
  score(ctx) {
    const rule = getRule('scheduler/score/taint-toleration');
    const tolerations = ctx.pod.spec.tolerations ?? [];
    // Most nodes carry no taint: their count depends on the tolerations alone, so it is evaluated once.
    let untainted: number | undefined;
    return ctx.feasible.map((info) => {
      const taints = info.node.spec?.taints ?? [];
      if (taints.length > 0) return rule.evaluate({ taints, tolerations }) as number;
      untainted ??= rule.evaluate({ taints, tolerations }) as number;
      return untainted;
    });
  },
  normalize: (raw) => defaultNormalize(raw, true),
};
