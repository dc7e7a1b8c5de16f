// Registry of the rules under rules/network/cluster/ (one JSON file each), spread into rules/index.ts.
import type { RuleFile } from '../../../src/rules/types.ts';
import endpointReady from './endpoint-ready.json' with { type: 'json' };
import podInEndpoints from './pod-in-endpoints.json' with { type: 'json' };
import podReady from './pod-ready.json' with { type: 'json' };
import searchOrder from './search-order.json' with { type: 'json' };
import slicesManaged from './slices-managed.json' with { type: 'json' };

export const networkClusterRuleFiles: readonly RuleFile[] = [
  endpointReady,
  podInEndpoints,
  podReady,
  searchOrder,
  slicesManaged,
] as RuleFile[];
