// The workload policies' json-logic operations (src/policy/ops/workload.ts), one table per area; each row
// names the verdict and the reason, and the rows repeat the examples of the functions' doc comments.
import { describe, expect, it } from 'vitest';
import { ObjectIndex, type IndexedObject } from '../../src/policy/object-index.ts';
import { indexedObject } from '../../src/policy/examples.ts';
import { workloadOperations as ops } from '../../src/policy/ops/workload.ts';

type Json = Record<string, unknown>;
const index = (...objects: Json[]): ObjectIndex => new ObjectIndex(objects.map((o): IndexedObject => indexedObject(o)));
const op = (name: string, ...args: unknown[]): unknown => (ops[name] as (...a: unknown[]) => unknown)(...args);

const deploy = (name: string, replicas?: number, labels: Record<string, string> = { app: name }, ns?: string): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, ...(ns ? { namespace: ns } : {}) },
  spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } },
});
const hpa = (target: string, minReplicas?: number, apiVersion = 'apps/v1', kind = 'Deployment'): Json => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: target },
  spec: { scaleTargetRef: { apiVersion, kind, name: target }, ...(minReplicas === undefined ? {} : { minReplicas }), maxReplicas: 10 },
});
const pdb = (spec: Json): Json => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
const limitRange = (item: Json, ns = 'default'): Json => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: ns }, spec: { limits: [{ type: 'Container', ...item }] } });

describe('images', () => {
  const rows: [string, string, string, string][] = [
    ['no tag, no digest: tag ""', 'nginx', '', ''],
    ['a registry port is not a tag', 'registry:5000/app', '', ''],
    ['tag after the registry port', 'registry:5000/app:1.2', '1.2', ''],
    ['digest only: no tag', 'app@sha256:ab12', '', 'sha256:ab12'],
    ['tag and digest both read', 'app:latest@sha256:ab12', 'latest', 'sha256:ab12'],
  ];
  for (const [name, image, tag, digest] of rows) {
    it(`${name} (${image})`, () => {
      expect(op('image_tag', image)).toBe(tag);
      expect(op('image_digest', image)).toBe(digest);
    });
  }

  const policies: [string, Json, string][] = [
    ['written policy wins', { image: 'nginx', imagePullPolicy: 'Never' }, 'Never'],
    ['untagged image defaults to Always (implied :latest)', { image: 'nginx' }, 'Always'],
    ['explicit :latest defaults to Always', { image: 'nginx:latest' }, 'Always'],
    ['a release tag defaults to IfNotPresent', { image: 'nginx:1.27' }, 'IfNotPresent'],
    ['digest only defaults to IfNotPresent', { image: 'nginx@sha256:ab12' }, 'IfNotPresent'],
    [':latest with a digest still defaults to Always (ParseImageName keeps the tag)', { image: 'nginx:latest@sha256:ab12' }, 'Always'],
  ];
  for (const [name, container, expected] of policies) {
    it(`image_pull_policy: ${name} → ${expected}`, () => expect(op('image_pull_policy', container)).toBe(expected));
  }
});

describe('effective_resource (RES-02, RES-12)', () => {
  const rows: [string, ObjectIndex, Json, 'requests' | 'limits', string, string | null][] = [
    ['RES-02: a limit alone becomes the request', index(), { resources: { limits: { cpu: '500m' } } }, 'requests', 'cpu', '500m'],
    ['a written request wins over the limit', index(), { resources: { requests: { cpu: '100m' }, limits: { cpu: '500m' } } }, 'requests', 'cpu', '100m'],
    ['a request never becomes a limit', index(), { resources: { requests: { cpu: '100m' } } }, 'limits', 'cpu', null],
    ['RES-12: LimitRange default memory 512Mi gives the request too', index(limitRange({ default: { memory: '512Mi' } })), {}, 'requests', 'memory', '512Mi'],
    ['RES-12: LimitRange max becomes the default limit', index(limitRange({ max: { cpu: '2' } })), {}, 'limits', 'cpu', '2'],
    ['RES-12: LimitRange min becomes the default request', index(limitRange({ min: { cpu: '50m' } })), {}, 'requests', 'cpu', '50m'],
    ['RES-12: defaultRequest does not give a limit', index(limitRange({ defaultRequest: { cpu: '50m' } })), {}, 'limits', 'cpu', null],
    ['a LimitRange of another namespace does not apply', index(limitRange({ default: { cpu: '1' } }, 'other')), {}, 'requests', 'cpu', null],
  ];
  for (const [name, idx, container, which, resource, expected] of rows) {
    it(`${name} → ${String(expected)}`, () => expect(op('effective_resource', idx, 'default', container, which, resource)).toBe(expected));
  }
});

