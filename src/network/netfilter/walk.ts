// The walk of one packet through one netfilter hook (NET-IPT-01): the hook's tables in priority order,
// each table's built-in chain top-down, jumps into user chains and back, the first terminating target
// deciding, the policy when a built-in chain runs out. Conntrack (NET-NAT-01) decides whether the nat
// table runs at all: only a connection's first packet walks the nat chains; every later packet is
// translated from its entry at the same place.
import { InputError } from '../../errors.ts';
import type { Hop, Packet } from '../types.ts';
import { connectionNat, conntrackLookup, conntrackTranslation } from './conntrack.ts';
import { ctstateOf, hookTables, walksNat } from './decisions.ts';
import { ruleMatches, type MatchEnv } from './match.ts';
import { applyTarget, type TargetEffect } from './targets.ts';
import type { Chain, CtState, Hook, NatDecisions, Ruleset, Table, WalkContext, WalkResult, WalkVerdict } from './types.ts';

/** A backstop only: loops are caught when a chain is re-entered, and no real walk comes near this. */
const MAX_STEPS = 10_000_000;

/** Deterministic default for `-m statistic`: take every rule whose probability is above 0 (the first endpoint). */
const takeFirst = (p: number): boolean => p > 0;

export function walkHook(ruleset: Ruleset, hook: Hook, packet: Packet, ctx: WalkContext): WalkResult {
  const connection = ctx.connection === undefined ? conntrackLookup(ctx.conntrack, packet) : ctx.connection;
  const ctstate = ctstateOf(packet.invalid === true, connection);
  const natRuns = walksNat(ctstate, connection !== null);
  const origin = ctx.origin ?? packet;
  const where = ctx.where ?? 'host';
  const hops: Hop[] = [];
  const nat: NatDecisions = {};
  const env: MatchEnv = {
    localAddresses: new Set(ctx.localAddresses),
    ctstates: new Set(),
    choose: ctx.choose ?? takeFirst,
    recent: ctx.recent ?? new Map(),
    now: ctx.now ?? 0,
    ...(ctx.inInterface === undefined ? {} : { inInterface: ctx.inInterface }),
    ...(ctx.outInterface === undefined ? {} : { outInterface: ctx.outInterface }),
  };
  let current: Packet = { ...packet };
  const done = (verdict: WalkVerdict): WalkResult => ({ packet: current, verdict, hops, ctstate, nat, recent: env.recent });

  for (const tableName of hookTables(hook)) {
    if (tableName === 'nat' && !natRuns) {
      if (connection !== null) current = translateFromEntry(connection, hook, current, hops, where);
      continue;
    }
    const table = ruleset.tables.get(tableName);
    const chain = table?.chains.get(hook);
    if (table === undefined || chain === undefined) continue;
    // --ctstate DNAT/SNAT: the connection's NAT so far (for a NEW one: what this host already did to it).
    const translated = connection !== null ? connectionNat(connection.entry) : { dnat: current.dst !== origin.dst || current.dstPort !== origin.dstPort, snat: current.src !== origin.src || current.srcPort !== origin.srcPort };
    env.ctstates = new Set<CtState>([ctstate, ...(translated.dnat ? ['DNAT' as const] : []), ...(translated.snat ? ['SNAT' as const] : [])]);
    const outcome = walkTable(table, chain, hook, current, env, { ctx, hops, nat, where });
    current = outcome.packet;
    if (outcome.verdict !== 'ACCEPT') return done(outcome.verdict);
  }
  return done('ACCEPT');
}

interface WalkSink {
  ctx: WalkContext;
  hops: Hop[];
  nat: NatDecisions;
  where: string;
}

