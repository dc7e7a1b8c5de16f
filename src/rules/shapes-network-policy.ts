// Input shapes of the rules under rules/network/policy/ (NetworkPolicy evaluation, NETPOL-01 … NETPOL-09),
// registered with defineShape. src/network/policy/decide.ts builds every one of these inputs; selectors
// stay LabelSelector objects (null when the field is unset) for selector_matches.
import { defineShape, type Shape } from './shapes.ts';

const labels: Shape = { map: 'string' };

/** The cluster's network plugin and the separately installed policy agent, if any (null: none named). */
defineShape('NetpolEnforcement', { object: { plugin: 'string', policyAgent: { oneOf: ['string', 'null'] } } });

/** One policy selecting a Pod: does it isolate the Pod for `direction`? policyTypes [] means unset. */
defineShape('NetpolIsolation', { object: { direction: 'string', policyTypes: { array: 'string' }, hasEgressRules: 'boolean' } });

/** One from/to entry against one end of the connection; ipBlock's CIDR arithmetic is done beforehand. */
defineShape('NetpolPeerMatch', {
  object: {
    peer: { object: { podSelector: 'any', namespaceSelector: 'any', hasIpBlock: 'boolean', ipBlockMatches: 'boolean' } },
    policyNamespace: 'string',
    endpoint: { object: { isPod: 'boolean', namespace: { oneOf: ['string', 'null'] }, labels, namespaceLabels: labels } },
  },
});

/** One ports entry against the connection; a named port arrives resolved on the destination Pod (null: no such port). */
defineShape('NetpolPortMatch', {
  object: {
    entry: { object: { protocol: 'string', port: { oneOf: ['number', 'null'] }, endPort: { oneOf: ['number', 'null'] }, named: 'boolean' } },
    connection: { object: { port: 'number', protocol: 'string' } },
  },
});

/** One ingress/egress rule: the verdict of each of its peers and each of its ports entries. */
defineShape('NetpolRuleMatch', { object: { peers: { array: 'boolean' }, ports: { array: 'boolean' } } });

/** One direction of one Pod: isolated or not, the policies admitting the traffic, and the always-allowed cases. */
defineShape('NetpolDirection', { object: { isolated: 'boolean', allowedBy: { array: 'string' }, exempt: 'boolean' } });

/** Both directions together. */
defineShape('NetpolConnection', { object: { enforced: 'boolean', egress: 'boolean', ingress: 'boolean' } });
