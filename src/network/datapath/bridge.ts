// A Linux bridge (cni0) as a learning switch (NET-L2-03, NET-L2-04): every frame a port receives is the
// bridge's; it learns source MAC → ingress port, then hands frames for its own MAC up to the host's IP stack
// (NET-L2-06), floods broadcast (ARP requests, NET-L2-05) and unknown destinations to every other port,
// forwards learned ones to their port. Entries age out after ageing_time 30000 centiseconds = 300 s.
import { bridgeAction, type BridgeAction } from './decide.ts';
import type { Netns } from './types.ts';

export const BRIDGE_AGEING_SECONDS = 300;

export interface BridgeFdbEntry {
  mac: string;
  port: string;
  permanent: boolean;
  /** When it was last refreshed, in seconds of model time. */
  seen: number;
}

export interface BridgeState {
  name: string;
  mac: string;
  ports: string[];
  fdb: BridgeFdbEntry[];
}

export interface Frame {
  srcMac: string;
  dstMac: string;
  /** The port the frame came in on. */
  ingress: string;
}

export interface L2Result {
  state: BridgeState;
  action: BridgeAction;
  /** Ports the frame leaves on; empty for `local` (up to the host) and `filter`. */
  egress: string[];
}

/** The bridge `name` of a namespace as a switch: its enslaved ports and the FDB entries on them. */
export function bridgeState(ns: Netns, name: string): BridgeState {
  const bridge = ns.devices.find((d) => d.name === name && d.kind === 'bridge');
  if (!bridge?.mac) throw new Error(`${ns.id} has no bridge "${name}"`);
  const ports = ns.devices.filter((d) => d.master === name).map((d) => d.name);
  const fdb = ns.fdb.filter((e) => e.master === name && ports.includes(e.dev)).map((e) => ({ mac: e.mac, port: e.dev, permanent: e.permanent, seen: 0 }));
  return { name, mac: bridge.mac, ports, fdb };
}

const isGroupMac = (mac: string): boolean => (parseInt(mac.slice(0, 2), 16) & 1) === 1;

/** Drops learned entries not refreshed within the ageing time; permanent ones stay. */
export function ageFdb(state: BridgeState, now: number): BridgeState {
  return { ...state, fdb: state.fdb.filter((e) => e.permanent || now - e.seen < BRIDGE_AGEING_SECONDS) };
}

/** One frame through the bridge at model time `now`: learn, then local / flood / forward / filter. */
export function forwardL2(bridge: BridgeState, frame: Frame, now = 0): L2Result {
  if (!bridge.ports.includes(frame.ingress)) throw new Error(`"${frame.ingress}" is not a port of ${bridge.name}`);
  let state = ageFdb(bridge, now);
  if (!isGroupMac(frame.srcMac)) {
    const others = state.fdb.filter((e) => e.mac !== frame.srcMac || e.permanent);
    const mine = state.fdb.find((e) => e.mac === frame.srcMac && e.permanent);
    state = { ...state, fdb: mine ? others : [...others, { mac: frame.srcMac, port: frame.ingress, permanent: false, seen: now }] };
  }
  const learned = state.fdb.find((e) => e.mac === frame.dstMac);
  const action = bridgeAction({ dstMac: frame.dstMac, bridgeMac: bridge.mac, ingressPort: frame.ingress, learnedPort: learned?.port ?? null });
  const egress = action === 'flood' ? state.ports.filter((p) => p !== frame.ingress) : action === 'forward' && learned ? [learned.port] : [];
  return { state, action, egress };
}
