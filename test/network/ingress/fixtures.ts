// Ingress builders for the routing tests. Not a test file.
import type { HTTPIngressPath, Ingress, PathType } from '../../../src/network/ingress/index.ts';

export const path = (p: string, pathType: PathType, service: string, port: number | string = 80): HTTPIngressPath => ({
  path: p, pathType, backend: { service: { name: service, port: typeof port === 'number' ? { number: port } : { name: port } } },
});

export function ingress(name: string, rules: { host?: string; paths: HTTPIngressPath[] }[], extra: Partial<Ingress['spec']> = {}, annotations: Record<string, string> = {}, namespace = 'default'): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name, namespace, annotations },
    spec: { ingressClassName: 'nginx', rules: rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), http: { paths: r.paths } })), ...extra },
  };
}
