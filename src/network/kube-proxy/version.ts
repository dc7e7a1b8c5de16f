// Which kube-proxy release's rule shapes to generate (--kubernetes-version). The rule set changed over time;
// each flag names the release it arrived in and the source that dates it. "Unconfirmed" marks a boundary that
// is a best estimate, not read from a changelog or a release's source.

export interface ProxyFeatures {
  minor: number;
  /** Patch release, 0 when the version gives none ("1.18" = "1.18.0"). */
  patch: number;
  /** ServicePortName keeps "name:" for unnamed ports (≤ 1.18; fmtPortName since 1.19, submariner#1092 notes it). */
  colonAlways: boolean;
  /** Digits of the written probability: 5 up to 1.16, 10 since 1.17 (PR #83599, CHANGELOG v1.17.0-alpha.2). */
  probabilityDigits: 5 | 10;
  /** KUBE-SVC/KUBE-SEP rules lost their comment: appendServiceCommentLocked discarded its append (PR #65755,
   * 1.12; fixed by PR #81563, opened 2019-08-18 with release note NONE). The fix release 1.17 is unconfirmed:
   * no changelog names it. The seeds' 1.15 dump shows no comments there. */
  svcSepCommentsDropped: boolean;
  /** filter FORWARD → KUBE-SERVICES (ctstate NEW), PR #72534, 1.14. */
  forwardToServices: boolean;
  /** KUBE-FORWARD drops ctstate INVALID first, PR #74840, 1.15. */
  dropInvalid: boolean;
  /** KUBE-POSTROUTING returns unmarked packets, clears the mark with --xor-mark, then masquerades; KUBE-MARK-MASQ
   * writes --or-mark. PR #92035 ("unmark packets before masquerading them"): in 1.19.0 and backported to 1.18.6
   * and 1.17.9 (their changelogs list it); a 1.16 backport is unconfirmed and not applied. That --or-mark came
   * with the same PR is unconfirmed; iptables-save prints --or-mark and --set-xmark v/v alike. */
  postroutingClearsMark: boolean;
  /** The KUBE-SVC/SVL/EXT layout of today (≥ 1.22 here; the real change spread over 1.22–1.25: unconfirmed). */
  current: boolean;
  /** Empty KUBE-PROXY-CANARY chains in mangle, nat and filter: utiliptables.Monitor, PR #81517 ("Kubernetes no
   * longer monitors firewalld"), CHANGELOG v1.17.0-alpha.2, so 1.17. */
  canary: boolean;
  /** nfacct counters ct_state_invalid_dropped_pkts (PR #122812) and localhost_nps_accepted_pkts (PR #125015) on
   * the INVALID drop and the localhost NodePort rules: both in the 1.31.0 changelog ("changes since v1.30.0"). */
  nfacct: boolean;
}

/** The release whose proxier.go the current generator follows. */
export { CURRENT_KUBERNETES_VERSION } from '../../k8s/version.ts';
import { CURRENT_KUBERNETES_VERSION } from '../../k8s/version.ts';

const VERSION = /^v?1\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/;

/** "v1.15.3" → { minor: 15, patch: 3 }, "1.15" → { minor: 15, patch: 0 }; throws on anything else or before 1.12. */
export function parseVersion(version: string): { minor: number; patch: number } {
  const m = VERSION.exec(version.trim());
  if (!m) throw new RangeError(`kubernetes version "${version}" is not of the form 1.N or v1.N.P`);
  const minor = Number(m[1]);
  if (minor < 12) throw new RangeError(`kubernetes version "${version}": only 1.12 and later are modelled`);
  return { minor, patch: Number(m[2] ?? '0') };
}

/** "v1.15.3", "1.15", "1.15.0-rc.1" → 15; throws on anything else or on releases before 1.12. */
export function parseMinor(version: string): number {
  return parseVersion(version).minor;
}

/** From minor `first` on, and in an older minor from the patch that got the backport ({ 18: 6 } = 1.18.6+). */
const since = (minor: number, patch: number, first: number, backports: Record<number, number> = {}): boolean => {
  const p = backports[minor];
  return minor >= first || (p !== undefined && patch >= p);
};

export function proxyFeatures(version: string = CURRENT_KUBERNETES_VERSION): ProxyFeatures {
  const { minor, patch } = parseVersion(version);
  return {
    minor,
    patch,
    colonAlways: minor <= 18,
    probabilityDigits: minor <= 16 ? 5 : 10,
    svcSepCommentsDropped: minor <= 16,
    forwardToServices: minor >= 14,
    dropInvalid: minor >= 15,
    postroutingClearsMark: since(minor, patch, 19, { 18: 6, 17: 9 }),
    current: minor >= 22,
    canary: minor >= 17,
    nfacct: minor >= 31,
  };
}
