// The garbage collector and cascading deletion (GC-01..GC-04, ROLL-02): the API server's DELETE
// (delete-request.ts), the collector's enabled steps and their effect (step.ts, apply.ts), and kubectl's
// wording (kubectl.ts, kubectl-get.ts). Pure functions over GcObject lists; not yet wired into src/system.
export {
  FOREGROUND_FINALIZER, ORPHAN_FINALIZER, gcKey, isBeingDeleted, isDeletingDependents, isOrphaning, hasFinalizer,
  type GcObject, type GcAction, type GcFinalizer, type PropagationPolicy, type GarbageCollectionPolicy,
} from './types.ts';
export { defaultGarbageCollectionPolicy } from './default-policy.ts';
export { deleteRequest, finalizersAfterDelete, type DeleteRequestOptions, type DeleteOutcome } from './delete-request.ts';
export { ownerOf, classifyReferences, dependentsOf, blocks, blockingDependents, type ClassifiedReferences, type ReferenceClass } from './graph.ts';
export { gcStep } from './step.ts';
export { applyGcAction, runGc, type GcRun } from './apply.ts';
export { parseCascadeFlag, deletedLine, type CascadeFlag, type DeletedLineOptions } from './kubectl.ts';
export { getView, type GetView } from './kubectl-get.ts';