describe('scaling', () => {
  const rows: [string, ObjectIndex, Json, number | null][] = [
    ['unset replicas default to 1', index(), deploy('web'), 1],
    ['spec.replicas 3', index(), deploy('web', 3), 3],
    ['an HPA sets the floor: minReplicas 2', index(hpa('web', 2)), deploy('web', 5), 2],
    ['an HPA without minReplicas floors at 1', index(hpa('web')), deploy('web', 5), 1],
    ['replicas 0 stays 0: the HPA leaves a scaled-to-zero workload alone', index(hpa('web', 2)), deploy('web', 0), 0],
    ['an HPA of another group does not target it', index(hpa('web', 2, 'extensions/v1beta1')), deploy('web', 5), 5],
    ['an HPA naming another workload does not count', index(hpa('api', 2)), deploy('web'), 1],
    ['DaemonSets have no replicas', index(), { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: {} }, null],
  ];
  for (const [name, idx, object, expected] of rows) {
    it(`min_replicas: ${name} → ${String(expected)}`, () => expect(op('min_replicas', idx, 'default', object)).toBe(expected));
  }

  it('scale_target finds the target by group, kind and name in the HPA namespace', () => {
    const web = deploy('web');
    expect(op('scale_target', index(web), 'default', hpa('web'))).toBe(web);
    expect(op('scale_target', index(web), 'default', hpa('web', 1, 'extensions/v1beta1'))).toBeNull();
    expect(op('scale_target', index(deploy('web', 1, { app: 'web' }, 'shop')), 'default', hpa('web'))).toBeNull();
  });
});

describe('probes (PROBE-01, PROBE-03)', () => {
  const http = (path: string | undefined, port: unknown): Json => ({ httpGet: { ...(path ? { path } : {}), port } });
  const rows: [string, Json, boolean][] = [
    ['same path and port, different timings: same', { livenessProbe: { ...http('/healthz', 8080), failureThreshold: 6 }, readinessProbe: http('/healthz', 8080) }, true],
    ['named port resolves to the same number, path defaults to "/": same', { ports: [{ name: 'http', containerPort: 8080 }], livenessProbe: http(undefined, 'http'), readinessProbe: http('/', 8080) }, true],
    ['different paths: different', { livenessProbe: http('/healthz', 8080), readinessProbe: http('/ready', 8080) }, false],
    ['tcpSocket against httpGet on one port: different', { livenessProbe: { tcpSocket: { port: 8080 } }, readinessProbe: http('/', 8080) }, false],
    ['same exec command: same', { livenessProbe: { exec: { command: ['pg_isready'] } }, readinessProbe: { exec: { command: ['pg_isready'] } } }, true],
    ['only one probe: not the same', { readinessProbe: http('/', 8080) }, false],
  ];
  for (const [name, container, expected] of rows) {
    it(`same_probe_handler: ${name}`, () => expect(op('same_probe_handler', container)).toBe(expected));
  }

  it('unresolved_probe_ports lists names no port carries, and ignores numbers and digit strings', () => {
    const container = {
      ports: [{ name: 'web', containerPort: 8080 }],
      readinessProbe: http('/ready', 'http'),
      livenessProbe: { tcpSocket: { port: 'web' } },
      startupProbe: http('/', '8080'),
    };
    expect(op('unresolved_probe_ports', container)).toEqual(['readinessProbe port "http"']);
    expect(op('unresolved_probe_ports', { livenessProbe: http('/', 8080) })).toEqual([]);
  });
});

