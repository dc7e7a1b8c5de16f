// routeIngress without canaries: hosts, paths, default backends, TLS and classes as ingress-nginx routes
// them. Every row names the backend chosen and why.
import { describe, expect, it } from 'vitest';
import { routeIngress, type Ingress, type IngressRequest } from '../../../src/network/ingress/index.ts';
import { ingress, path } from './fixtures.ts';

const target = (ings: Ingress[], req: IngressRequest): string => {
  const r = routeIngress(ings, req);
  return r.backend.kind === 'service' ? `${r.backend.service}:${r.backend.port}` : 'default-backend';
};

type Row = [name: string, ings: Ingress[], req: IngressRequest, expected: string];
const run = (rows: Row[]): void => {
  for (const [name, ings, req, expected] of rows) it(name, () => expect(target(ings, req)).toBe(expected));
};

const fanout = ingress('fanout', [{ host: 'foo.bar.com', paths: [path('/foo', 'Prefix', 'service1', 4200), path('/bar', 'Prefix', 'service2', 8080)] }]);
const vhosts = ingress('vhosts', [{ host: 'foo.bar.com', paths: [path('/', 'Prefix', 'service1')] }, { host: 'bar.foo.com', paths: [path('/', 'Prefix', 'service2')] }, { paths: [path('/', 'Prefix', 'service3')] }]);
const wildcard = ingress('wild', [{ host: '*.foo.com', paths: [path('/', 'Prefix', 'wild')] }, { host: 'www.foo.com', paths: [path('/', 'Prefix', 'www')] }]);

describe('hosts (ING-02)', () => {
  run([
    ['ING-02: foo.bar.com goes to service1, its host rule', [vhosts], { host: 'foo.bar.com', path: '/' }, 'service1:80'],
    ['ING-02: bar.foo.com goes to service2, its host rule', [vhosts], { host: 'bar.foo.com', path: '/x' }, 'service2:80'],
    ['ING-02: an unknown host goes to service3, the rule without host', [vhosts], { host: 'other.com', path: '/' }, 'service3:80'],
    ['ING-02: the Host header is case-insensitive and its port ignored', [vhosts], { host: 'FOO.bar.com:8443', path: '/' }, 'service1:80'],
    ['ING-02: www.foo.com matches its exact host before the wildcard', [wildcard], { host: 'www.foo.com', path: '/' }, 'www:80'],
    ['ING-02: api.foo.com matches *.foo.com', [wildcard], { host: 'api.foo.com', path: '/' }, 'wild:80'],
    ['ING-03: a.b.foo.com does not match *.foo.com (one label only) and gets the default backend', [wildcard], { host: 'a.b.foo.com', path: '/' }, 'default-backend'],
    ['ING-03: foo.com does not match *.foo.com', [wildcard], { host: 'foo.com', path: '/' }, 'default-backend'],
  ]);
});

