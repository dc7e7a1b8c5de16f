// Input shapes of the rules under rules/eviction/ (kubelet's eviction manager, pkg/kubelet/eviction, and the
// node lifecycle controller's pressure taints), registered with defineShape (imported by the registry).
// src/eviction/ builds every one of these inputs.
import { defineShape, type Shape } from './shapes.ts';

/** One eviction signal against its threshold; quantities as Kubernetes prints them. */
defineShape('EvictionThreshold', { object: { signal: 'string', available: 'string', threshold: 'string' } });

/** The signals whose thresholds are met. */
defineShape('EvictionSignals', { object: { met: { array: 'string' } } });

defineShape('EvictionNodeCondition', { object: { condition: { object: { type: 'string', status: 'string' } } } });

/** One Pod in a ranking comparison: its usage of the starved resource and the requests the ranking reads. */
const rankSide: Shape = {
  object: { statsFound: 'boolean', usage: 'string', request: 'string', subtract: 'string', priority: 'number' },
};
defineShape('EvictionRankPair', { object: { a: rankSide, b: rankSide } });

const toleration: Shape = {
  optional: true,
  object: { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: { oneOf: ['number', 'null'] } },
};
defineShape('EvictionAdmission', {
  object: {
    conditions: { array: 'string' },
    qosClass: 'string',
    priority: 'number',
    configSource: { oneOf: ['string', 'null'] },
    mirror: 'boolean',
    tolerations: { array: toleration },
  },
});

/** A measured usage against a limit (ephemeral storage, emptyDir sizeLimit); limit null when none is set. */
defineShape('EvictionUsageLimit', { object: { usage: 'string', limit: { oneOf: ['string', 'null'] } } });
