// The pod-template-hash label (ROLL-03): ReplicaSet <deployment>-<hash>, its Pods labelled with the hash.
// pkg/controller/controller_utils.go ComputeHash: FNV-32a over the template as hashutil.DeepHashObject prints
// it, then, when status.collisionCount is set, its value as 4 little-endian bytes padded to 8; the uint32's
// decimal digits are then mapped through rand.SafeEncodeString's alphabet.
//
// Approximation: Kubernetes feeds FNV the go-spew/dump.ForHash rendering of the Go PodTemplateSpec struct
// (every field of every type, in Go order, with type names), which depends on the Kubernetes release and
// cannot be rebuilt from JSON. Here the input is the template's canonical JSON (keys sorted, empty maps and
// lists dropped). The hash is stable, changes with the template and the collision count, and has the
// real shape (10 characters or fewer from "bcdfghjklmnpqrstvwxz2456789" mapped from digits, so only
// 4-9, b, c, d, f), but it is not byte-identical to the one a cluster computes for the same template.
import type { Deployment } from '../k8s/types.ts';
import { POD_TEMPLATE_HASH_LABEL } from './replica-sets.ts';

export type PodTemplate = Deployment['spec']['template'];

/** k8s.io/apimachinery/pkg/util/rand: no vowels (no words), no 0/1/3 (no look-alikes). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits (hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** rand.SafeEncodeString: each character's code point modulo 27 picks a letter. "4165453486" → "85b98978db". */
export function safeEncodeString(s: string): string {
  return [...s].map((c) => ALPHANUMS[(c.codePointAt(0) as number) % ALPHANUMS.length]).join('');
}

const DIGIT_OF = new Map([...'0123456789'].map((d) => [safeEncodeString(d), d]));

/** The uint32 behind a pod-template-hash ("85b98978db" → 4165453486), or undefined if no ComputeHash could give it. */
export function decodePodTemplateHash(hash: string): number | undefined {
  const digits = [...hash].map((c) => DIGIT_OF.get(c));
  if (hash.length === 0 || digits.some((d) => d === undefined)) return undefined;
  const value = Number(digits.join(''));
  return value <= 0xffffffff && String(value) === digits.join('') ? value : undefined;
}

/** Canonical JSON: keys sorted; undefined, empty maps and empty lists dropped (Semantic.DeepEqual treats nil and empty alike). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value) ?? null);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => canonical(v) ?? null);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.keys(value)
    .sort()
    .map((k) => [k, canonical((value as Record<string, unknown>)[k])] as const)
    .filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function withoutHashLabel(t: PodTemplate): PodTemplate {
  const labels = { ...t.metadata?.labels };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...t, metadata: { ...t.metadata, labels } };
}

/** EqualIgnoreHash: templates equal apart from the pod-template-hash label (how the new ReplicaSet is found, ROLL-04). */
export function equalIgnoreHash(a: PodTemplate, b: PodTemplate): boolean {
  return canonicalJson(withoutHashLabel(a)) === canonicalJson(withoutHashLabel(b));
}

/**
 * ComputeHash(template, collisionCount) with the approximated printer described above. Examples: the same
 * template always gives the same hash; collisionCount 1 gives another; changing the image gives another.
 */
export function podTemplateHash(template: PodTemplate, collisionCount?: number): string {
  const bytes = [...new TextEncoder().encode(canonicalJson(template))];
  if (collisionCount !== undefined) {
    const n = collisionCount >>> 0;
    bytes.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff, 0, 0, 0, 0);
  }
  return safeEncodeString(String(fnv32a(Uint8Array.from(bytes))));
}

/** The new ReplicaSet's name: "web" and "5d9c8b7f6"-style hash → "web-<hash>" (getNewReplicaSet). */
export function replicaSetName(deploymentName: string, hash: string): string {
  return `${deploymentName}-${hash}`;
}
