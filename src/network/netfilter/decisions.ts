// The netfilter decisions as rules (rules/network/netfilter/*.json), compiled once here. They are compiled
// from the area's own registry rather than through getRule so this module works before the lead wires
// netfilterRuleFiles into rules/index.ts; afterwards getRule would return the same logic.
import { netfilterRuleFiles } from '../../../rules/network/netfilter/index.ts';
import { compileLogic, type Evaluator } from '../../rules/compile.ts';
import { customOperations } from '../../rules/ops/index.ts';
import type { ConntrackEntry, CtState, Hook, TableName } from './types.ts';

let compiled: Map<string, Evaluator> | undefined;

function rule(id: string): Evaluator {
  compiled ??= new Map(
    netfilterRuleFiles.map((f) => [f.id, compileLogic(f.logic, { operations: customOperations, ruleId: f.id, path: '$.logic' })]),
  );
  const evaluate = compiled.get(`network/netfilter/${id}`);
  if (evaluate === undefined) throw new Error(`no netfilter rule "${id}"`);
  return evaluate;
}

/** NET-IPT-01: tables of a hook in priority order. */
export function hookTables(hook: Hook): TableName[] {
  return rule('hook-tables')({ hook }) as TableName[];
}

/** NET-IPT-02: the hooks a packet passes, once the routing decision (local or not) is known. */
export function hookSequence(locallyGenerated: boolean, local: boolean): Hook[] {
  return rule('hook-sequence')({ locallyGenerated, local }) as Hook[];
}

/** NET-NAT-03: the packet's ctstate from its conntrack lookup. */
export function ctstateOf(invalid: boolean, found: { entry: ConntrackEntry; direction: 'original' | 'reply' } | null): CtState {
  return rule('ctstate')({
    invalid,
    found: found !== null,
    direction: found?.direction ?? 'none',
    entryState: found?.entry.state ?? 'none',
  }) as CtState;
}

/** NET-NAT-01: whether the nat chains run for this packet (only a connection's first packet). */
export function walksNat(ctstate: CtState, found: boolean): boolean {
  return rule('walks-nat')({ ctstate, found }) === true;
}

/** NET-NAT-03: an entry's state after a packet in `direction` passed. */
export function nextEntryState(state: ConntrackEntry['state'], direction: 'original' | 'reply'): ConntrackEntry['state'] {
  return rule('entry-state')({ state, direction }) as ConntrackEntry['state'];
}
