// Chain names of kube-proxy's per-service chains (NET-IPT-05, NET-IPT-07, NET-IPT-08), from
// pkg/proxy/iptables/proxier.go: portProtoHash = the first 16 characters of base32(sha256(servicePortName +
// protocol)), protocol lower-case; the endpoint chain hashes servicePortName + protocol + "ip:port".
// The servicePortName is ServicePortName.String() (pkg/proxy/types.go): "namespace/name:portName" up to v1.18,
// and since v1.19 the ":portName" part is left out when the port is unnamed (fmtPortName). So the seeds'
// default/kubia hashes "default/kubia:tcp" → KUBE-SVC-L5EAUEZ74VZL5GSC in 2019 and "default/kubiatcp" today.
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (Go's base32.StdEncoding) of the first 10 bytes, which is all 16 characters need. */
function base32First16(bytes: Uint8Array): string {
  let out = '';
  for (let block = 0; block < 2; block++) {
    let acc = 0n;
    for (let i = 0; i < 5; i++) acc = (acc << 8n) | BigInt(bytes[block * 5 + i] ?? 0);
    for (let shift = 35n; shift >= 0n; shift -= 5n) out += BASE32[Number((acc >> shift) & 31n)];
  }
  return out;
}

export const hash16 = (input: string): string => base32First16(createHash('sha256').update(input, 'utf8').digest());

/** ServicePortName.String(): ("default", "kubia", "", colonAlways) → "default/kubia:" (≤ v1.18) or "default/kubia". */
export function servicePortName(namespace: string, name: string, portName: string, colonAlways: boolean): string {
  return portName === '' && !colonAlways ? `${namespace}/${name}` : `${namespace}/${name}:${portName}`;
}

export const portProtoHash = (svcPortName: string, protocol: string): string => hash16(svcPortName + protocol.toLowerCase());

export type ServiceChainKind = 'SVC' | 'SVL' | 'EXT' | 'FW' | 'XLB';

/** KUBE-SVC-… (cluster policy), KUBE-SVL-… (local policy), KUBE-EXT-…, KUBE-FW-…, and the pre-1.24 KUBE-XLB-…. */
export const serviceChain = (kind: ServiceChainKind, svcPortName: string, protocol: string): string =>
  `KUBE-${kind}-${portProtoHash(svcPortName, protocol)}`;

/** KUBE-SEP-… for endpoint "ip:port". */
export const endpointChain = (svcPortName: string, protocol: string, endpoint: string): string =>
  `KUBE-SEP-${hash16(svcPortName + protocol.toLowerCase() + endpoint)}`;