describe('paths (ING-02)', () => {
  const exactAndPrefix = ingress('mixed', [{ host: 'a.com', paths: [path('/foo', 'Exact', 'exact'), path('/foo', 'Prefix', 'prefix'), path('/foo/bar', 'Prefix', 'deeper')] }]);
  const impl = ingress('impl', [{ host: 'a.com', paths: [path('/foo', 'ImplementationSpecific', 'impl')] }]);
  run([
    ['ING-02: /foo/x goes to service1 by prefix /foo', [fanout], { host: 'foo.bar.com', path: '/foo/x' }, 'service1:4200'],
    ['ING-02: /foo itself matches Prefix /foo (its Exact twin)', [fanout], { host: 'foo.bar.com', path: '/foo' }, 'service1:4200'],
    ['ING-03: /foobar does not match Prefix /foo (element-wise), so the default backend', [fanout], { host: 'foo.bar.com', path: '/foobar' }, 'default-backend'],
    ['ING-03: an unmatched path on a known host gets the default backend', [fanout], { host: 'foo.bar.com', path: '/baz' }, 'default-backend'],
    ['ING-02: the query string is ignored', [fanout], { host: 'foo.bar.com', path: '/bar?x=1' }, 'service2:8080'],
    ['ING-02: Exact /foo wins over Prefix /foo for /foo', [exactAndPrefix], { host: 'a.com', path: '/foo' }, 'exact:80'],
    ['ING-02: Prefix /foo takes /foo/ (Exact does not match)', [exactAndPrefix], { host: 'a.com', path: '/foo/' }, 'prefix:80'],
    ['ING-02: the longest prefix /foo/bar wins for /foo/bar/baz', [exactAndPrefix], { host: 'a.com', path: '/foo/bar/baz' }, 'deeper:80'],
    ['ING-02: ImplementationSpecific /foo is a plain nginx prefix and takes /foobar', [impl], { host: 'a.com', path: '/foobar' }, 'impl:80'],
    ['ING-02: paths are case-sensitive without regex: /FOO is not /foo', [fanout], { host: 'foo.bar.com', path: '/FOO' }, 'default-backend'],
  ]);
});

describe('use-regex and rewrite-target (ING-02)', () => {
  const regex = ingress('re', [{ host: 'test.com', paths: [path('/foo/bar/bar', 'ImplementationSpecific', 'bar'), path('/foo/bar/[A-Z0-9]{3}', 'ImplementationSpecific', 'three')] }], {}, { 'nginx.ingress.kubernetes.io/use-regex': 'true' });
  const plain = ingress('plain', [{ host: 'test.com', paths: [path('/foo/bar', 'Prefix', 'service1'), path('/foo/bar/', 'Prefix', 'service2')] }]);
  const rewrite = ingress('rw', [{ host: 'test.com', paths: [path('/foo/bar/(.+)', 'ImplementationSpecific', 'service3')] }], {}, { 'nginx.ingress.kubernetes.io/rewrite-target': '/$1' });
  run([
    ['ING-02: with use-regex the first match in length order wins: /foo/bar/bar goes to the [A-Z0-9]{3} location (the docs\' warning)', [regex], { host: 'test.com', path: '/foo/bar/bar' }, 'three:80'],
    ['ING-02: regex locations are case-insensitive: /FOO/BAR/abc matches', [regex], { host: 'test.com', path: '/FOO/BAR/abc' }, 'three:80'],
    ['ING-02: rewrite-target on another Ingress makes all paths of the host regexes: /foo/bar/1 goes to service3', [plain, rewrite], { host: 'test.com', path: '/foo/bar/1' }, 'service3:80'],
    ['ING-02: … /foo/bar/ goes to service2', [plain, rewrite], { host: 'test.com', path: '/foo/bar/' }, 'service2:80'],
    ['ING-02: … /foo/bar goes to service1', [plain, rewrite], { host: 'test.com', path: '/foo/bar' }, 'service1:80'],
  ]);

  it('ING-02: the location reads as nginx.conf writes it', () => {
    expect(routeIngress([plain, rewrite], { host: 'test.com', path: '/foo/bar/1' }).location).toBe('~* "^/foo/bar/(.+)"');
    expect(routeIngress([fanout], { host: 'foo.bar.com', path: '/foo' }).location).toBe('= /foo');
    expect(routeIngress([fanout], { host: 'foo.bar.com', path: '/foo/x' }).location).toBe('/foo/');
  });
});

