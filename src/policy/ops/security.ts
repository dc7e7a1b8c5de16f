// json-logic operations the security policies need beyond the shared ones (none yet).
import type { CustomOperation } from '../../rules/ops/index.ts';

export const securityOperations: Readonly<Record<string, CustomOperation>> = {};
