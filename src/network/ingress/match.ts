// How nginx picks the server and location for a request, over the configuration of config.ts.
// Server: exact server_name first, else a wildcard host, which ingress-nginx writes as the regex
// ~^(?<subdomain>[\w-]+)\.example\.com$ (buildServerName: one DNS label, so *.foo.com matches a.foo.com,
// not a.b.foo.com nor foo.com); else the catch-all "_" (ING-02, ING-03).
// Location: `= /p` wins on an exact match; otherwise the longest plain prefix. With enforceRegex every
// location is `~* "^<path>"` and the first match in the sorted order wins (docs/user-guide/
// ingress-path-matching.md), so /foo also matches /FOO and /foobar. nginx's URI normalisation (merged
// slashes, dot segments) is not modelled; PCRE is approximated by JavaScript regular expressions.
import { InputError } from '../../errors.ts';
import type { Location, NginxConfig, Server } from './config.ts';

export function selectServer(config: NginxConfig, host: string): Server {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  const exact = config.servers.get(name);
  if (exact && name !== '_') return exact;
  const wildcards = [...config.servers.values()].filter((s) => s.hostname.startsWith('*.')).sort((a, b) => (a.hostname < b.hostname ? -1 : 1));
  const wild = wildcards.find((s) => new RegExp(`^[\\w-]+${s.hostname.slice(1).replace(/\./g, '\\.')}$`).test(name));
  return wild ?? (config.servers.get('_') as Server);
}

/** The location as nginx.conf spells it (template.go buildLocation). */
export function locationText(server: Server, l: Location): string {
  if (server.enforceRegex) return `~* "^${l.path}"`;
  return l.pathType === 'Exact' ? `= ${l.path}` : l.path;
}

function regexOf(l: Location): RegExp {
  try {
    return new RegExp(`^${l.path}`, 'i');
  } catch (e) {
    throw new InputError(`path ${JSON.stringify(l.path)} is not a valid regular expression: ${(e as Error).message}`, undefined, undefined, undefined, `Ingress "${l.ingress ?? '-'}"`);
  }
}

export function selectLocation(server: Server, uri: string): Location {
  if (server.enforceRegex) {
    const hit = server.locations.find((l) => regexOf(l).test(uri));
    if (hit) return hit;
  } else {
    const exact = server.locations.find((l) => l.pathType === 'Exact' && l.path === uri);
    if (exact) return exact;
    const prefixes = server.locations.filter((l) => l.pathType !== 'Exact' && uri.startsWith(l.path));
    const longest = prefixes.reduce<Location | undefined>((best, l) => (best === undefined || l.path.length > best.path.length ? l : best), undefined);
    if (longest) return longest;
  }
  // Every server has a root location; a URI not starting with "/" still lands there.
  return server.locations.find((l) => l.path === '/') as Location;
}
