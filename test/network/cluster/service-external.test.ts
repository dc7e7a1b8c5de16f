// spec.loadBalancerSourceRanges and spec.externalIPs from the manifest into ServiceNet (NET-SVC-04, NET-SVC-11):
// the apiserver's validation (an InputError naming the Service and the field) and the normal form kube-proxy
// writes (network address of each range).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { buildClusterNetwork, type Service } from '../../../src/network/cluster/index.ts';
import { sloppyCidr } from '../../../src/network/cluster/service-external.ts';

const svc = (spec: Partial<Service['spec']>): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { ports: [{ port: 80 }], ...spec },
});
const built = (spec: Partial<Service['spec']>) => buildClusterNetwork([svc(spec)]).services.find((s) => s.name === 'web');

describe('accepted values', () => {
  it('NET-SVC-04: a LoadBalancer keeps its source ranges, trimmed and reduced to the network address', () => {
    const s = built({ type: 'LoadBalancer', loadBalancerSourceRanges: [' 203.0.113.0/24', '10.1.2.3/8'] });
    expect(s?.loadBalancerSourceRanges).toEqual(['203.0.113.0/24', '10.0.0.0/8']);
  });

  it('NET-SVC-11: externalIPs are kept on any Service type with a ClusterIP', () => {
    expect(built({ externalIPs: ['198.51.100.7'] })?.externalIPs).toEqual(['198.51.100.7']);
  });

  it('NET-SVC-04: without the fields, ServiceNet carries neither (no empty arrays)', () => {
    const s = built({ type: 'LoadBalancer' });
    expect(s).not.toHaveProperty('loadBalancerSourceRanges');
    expect(s).not.toHaveProperty('externalIPs');
  });

  it.each([
    ['10.1.2.3/8 has host bits: accepted as Go ParseCIDR does, written as 10.0.0.0/8', '10.1.2.3/8', '10.0.0.0/8'],
    ['0.0.0.0/0 admits everyone', '0.0.0.0/0', '0.0.0.0/0'],
    ['a bare address is not a CIDR', '10.0.0.1', undefined],
    ['prefix 33 is out of range', '10.0.0.0/33', undefined],
  ])('NET-SVC-04: sloppyCidr: %s', (_name, input, expected) => {
    expect(sloppyCidr(input)).toBe(expected);
  });
});

const rows: [string, Partial<Service['spec']>, string][] = [
  ['NET-SVC-04: source ranges on a NodePort Service are forbidden', { type: 'NodePort', loadBalancerSourceRanges: ['10.0.0.0/8'] }, "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"],
  ['NET-SVC-04: a source range without a prefix is not a CIDR', { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8', '10.0.0.1'] }, 'spec.LoadBalancerSourceRanges[1]: Invalid value: "10.0.0.1": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
  ['NET-SVC-04: an IPv6 source range is outside the IPv4-only model', { type: 'LoadBalancer', loadBalancerSourceRanges: ['2001:db8::/64'] }, 'spec.LoadBalancerSourceRanges[0]: Invalid value: "2001:db8::/64": IPv6'],
  ['NET-SVC-11: a malformed external IP is rejected', { externalIPs: ['198.51.100.300'] }, 'spec.externalIPs[0]: Invalid value: "198.51.100.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
  ['NET-SVC-11: the unspecified address is rejected', { externalIPs: ['0.0.0.0'] }, 'spec.externalIPs[0]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)'],
  ['NET-SVC-11: a loopback external IP is rejected', { externalIPs: ['198.51.100.7', '127.0.0.2'] }, 'spec.externalIPs[1]: Invalid value: "127.0.0.2": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
  ['NET-SVC-11: a link-local external IP (the metadata service) is rejected', { externalIPs: ['169.254.169.254'] }, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'],
  ['NET-SVC-11: a link-local multicast external IP is rejected', { externalIPs: ['224.0.0.5'] }, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'],
  ['NET-SVC-11: an IPv6 external IP is outside the IPv4-only model', { externalIPs: ['2001:db8::1'] }, 'spec.externalIPs[0]: Invalid value: "2001:db8::1": IPv6'],
];

describe('rejected values', () => {
  it.each(rows)('%s', (_name, spec, message) => {
    let caught: unknown;
    try {
      built(spec);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).subject).toBe('Service "shop/web"');
    expect((caught as InputError).message).toContain(message);
  });
});
