// Input shapes of the rules under rules/network/netfilter/ (the netfilter walk and conntrack, NET-IPT,
// NET-NAT), registered with defineShape (imported by the registry). src/network/netfilter/ builds them.
import { defineShape } from './shapes.ts';

/** A netfilter hook name: PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING. */
defineShape('NetfilterHook', { object: { hook: 'string' } });

/** What the routing decision said: generated on this host or arrived, and addressed to this host or not. */
defineShape('NetfilterPath', { object: { locallyGenerated: 'boolean', local: 'boolean' } });

/** The conntrack lookup of one packet; direction and entryState are "none" when no entry was found. */
defineShape('NetfilterCtLookup', {
  object: { invalid: 'boolean', found: 'boolean', direction: 'string', entryState: 'string' },
});

defineShape('NetfilterNatWalk', { object: { ctstate: 'string', found: 'boolean' } });

/** A conntrack entry's state and the direction of the packet that just passed. */
defineShape('NetfilterEntryStep', { object: { state: 'string', direction: 'string' } });
