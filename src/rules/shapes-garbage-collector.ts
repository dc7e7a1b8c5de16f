// Input shapes of the rules under rules/garbage-collector/: what the API server's DELETE handler and the
// garbage collector (pkg/controller/garbagecollector) look at. src/gc/ counts and classifies; a rule reads
// plain booleans, numbers and the finalizer list.
import { defineShape } from './shapes.ts';

/**
 * A DELETE's options and the object's finalizers before it (registry/generic/registry/store.go).
 * `propagationPolicy` and the deprecated `orphanDependents` are null when the request leaves them out;
 * `defaultPolicy` is the resource's DefaultGarbageCollectionPolicy: OrphanDependents, DeleteDependents or
 * Unsupported.
 */
defineShape('GcDeleteOptions', {
  object: {
    propagationPolicy: { oneOf: ['string', 'null'] },
    orphanDependents: { oneOf: ['boolean', 'null'] },
    finalizers: { array: 'string' },
    defaultPolicy: 'string',
  },
});

/** One ownerReference as classifyReferences sees its owner: found with the same uid, being deleted, in foreground. */
defineShape('GcOwnerReference', { object: { found: 'boolean', deleting: 'boolean', foregroundFinalizer: 'boolean' } });

/**
 * attemptToDeleteItem's view of one object: whether it is being deleted (deletionTimestamp) and waiting for
 * its dependents (plus foregroundDeletion), its ownerReferences counted by class, and its dependents counted.
 */
defineShape('GcItem', {
  object: {
    beingDeleted: 'boolean',
    deletingDependents: 'boolean',
    ownerReferences: 'number',
    solid: 'number',
    dangling: 'number',
    waiting: 'number',
    dependents: 'number',
  },
});

/** metadata.finalizers of the object the garbage collector is about to delete. */
defineShape('GcFinalizers', { object: { finalizers: { array: 'string' } } });

/** One dependent's ownerReference to a foreground-deleted owner; blockOwnerDeletion null when unset. */
defineShape('GcBlockingReference', { object: { blockOwnerDeletion: { oneOf: ['boolean', 'null'] } } });

/** A foreground-deleted owner: how many dependents still block it. */
defineShape('GcDeletingDependents', { object: { blockingDependents: 'number' } });

/** An orphan-deleted owner: how many dependents still carry an ownerReference to it. */
defineShape('GcOrphaning', { object: { dependents: 'number' } });
