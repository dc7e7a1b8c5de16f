// Interface names, MAC addresses and constants of the data path. Real plugins pick some of these at random
// (the bridge plugin's veth name, flannel's VTEP MAC); the model derives them from a hash so every run and
// every test prints the same values. Each function says which it follows.
import { createHash } from 'node:crypto';
import { parseIp } from './ip.ts';

/** Calico's gateway address in every Pod (NET-CALICO-02). */
export const CALICO_GATEWAY = '169.254.1.1';
/** Calico's MAC on every cali* host end, so every frame a Pod sends goes to it (NET-CALICO-02). */
export const CALICO_MAC = 'ee:ee:ee:ee:ee:ee';
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';
/** flannel's VXLAN defaults: VNI 1 on flannel.1, Linux's port 8472 (NET-FLANNEL-07). */
export const FLANNEL_VNI = 1;
export const FLANNEL_VXLAN_PORT = 8472;
/** flannel UDP backend's default port (NET-FLANNEL-05). */
export const FLANNEL_UDP_PORT = 8285;
/** Bytes each encapsulation adds: VXLAN 50 (outer Ethernet 14 + IP 20 + UDP 8 + VXLAN 8), UDP 28, IPIP 20. */
export const ENCAP_OVERHEAD = { vxlan: 50, udp: 28, ipip: 20 } as const;
/** Linux's default TTL for locally generated packets. */
export const DEFAULT_TTL = 64;

const digest = (algorithm: 'sha1' | 'sha256', text: string): string => createHash(algorithm).update(text).digest('hex');

/** A locally administered unicast MAC from a hash: first octet with bit 1 set and bit 0 clear. */
export function derivedMac(seed: string): string {
  const hex = digest('sha256', seed).slice(0, 12);
  const bytes = hex.match(/../g) ?? [];
  const first = (parseInt(bytes[0] ?? '00', 16) & 0xfe) | 0x02;
  return [first.toString(16).padStart(2, '0'), ...bytes.slice(1)].join(':');
}

/** Older bridge plugins (CNI plugins ≤ 0.8) set the container MAC from its IP: 0a:58 followed by the 4 octets. */
export function podMacFromIp(ip: string): string {
  const v = parseIp(ip);
  const octets = [0x0a, 0x58, v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  return octets.map((o) => o.toString(16).padStart(2, '0')).join(':');
}

/** The bridge plugin names the host end "veth" + 8 hex digits (4 random bytes); here a hash of the Pod. */
export function bridgeVethName(namespace: string, name: string): string {
  return `veth${digest('sha256', `${namespace}/${name}`).slice(0, 8)}`;
}

/** Calico's host end: "cali" + the first 11 hex digits of sha1("<namespace>.<pod>") — exactly as Calico does. */
export function calicoVethName(namespace: string, name: string): string {
  return `cali${digest('sha1', `${namespace}.${name}`).slice(0, 11)}`;
}

/** flanneld creates flannel.1 with a random MAC and publishes it as VtepMAC; here a hash of the node. */
export function vtepMac(node: string): string {
  return derivedMac(`flannel.1/${node}`);
}

export function hostMac(node: string, device: string): string {
  return derivedMac(`${device}/${node}`);
}

export function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function nodeNetns(node: string): string {
  return `node/${node}`;
}

export function podNetns(namespace: string, name: string): string {
  return `pod/${namespace}/${name}`;
}
