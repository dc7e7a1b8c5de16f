// The validator's view of its input: every object of every kind, as written, each with a source map so a
// finding can name file:line:column. Unlike parseManifests (which keeps only what the simulator can run),
// nothing is dropped for being of an unknown kind or failing the API server's checks: those become
// findings. A file that cannot be read or parsed becomes a finding too, and the other files go on.
import { InputError } from '../errors.ts';
import { forEachDocument, type ManifestSource } from '../k8s/parse-manifests.ts';
import type { PathSegment, Position, SourceMap } from '../k8s/positions.ts';
import type { Finding } from '../policy/types.ts';

export interface Resource {
  object: Record<string, unknown>;
  apiVersion: string;
  kind: string;
  name: string;
  /** As written; undefined when the manifest leaves it to the context (kubectl's default namespace). */
  namespace?: string;
  file: string;
  documentIndex: number;
  itemIndex?: number;
  map: SourceMap;
}

export interface LoadedResources {
  resources: Resource[];
  /** Input problems, as findings of the `invalid-input` rule, each at file:line:col. */
  problems: Finding[];
}

export const INPUT_RULE = 'invalid-input';

export function inputProblem(error: InputError): Finding {
  return {
    ruleId: INPUT_RULE,
    severity: 'error',
    category: 'Input',
    message: error.message,
    file: error.file ?? '<unknown>',
    line: error.line ?? 1,
    column: error.column ?? 1,
    path: '',
  };
}

export function loadResources(sources: readonly ManifestSource[]): LoadedResources {
  const errors: InputError[] = [];
  const resources: Resource[] = [];
  const readable = sources.filter((source) => {
    // A NUL byte never occurs in YAML or JSON text: the file is an image, an archive or the like.
    const nul = source.text.indexOf('\u0000');
    if (nul === -1) return true;
    errors.push(new InputError('binary file: not YAML or JSON text', source.file, 1, 1));
    return false;
  });
  forEachDocument(readable, errors, (doc) => {
    const visit = (object: Record<string, unknown>, base: PathSegment[]): void => {
      const map = doc.sourceMap(base);
      const at = (path: PathSegment[], message: string) => {
        const pos: Position | undefined = map.position(path);
        errors.push(new InputError(message, doc.file, pos?.line, pos?.column));
      };
      const apiVersion = object['apiVersion'];
      const kind = object['kind'];
      if (typeof apiVersion !== 'string' || apiVersion === '') return at([], 'apiVersion: Required value: every Kubernetes object names its apiVersion');
      if (typeof kind !== 'string' || kind === '') return at([], 'kind: Required value: every Kubernetes object names its kind');
      // kubectl expands any *List with items (meta.IsListType), e.g. the output of `kubectl get pods -o yaml`.
      if (kind.endsWith('List') && (kind === 'List' || 'items' in object)) {
        const items = object['items'] ?? [];
        if (!Array.isArray(items)) return at(['items'], 'items: Invalid type: expected a list of objects');
        items.forEach((item, i) => {
          if (item !== null && typeof item === 'object' && !Array.isArray(item)) visit(item as Record<string, unknown>, [...base, 'items', i]);
          else at(['items', i], `items[${i}]: Invalid type: expected an object`);
        });
        return;
      }
      const metadata = object['metadata'];
      const meta = metadata !== null && typeof metadata === 'object' ? (metadata as Record<string, unknown>) : {};
      const name = typeof meta['name'] === 'string' ? meta['name'] : typeof meta['generateName'] === 'string' ? `${meta['generateName']}*` : '';
      const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
      const itemIndex = base[base.length - 1];
      resources.push({
        object,
        apiVersion,
        kind,
        name,
        ...(namespace !== undefined ? { namespace } : {}),
        file: doc.file,
        documentIndex: doc.index,
        ...(typeof itemIndex === 'number' ? { itemIndex } : {}),
        map,
      });
    };
    visit(doc.value, []);
  });
  return { resources, problems: errors.map(inputProblem) };
}

/** 1-based position of `path` in the resource's source, falling back to the object itself. */
export function positionOf(resource: Resource, path: readonly PathSegment[] | string): Position {
  return resource.map.position(path) ?? resource.map.position([]) ?? { line: 1, column: 1 };
}
