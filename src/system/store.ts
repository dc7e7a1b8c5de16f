// The API server's object store: every write bumps a resourceVersion; a write that carries a resourceVersion
// other than the stored one is rejected with 409 Conflict (optimistic concurrency, API-03). Immutable: each
// write returns a new store, so states of the transition system can share it.
import { createHash } from 'node:crypto';

export interface StoredObject {
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface Store {
  readonly objects: ReadonlyMap<string, StoredObject>;
  /** The last resourceVersion handed out; opaque to clients, which only compare it for equality (API-03). */
  readonly revision: number;
}

export type WriteResult = { ok: true; store: Store; object: StoredObject } | { ok: false; code: 404 | 409; message: string };

export const emptyStore: Store = { objects: new Map(), revision: 0 };

/** `Pod/default/web`; cluster-scoped objects have no namespace part (`Node/node-1`). */
export function objectKey(kind: string, name: string, namespace?: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

export function keyOf(o: StoredObject): string {
  return objectKey(o.kind, o.metadata.name, o.metadata.namespace);
}

function withVersion(store: Store, o: StoredObject): [Store, StoredObject] {
  const revision = store.revision + 1;
  const stored = { ...o, metadata: { ...o.metadata, resourceVersion: String(revision) } };
  const objects = new Map(store.objects);
  objects.set(keyOf(stored), stored);
  return [{ objects, revision }, stored];
}

/**
 * The API server gives every new object a UID; the model derives it from the object's key so that runs are
 * reproducible (the same Pod gets the same UID, formatted like Kubernetes' RFC 4122 v4 UIDs).
 */
export function deterministicUid(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createObject(store: Store, o: StoredObject): WriteResult {
  const key = keyOf(o);
  if (store.objects.has(key)) {
    return { ok: false, code: 409, message: `${o.kind.toLowerCase()}s "${o.metadata.name}" already exists` };
  }
  const withUid = o.metadata.uid ? o : { ...o, metadata: { ...o.metadata, uid: deterministicUid(key) } };
  const [next, stored] = withVersion(store, withUid);
  return { ok: true, store: next, object: stored };
}

/**
 * Replace an object. The update's metadata.resourceVersion must equal the stored one (API-03); the message
 * is the API server's: `Operation cannot be fulfilled on pods "web": the object has been modified; please
 * apply your changes to the latest version and try again`.
 */
export function updateObject(store: Store, o: StoredObject): WriteResult {
  const key = keyOf(o);
  const current = store.objects.get(key);
  const resource = `${o.kind.toLowerCase()}s`;
  if (!current) return { ok: false, code: 404, message: `${resource} "${o.metadata.name}" not found` };
  if (o.metadata.resourceVersion !== undefined && o.metadata.resourceVersion !== current.metadata.resourceVersion) {
    return {
      ok: false,
      code: 409,
      message: `Operation cannot be fulfilled on ${resource} "${o.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
    };
  }
  const [next, stored] = withVersion(store, o);
  return { ok: true, store: next, object: stored };
}

export function deleteObject(store: Store, kind: string, name: string, namespace?: string): WriteResult {
  const key = objectKey(kind, name, namespace);
  const current = store.objects.get(key);
  if (!current) return { ok: false, code: 404, message: `${kind.toLowerCase()}s "${name}" not found` };
  const objects = new Map(store.objects);
  objects.delete(key);
  return { ok: true, store: { objects, revision: store.revision + 1 }, object: current };
}
