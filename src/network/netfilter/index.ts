// Public surface of the netfilter model: parse an iptables-save dump, walk packets through hooks with
// conntrack, enumerate the statistic branches.
export type {
  Chain,
  ConntrackEntry,
  ConntrackMatch,
  ConntrackTable,
  CtState,
  Hook,
  Match,
  NatAddress,
  NatDecisions,
  RecentLists,
  Rule,
  Ruleset,
  Table,
  TableName,
  Target,
  Tuple,
  WalkContext,
  WalkResult,
  WalkVerdict,
} from './types.ts';
export { parseIptablesSave, type ParseOptions } from './parse.ts';
export { walkHook } from './walk.ts';
export { enumerateChoices, walkAll, type Outcome } from './enumerate.ts';
export { packetPath, type PathOptions, type PathResult, type PathVerdict, type RouteDecision } from './path.ts';
export { conntrackDelete, conntrackLookup, conntrackRecord, conntrackSeen, conntrackTranslation, emptyConntrack, tupleKey } from './conntrack.ts';
export { ctstateOf, hookSequence, hookTables } from './decisions.ts';
