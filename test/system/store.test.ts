// The API store's optimistic concurrency (API-03) and object lifecycle (API-02).
import { describe, expect, it } from 'vitest';
import { createObject, deleteObject, deterministicUid, emptyStore, updateObject, type StoredObject } from '../../src/system/store.ts';

const pod = (name: string): StoredObject => ({ kind: 'Pod', metadata: { name, namespace: 'default' }, spec: {} });

describe('API store', () => {
  it('API-02: a create stores the object with a resourceVersion and a UID', () => {
    const r = createObject(emptyStore, pod('web'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.object.metadata.resourceVersion).toBe('1');
    expect(r.object.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.store.objects.size).toBe(1);
  });

  it('API-02: creating the same name twice is a conflict, as the API server says it', () => {
    const first = createObject(emptyStore, pod('web'));
    if (!first.ok) throw new Error('setup');
    expect(createObject(first.store, pod('web'))).toEqual({ ok: false, code: 409, message: 'pods "web" already exists' });
  });

  it('API-03: an update carrying the stored resourceVersion succeeds and bumps it', () => {
    const c = createObject(emptyStore, pod('web'));
    if (!c.ok) throw new Error('setup');
    const u = updateObject(c.store, { ...c.object, spec: { nodeName: 'node-1' } });
    expect(u.ok && u.object.metadata.resourceVersion).toBe('2');
  });

  it('API-03: an update carrying a stale resourceVersion is rejected with 409 Conflict and changes nothing', () => {
    const c = createObject(emptyStore, pod('web'));
    if (!c.ok) throw new Error('setup');
    const u1 = updateObject(c.store, { ...c.object, spec: { a: 1 } });
    if (!u1.ok) throw new Error('setup');
    // A second writer still holds resourceVersion 1.
    const stale = updateObject(u1.store, { ...c.object, spec: { b: 2 } });
    expect(stale).toEqual({
      ok: false,
      code: 409,
      message: 'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect(u1.store.objects.get('Pod/default/web')?.spec).toEqual({ a: 1 });
  });

  it('API-03: the store is immutable; older versions stay readable', () => {
    const c = createObject(emptyStore, pod('web'));
    if (!c.ok) throw new Error('setup');
    const d = deleteObject(c.store, 'Pod', 'web', 'default');
    expect(d.ok && d.store.objects.size).toBe(0);
    expect(c.store.objects.size).toBe(1);
    expect(deleteObject(emptyStore, 'Pod', 'web', 'default')).toMatchObject({ ok: false, code: 404 });
  });

  it('API-02: UIDs are reproducible per object key', () => {
    expect(deterministicUid('Pod/default/web')).toBe(deterministicUid('Pod/default/web'));
    expect(deterministicUid('Pod/default/web')).not.toBe(deterministicUid('Pod/default/api'));
  });
});
