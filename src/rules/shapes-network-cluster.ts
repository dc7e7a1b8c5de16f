// Input shapes of the rules under rules/network/cluster/ (the cluster network model: Pod readiness, the
// EndpointSlice controller's decisions, the resolver's search order), registered with defineShape.
// src/network/cluster/ builds every one of these inputs.
import { defineShape } from './shapes.ts';

/** A Pod's readiness inputs; readyCondition is the Ready condition's status, null when none was reported. */
defineShape('NetworkPodReadiness', {
  object: { scheduled: 'boolean', phase: { oneOf: ['string', 'null'] }, readyCondition: { oneOf: ['string', 'null'] } },
});

/** A Pod matching a Service's selector: its phase ("" when absent) and whether it has an IP. */
defineShape('NetworkPodEndpointCandidate', { object: { phase: 'string', hasIP: 'boolean' } });

defineShape('NetworkEndpointConditions', {
  object: { serving: 'boolean', terminating: 'boolean', publishNotReadyAddresses: 'boolean' },
});

defineShape('NetworkServiceKind', { object: { type: 'string', hasSelector: 'boolean', headless: 'boolean' } });

/** A name's dot count, resolv.conf's ndots, and whether the name ends in a dot. */
defineShape('NetworkDnsSearch', { object: { dots: 'number', ndots: 'number', absolute: 'boolean' } });
