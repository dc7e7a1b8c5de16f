// The configuration ingress-nginx derives from Ingresses (internal/ingress/controller/controller.go:
// createUpstreams, createServers, getBackendServers, mergeAlternativeBackends, updateServerLocations),
// reduced to what routing needs: one server per host ("_" catches the rest) with its locations, and
// upstreams carrying their canary alternatives (ING-01, ING-02, ING-03, ING-09, ING-11).
// Ingresses arrive sorted (creationTimestamp, then namespace/name): the first Ingress to define a
// host's root backend, TLS certificate or a path keeps it.
import { canaryConfig, locationAnnotations, type CanaryConfig, type LocationAnnotations } from './annotations.ts';
import type { BackendRef, Ingress, IngressBackend, PathType } from './types.ts';
import { ingressKey } from './validate.ts';

export const DEFAULT_UPSTREAM = 'upstream-default-backend';
const CATCH_ALL = '_';

export interface Location {
  /** The path as nginx sees it: Prefix paths get a trailing "/" and an Exact twin (updateServerLocations). */
  path: string;
  pathType: PathType;
  upstream: string;
  isDefBackend: boolean;
  ingress: string | null;
  annotations: LocationAnnotations;
}

export interface Server {
  hostname: string;
  locations: Location[];
  tls: boolean;
  /** use-regex or rewrite-target on any location turns every location of the server into `~*` (case-insensitive regex). */
  enforceRegex: boolean;
}

export interface Upstream {
  name: string;
  ref: BackendRef;
  /** Only canary Ingresses use it: it serves no location of its own. */
  noServer: boolean;
  canary: { ingress: string; config: CanaryConfig } | null;
  alternatives: string[];
}

export interface NginxConfig {
  servers: Map<string, Server>;
  upstreams: Map<string, Upstream>;
}

const DEFAULT_ANNOTATIONS: LocationAnnotations = { useRegex: false, rewriteTarget: '', sslRedirect: true, forceSslRedirect: false };

/** upstreamName: "<namespace>-<service>-<port number or name>". */
function upstreamOf(ing: Ingress, backend: IngressBackend | undefined): BackendRef | undefined {
  const svc = backend?.service;
  if (!svc) return undefined;
  const namespace = ing.metadata.namespace ?? 'default';
  const port = svc.port.number && svc.port.number > 0 ? svc.port.number : (svc.port.name ?? '');
  return { kind: 'service', namespace, service: svc.name, port, upstream: `${namespace}-${svc.name}-${port}` };
}

function createUpstreams(ingresses: readonly Ingress[]): Map<string, Upstream> {
  const upstreams = new Map<string, Upstream>([[DEFAULT_UPSTREAM, { name: DEFAULT_UPSTREAM, ref: { kind: 'default-backend', upstream: DEFAULT_UPSTREAM }, noServer: false, canary: null, alternatives: [] }]]);
  for (const ing of ingresses) {
    const canary = canaryConfig(ing);
    const backends = [ing.spec.defaultBackend, ...(ing.spec.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))];
    for (const ref of backends.map((b) => upstreamOf(ing, b))) {
      if (!ref || ref.kind !== 'service' || upstreams.has(ref.upstream)) continue;
      upstreams.set(ref.upstream, {
        name: ref.upstream, ref, noServer: canary.enabled, canary: canary.enabled ? { ingress: ingressKey(ing), config: canary } : null, alternatives: [],
      });
    }
  }
  return upstreams;
}

function createServers(ingresses: readonly Ingress[], upstreams: Map<string, Upstream>): Map<string, Server> {
  const root = (upstream: string, ingress: string | null, isDefBackend: boolean): Location => ({
    path: '/', pathType: 'Prefix', upstream, isDefBackend, ingress, annotations: DEFAULT_ANNOTATIONS,
  });
  const servers = new Map<string, Server>([[CATCH_ALL, { hostname: CATCH_ALL, locations: [root(DEFAULT_UPSTREAM, null, true)], tls: false, enforceRegex: false }]]);
  for (const ing of ingresses) {
    if (canaryConfig(ing).enabled) continue;
    let rootUpstream = DEFAULT_UPSTREAM;
    const own = upstreamOf(ing, ing.spec.defaultBackend);
    if (own?.kind === 'service' && upstreams.has(own.upstream)) {
      rootUpstream = own.upstream;
      const catchAll = servers.get(CATCH_ALL)?.locations[0];
      // An Ingress with a defaultBackend and no rules configures the catch-all server (ING-03).
      if (catchAll?.isDefBackend && (ing.spec.rules ?? []).length === 0) Object.assign(catchAll, { upstream: own.upstream, isDefBackend: false, ingress: ingressKey(ing) });
    }
    for (const rule of ing.spec.rules ?? []) {
      const host = rule.host || CATCH_ALL;
      if (!servers.has(host)) servers.set(host, { hostname: host, locations: [root(rootUpstream, null, true)], tls: false, enforceRegex: false });
    }
  }
  // TLS: the first Ingress listing the host in spec.tls with a secretName gives the certificate (ING-09).
  for (const ing of ingresses) {
    if (canaryConfig(ing).enabled) continue;
    for (const rule of ing.spec.rules ?? []) {
      const server = servers.get(rule.host || CATCH_ALL) as Server;
      if (server.tls) continue;
      const entry = (ing.spec.tls ?? []).find((t) => (t.hosts ?? []).some((h) => h.toLowerCase() === server.hostname.toLowerCase()));
      if (entry?.secretName) server.tls = true;
    }
  }
  return servers;
}

