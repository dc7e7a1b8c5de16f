// Every outcome of a walk whose `-m statistic --mode random` rules branch, with its probability
// (NET-IPT-07): the walk is re-run once per combination of choices, depth first, taking a rule before
// skipping it. For kube-proxy's n-endpoint chain the draws are 1/n, 1/(n-1), ..., 1/2, so n outcomes of
// 1/n each: for n = 3, 1/3; 2/3 · 1/2; 2/3 · 1/2 · 1.
import type { Packet } from '../types.ts';
import type { Hook, Ruleset, WalkContext, WalkResult } from './types.ts';
import { walkHook } from './walk.ts';

export interface Outcome<R> {
  probability: number;
  /** The statistic decisions taken, in order (true: the rule was taken). */
  choices: boolean[];
  value: R;
}

/** Runs `run` once per distinct sequence of choices; branches of probability 0 are not explored. */
export function enumerateChoices<R>(run: (choose: (p: number) => boolean) => R): Outcome<R>[] {
  const outcomes: Outcome<R>[] = [];
  const pending: boolean[][] = [[]];
  for (let prefix = pending.pop(); prefix !== undefined; prefix = pending.pop()) {
    const fixed = prefix;
    const choices: boolean[] = [];
    let probability = 1;
    const value = run((p) => {
      let take = fixed[choices.length];
      if (take === undefined) {
        take = p > 0;
        // The other branch is explored later, if it can happen at all.
        if (p > 0 && p < 1) pending.push([...choices, false]);
      }
      probability *= take ? p : 1 - p;
      choices.push(take);
      return take;
    });
    outcomes.push({ probability, choices, value });
  }
  return outcomes;
}

/** walkHook over every statistic branch; the probabilities add up to 1. */
export function walkAll(ruleset: Ruleset, hook: Hook, packet: Packet, ctx: Omit<WalkContext, 'choose'>): Outcome<WalkResult>[] {
  return enumerateChoices((choose) => walkHook(ruleset, hook, packet, { ...ctx, choose }));
}