describe('spreads_over_nodes (SCHED-16, SCHED-17)', () => {
  const term = (topologyKey: string, app: string): Json => ({ topologyKey, labelSelector: { matchLabels: { app } } });
  const pod = (spec: Json): Json => ({ metadata: { labels: { app: 'web' } }, spec });
  const rows: [string, Json, boolean][] = [
    ['preferred anti-affinity on hostname over its own Pods', pod({ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term('kubernetes.io/hostname', 'web') }] } } }), true],
    ['SCHED-17: required anti-affinity on hostname', pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('kubernetes.io/hostname', 'web')] } } }), true],
    ['a spread constraint on hostname', pod({ topologySpreadConstraints: [{ maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', ...term('kubernetes.io/hostname', 'web') }] }), true],
    ['anti-affinity by zone only does not keep nodes apart', pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('topology.kubernetes.io/zone', 'web')] } } }), false],
    ['anti-affinity against another app does not spread its own Pods', pod({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('kubernetes.io/hostname', 'cache')] } } }), false],
    ['nothing at all', pod({}), false],
  ];
  for (const [name, view, expected] of rows) {
    it(`${name} → ${String(expected)}`, () => expect(op('spreads_over_nodes', view, 'default')).toBe(expected));
  }
});

describe('selectors', () => {
  it('selector_excludes: a non-empty selector the labels miss', () => {
    expect(op('selector_excludes', { matchLabels: { app: 'web' } }, { app: 'website' })).toBe(true);
    expect(op('selector_excludes', { matchLabels: { app: 'web' } }, { app: 'web', tier: 'fe' })).toBe(false);
    expect(op('selector_excludes', { matchLabels: { app: 'web' } }, null)).toBe(true);
    expect(op('selector_excludes', {}, { app: 'web' })).toBe(false);
    expect(op('selector_excludes', { matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, {})).toBe(false);
  });
  it('selector_selects_all: only a LabelSelector object without requirements', () => {
    expect(op('selector_selects_all', {})).toBe(true);
    expect(op('selector_selects_all', { matchLabels: {} })).toBe(true);
    expect(op('selector_selects_all', { matchLabels: { app: 'web' } })).toBe(false);
    expect(op('selector_selects_all', null)).toBe(false);
  });
});

describe('pdb_blocks_eviction', () => {
  const rows: [string, Json, Json[], boolean][] = [
    ['maxUnavailable 0 blocks, whatever it selects', { maxUnavailable: 0 }, [], true],
    ['maxUnavailable "0%" blocks', { maxUnavailable: '0%' }, [deploy('web', 3)], true],
    ['minAvailable "100%" blocks', { minAvailable: '100%' }, [], true],
    ['minAvailable 3 over 3 replicas: 3 − 3 = 0 blocks', { minAvailable: 3 }, [deploy('web', 3)], true],
    ['minAvailable "90%" over 3: ceil(2.7) = 3 blocks', { minAvailable: '90%' }, [deploy('web', 3)], true],
    ['minAvailable 2 over 3 replicas leaves 1', { minAvailable: 2 }, [deploy('web', 3)], false],
    ['maxUnavailable "10%" over 3: ceil(0.3) = 1 may go', { maxUnavailable: '10%' }, [deploy('web', 3)], false],
    ['minAvailable 2 over an HPA floor of 2 blocks', { minAvailable: 2 }, [deploy('web'), hpa('web', 2)], true],
    ['selects nothing: no verdict', { minAvailable: 2 }, [deploy('api', 3)], false],
    ['percentages over a DaemonSet: unknown scale, no verdict', { maxUnavailable: '50%' }, [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [] } } } }], false],
    ['minAvailable 1 over one bare Pod blocks', { minAvailable: 1 }, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web' } }, spec: { containers: [] } }], true],
  ];
  for (const [name, spec, objects, expected] of rows) {
    it(`${name} → ${String(expected)}`, () => {
      const budget = pdb(spec);
      expect(op('pdb_blocks_eviction', index(budget, ...objects), 'default', budget)).toBe(expected);
    });
  }
});