describe('default backends and classes (ING-01, ING-03)', () => {
  const onlyDefault: Ingress = { metadata: { name: 'single', namespace: 'default' }, spec: { ingressClassName: 'nginx', defaultBackend: { service: { name: 'test', port: { number: 80 } } } } };
  const withDefault = ingress('with-default', [{ host: 'a.com', paths: [path('/api', 'Prefix', 'api')] }], { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } });
  const otherClass: Ingress = { ...fanout, spec: { ...fanout.spec, ingressClassName: 'haproxy' } };
  const noClass: Ingress = { ...fanout, spec: { ...fanout.spec, ingressClassName: undefined } };
  run([
    ['ING-02: an Ingress with only a defaultBackend serves every request', [onlyDefault], { host: 'anything.io', path: '/x' }, 'test:80'],
    ['ING-03: spec.defaultBackend is the root of the hosts its rules create', [withDefault], { host: 'a.com', path: '/other' }, 'fallback:80'],
    ['ING-03: … but not of other hosts: they get the controller\'s default backend', [withDefault], { host: 'b.com', path: '/' }, 'default-backend'],
    ['ING-01: an Ingress of class haproxy is ignored by ingress-nginx', [otherClass], { host: 'foo.bar.com', path: '/foo' }, 'default-backend'],
    ['ING-01: an Ingress without class is ignored unless --watch-ingress-without-class', [noClass], { host: 'foo.bar.com', path: '/foo' }, 'default-backend'],
  ]);

  it('ING-01: --watch-ingress-without-class serves it', () => {
    expect(routeIngress([noClass], { host: 'foo.bar.com', path: '/foo' }, { watchWithoutClass: true }).backend).toMatchObject({ service: 'service1' });
  });

  it('ING-01: the legacy kubernetes.io/ingress.class annotation selects the class too', () => {
    const legacy: Ingress = { ...noClass, metadata: { ...noClass.metadata, annotations: { 'kubernetes.io/ingress.class': 'nginx' } } };
    expect(routeIngress([legacy], { host: 'foo.bar.com', path: '/foo' }).backend).toMatchObject({ service: 'service1' });
  });

  it('ING-02: the older Ingress keeps a path both define (creationTimestamp order)', () => {
    const older = { ...ingress('b-older', [{ host: 'a.com', paths: [path('/', 'Prefix', 'old')] }]), metadata: { name: 'b-older', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' } };
    const newer = { ...ingress('a-newer', [{ host: 'a.com', paths: [path('/', 'Prefix', 'new')] }]), metadata: { name: 'a-newer', namespace: 'default', creationTimestamp: '2024-06-01T00:00:00Z' } };
    expect(routeIngress([newer, older], { host: 'a.com', path: '/' }).backend).toMatchObject({ service: 'old' });
  });
});

describe('TLS (ING-09)', () => {
  const tls = ingress('web', [{ host: 'web-dev.mooc.com', paths: [path('/', 'Prefix', 'web')] }, { host: 'plain.mooc.com', paths: [path('/', 'Prefix', 'plain')] }], { tls: [{ hosts: ['web-dev.mooc.com'], secretName: 'mooc-tls' }] });
  it('ING-09: http to a host listed in spec.tls is redirected with 308 to https', () => {
    const r = routeIngress([tls], { host: 'web-dev.mooc.com', path: '/hello', scheme: 'http' });
    expect(r.tls).toBe(true);
    expect(r.redirect).toEqual({ status: 308, location: 'https://web-dev.mooc.com/hello' });
  });
  it('ING-09: https to the TLS host is proxied to its backend', () => {
    const r = routeIngress([tls], { host: 'web-dev.mooc.com', path: '/hello', scheme: 'https' });
    expect(r.redirect).toBeNull();
    expect(r.split).toEqual([{ backend: r.backend, probability: 1 }]);
  });
  it('ING-09: a host without a tls entry has no certificate and is not redirected', () => {
    const r = routeIngress([tls], { host: 'plain.mooc.com', path: '/', scheme: 'http' });
    expect(r).toMatchObject({ tls: false, redirect: null });
  });
  it('ING-09: ssl-redirect "false" keeps http on a TLS host', () => {
    const off = { ...tls, metadata: { ...tls.metadata, annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' } } };
    expect(routeIngress([off], { host: 'web-dev.mooc.com', path: '/x', scheme: 'http' }).redirect).toBeNull();
  });
});
