// Registry of the rules under rules/attach-detach/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import attachDetachAttacherMayFinish from './attacher-may-finish.json' with { type: 'json' };
import attachDetachDetacherMayFinish from './detacher-may-finish.json' with { type: 'json' };
import attachDetachMayAttach from './may-attach.json' with { type: 'json' };
import attachDetachMayDetach from './may-detach.json' with { type: 'json' };
import attachDetachMultiAttachBlocked from './multi-attach-blocked.json' with { type: 'json' };

export const attachDetachRuleFiles: readonly RuleFile[] = [
  attachDetachAttacherMayFinish,
  attachDetachDetacherMayFinish,
  attachDetachMayAttach,
  attachDetachMayDetach,
  attachDetachMultiAttachBlocked,
] as RuleFile[];
