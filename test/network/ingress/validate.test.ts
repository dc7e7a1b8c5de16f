// Bad Ingresses fail with an InputError naming the Ingress and field, in the API server's words.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { routeIngress, type Ingress } from '../../../src/network/ingress/index.ts';
import { ingress, path } from './fixtures.ts';

const rows: [name: string, ing: Ingress, message: string][] = [
  ['ING-02: rejected, a Prefix path must be absolute', ingress('bad', [{ host: 'a.com', paths: [path('foo', 'Prefix', 's')] }]), 'spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path'],
  ['ING-02: rejected, a Prefix path with //', ingress('bad', [{ host: 'a.com', paths: [path('/a//b', 'Prefix', 's')] }]), "spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'"],
  ['ING-02: rejected, an unknown pathType', ingress('bad', [{ host: 'a.com', paths: [path('/', 'Regex' as 'Exact', 's')] }]), 'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "Prefix", "ImplementationSpecific"'],
  ['ING-02: rejected, a host that is an IP address', ingress('bad', [{ host: '10.0.0.1', paths: [path('/', 'Prefix', 's')] }]), 'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
  ['ING-02: rejected, a backend port 70000', ingress('bad', [{ host: 'a.com', paths: [path('/', 'Prefix', 's', 70000)] }]), 'spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive'],
];

describe('invalid Ingresses', () => {
  for (const [name, ing, message] of rows) {
    it(name, () => {
      let error: unknown;
      try {
        routeIngress([ing], { host: 'a.com', path: '/' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).reported).toBe(`Ingress "default/bad": ${message}`);
    });
  }
});
