// The pod-template-hash (ROLL-03): ComputeHash's shape, with the printer approximated (see the module header).
import { describe, expect, it } from 'vitest';
import { decodePodTemplateHash, equalIgnoreHash, fnv32a, podTemplateHash, replicaSetName, safeEncodeString } from '../../src/deployment/pod-template-hash.ts';
import { deployment } from './support.ts';

const template = deployment().spec.template;

describe('pod-template-hash', () => {
  it('ROLL-03: FNV-32a of "" is the offset basis 2166136261, of "a" 3826002220 (the published test vectors)', () => {
    expect(fnv32a(new Uint8Array())).toBe(2166136261);
    expect(fnv32a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
  });

  it('ROLL-03: SafeEncodeString maps decimal digits to 4-9, b, c, d, f: the documented nginx-deployment-85b98978db decodes to 4165453486', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(decodePodTemplateHash('85b98978db')).toBe(4165453486);
    expect(safeEncodeString('4165453486')).toBe('85b98978db');
  });

  it('ROLL-03: letters no digit maps to, or a number above 2^32 − 1, cannot be a ComputeHash result', () => {
    expect(decodePodTemplateHash('llj69')).toBeUndefined();
    expect(decodePodTemplateHash('fffffffff9')).toBeUndefined();
  });

  it('ROLL-03: the hash is stable, decodes to a uint32, and names the ReplicaSet web-<hash>', () => {
    const h = podTemplateHash(template);
    expect(podTemplateHash(structuredClone(template))).toBe(h);
    expect(decodePodTemplateHash(h)).toBeDefined();
    expect(replicaSetName('web', h)).toBe(`web-${h}`);
  });

  it('ROLL-04: another image gives another hash; key order and empty lists do not matter', () => {
    expect(podTemplateHash(deployment({ image: 'nginx:1.26' }).spec.template)).not.toBe(podTemplateHash(template));
    const reordered = { spec: { initContainers: [], containers: template.spec.containers }, metadata: template.metadata };
    expect(podTemplateHash(reordered)).toBe(podTemplateHash(template));
  });

  it('ROLL-03: a hash collision is resolved by status.collisionCount: 0, 1 and 2 each give a new name', () => {
    const names = new Set([podTemplateHash(template), podTemplateHash(template, 0), podTemplateHash(template, 1), podTemplateHash(template, 2)]);
    expect(names.size).toBe(4);
  });

  it('ROLL-03: 1000 versions of one template (hash_test.go\'s cats:v0.N.0) never collide', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(podTemplateHash(deployment({ image: `registry/test/cats:v0.${i}.0` }).spec.template));
    expect(seen.size).toBe(1000);
  });

  it('ROLL-04: templates differing only in the pod-template-hash label are equal (how the new ReplicaSet is found)', () => {
    const labelled = { ...template, metadata: { labels: { ...template.metadata?.labels, 'pod-template-hash': '5d9c8b7f6' } } };
    expect(equalIgnoreHash(labelled, template)).toBe(true);
    expect(equalIgnoreHash(deployment({ image: 'x' }).spec.template, template)).toBe(false);
  });
});