function addLocations(ingresses: readonly Ingress[], servers: Map<string, Server>, upstreams: Map<string, Upstream>): void {
  for (const ing of ingresses) {
    const annotations = locationAnnotations(ing);
    for (const rule of ing.spec.rules ?? []) {
      const host = rule.host || CATCH_ALL;
      const server = servers.get(host) ?? (servers.get(CATCH_ALL) as Server);
      for (const path of rule.http?.paths ?? []) {
        const ref = upstreamOf(ing, path.backend);
        const ups = ref?.kind === 'service' ? upstreams.get(ref.upstream) : undefined;
        if (!ups || ups.noServer) continue;
        const nginxPath = path.path || '/';
        // Same path and type: the first Ingress keeps it, unless it is still the default-backend root.
        const same = server.locations.find((l) => l.path === nginxPath && l.pathType === path.pathType);
        if (same && !same.isDefBackend) continue;
        if (same) Object.assign(same, { upstream: ups.name, isDefBackend: false, ingress: ingressKey(ing), annotations });
        else server.locations.push({ path: nginxPath, pathType: path.pathType, upstream: ups.name, isDefBackend: false, ingress: ingressKey(ing), annotations });
      }
    }
  }
}

/** mergeAlternativeBackends: a canary path becomes an alternative of the upstream serving the same host, path and type. */
function mergeCanaries(ingresses: readonly Ingress[], servers: Map<string, Server>, upstreams: Map<string, Upstream>): void {
  const canaries = ingresses.filter((i) => canaryConfig(i).enabled);
  if (canaries.length === ingresses.length) return;
  const merge = (primary: Upstream, alt: Upstream): void => {
    if (primary.name !== alt.name && primary.name !== DEFAULT_UPSTREAM && !primary.noServer && !primary.alternatives.includes(alt.name)) primary.alternatives.push(alt.name);
  };
  for (const ing of canaries) {
    const def = upstreamOf(ing, ing.spec.defaultBackend);
    const defAlt = def?.kind === 'service' ? upstreams.get(def.upstream) : undefined;
    if (defAlt) for (const loc of servers.get(CATCH_ALL)?.locations ?? []) merge(upstreams.get(loc.upstream) as Upstream, defAlt);
    for (const rule of ing.spec.rules ?? []) {
      const server = servers.get(rule.host || CATCH_ALL);
      for (const path of rule.http?.paths ?? []) {
        const ref = upstreamOf(ing, path.backend);
        const alt = ref?.kind === 'service' ? upstreams.get(ref.upstream) : undefined;
        if (!server || !alt) continue;
        for (const loc of server.locations) {
          if (loc.path === (path.path || '/') && loc.pathType === path.pathType) merge(upstreams.get(loc.upstream) as Upstream, alt);
        }
      }
    }
  }
}

const needsRewrite = (l: Location): boolean => l.annotations.rewriteTarget !== '' && l.annotations.rewriteTarget !== l.path;

/** Sort (path descending, then length descending, both stable), then give Prefix paths their "/" form and Exact twin. */
function finishLocations(server: Server): void {
  const sorted = [...server.locations].sort((a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0)).sort((a, b) => b.path.length - a.path.length);
  server.enforceRegex = sorted.some((l) => needsRewrite(l) || l.annotations.useRegex);
  const exact = new Set(sorted.filter((l) => l.pathType === 'Exact').map((l) => l.path));
  server.locations = sorted.flatMap((l) => {
    if (l.path === '/' || l.pathType !== 'Prefix' || needsRewrite(l) || l.annotations.useRegex) return [l];
    const normalized = { ...l, path: l.path.endsWith('/') ? l.path : `${l.path}/` };
    return exact.has(l.path) ? [normalized] : [normalized, { ...l, pathType: 'Exact' as const }];
  });
}

export function buildConfig(ingresses: readonly Ingress[]): NginxConfig {
  const upstreams = createUpstreams(ingresses);
  const servers = createServers(ingresses, upstreams);
  addLocations(ingresses, servers, upstreams);
  mergeCanaries(ingresses, servers, upstreams);
  for (const server of servers.values()) finishLocations(server);
  return { servers, upstreams };
}
