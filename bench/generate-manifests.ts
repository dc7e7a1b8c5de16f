// A generated manifest set for the validate benchmark: per app a Deployment, a Service and a ConfigMap, every
// second app a PodDisruptionBudget, every fifth an Ingress, every tenth a Role, spread over 100 namespaces,
// with a realistic share of problems (no limits, :latest images, secrets in env, selectors matching nothing),
// and some only the model finds: every 40th app asks for more CPU than a node has, every 25th claims storage
// of a class that does not exist.
import { stringify } from 'yaml';

export function generateManifests(count: number): string {
  const docs: unknown[] = [];
  for (let i = 0; docs.length < count; i++) {
    const ns = `team-${i % 100}`;
    const app = `app-${i}`;
    const labels = { app, tier: i % 2 ? 'backend' : 'frontend' };
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: ns, labels },
      spec: {
        replicas: 1 + (i % 4),
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            securityContext: i % 3 ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } : undefined,
            containers: [
              {
                name: 'app',
                image: i % 5 ? `registry.example.com/${app}:1.${i % 10}.0` : 'nginx',
                ports: [{ containerPort: 8080, name: 'http' }],
                resources: i % 40 === 7 ? { requests: { cpu: '6', memory: '1Gi' } } : i % 2 ? { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } : undefined,
                readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
                livenessProbe: i % 4 ? { httpGet: { path: '/healthz', port: 'http' } } : undefined,
                env: [{ name: 'LOG_LEVEL', value: 'info' }, ...(i % 7 ? [] : [{ name: 'DB_PASSWORD', value: 'hunter2' }])],
              },
            ],
          },
        },
      },
    });
    docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns }, spec: { selector: { app: i % 9 ? app : `${app}-x` }, ports: [{ port: 80, targetPort: 'http' }] } });
    docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${app}-config`, namespace: ns }, data: { 'app.properties': 'a=b\n' } });
    if (i % 2 === 0) docs.push({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: app, namespace: ns }, spec: { minAvailable: 1, selector: { matchLabels: { app } } } });
    if (i % 5 === 0) docs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: app, namespace: ns }, spec: { rules: [{ host: `${app}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { number: 80 } } } }] } }] } });
    if (i % 25 === 3) docs.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `${app}-data`, namespace: ns }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast-ssd', resources: { requests: { storage: '10Gi' } } } });
    if (i % 10 === 0) docs.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: app, namespace: ns }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }] });
  }
  return docs
    .slice(0, count)
    .map((d) => stringify(d))
    .join('---\n');
}
