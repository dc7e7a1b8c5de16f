// Ingress as networking.k8s.io/v1 defines it (staging/src/k8s.io/api/networking/v1/types.go) and the
// request/route types of the ingress-nginx routing model (ING-01 … ING-15). Only what routing reads.

export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

export interface ServiceBackendPort {
  name?: string;
  number?: number;
}

export interface IngressBackend {
  service?: { name: string; port: ServiceBackendPort };
  /** A non-Service backend (e.g. a storage bucket CRD): ingress-nginx skips such paths. */
  resource?: { apiGroup?: string; kind: string; name: string };
}

export interface HTTPIngressPath {
  path?: string;
  pathType: PathType;
  backend: IngressBackend;
}

export interface IngressRule {
  /** Exact host or a "*.example.com" wildcard (one DNS label); absent means every host. */
  host?: string;
  http?: { paths: HTTPIngressPath[] };
}

export interface IngressTLS {
  hosts?: string[];
  secretName?: string;
}

export interface Ingress {
  apiVersion?: 'networking.k8s.io/v1';
  kind?: 'Ingress';
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; creationTimestamp?: string };
  spec: { ingressClassName?: string; defaultBackend?: IngressBackend; rules?: IngressRule[]; tls?: IngressTLS[] };
}

export interface IngressRequest {
  /** The Host header; a port suffix is ignored. */
  host: string;
  /** The request URI; a query string is ignored. */
  path: string;
  scheme?: 'http' | 'https';
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
}

export interface RouteOptions {
  /** The IngressClass this controller serves (ingress-nginx's default "nginx"). */
  ingressClass?: string;
  /** --watch-ingress-without-class: also serve Ingresses naming no class. */
  watchWithoutClass?: boolean;
}

/** A Service port an nginx upstream proxies to, or the controller's own default backend (ING-03). */
export type BackendRef =
  | { kind: 'service'; namespace: string; service: string; port: number | string; upstream: string }
  | { kind: 'default-backend'; upstream: 'upstream-default-backend' };

export interface CanaryChoice {
  /** The canary Ingress (`ns/name`) whose backend is the alternative. */
  ingress: string;
  backend: BackendRef;
  /** Which canary rule decided (ING-15's precedence): by-header, by-cookie, or the weight split. */
  decidedBy: 'header' | 'cookie' | 'weight';
  /** Probability that this request goes to the canary: 1 or 0 for header/cookie, weight/total otherwise. */
  probability: number;
}

export interface IngressRoute {
  /** The nginx server block: the host, a "*.example.com" wildcard, or "_" (catch-all). */
  server: string;
  /** The nginx location as written in nginx.conf: `= /foo`, `/foo/`, `~* "^/foo"`. */
  location: string;
  /** The Ingress (`ns/name`) the location came from; null for the controller's default backend. */
  ingress: string | null;
  /** The main backend of the location. */
  backend: BackendRef;
  canary: CanaryChoice | null;
  /** Where requests like this one go, with probabilities summing to 1 (ING-12: no random draw). */
  split: { backend: BackendRef; probability: number }[];
  /** The server has a certificate from some Ingress's spec.tls (ING-09). */
  tls: boolean;
  /** An http request to a TLS host is redirected to https with 308 (ssl-redirect, on by default). */
  redirect: { status: 308; location: string } | null;
  reason: string;
}
