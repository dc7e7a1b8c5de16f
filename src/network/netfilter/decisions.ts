// The netfilter decisions as rules (rules/network/netfilter/*.json), served by the shared registry.
import { getRule } from '../../rules/registry.ts';
import type { ConntrackEntry, CtState, Hook, TableName } from './types.ts';

const rule = (id: string) => (data: unknown) => getRule(`network/netfilter/${id}`).evaluate(data);

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
