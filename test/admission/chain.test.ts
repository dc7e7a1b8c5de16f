// The chain as a whole (API-04, API-11, API-16): fixed plugin order, purity, 422 validation between the
// mutating and validating phases, manifests of the admission kinds, and the seed example end to end.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { admit, MUTATING_PLUGINS, VALIDATING_PLUGINS } from '../../src/admission/chain.ts';
import type { ClusterState } from '../../src/admission/types.ts';
import { aggregate, groupResource } from '../../src/admission/types.ts';
import { InputError } from '../../src/errors.ts';
import { applyPodDefaults, parseManifests } from '../../src/k8s/parse-manifests.ts';
import type { KubeObject, LimitRange, Namespace, Pod, PriorityClass, ResourceQuota } from '../../src/k8s/types.ts';
import { cluster, container, pod } from './support.ts';

const DIR = 'test/fixtures/manifests/admission';

function clusterFrom(objects: readonly KubeObject[]): ClusterState {
  const of = <T extends KubeObject>(kind: T['kind']) => objects.filter((o): o is T => o.kind === kind);
  return {
    namespaces: of<Namespace>('Namespace'),
    limitRanges: of<LimitRange>('LimitRange').map((lr) => ({ ...lr, metadata: { ...lr.metadata, namespace: lr.metadata.namespace ?? 'default' } })),
    resourceQuotas: of<ResourceQuota>('ResourceQuota'),
    priorityClasses: of<PriorityClass>('PriorityClass'),
    pods: [],
  };
}

describe('plugin order (API-11, API-16)', () => {
  it("API-11: mutating plugins run in kube-apiserver's AllOrderedPlugins order, before any validating one", () => {
    expect(MUTATING_PLUGINS.map(([name]) => name)).toEqual(['NamespaceLifecycle', 'LimitRanger', 'Priority', 'DefaultTolerationSeconds', 'DefaultStorageClass', 'StorageObjectInUseProtection']);
  });

  it('API-16: ResourceQuota is the last validating plugin', () => {
    expect(VALIDATING_PLUGINS.map(([name]) => name)).toEqual(['LimitRanger', 'Priority', 'ResourceQuota']);
  });
});

describe('admit', () => {
  it('API-11: never changes the caller\'s object; an allowed request returns a changed copy', () => {
    const input = pod('x', [container('app')]);
    const before = structuredClone(input);
    const result = admit({ operation: 'CREATE', object: input }, cluster());
    expect(input).toEqual(before);
    expect(result.allowed && result.object).not.toBe(input);
  });

  it('API-04: a Pod that fails validation after mutation is 422 Invalid with the field errors', () => {
    const bad = pod('x', [{ name: 'app' }]);
    expect(admit({ operation: 'CREATE', object: bad }, cluster())).toEqual({
      allowed: false,
      status: { code: 422, reason: 'Invalid', message: 'Pod "x" is invalid: spec.containers[0].image: Required value' },
    });
  });

  it('API-04: deletes are not validated and pass NamespaceLifecycle for ordinary objects', () => {
    expect(admit({ operation: 'DELETE', object: pod('x', [{ name: 'app' }]) }, cluster()).allowed).toBe(true);
  });

  it('rejected: an unsupported kubernetesVersion is an InputError, not a status', () => {
    expect(() => admit({ operation: 'CREATE', object: pod('x', [container('app')]) }, cluster(), { kubernetesVersion: '2.0' })).toThrow(InputError);
  });

  it.each([
    ['API-11: one message stays as is', ['a'], 'a'],
    ['API-11: several are bracketed and comma-separated', ['a', 'b'], '[a, b]'],
    ['API-11: duplicates are dropped', ['a', 'b', 'a'], '[a, b]'],
    ['API-11: all duplicates leave one message without brackets', ['a', 'a'], 'a'],
  ])('%s (utilerrors.NewAggregate)', (_name, messages, text) => {
    expect(aggregate(messages)).toBe(text);
  });

  it.each([
    ['Pod', 'pods'], ['Namespace', 'namespaces'], ['PriorityClass', 'priorityclasses.scheduling.k8s.io'], ['ResourceQuota', 'resourcequotas'],
  ])('API-15: %s is named %s in API errors', (kind, resource) => {
    expect(groupResource(kind)).toBe(resource);
  });
});

describe('manifests of the admission kinds (API-04, RES-12, RES-13, SCHED-23, API-15)', () => {
  it('RES-12: the seed LimitRange read from YAML defaults a Pod to requests 256Mi / limits 512Mi', () => {
    const { objects, errors, warnings } = parseManifests([{ file: 'good.yaml', text: readFileSync(`${DIR}/good.yaml`, 'utf8') }]);
    expect([errors, warnings]).toEqual([[], []]);
    const all = objects.map((o) => o.object as KubeObject);
    expect(all.map((o) => o.kind)).toEqual(['Namespace', 'LimitRange', 'ResourceQuota', 'PriorityClass', 'Pod']);
    const app = applyPodDefaults(all.find((o): o is Pod => o.kind === 'Pod') as Pod);
    // The quota asks for cpu, which the seed LimitRange does not default: admission says what is missing.
    const withQuota = admit({ operation: 'CREATE', object: app }, clusterFrom(all));
    expect(!withQuota.allowed && withQuota.status.message).toBe('pods "app" is forbidden: failed quota: compute-quota: must specify limits.cpu for: app; requests.cpu for: app');
    const result = admit({ operation: 'CREATE', object: app }, { ...clusterFrom(all), resourceQuotas: [] });
    expect(result.allowed && result.object.kind === 'Pod' && result.object.spec.containers[0]?.resources).toEqual({ limits: { memory: '512Mi' }, requests: { memory: '256Mi' } });
    expect(result.allowed && result.annotations).toEqual({ 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: memory request for container app; memory limit for container app' });
  });

  it('API-04: bad quantities, types, scopes and names in the admission kinds are located errors worded like a Pod\'s', () => {
    const { objects, errors } = parseManifests([{ file: 'bad.yaml', text: readFileSync(`${DIR}/bad.yaml`, 'utf8') }]);
    expect(objects).toEqual([]);
    const regex = "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    expect(errors.map((e) => e.located)).toEqual([
      'bad.yaml:7:11: spec.limits[0].type: Unsupported value: "Contianer": supported values: "Container", "PersistentVolumeClaim", "Pod"',
      `bad.yaml:9:15: spec.limits[0].max[memory]: Invalid value: "1 Gi": quantities must match the regular expression ${regex}`,
      `bad.yaml:17:17: spec.hard[limits.cpu]: Invalid value: "two": quantities must match the regular expression ${regex}`,
      'bad.yaml:19:5: spec.scopes[0]: Unsupported value: "Best": supported values: "BestEffort", "CrossNamespacePodAffinity", "NotBestEffort", "NotTerminating", "PriorityClass", "Terminating"',
      'bad.yaml:21:1: value: Required value',
      expect.stringMatching(/^bad\.yaml:29:9: metadata\.name: Invalid value: "team\.a": a lowercase RFC 1123 label must/),
      'bad.yaml:31:10: status.phase: Unsupported value: "Gone": supported values: "Active", "Terminating"',
    ]);
  });
});
