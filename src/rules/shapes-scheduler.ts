// Input shapes of the rules under rules/scheduler/, registered with defineShape (imported by the registry).
// Each is the view src/scheduler/filters/ builds for one filter plugin on one node: Kubernetes data already
// looked up (a label's value, a counted topology domain), never a verdict.
import { defineShape, type Shape } from './shapes.ts';

const strings: Shape = { array: 'string' };
const toleration: Shape = { object: { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'number' }, optional: true };
const taint: Shape = { object: { key: 'string', 'value?': 'string', effect: 'string', 'timeAdded?': 'string' } };

defineShape('SchedNodeUnschedulable', {
  object: { unschedulable: 'boolean', tolerations: { array: toleration }, unschedulableTaint: taint },
});

defineShape('SchedNodeName', { object: { podNodeName: { oneOf: ['string', 'null'] }, nodeName: 'string' } });

defineShape('SchedTaintToleration', { object: { taints: { array: taint }, tolerations: { array: toleration } } });

defineShape('SchedNodePorts', {
  object: {
    wanted: {
      array: {
        object: {
          key: 'string',
          wildcardKey: 'string',
          protoPort: 'string',
          anyIP: 'boolean',
          used: { object: { keys: strings, protoPorts: strings } },
        },
      },
    },
  },
});

defineShape('SchedNodeResourcesFit', {
  object: {
    podCountFree: 'number',
    resources: { array: { object: { name: 'string', request: 'number', free: 'number' } } },
  },
});

/** One NodeSelectorRequirement (or nodeSelector pair) against one node, its label already looked up. */
const requirement: Shape = defineShape('SchedNodeSelectorRequirement', {
  object: {
    operator: 'string',
    values: strings,
    has: 'boolean',
    value: { oneOf: ['string', 'null'] },
    /** Gt/Lt: the label value compared with the bound as int64 (-1, 0, 1), null when either does not parse. */
    intCmp: { oneOf: ['number', 'null'] },
    /** The requirement fails NewRequirement validation: the whole term then matches nothing. */
    invalid: 'boolean',
  },
});

defineShape('SchedNodeAffinity', {
  object: {
    nodeSelector: { array: requirement },
    hasAffinity: 'boolean',
    terms: { array: { object: { requirements: { array: requirement } } } },
  },
});

const termCount: Shape = { object: { hasKey: 'boolean', count: 'number' } };

defineShape('SchedInterPodAffinity', {
  object: {
    affinity: { array: termCount },
    affinityMatchesAnywhere: 'boolean',
    selfMatch: 'boolean',
    antiAffinity: { array: termCount },
    existingAntiAffinity: 'number',
  },
});

defineShape('SchedPodTopologySpread', {
  object: {
    constraints: {
      array: { object: { hasKey: 'boolean', matchNum: 'number', selfMatch: 'number', minMatchNum: 'number', maxSkew: 'number' } },
    },
  },
});
