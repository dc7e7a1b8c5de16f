// LimitRanger (RES-12, API-16): defaults, the annotation, and every min/max/ratio message of
// plugin/pkg/admission/limitranger/admission.go, as the API server returns them.
import { describe, expect, it } from 'vitest';
import { admit } from '../../src/admission/chain.ts';
import { storedLimitRangeItem } from '../../src/admission/limit-ranger-defaults.ts';
import type { LimitRangeItem } from '../../src/k8s/types.ts';
import { applyPodDefaults } from '../../src/k8s/parse-manifests.ts';
import { cluster, container, limitRange, pod } from './support.ts';

const create = (items: LimitRangeItem[], p = pod('web', [container('app')])) =>
  admit({ operation: 'CREATE', object: applyPodDefaults(p) }, cluster({ limitRanges: [limitRange('limits', items)] }));

describe('LimitRanger defaults (RES-12)', () => {
  it('RES-12: default memory 512Mi / defaultRequest 256Mi → requests 256Mi, limits 512Mi and the limit-ranger annotation', () => {
    const result = create([{ type: 'Container', default: { memory: '512Mi' }, defaultRequest: { memory: '256Mi' } }]);
    expect(result.allowed).toBe(true);
    if (!result.allowed) return;
    const spec = result.object.kind === 'Pod' ? result.object.spec : undefined;
    expect(spec?.containers[0]?.resources).toEqual({ requests: { memory: '256Mi' }, limits: { memory: '512Mi' } });
    const text = 'LimitRanger plugin set: memory request for container app; memory limit for container app';
    expect(result.object.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(text);
    expect(result.annotations).toEqual({ 'kubernetes.io/limit-ranger': text });
  });

  it('RES-12: cpu and memory defaults are listed sorted, requests before limits, per container', () => {
    const items: LimitRangeItem[] = [{ type: 'Container', default: { memory: '512Mi', cpu: '1' }, defaultRequest: { memory: '256Mi', cpu: '500m' } }];
    const result = create(items);
    expect(result.allowed && result.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app',
    );
  });

  it('RES-12: a two-container Pod gets the defaults twice, init containers named "init container"', () => {
    const p = pod('web', [container('app'), container('log')], { spec: { initContainers: [container('setup')] } });
    const result = create([{ type: 'Container', default: { memory: '512Mi' } }], p);
    expect(result.allowed && result.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: memory request for container app; memory limit for container app; memory request for container log; ' +
        'memory limit for container log; memory request for init container setup; memory limit for init container setup',
    );
  });

  it('RES-12: a container that sets its own memory keeps it; no annotation when nothing was defaulted', () => {
    const p = pod('web', [container('app', { memory: '100Mi' }, { memory: '200Mi' })]);
    const result = create([{ type: 'Container', default: { memory: '512Mi' }, defaultRequest: { memory: '256Mi' } }], p);
    expect(result.allowed).toBe(true);
    if (result.allowed) expect(result.annotations).toBeUndefined();
  });

  it.each<[string, LimitRangeItem, LimitRangeItem]>([
    ['RES-12: a max without default becomes the default limit, and that the default request', { type: 'Container', max: { cpu: '2' } }, { type: 'Container', max: { cpu: '2' }, default: { cpu: '2' }, defaultRequest: { cpu: '2' } }],
    ['RES-12: a min without defaultRequest becomes the default request', { type: 'Container', min: { cpu: '100m' } }, { type: 'Container', min: { cpu: '100m' }, default: {}, defaultRequest: { cpu: '100m' } }],
    ['RES-12: a default wins over the min for the default request', { type: 'Container', min: { cpu: '100m' }, default: { cpu: '1' } }, { type: 'Container', min: { cpu: '100m' }, default: { cpu: '1' }, defaultRequest: { cpu: '1' } }],
    ['RES-12: Pod items are stored as written', { type: 'Pod', max: { cpu: '2' } }, { type: 'Pod', max: { cpu: '2' } }],
  ])('%s (SetDefaults_LimitRangeItem)', (_name, item, stored) => {
    expect(storedLimitRangeItem(item)).toEqual(stored);
  });
});

describe('LimitRanger validation messages (RES-12)', () => {
  const rows: [string, LimitRangeItem[], ReturnType<typeof container>[], string][] = [
    ['RES-12: rejected, limit 2 above max cpu 1', [{ type: 'Container', max: { cpu: '1' } }], [container('app', { cpu: '500m' }, { cpu: '2' })],
      'maximum cpu usage per Container is 1, but limit is 2'],
    ['RES-12: rejected, request 50Mi below min memory 100Mi', [{ type: 'Container', min: { memory: '100Mi' } }], [container('app', { memory: '50Mi' }, { memory: '1Gi' })],
      'minimum memory usage per Container is 100Mi, but request is 50Mi'],
    ['RES-12: rejected, ratio 3 above maxLimitRequestRatio 2', [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }], [container('app', { cpu: '100m' }, { cpu: '300m' })],
      'cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000'],
    ['RES-12: rejected, ratio 2.5 printed with six decimals', [{ type: 'Container', maxLimitRequestRatio: { memory: '2' } }], [container('app', { memory: '100Mi' }, { memory: '250Mi' })],
      'memory max limit to request ratio per Container is 2, but provided ratio is 2.500000'],
    ['RES-12: rejected, Pod max cpu 1 against two containers of 600m', [{ type: 'Pod', max: { cpu: '1' } }],
      [container('a', { cpu: '600m' }, { cpu: '600m' }), container('b', { cpu: '600m' }, { cpu: '600m' })],
      'maximum cpu usage per Pod is 1, but limit is 1200m'],
    ['RES-12: rejected, several violations of one LimitRange are listed in brackets', [{ type: 'Container', min: { cpu: '200m', memory: '100Mi' } }],
      [container('app', { cpu: '100m', memory: '50Mi' }, { cpu: '1', memory: '1Gi' })],
      '[minimum cpu usage per Container is 200m, but request is 100m, minimum memory usage per Container is 100Mi, but request is 50Mi]'],
  ];
  it.each(rows)('%s', (_name, items, containers, detail) => {
    const result = create(items, pod('web', containers));
    expect(result).toEqual({ allowed: false, status: { code: 403, reason: 'Forbidden', message: `pods "web" is forbidden: ${detail}` } });
  });

  it('RES-12: rejected, max memory with no limit at all: "No limit is specified" (two spaces, as Go writes it)', () => {
    // The max becomes the default limit at storage, so only a Pod item can meet a Pod without the limit.
    const result = create([{ type: 'Pod', max: { memory: '1Gi' } }], pod('web', [container('app', { memory: '1Mi' })]));
    expect(!result.allowed && result.status.message).toBe('pods "web" is forbidden: maximum memory usage per Pod is 1Gi.  No limit is specified');
  });

  it('RES-12: rejected, min on a Pod item with no request: "No request is specified"', () => {
    const result = create([{ type: 'Pod', min: { cpu: '100m' } }], pod('web', [container('app')]));
    expect(!result.allowed && result.status.message).toBe('pods "web" is forbidden: minimum cpu usage per Pod is 100m.  No request is specified');
  });

  it('RES-12: rejected, ratio with no request on a Pod item', () => {
    const result = create([{ type: 'Pod', maxLimitRequestRatio: { cpu: '2' } }], pod('web', [container('app')]));
    expect(!result.allowed && result.status.message).toBe('pods "web" is forbidden: cpu max limit to request ratio per Pod is 2, but no request is specified or request is 0');
  });

  it('API-04, RES-02: a defaultRequest above the user limit fails validation with 422, not 403', () => {
    const result = create([{ type: 'Container', defaultRequest: { cpu: '1' } }], pod('web', [{ name: 'app', image: 'nginx', resources: { limits: { cpu: '500m' } }, }]));
    // applyPodDefaults copies the limit into the request first, so the LimitRange default does not apply.
    expect(result.allowed).toBe(true);
    const raw = admit({ operation: 'CREATE', object: pod('web', [{ name: 'app', image: 'nginx', resources: { limits: { cpu: '500m' } } }]) },
      cluster({ limitRanges: [limitRange('l', [{ type: 'Container', defaultRequest: { cpu: '1' } }])] }));
    expect(raw).toEqual({ allowed: false, status: { code: 422, reason: 'Invalid',
      message: 'Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m' } });
  });

  it('API-04, RES-02: a limit below the min with a request above it never reaches LimitRanger: validation says 422 first', () => {
    // "minimum … but limit is …" needs request ≥ min > limit, which request ≤ limit (RES-02) rules out.
    const p = pod('web', [{ name: 'app', image: 'nginx', resources: { requests: { memory: '200Mi' }, limits: { memory: '50Mi' } } }]);
    const result = create([{ type: 'Container', min: { memory: '100Mi' } }], p);
    expect(!result.allowed && result.status).toEqual({ code: 422, reason: 'Invalid',
      message: 'Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "200Mi": must be less than or equal to memory limit of 50Mi' });
  });

  it('RES-12: a Pod within min, max and ratio is admitted unchanged in its resources', () => {
    const items: LimitRangeItem[] = [{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '2' }, maxLimitRequestRatio: { cpu: '4' } }];
    const result = create(items, pod('web', [container('app', { cpu: '500m' }, { cpu: '1' })]));
    expect(result.allowed).toBe(true);
  });

  it('RES-12: LimitRanges of another namespace do not apply', () => {
    const c = cluster({ limitRanges: [limitRange('l', [{ type: 'Container', max: { cpu: '1' } }], 'other')] });
    expect(admit({ operation: 'CREATE', object: pod('web', [container('app', { cpu: '2' }, { cpu: '2' })]) }, c).allowed).toBe(true);
  });

  it('RES-12: Pod updates are not checked (containers are immutable; current releases skip them)', () => {
    const p = pod('web', [container('app', { cpu: '2' }, { cpu: '2' })]);
    const c = cluster({ limitRanges: [limitRange('l', [{ type: 'Container', max: { cpu: '1' } }])] });
    expect(admit({ operation: 'UPDATE', object: p, oldObject: p }, c).allowed).toBe(true);
  });
});
