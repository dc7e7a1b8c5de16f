// Random Pod specs for the lifecycle model: 0–2 init containers, 0–1 sidecar, 1–2 app containers, any
// restartPolicy, probes and config references at random. Names are unique, as validation requires.
import fc from 'fast-check';
import type { Container, Pod } from '../../src/k8s/types.ts';

const probe = { httpGet: { path: '/healthz', port: 8080 } };

function container(name: string, withProbes: { liveness: boolean; readiness: boolean; config: boolean }): Container {
  return {
    name,
    image: 'busybox:1.36',
    ...(withProbes.liveness ? { livenessProbe: probe } : {}),
    ...(withProbes.readiness ? { readinessProbe: probe } : {}),
    ...(withProbes.config ? { envFrom: [{ configMapRef: { name: 'settings' } }] } : {}),
  };
}

const flags = fc.record({ liveness: fc.boolean(), readiness: fc.boolean(), config: fc.boolean() });

export const arbLifecyclePod: fc.Arbitrary<Pod> = fc
  .record({
    restartPolicy: fc.constantFrom('Always', 'OnFailure', 'Never' as const),
    init: fc.array(flags, { maxLength: 2 }),
    sidecar: fc.option(flags, { nil: undefined }),
    apps: fc.array(flags, { minLength: 1, maxLength: 2 }),
    bound: fc.boolean(),
  })
  .map(({ restartPolicy, init, sidecar, apps, bound }) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: {
      ...(bound ? { nodeName: 'node-1' } : {}),
      restartPolicy: restartPolicy as 'Always' | 'OnFailure' | 'Never',
      initContainers: [
        ...init.map((f, i) => container(`init-${i}`, { ...f, liveness: false, readiness: false })),
        ...(sidecar ? [{ ...container('sidecar', sidecar), restartPolicy: 'Always' as const }] : []),
      ],
      containers: apps.map((f, i) => container(`app-${i}`, f)),
    },
  }));
