// Registry of the netfilter rules under rules/network/netfilter/ (one JSON file each), spread into
// rules/index.ts; their input shapes are in src/rules/shapes-network-netfilter.ts.
import type { RuleFile } from '../../../src/rules/types.ts';
import ctstate from './ctstate.json' with { type: 'json' };
import entryState from './entry-state.json' with { type: 'json' };
import hookSequence from './hook-sequence.json' with { type: 'json' };
import hookTables from './hook-tables.json' with { type: 'json' };
import walksNat from './walks-nat.json' with { type: 'json' };

export const netfilterRuleFiles: readonly RuleFile[] = [hookTables, hookSequence, ctstate, walksNat, entryState] as RuleFile[];
