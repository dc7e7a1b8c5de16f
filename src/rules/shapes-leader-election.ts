// Input shapes of the rules under rules/leader-election/: the candidate machine's guards and assignments
// ({context, event, params}), the record a write sends, and the candidate's view that offers read
// (src/leader/view.ts builds it).
import { defineShape, type Shape } from './shapes.ts';

const str: Shape = { oneOf: ['string', 'null'] };

export const CandidateContextShape = defineShape('CandidateContext', {
  optional: true,
  object: {
    identity: 'string',
    leaseDuration: 'number',
    renewDeadline: 'number',
    retryPeriod: 'number',
    observedHolder: 'string',
    observedTransitions: 'number',
    observedRv: str,
    observedAge: 'number',
    renewAge: 'number',
    leaseExists: 'boolean',
  },
});

const event: Shape = {
  optional: true,
  object: {
    type: 'string',
    exists: 'boolean',
    holderIdentity: 'string',
    leaseTransitions: 'number',
    resourceVersion: 'string',
    seconds: 'number',
    cap: 'number',
  },
};

defineShape('CandidateTransition', {
  optional: true,
  object: { context: CandidateContextShape, event, params: { optional: true, object: {} } },
});

/** Times are model seconds (src/leader/lease.ts). `current` is the stored Lease spec, null when absent. */
defineShape('LeaseWrite', {
  object: {
    context: CandidateContextShape,
    current: { oneOf: ['null', { optional: true, object: { holderIdentity: 'string', leaseTransitions: 'number', acquireTime: 'number' } }] },
    now: 'number',
  },
});

defineShape('CandidateView', {
  optional: true,
  object: { state: 'string', process: 'string', partitioned: 'boolean', due: 'boolean', renewAge: 'number', retryPeriod: 'number' },
});
