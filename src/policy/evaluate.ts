// Runs compiled policies over one object: picks the policies for its kind, walks `each`, asks the model when
// the policy names one, and turns every truthy `fail` into a Finding at the field it names.
import { truthy } from '../rules/compile.ts';
import { ITERATORS, type Item } from './iterators.ts';
import type { CompiledPolicy } from './load.ts';
import type { IndexedObject, ObjectIndex } from './object-index.ts';
import { POLICY_MODELS } from './models/index.ts';
import type { ModelContext, PolicyModel } from './models/types.ts';
import { podView } from './pod-template.ts';
import { fill } from './template.ts';
import type { Finding } from './types.ts';
import type { PathSegment, Position } from '../k8s/positions.ts';

/** What evaluation needs to know about the object beyond its content: where it is, for findings. */
export interface Target extends IndexedObject {
  file: string;
  /** Namespace as written (undefined when the manifest leaves it to the context). */
  namespaceWritten?: string;
  position(path: readonly PathSegment[] | string): Position;
}

export interface EvaluationContext {
  index: ObjectIndex;
  kubernetesVersion: string;
  /** Needed only by policies that name a model. */
  model?: ModelContext;
}

/** A model that cannot answer for an object (odd input it did not foresee) gives no answer, never a crash. */
function ask(question: PolicyModel, target: Target, context: ModelContext): Record<string, unknown> | undefined {
  try {
    return question.answer(target, context);
  } catch {
    return undefined;
  }
}

const NO_ITEM: Item[] = [{ item: null, itemPath: '' }];

/** The data one policy evaluation reads; one object per target, its item fields set before each call. */
interface PolicyData {
  object: Record<string, unknown>;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  pod: ReturnType<typeof podView>;
  item: unknown;
  itemPath: string;
  containerType: unknown;
  container: unknown;
  cluster: ObjectIndex;
  model: Record<string, unknown> | null;
  kubernetesVersion: string;
  details: Record<string, unknown> | undefined;
}

export function evaluatePolicies(policies: readonly CompiledPolicy[], target: Target, ctx: EvaluationContext): Finding[] {
  const findings: Finding[] = [];
  const answers = new Map<string, Record<string, unknown> | undefined>();
  // Built once per object: 60 policies × a few containers each would otherwise allocate hundreds of these.
  const data: PolicyData = {
    object: target.object,
    apiVersion: target.apiVersion,
    kind: target.kind,
    name: target.name,
    namespace: target.namespace,
    pod: podView(target.kind, target.object),
    item: null,
    itemPath: '',
    containerType: null,
    container: null,
    cluster: ctx.index,
    model: null,
    kubernetesVersion: ctx.kubernetesVersion,
    details: undefined,
  };
  const itemsOf = new Map<string, Item[]>();
  for (const policy of policies) {
    if (!policy.appliesTo(target.apiVersion, target.kind)) continue;
    const file = policy.file;
    let model: Record<string, unknown> | undefined;
    if (file.model !== undefined) {
      if (!ctx.model) continue;
      if (!answers.has(file.model)) {
        const question = POLICY_MODELS.get(file.model);
        answers.set(file.model, question && question.kinds.includes(target.kind) ? ask(question, target, ctx.model) : undefined);
      }
      model = answers.get(file.model);
      if (model === undefined) continue;
    }
    let items = NO_ITEM;
    if (file.each !== undefined) {
      items = itemsOf.get(file.each) ?? ITERATORS[file.each]?.items(target.object, data.pod) ?? [];
      itemsOf.set(file.each, items);
    }
    data.model = model ?? null;
    for (const { item, itemPath, extra } of items) {
      data.item = item;
      data.itemPath = itemPath;
      data.containerType = extra?.['containerType'] ?? null;
      data.container = extra?.['container'] ?? null;
      data.details = undefined;
      if (!truthy(policy.fail(data))) continue;
      if (policy.details.length > 0) {
        const details: Record<string, unknown> = {};
        data.details = details;
        for (const [name, evaluate] of policy.details) details[name] = evaluate(data);
      }
      // `{{pod.path}}.spec.hostNetwork` of a bare Pod (pod.path '') fills to `.spec.hostNetwork`.
      const path = file.path !== undefined ? fill(file.path, data).replace(/^\./, '') : itemPath !== '' ? itemPath : 'metadata.name';
      const pos = target.position(path);
      findings.push({
        ruleId: file.id,
        severity: file.severity,
        category: file.category,
        message: fill(file.message, data),
        file: target.file,
        line: pos.line,
        column: pos.column,
        path,
        resource: {
          apiVersion: target.apiVersion,
          kind: target.kind,
          name: target.name,
          ...(target.namespaceWritten !== undefined ? { namespace: target.namespaceWritten } : {}),
        },
      });
    }
  }
  return findings;
}
