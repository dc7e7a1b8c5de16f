// Registry of the rules under rules/garbage-collector/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import gcAttemptToDelete from './attempt-to-delete.json' with { type: 'json' };
import gcBlocksOwner from './blocks-owner.json' with { type: 'json' };
import gcClassifyReference from './classify-reference.json' with { type: 'json' };
import gcDeletePolicy from './delete-policy.json' with { type: 'json' };
import gcMayRemoveForegroundFinalizer from './may-remove-foreground-finalizer.json' with { type: 'json' };
import gcMayRemoveOrphanFinalizer from './may-remove-orphan-finalizer.json' with { type: 'json' };
import gcShouldDeleteDependents from './should-delete-dependents.json' with { type: 'json' };
import gcShouldOrphan from './should-orphan.json' with { type: 'json' };

export const garbageCollectorRuleFiles: readonly RuleFile[] = [
  gcAttemptToDelete,
  gcBlocksOwner,
  gcClassifyReference,
  gcDeletePolicy,
  gcMayRemoveForegroundFinalizer,
  gcMayRemoveOrphanFinalizer,
  gcShouldDeleteDependents,
  gcShouldOrphan,
] as RuleFile[];
