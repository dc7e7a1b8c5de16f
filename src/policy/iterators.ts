// The parts of an object a policy can walk with `"each"`: a policy about containers says `"each":
// "containers"` and is evaluated once per container, with `item` the container and `itemPath` where it is
// (so the finding points at that container's line, not the object's).
import { isRecord, type PodView } from './pod-template.ts';

export interface Item {
  item: unknown;
  itemPath: string;
  /** Extra data for the item, e.g. the container an env var belongs to. */
  extra?: Record<string, unknown>;
}

type Iterator = (object: Record<string, unknown>, pod: PodView | null) => Item[];

const join = (base: string, rest: string) => (base === '' ? rest : `${base}.${rest}`);

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function containersOf(pod: PodView | null, fields: readonly string[]): Item[] {
  if (!pod) return [];
  return fields.flatMap((field) =>
    list(pod.spec[field]).map((c, i) => ({ item: c, itemPath: join(pod.path, `spec.${field}[${i}]`), extra: { containerType: field } })),
  );
}

export const ITERATORS: Readonly<Record<string, { description: string; items: Iterator }>> = {
  containers: {
    description: 'each app container (spec.containers) of the Pod or Pod template',
    items: (_o, pod) => containersOf(pod, ['containers']),
  },
  allContainers: {
    description: 'each init, app and ephemeral container of the Pod or Pod template (containerType says which)',
    items: (_o, pod) => containersOf(pod, ['initContainers', 'containers', 'ephemeralContainers']),
  },
  volumes: {
    description: 'each volume of the Pod or Pod template',
    items: (_o, pod) => (pod ? list(pod.spec['volumes']).map((v, i) => ({ item: v, itemPath: join(pod.path, `spec.volumes[${i}]`) })) : []),
  },
  env: {
    description: 'each env entry of every container; `container` is the container it belongs to',
    items: (o, pod) =>
      containersOf(pod, ['initContainers', 'containers', 'ephemeralContainers']).flatMap(({ item, itemPath }) =>
        list(isRecord(item) ? item['env'] : undefined).map((e, i) => ({ item: e, itemPath: `${itemPath}.env[${i}]`, extra: { container: item } })),
      ),
  },
  rules: {
    description: 'each rule of a Role or ClusterRole',
    items: (o) => list(o['rules']).map((r, i) => ({ item: r, itemPath: `rules[${i}]` })),
  },
  ports: {
    description: 'each port of a Service',
    items: (o) => list(isRecord(o['spec']) ? o['spec']['ports'] : undefined).map((p, i) => ({ item: p, itemPath: `spec.ports[${i}]` })),
  },
  backends: {
    description: 'each Service backend of an Ingress (defaultBackend, then every rule path), as {service: {name, port}}',
    items: (o) => {
      const spec = isRecord(o['spec']) ? o['spec'] : {};
      const out: Item[] = [];
      if (isRecord(spec['defaultBackend'])) out.push({ item: spec['defaultBackend'], itemPath: 'spec.defaultBackend' });
      list(spec['rules']).forEach((rule, r) => {
        const http = isRecord(rule) && isRecord(rule['http']) ? rule['http'] : {};
        list(http['paths']).forEach((p, i) => {
          if (isRecord(p) && isRecord(p['backend'])) out.push({ item: p['backend'], itemPath: `spec.rules[${r}].http.paths[${i}].backend` });
        });
      });
      return out;
    },
  },
};