/** Runs one table's built-in chain for the hook; ACCEPT means "on to the next table". */
function walkTable(table: Table, builtin: Chain, hook: Hook, start: Packet, env: MatchEnv, sink: WalkSink): { packet: Packet; verdict: WalkVerdict } {
  let packet = start;
  const stack: { chain: Chain; next: number }[] = [];
  let chain = builtin;
  let index = 0;
  const hop = (rule: string, extra: Partial<Hop> = {}): void => {
    sink.hops.push({ where: sink.where, device: hook, table: table.name, chain: chain.name, rule, packet: { ...packet }, ...extra });
  };
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const rule = chain.rules[index++];
    if (rule === undefined) {
      const caller = stack.pop();
      if (caller !== undefined) {
        ({ chain, next: index } = caller);
        continue;
      }
      // Fell off the built-in chain: its policy decides (NET-IPT-01). Shown when rules were tried or it drops.
      const policy = builtin.policy ?? 'ACCEPT';
      if (builtin.rules.length > 0 || policy !== 'ACCEPT') hop(`-P ${builtin.name} ${policy}`, { verdict: policy, note: 'policy' });
      return { packet, verdict: policy };
    }
    if (!ruleMatches(rule, packet, env)) continue;
    const target = rule.target;
    if (target === undefined) {
      hop(rule.text, { note: 'no target: counted only' });
      continue;
    }
    if (target.kind === 'jump') {
      hop(rule.text, { note: `${target.goto ? 'goto' : 'jump to'} ${target.chain}` });
      const next = table.chains.get(target.chain) as Chain;
      // iptables refuses rule sets with loops; re-entering a chain on the current path is one.
      if (next === chain || stack.some((f) => f.chain === next)) throw new InputError(`table ${table.name}: ${rule.text} re-enters chain ${next.name}; the chains loop`, undefined, rule.line);
      if (!target.goto) stack.push({ chain, next: index });
      chain = next;
      index = 0;
      continue;
    }
    if (target.kind === 'RETURN') {
      hop(rule.text, { note: 'return' });
      const caller = stack.pop();
      if (caller === undefined) {
        // RETURN in a built-in chain applies its policy.
        index = chain.rules.length;
      } else {
        ({ chain, next: index } = caller);
      }
      continue;
    }
    const effect: TargetEffect = applyTarget(target, hook, packet, sink.ctx);
    packet = effect.packet;
    if (effect.dnat) sink.nat.dnat = effect.dnat;
    if (effect.snat) sink.nat.snat = effect.snat;
    hop(rule.text, {
      ...(effect.rewrite === undefined ? {} : { rewrite: effect.rewrite }),
      ...(effect.verdict === undefined ? {} : { verdict: effect.verdict }),
      ...(effect.note === undefined ? {} : { note: effect.note }),
    });
    if (effect.verdict !== undefined) return { packet, verdict: effect.verdict };
  }
  throw new InputError(`table ${table.name}: more than ${MAX_STEPS} rule steps from ${builtin.name}; the chains loop`);
}

/** NET-NAT-01: a packet of a known connection gets the entry's translation where nat would have run. */
function translateFromEntry(connection: NonNullable<WalkContext['connection']>, hook: Hook, packet: Packet, hops: Hop[], where: string): Packet {
  const slot = hook === 'PREROUTING' || hook === 'OUTPUT' ? 'dst' : 'src';
  const to = conntrackTranslation(connection, slot);
  const from = slot === 'dst' ? { ip: packet.dst, port: packet.dstPort } : { ip: packet.src, port: packet.srcPort };
  if (to.ip === from.ip && to.port === from.port) return packet;
  const next = slot === 'dst' ? { ...packet, dst: to.ip, dstPort: to.port ?? packet.dstPort } : { ...packet, src: to.ip, srcPort: to.port ?? packet.srcPort };
  const what = connection.direction === 'original' ? (slot === 'dst' ? 'DNAT' : 'SNAT') : slot === 'dst' ? 'un-SNAT' : 'un-DNAT';
  hops.push({
    where,
    device: hook,
    table: 'nat',
    rewrite: `${what} ${slot === 'dst' ? 'destination' : 'source'} ${from.ip}:${from.port} → ${to.ip}:${to.port} (conntrack)`,
    packet: { ...next },
    note: `conntrack ${connection.direction} direction: nat chains skipped, translation from the entry`,
  });
  return next;
}
