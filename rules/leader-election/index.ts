// Registry of the rules under rules/leader-election/ (one JSON file each), to be spread into rules/index.ts.
import type { RuleFile } from '../../src/rules/types.ts';
import leAdvanceClock from './advance-clock.json' with { type: 'json' };
import leBlocksTick from './blocks-tick.json' with { type: 'json' };
import leForget from './forget.json' with { type: 'json' };
import leMayAct from './may-act.json' with { type: 'json' };
import leMayCrash from './may-crash.json' with { type: 'json' };
import leMayHeal from './may-heal.json' with { type: 'json' };
import leMayPartition from './may-partition.json' with { type: 'json' };
import leMayPause from './may-pause.json' with { type: 'json' };
import leMayRestart from './may-restart.json' with { type: 'json' };
import leMayResume from './may-resume.json' with { type: 'json' };
import leMayTakeLease from './may-take-lease.json' with { type: 'json' };
import leMayTry from './may-try.json' with { type: 'json' };
import leMayWrite from './may-write.json' with { type: 'json' };
import leNextRecord from './next-record.json' with { type: 'json' };
import leObserve from './observe.json' with { type: 'json' };
import leProcessRunning from './process-running.json' with { type: 'json' };
import leRecordWrite from './record-write.json' with { type: 'json' };
import leRenewDeadlinePassed from './renew-deadline-passed.json' with { type: 'json' };

export const leaderElectionRuleFiles: readonly RuleFile[] = [
  leAdvanceClock,
  leBlocksTick,
  leForget,
  leMayAct,
  leMayCrash,
  leMayHeal,
  leMayPartition,
  leMayPause,
  leMayRestart,
  leMayResume,
  leMayTakeLease,
  leMayTry,
  leMayWrite,
  leNextRecord,
  leObserve,
  leProcessRunning,
  leRecordWrite,
  leRenewDeadlinePassed,
] as RuleFile[];
