// Which kube-proxy release's rule shapes to generate (--kubernetes-version). The rule set changed over time;
// each flag names the release it arrived in and where that is known from. Flags marked "unverified" were
// placed from memory of the release history, not from a read of that release's source.

export interface ProxyFeatures {
  minor: number;
  /** ServicePortName keeps "name:" for unnamed ports (≤ 1.18; fmtPortName since 1.19, submariner#1092 notes it). */
  colonAlways: boolean;
  /** Digits of the written probability: 5 up to 1.16, 10 since 1.17 (PR #83599). */
  probabilityDigits: 5 | 10;
  /** KUBE-SVC/KUBE-SEP rules lost their comment: appendServiceCommentLocked discarded its append (PR #65755,
   * 1.12; PR #81563 describes it; the fix release 1.17 is unverified). The seeds' dump shows no comments there. */
  svcSepCommentsDropped: boolean;
  /** filter FORWARD → KUBE-SERVICES (ctstate NEW), PR #72534, 1.14. */
  forwardToServices: boolean;
  /** KUBE-FORWARD drops ctstate INVALID first, PR #74840, 1.15. */
  dropInvalid: boolean;
  /** KUBE-POSTROUTING returns unmarked packets, clears the mark, then masquerades; KUBE-MARK-MASQ writes
   * --or-mark (1.20, unverified). Before: one MASQUERADE rule matching the mark. */
  postroutingClearsMark: boolean;
  /** The KUBE-SVC/SVL/EXT layout of today (≥ 1.22 here; the real change spread over 1.22–1.25, see the report). */
  current: boolean;
  /** Empty KUBE-PROXY-CANARY chains in mangle, nat and filter (iptables Monitor, 1.18, unverified). */
  canary: boolean;
  /** nfacct counters on the INVALID drop and localhost NodePort rules (1.30, PR #122812). */
  nfacct: boolean;
}

/** The release whose proxier.go the current generator follows. */
export { CURRENT_KUBERNETES_VERSION } from '../../k8s/version.ts';
import { CURRENT_KUBERNETES_VERSION } from '../../k8s/version.ts';

/** "v1.15.3", "1.15", "1.15.0-rc.1" → 15; throws on anything else or on releases before 1.12. */
export function parseMinor(version: string): number {
  const m = /^v?1\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  if (!m) throw new RangeError(`kubernetes version "${version}" is not of the form 1.N or v1.N.P`);
  const minor = Number(m[1]);
  if (minor < 12) throw new RangeError(`kubernetes version "${version}": only 1.12 and later are modelled`);
  return minor;
}

export function proxyFeatures(version: string = CURRENT_KUBERNETES_VERSION): ProxyFeatures {
  const minor = parseMinor(version);
  return {
    minor,
    colonAlways: minor <= 18,
    probabilityDigits: minor <= 16 ? 5 : 10,
    svcSepCommentsDropped: minor <= 16,
    forwardToServices: minor >= 14,
    dropInvalid: minor >= 15,
    postroutingClearsMark: minor >= 20,
    current: minor >= 22,
    canary: minor >= 18,
    nfacct: minor >= 30,
  };
}
