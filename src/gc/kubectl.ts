// What kubectl says about cascading deletion (GC-03, GC-04), from staging/src/k8s.io/kubectl/pkg/cmd/delete.
// --cascade (delete_flags.go parseCascadingFlag, string values since kubectl 1.20): "background" (also the
// default, and what a bare --cascade means), "foreground", "orphan"; the old booleans still work with a
// warning on stderr — true → background, false → orphan. The DELETE always carries the chosen policy.
// After each DELETE call kubectl prints one line (delete.go PrintObj), whatever the policy: the object may
// still exist (foreground, orphan), and `kubectl delete` then waits (--wait=true) until it is gone.
import { InputError } from '../errors.ts';
import type { PropagationPolicy } from './types.ts';

export interface CascadeFlag {
  propagationPolicy: PropagationPolicy;
  /** The deprecation line kubectl writes to stderr for a boolean value. */
  warning?: string;
}

// strconv.ParseBool's spellings.
const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

const deprecated = (value: string, replacement: string): string =>
  `warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.`;

/**
 * `--cascade` as kubectl parses it: undefined (flag absent) or "" (bare flag) → Background; "orphan" →
 * Orphan; "false" → Orphan with a deprecation warning; "sideways" → InputError with kubectl's message.
 */
export function parseCascadeFlag(value: string | undefined): CascadeFlag {
  const v = value === undefined || value === '' ? 'background' : value;
  if (TRUE.includes(v)) return { propagationPolicy: 'Background', warning: deprecated(v, 'background') };
  if (FALSE.includes(v)) return { propagationPolicy: 'Orphan', warning: deprecated(v, 'orphan') };
  if (v === 'background') return { propagationPolicy: 'Background' };
  if (v === 'foreground') return { propagationPolicy: 'Foreground' };
  if (v === 'orphan') return { propagationPolicy: 'Orphan' };
  throw new InputError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
}

/** API groups of the kinds kubemodel knows; the core group is "". */
const API_GROUP: Readonly<Record<string, string>> = {
  Deployment: 'apps', ReplicaSet: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ControllerRevision: 'apps',
  Job: 'batch', CronJob: 'batch',
};

export interface DeletedLineOptions {
  /** Kubernetes minor of kubectl; "deleted from <ns> namespace" since 1.34 (kubernetes#126619). Default: current. */
  minor?: number;
  /** --grace-period=0 --force: "force deleted". */
  force?: boolean;
  dryRun?: 'client' | 'server';
}

/**
 * PrintObj's line: `deployment.apps "web" deleted from default namespace` (kubectl 1.34+), `deployment.apps
 * "web" deleted` before, `pod "web-1-a" deleted` (core group); the same for every --cascade value.
 */
export function deletedLine(object: { kind: string; name: string; namespace?: string }, opts: DeletedLineOptions = {}): string {
  const group = API_GROUP[object.kind] ?? '';
  const kindString = group === '' ? object.kind.toLowerCase() : `${object.kind.toLowerCase()}.${group}`;
  let operation = opts.force === true ? 'force deleted' : 'deleted';
  if (object.namespace !== undefined && (opts.minor ?? Infinity) >= 34) operation += ` from ${object.namespace} namespace`;
  if (opts.dryRun === 'client') operation += ' (dry run)';
  if (opts.dryRun === 'server') operation += ' (server dry run)';
  return `${kindString} "${object.name}" ${operation}`;
}
