// What validate reads (API-04): YAML streams, JSON, kind: List, objects of any kind; every input problem is
// a located invalid-input finding and never stops the other documents or files.
import { describe, expect, it } from 'vitest';
import { loadResources } from '../../src/validate/resources.ts';

const load = (text: string, file = 'm.yaml') => loadResources([{ file, text }]);

describe('loadResources', () => {
  it('API-04: a multi-document stream keeps every object, of modelled kinds or not, with its position', () => {
    const { resources, problems } = load('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: x}\n');
    expect(problems).toEqual([]);
    expect(resources.map((r) => [r.kind, r.name, r.namespace ?? null, r.map.position(['kind'])?.line])).toEqual([
      ['Pod', 'a', null, 2],
      ['Widget', 'w', 'x', 6],
    ]);
  });

  it('API-04: kind: List (kubectl get -o yaml) is expanded; positions point inside the list', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n';
    const { resources } = load(text);
    expect(resources.map((r) => [r.name, r.itemIndex, r.map.position(['metadata', 'name'])])).toEqual([
      ['a', 0, { line: 6, column: 20 }],
      ['b', 1, { line: 9, column: 20 }],
    ]);
  });

  it('API-04: a JSON stream of objects is read like kubectl reads it', () => {
    const { resources } = load('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}', 'm.json');
    expect(resources.map((r) => [r.name, r.map.position(['metadata'])?.line])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it.each([
    ['a document without apiVersion', 'kind: Pod\nmetadata: {name: a}\n', 'm.yaml:1:1: apiVersion: Required value: every Kubernetes object names its apiVersion'],
    ['a document without kind', 'apiVersion: v1\nmetadata: {name: a}\n', 'm.yaml:1:1: kind: Required value: every Kubernetes object names its kind'],
    ['a scalar document', 'just text\n', 'm.yaml:1:1: document is a scalar, not a mapping: a Kubernetes object needs apiVersion, kind and metadata'],
    ['a YAML syntax error', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n', 'm.yaml:4:1: Flow map in block collection must be sufficiently indented and end with a }'],
    ['a binary file', 'PK\u0003\u0004\u0000\u0000', 'm.yaml:1:1: binary file: not YAML or JSON text'],
  ])('API-04: %s is one located problem', (_name, text, message) => {
    const { problems } = load(text);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([message]);
    expect(problems.every((p) => p.ruleId === 'invalid-input' && p.severity === 'error')).toBe(true);
  });

  it('one broken document never hides the next one', () => {
    const { resources, problems } = load('kind: Pod\n---\n: : :\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n');
    expect(resources.map((r) => r.name)).toEqual(['ok']);
    expect(problems.length).toBe(2);
  });
});
