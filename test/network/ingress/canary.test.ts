// ingress-nginx canaries: the seeds' web-canary-a / web-canary-b Ingresses (namespace canary, host
// canary.mooc.com) with weight, by-cookie, by-header and all three combined, plus the rules' examples.
import { describe, expect, it } from 'vitest';
import { networkIngressRuleFiles } from '../../../rules/network/ingress/index.ts';
import { routeIngress, type Ingress, type IngressRequest } from '../../../src/network/ingress/index.ts';
import { compileLogic } from '../../../src/rules/compile.ts';
import { ruleErrors } from '../../../src/rules/check.ts';
import { customOperations } from '../../../src/rules/ops/index.ts';
import '../../../src/rules/shapes-network-ingress.ts';
import { conformance, getShape } from '../../../src/rules/shapes.ts';
import { ingress, path } from './fixtures.ts';

const A = 'nginx.ingress.kubernetes.io/';
const main = ingress('web-canary-a', [{ host: 'canary.mooc.com', paths: [path('/', 'Prefix', 'web-canary-a')] }], {}, {}, 'canary');
const canary = (annotations: Record<string, string>): Ingress =>
  ingress('web-canary-b', [{ host: 'canary.mooc.com', paths: [path('/', 'Prefix', 'web-canary-b')] }], {}, Object.fromEntries(Object.entries({ canary: 'true', ...annotations }).map(([k, v]) => [A + k, v])), 'canary');
const req = (extra: Partial<IngressRequest> = {}): IngressRequest => ({ host: 'canary.mooc.com', path: '/hello?name=michael', ...extra });

/** Probability of reaching web-canary-b. */
const toB = (ings: Ingress[], r: IngressRequest): number =>
  routeIngress(ings, r).split.filter((s) => s.backend.kind === 'service' && s.backend.service === 'web-canary-b').reduce((n, s) => n + s.probability, 0);

type Row = [name: string, annotations: Record<string, string>, request: IngressRequest, probability: number];
const rows: Row[] = [
  ['ING-12: canary-weight "10" sends 10 % to web-canary-b', { 'canary-weight': '10' }, req(), 0.1],
  ['ING-12: canary-weight "90" sends 90 %', { 'canary-weight': '90' }, req(), 0.9],
  ['ING-12: canary-weight "0" sends none', { 'canary-weight': '0' }, req(), 0],
  ['ING-12: canary-weight 5 of canary-weight-total 1000 sends 0.5 %', { 'canary-weight': '5', 'canary-weight-total': '1000' }, req(), 0.005],
  ['ING-12: an unparsable canary-weight counts as 0', { 'canary-weight': 'ten' }, req(), 0],
  ['ING-13: by-cookie web-canary=always goes to web-canary-b', { 'canary-by-cookie': 'web-canary' }, req({ cookies: { 'web-canary': 'always' } }), 1],
  ['ING-13: by-cookie without the cookie stays on web-canary-a (weight 0)', { 'canary-by-cookie': 'web-canary' }, req(), 0],
  ['ING-13: by-cookie web-canary=never stays on web-canary-a', { 'canary-by-cookie': 'web-canary', 'canary-weight': '100' }, req({ cookies: { 'web-canary': 'never' } }), 0],
  ['ING-14: by-header web-canary: always (curl -H) goes to web-canary-b', { 'canary-by-header': 'web-canary' }, req({ headers: { 'web-canary': 'always' } }), 1],
  ['ING-14: header names are case-insensitive', { 'canary-by-header': 'web-canary' }, req({ headers: { 'Web-Canary': 'always' } }), 1],
  ['ING-14: by-header with value "yes" is ignored and falls to the weight', { 'canary-by-header': 'web-canary', 'canary-weight': '30' }, req({ headers: { 'web-canary': 'yes' } }), 0.3],
  ['ING-14: canary-by-header-value v2 routes header v2 to the canary', { 'canary-by-header': 'x-version', 'canary-by-header-value': 'v2' }, req({ headers: { 'x-version': 'v2' } }), 1],
  ['ING-14: canary-by-header-pattern ^beta routes beta-tester', { 'canary-by-header': 'x-group', 'canary-by-header-pattern': '^beta' }, req({ headers: { 'x-group': 'beta-tester' } }), 1],
  ['ING-15: combined (header, cookie, weight 90): header never beats cookie always', { 'canary-by-header': 'web-canary', 'canary-by-cookie': 'web-canary', 'canary-weight': '90' }, req({ headers: { 'web-canary': 'never' }, cookies: { 'web-canary': 'always' } }), 0],
  ['ING-15: combined: cookie never beats weight 90', { 'canary-by-header': 'web-canary', 'canary-by-cookie': 'web-canary', 'canary-weight': '90' }, req({ cookies: { 'web-canary': 'never' } }), 0],
  ['ING-15: combined: neither header nor cookie leaves weight 90', { 'canary-by-header': 'web-canary', 'canary-by-cookie': 'web-canary', 'canary-weight': '90' }, req(), 0.9],
  ['ING-15: combined: header always wins outright', { 'canary-by-header': 'web-canary', 'canary-by-cookie': 'web-canary', 'canary-weight': '90' }, req({ headers: { 'web-canary': 'always' }, cookies: { 'web-canary': 'never' } }), 1],
];

