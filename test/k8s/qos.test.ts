// QoS class (rule qos/qos-class) against ComputePodQOS, pkg/apis/core/helper/qos/qos.go (Kubernetes 1.35+,
// container-level path: the model has no pod-level resources). Requests left out default to limits first,
// as the API server's SetDefaults_Pod does before anything computes a class.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qosClass, type QosClass } from '../../src/k8s/qos.ts';
import { parseQuantity, type Quantity } from '../../src/k8s/quantity.ts';
import type { Container, Pod, ResourceRequirements } from '../../src/k8s/types.ts';
import { arbPodWithResources } from '../arbitraries/pod.ts';

function pod(containers: ResourceRequirements[], initContainers: (ResourceRequirements & { sidecar?: boolean })[] = []): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: containers.map((resources, i) => ({ name: `app-${i}`, resources })) },
  };
  if (initContainers.length > 0) {
    p.spec.initContainers = initContainers.map(({ sidecar, ...resources }, i) =>
      sidecar ? { name: `init-${i}`, restartPolicy: 'Always', resources } : { name: `init-${i}`, resources },
    );
  }
  return p;
}

const rows: [name: string, pod: Pod, expected: QosClass][] = [
  ['RES-08: no container sets resources → BestEffort', pod([{}]), 'BestEffort'],
  ['RES-08: only ephemeral-storage requests and limits → BestEffort (only cpu and memory count)', pod([{ requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '2Gi' } }]), 'BestEffort'],
  ['RES-08: an extended resource limit only (nvidia.com/gpu) → BestEffort', pod([{ limits: { 'nvidia.com/gpu': '1' } }]), 'BestEffort'],
  ['RES-08: cpu and memory written as "0" → BestEffort (zero quantities are skipped)', pod([{ requests: { cpu: '0', memory: '0' }, limits: { cpu: '0', memory: '0' } }]), 'BestEffort'],
  ['RES-08: two containers, neither with cpu or memory → BestEffort', pod([{}, {}], [{}]), 'BestEffort'],
  ['RES-07: seed httpserver requests 100m/100Mi, limits 300m/500Mi → Burstable (requests below limits)', pod([{ requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '300m', memory: '500Mi' } }]), 'Burstable'],
  ['RES-07: seed fluentd requests cpu 100m + memory 200Mi, limit memory 200Mi → Burstable (no cpu limit)', pod([{ requests: { cpu: '100m', memory: '200Mi' }, limits: { memory: '200Mi' } }]), 'Burstable'],
  ['RES-07: only LimitRange memory defaults (request 256Mi, limit 512Mi) → Burstable', pod([{ requests: { memory: '256Mi' }, limits: { memory: '512Mi' } }]), 'Burstable'],
  ['RES-07: a cpu request alone → Burstable', pod([{ requests: { cpu: '100m' } }]), 'Burstable'],
  ['RES-07: a memory limit alone → Burstable (its request defaults to it, but cpu has no limit)', pod([{ limits: { memory: '1Gi' } }]), 'Burstable'],
  ['RES-07: one Guaranteed-style container next to one without resources → Burstable', pod([{ limits: { cpu: '1', memory: '1Gi' } }, {}]), 'Burstable'],
  ['RES-07: cpu equal, memory request below limit → Burstable', pod([{ requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }]), 'Burstable'],
  ['RES-07: limits set, explicit cpu request "0" → Burstable (a written request is not defaulted, zero is skipped)', pod([{ requests: { cpu: '0' }, limits: { cpu: '1', memory: '1Gi' } }]), 'Burstable'],
  ['RES-07: Guaranteed app, init container without resources → Burstable (init containers count)', pod([{ limits: { cpu: '1', memory: '1Gi' } }], [{}]), 'Burstable'],
  ['RES-07: Guaranteed app, sidecar with requests below limits → Burstable', pod([{ limits: { cpu: '1', memory: '1Gi' } }], [{ sidecar: true, requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } }]), 'Burstable'],
  ['RES-06: requests equal limits for cpu and memory → Guaranteed', pod([{ requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '500m', memory: '128Mi' } }]), 'Guaranteed'],
  ['RES-06: equal values spelled differently (500m = 0.5, 128Mi = 134217728) → Guaranteed', pod([{ requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '0.5', memory: '134217728' } }]), 'Guaranteed'],
  ['RES-06: limits only, requests default to them → Guaranteed', pod([{ limits: { cpu: '1', memory: '1Gi' } }]), 'Guaranteed'],
  ['RES-06: limits for both, a memory request equal to its limit, cpu request defaulted → Guaranteed', pod([{ requests: { memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } }]), 'Guaranteed'],
  ['RES-06: two containers, each with requests equal to limits → Guaranteed', pod([{ limits: { cpu: '1', memory: '1Gi' } }, { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '250m', memory: '64Mi' } }]), 'Guaranteed'],
  ['RES-06: app and init container both with equal requests and limits → Guaranteed', pod([{ limits: { cpu: '1', memory: '1Gi' } }], [{ limits: { cpu: '100m', memory: '32Mi' } }]), 'Guaranteed'],
  ['RES-06: an ephemeral-storage request below its limit does not matter → Guaranteed', pod([{ requests: { 'ephemeral-storage': '1Gi' }, limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '2Gi' } }]), 'Guaranteed'],
];

describe('qosClass (ComputePodQOS)', () => {
  it.each(rows)('%s', (_name, p, expected) => {
    expect(qosClass(p)).toBe(expected);
  });
});

// --- Oracle: API-server defaulting of requests, then ComputePodQOS transcribed (container path). ---
const ZERO = parseQuantity('0');
const SUPPORTED = ['cpu', 'memory'];

function defaulted(c: Container): ResourceRequirements {
  const limits = c.resources?.limits ?? {};
  return { requests: { ...limits, ...(c.resources?.requests ?? {}) }, limits };
}

function oracleQos(p: Pod): QosClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let isGuaranteed = true;
  for (const c of [...p.spec.containers, ...(p.spec.initContainers ?? [])]) {
    const r = defaulted(c);
    for (const [name, text] of Object.entries(r.requests ?? {})) {
      const q = parseQuantity(text);
      if (!SUPPORTED.includes(name) || q.cmp(ZERO) !== 1) continue;
      requests.set(name, (requests.get(name) ?? ZERO).add(q));
    }
    const found = new Set<string>();
    for (const [name, text] of Object.entries(r.limits ?? {})) {
      const q = parseQuantity(text);
      if (!SUPPORTED.includes(name) || q.cmp(ZERO) !== 1) continue;
      found.add(name);
      limits.set(name, (limits.get(name) ?? ZERO).add(q));
    }
    if (!found.has('cpu') || !found.has('memory')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) isGuaranteed = false;
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

describe('qosClass against a transcription of ComputePodQOS', () => {
  it('RES-06, RES-07, RES-08: the rule agrees with the oracle on random pods', () => {
    fc.assert(
      fc.property(arbPodWithResources(), (p) => {
        expect(qosClass(p)).toBe(oracleQos(p));
      }),
      { numRuns: 2000 },
    );
  });
});
