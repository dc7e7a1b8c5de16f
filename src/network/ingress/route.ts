// routeIngress: where ingress-nginx sends one HTTP request (ING-01 … ING-15). The Ingresses of the
// controller's class are validated, ordered as the controller orders them (creationTimestamp, then
// namespace/name), turned into servers, locations and upstreams (config.ts), matched (match.ts), and the
// location's upstream consults its first canary alternative as the Lua balancer does: header, then
// cookie, then weight (rules/network/ingress/). A weight yields the probability split, not a draw.
import { ingressClassOf } from './annotations.ts';
import { buildConfig, type NginxConfig, type Upstream } from './config.ts';
import { locationText, selectLocation, selectServer } from './match.ts';
import { ingressRule } from './rules.ts';
import type { BackendRef, CanaryChoice, Ingress, IngressRequest, IngressRoute, RouteOptions } from './types.ts';
import { ingressKey, validateIngress } from './validate.ts';

const sortKey = (i: Ingress): string => `${i.metadata.creationTimestamp ?? ''}\u0000${ingressKey(i)}`;

/** The Ingresses this controller serves, validated and in the controller's order. */
export function servedIngresses(ingresses: readonly Ingress[], options: RouteOptions = {}): Ingress[] {
  const cls = options.ingressClass ?? 'nginx';
  const served = ingresses.filter((i) => {
    const wanted = ingressClassOf(i);
    return wanted === undefined ? options.watchWithoutClass === true : wanted === cls;
  });
  served.forEach(validateIngress);
  return served.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

const lookup = (values: Record<string, string> | undefined, name: string): string | null => {
  if (!name) return null;
  const hit = Object.entries(values ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return hit ? hit[1] : null;
};

function patternResult(pattern: string, value: string | null): string {
  if (pattern === '' || value === null) return 'none';
  try {
    return new RegExp(pattern).test(value) ? 'match' : 'nomatch';
  } catch {
    return 'error';
  }
}

function canaryFor(config: NginxConfig, primary: Upstream, request: IngressRequest): CanaryChoice | null {
  const altName = primary.alternatives[0];
  const alt = altName === undefined ? undefined : config.upstreams.get(altName);
  if (!alt?.canary) return null;
  const c = alt.canary.config;
  const header = lookup(request.headers, c.header);
  const decision = String(ingressRule('network/ingress/canary-decision', {
    header: { value: header, expected: c.headerValue, pattern: c.headerPattern, patternResult: patternResult(c.headerPattern, header) },
    cookie: { value: lookup(request.cookies, c.cookie) },
  }));
  const [by, target] = decision.split('-') as ['header' | 'cookie' | 'weight', string | undefined];
  const probability = by === 'weight' ? Number(ingressRule('network/ingress/canary-weight', { weight: c.weight, weightTotal: c.weightTotal })) : target === 'canary' ? 1 : 0;
  return { ingress: alt.canary.ingress, backend: alt.ref, decidedBy: by, probability };
}

const describeBackend = (b: BackendRef): string => (b.kind === 'service' ? `${b.namespace}/${b.service}:${b.port}` : 'the default backend ("default backend - 404")');

export function routeIngress(ingresses: readonly Ingress[], request: IngressRequest, options: RouteOptions = {}): IngressRoute {
  const config = buildConfig(servedIngresses(ingresses, options));
  const host = request.host.toLowerCase().replace(/:\d+$/, '');
  const uri = request.path.split('?')[0] ?? '';
  const server = selectServer(config, host);
  const location = selectLocation(server, uri);
  const primary = config.upstreams.get(location.upstream) as Upstream;
  const canary = canaryFor(config, primary, request);
  const split = canary
    ? [{ backend: canary.backend, probability: canary.probability }, { backend: primary.ref, probability: 1 - canary.probability }].filter((s) => s.probability > 0)
    : [{ backend: primary.ref, probability: 1 }];
  const redirect = request.scheme === 'http' && ((server.tls && location.annotations.sslRedirect) || location.annotations.forceSslRedirect)
    ? { status: 308 as const, location: `https://${host}${request.path}` }
    : null;
  const where = `server ${server.hostname}, location ${locationText(server, location)}`;
  const to = canary
    ? `${describeBackend(primary.ref)} with canary ${describeBackend(canary.backend)} (${canary.ingress}) decided by ${canary.decidedBy}: ${canary.probability}`
    : describeBackend(primary.ref);
  return {
    server: server.hostname,
    location: locationText(server, location),
    ingress: location.ingress,
    backend: primary.ref,
    canary,
    split,
    tls: server.tls,
    redirect,
    reason: redirect ? `${where}: http to a TLS host is redirected (308) to ${redirect.location}` : `${where} → ${to}`,
  };
}
