// json-logic operations the workload policies need beyond the shared ones (none yet).
import type { CustomOperation } from '../../rules/ops/index.ts';

export const workloadOperations: Readonly<Record<string, CustomOperation>> = {};
