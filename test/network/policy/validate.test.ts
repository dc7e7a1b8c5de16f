// Bad input: a policy Kubernetes would reject fails with an InputError naming the policy and the field,
// worded as the API server words it (pkg/apis/networking/validation/validation.go).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { networkPolicyVerdict, type NetworkPolicySpec } from '../../../src/network/policy/index.ts';
import { cluster, pods, policy } from './fixtures.ts';

const rows: [name: string, spec: NetworkPolicySpec, message: string][] = [
  ['NETPOL-06: rejected, cidr 10.0.0.0/33 is no CIDR', { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] },
    'spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
  ['NETPOL-06: rejected, cidr 10.0.0.1/24 has bits beyond the prefix', { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.1/24' } }] }] },
    'spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.1/24": must not have bits set beyond the prefix length'],
  ['NETPOL-06: rejected, cidr 10.0.0.010/32 has a leading 0', { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.010/32' } }] }] },
    'spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.010/32": must not have leading 0s in IP or prefix length'],
  ['NETPOL-06: rejected, except 172.18.1.0/24 lies outside cidr 172.17.0.0/16', { ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.18.1.0/24'] } }] }] },
    'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "172.18.1.0/24": must be a strict subset of `cidr`'],
  ['NETPOL-06: rejected, except equal to its cidr is no strict subset', { ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.0.0/16'] } }] }] },
    'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "172.17.0.0/16": must be a strict subset of `cidr`'],
  ['NETPOL-05: rejected, matchExpressions operator Equals is not a selector operator', { podSelector: { matchExpressions: [{ key: 'role', operator: 'Equals' as 'In', values: ['db'] }] } },
    'spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
  ['NETPOL-05: rejected, a peer namespaceSelector with In and no values', { ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'user', operator: 'In' }] } }] }] },
    "spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
  ['NETPOL-06: rejected, ipBlock together with podSelector in one peer', { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] },
    'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'],
  ['NETPOL-06: rejected, an empty peer', { ingress: [{ from: [{}] }] }, 'spec.ingress[0].from[0]: Required value: must specify a peer'],
  ['NETPOL-07: rejected, endPort below port', { ingress: [{ ports: [{ port: 32000, endPort: 31000 }] }] },
    'spec.ingress[0].ports[0].endPort: Invalid value: 31000: must be greater than or equal to `port`'],
  ['NETPOL-07: rejected, endPort with a named port', { ingress: [{ ports: [{ port: 'http', endPort: 9000 }] }] },
    'spec.ingress[0].ports[0].endPort: Invalid value: 9000: may not be specified when `port` is non-numeric'],
  ['NETPOL-07: rejected, protocol ICMP', { ingress: [{ ports: [{ protocol: 'ICMP' as 'TCP', port: 1 }] }] },
    'spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"'],
  ['NETPOL-07: rejected, policyTypes Both', { policyTypes: ['Both' as 'Ingress'] },
    'spec.policyTypes[0]: Unsupported value: "Both": supported values: "Ingress", "Egress"'],
];

describe('invalid NetworkPolicies', () => {
  for (const [name, spec, message] of rows) {
    it(name, () => {
      const c = cluster([policy('shop', 'bad', spec)]);
      let error: unknown;
      try {
        networkPolicyVerdict(c, { from: pods.client, to: pods.db, port: 80, protocol: 'TCP' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).subject).toBe('NetworkPolicy "shop/bad"');
      expect((error as InputError).message).toBe(message);
      expect((error as InputError).reported).toBe(`NetworkPolicy "shop/bad": ${message}`);
    });
  }

  it('NETPOL-06: several problems are reported together, Kubernetes-style in brackets', () => {
    const c = cluster([policy('shop', 'bad', { ingress: [{ from: [{ ipBlock: { cidr: 'nonsense' } }], ports: [{ port: 0 }] }] })]);
    expect(() => networkPolicyVerdict(c, { from: pods.client, to: pods.db, port: 80, protocol: 'TCP' })).toThrow(
      /^\[spec\.ingress\[0\]\.ports\[0\]\.port: Invalid value: 0: must be between 1 and 65535, inclusive, spec\.ingress\[0\]\.from\[0\]\.ipBlock\.cidr: Invalid value: "nonsense"/,
    );
  });

  it('NETPOL-06: a connection end with an invalid IP is an InputError naming the field', () => {
    expect(() => networkPolicyVerdict(cluster([]), { from: { ip: '10.0.0.300' }, to: pods.db, port: 80, protocol: 'TCP' })).toThrow(/connection\.from\.ip: Invalid value: "10\.0\.0\.300"/);
  });
});
