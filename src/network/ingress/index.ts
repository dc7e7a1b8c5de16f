// Public surface of Ingress routing as ingress-nginx does it (ING-*).
export type {
  BackendRef,
  CanaryChoice,
  HTTPIngressPath,
  Ingress,
  IngressBackend,
  IngressRequest,
  IngressRoute,
  IngressRule,
  IngressTLS,
  PathType,
  RouteOptions,
  ServiceBackendPort,
} from './types.ts';
export { routeIngress, servedIngresses } from './route.ts';
export { validateIngress, ingressErrors } from './validate.ts';