describe('the seeds\' canary Ingresses', () => {
  for (const [name, annotations, request, probability] of rows) {
    it(name, () => expect(toB([main, canary(annotations)], request)).toBeCloseTo(probability, 10));
  }

  it('ING-11: the canary is an alternative of the main location, not a route of its own', () => {
    const r = routeIngress([canary({ 'canary-weight': '10' }), main], req());
    expect(r.ingress).toBe('canary/web-canary-a');
    expect(r.backend).toMatchObject({ service: 'web-canary-a' });
    expect(r.canary).toMatchObject({ ingress: 'canary/web-canary-b', decidedBy: 'weight', probability: 0.1 });
    expect(r.split.map((s) => s.probability)).toEqual([0.1, 0.9]);
  });

  it('ING-11: a canary Ingress alone (no main Ingress for its host) serves nothing', () => {
    expect(routeIngress([canary({ 'canary-weight': '100' })], req()).backend.kind).toBe('default-backend');
  });

  it('ING-11: canary-* annotations without canary: "true" make an ordinary Ingress (configured but not enabled)', () => {
    const notEnabled = canary({ canary: 'false', 'canary-weight': '100' });
    const r = routeIngress([main, notEnabled], req());
    expect(r.canary).toBeNull();
    expect(r.backend).toMatchObject({ service: 'web-canary-a' });
  });

  it('ING-11: only the first canary for a host/path is honoured', () => {
    const second = { ...ingress('web-canary-c', [{ host: 'canary.mooc.com', paths: [path('/', 'Prefix', 'web-canary-c')] }], {}, { [`${A}canary`]: 'true', [`${A}canary-weight`]: '100' }, 'canary') };
    const r = routeIngress([main, canary({ 'canary-weight': '0' }), second], req());
    expect(r.canary).toMatchObject({ ingress: 'canary/web-canary-b', probability: 0 });
  });

  it('ING-11: a canary for another path does not attach', () => {
    const other = ingress('web-canary-b', [{ host: 'canary.mooc.com', paths: [path('/v2', 'Prefix', 'web-canary-b')] }], {}, { [`${A}canary`]: 'true', [`${A}canary-weight`]: '100' }, 'canary');
    expect(routeIngress([main, other], req()).canary).toBeNull();
  });
});

describe('network/ingress rule examples', () => {
  for (const rule of networkIngressRuleFiles) {
    it(`${rule.id} passes the load-time check (${rule.behaviours.join(', ')})`, () => {
      expect(ruleErrors(rule, { fileName: `rules/${rule.id}.json`, operations: customOperations }).map((e) => `${e.jsonPath}: ${e.message}`)).toEqual([]);
    });
    const evaluate = compileLogic(rule.logic, { operations: customOperations, ruleId: rule.id, path: '$.logic' });
    for (const [name, data, expected] of rule.examples) {
      it(`${rule.id}: ${name}`, () => {
        const shape = getShape(rule.input);
        if (shape) expect(conformance(shape, data)).toEqual([]);
        expect(shape).toBeDefined();
        expect(evaluate(data)).toEqual(expected);
      });
    }
  }
});
