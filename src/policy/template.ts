// Message and path templates: `{{item.name}}` is replaced by the value at that path in the policy's data.
// A list prints as its items joined with ", ", a label map or LabelSelector as kubectl prints selectors
// (app=web,tier in (a,b)); a missing value prints as nothing.

import { selectorToString } from '../k8s/selector.ts';
import type { LabelSelector } from '../k8s/types.ts';

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

export function fill(template: string, data: unknown): string {
  return template.replace(PLACEHOLDER, (_m, path: string) => show(lookup(data, path)));
}

export function lookup(data: unknown, path: string): unknown {
  let v = data;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}


function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  // A flat map of strings is a label set or selector: printed as kubectl prints them, app=web,tier=fe.
  if (typeof value === 'object' && ('matchLabels' in value || 'matchExpressions' in value)) {
    try {
      return selectorToString(value as LabelSelector) || '<all>';
    } catch {
      return JSON.stringify(value);
    }
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > 0 && entries.every(([, v]) => typeof v === 'string')) return entries.map(([k, v]) => `${k}=${String(v)}`).join(',');
    return JSON.stringify(value);
  }
  return String(value);
}
