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
    return ctx.feasible.map((info) => rule.evaluate({ taints: info.node.spec?.taints ?? [], tolerations }) as number);
  },
  normalize: (raw) => defaultNormalize(raw, true),
};
