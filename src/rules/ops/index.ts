// Registry of kubemodel's custom json-logic operations, one file each in this folder.
// Each operation is a plain function of its evaluated arguments (json-logic-js `add_operation` semantics).

export type CustomOperation = (...args: unknown[]) => unknown;

export const customOperations: Readonly<Record<string, CustomOperation>> = {};
