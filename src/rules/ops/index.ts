// Registry of kubemodel's custom json-logic operations, one file per area in this folder.
// Each operation is a plain function of its evaluated arguments (json-logic-js `add_operation` semantics);
// names use underscores because json-logic-js reads a dot in an operation name as a path.
// Conventions shared by all of them: a missing value (json-logic `var` yields null) is an empty list or
// "no labels" where that is what Kubernetes does with a nil field, otherwise an InputError naming the
// operation; numbers are never parsed from strings except as Kubernetes parses quantities.
import { quantityOperations } from './quantity.ts';
import { selectorOperations } from './selector.ts';
import { tolerationOperations } from './toleration.ts';

export type CustomOperation = (...args: unknown[]) => unknown;

export const customOperations: Readonly<Record<string, CustomOperation>> = {
  ...quantityOperations,
  ...selectorOperations,
  ...tolerationOperations,
};
