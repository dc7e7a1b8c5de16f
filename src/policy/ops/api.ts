// json-logic operations the api policies need beyond the shared ones (none yet).
import type { CustomOperation } from '../../rules/ops/index.ts';

export const apiOperations: Readonly<Record<string, CustomOperation>> = {};
