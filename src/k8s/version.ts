// The Kubernetes release kubemodel imitates. The current release is the default; --kubernetes-version
// selects an older one, and rules and wording tables record the range of minors they hold for.
import { InputError } from '../errors.ts';

/** Newest released minor found in the sources: CHANGELOG-1.38.md is at v1.38.0-alpha.2 "since v1.37.0". */
export const CURRENT_KUBERNETES_VERSION = '1.37';
/** Oldest minor whose behaviour and wording are tabled (the seeds' 2019 output). */
export const OLDEST_KUBERNETES_VERSION = '1.16';

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.-]+)?$/;

function minorOf(version: string): number {
  const m = VERSION.exec(version.trim());
  const major = m?.[1];
  const minor = m?.[2];
  if (major !== '1' || minor === undefined) return Number.NaN;
  return Number(minor);
}

/** "1.21", "v1.21.3", "1.30.0-rc.1" → 21 / 21 / 30; anything else or outside 1.16…current → InputError. */
export function parseKubernetesMinor(version: string): number {
  const minor = minorOf(version);
  if (!(minor >= minorOf(OLDEST_KUBERNETES_VERSION) && minor <= minorOf(CURRENT_KUBERNETES_VERSION))) {
    throw new InputError(
      `unsupported Kubernetes version "${version}": kubemodel knows ${OLDEST_KUBERNETES_VERSION} to ${CURRENT_KUBERNETES_VERSION} (write e.g. "1.30" or "v1.30.2")`,
    );
  }
  return minor;
}

/** Whether `minor` lies in a rule's or wording row's range, both ends inclusive ("1.24", "1.34"). */
export function inRange(minor: number, range: { since?: string; until?: string } | undefined): boolean {
  if (!range) return true;
  const since = range.since === undefined ? -Infinity : minorOf(range.since);
  const until = range.until === undefined ? Infinity : minorOf(range.until);
  return minor >= since && minor <= until;
}
