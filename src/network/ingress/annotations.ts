// The ingress-nginx annotations routing reads (internal/ingress/annotations/{canary,rewrite,sslredirect}),
// parsed the controller's way: booleans by Go's strconv.ParseBool ("true", "1", "T" …), integers by
// strconv.Atoi, and a bad value falls back to the default instead of failing the Ingress (ING-11 … ING-15).
import type { Ingress } from './types.ts';

const PREFIX = 'nginx.ingress.kubernetes.io/';

export interface CanaryConfig {
  enabled: boolean;
  weight: number;
  /** canary-weight-total, default 100. */
  weightTotal: number;
  header: string;
  headerValue: string;
  headerPattern: string;
  cookie: string;
}

export interface LocationAnnotations {
  useRegex: boolean;
  rewriteTarget: string;
  sslRedirect: boolean;
  forceSslRedirect: boolean;
}

const annotation = (ing: Ingress, name: string): string | undefined => ing.metadata.annotations?.[PREFIX + name];

function goBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return fallback;
}

function goInt(value: string | undefined, fallback: number): number {
  return value !== undefined && /^[+-]?\d+$/.test(value) ? Number(value) : fallback;
}

/**
 * canary.Parse: canary-* annotations without canary: "true" are "configured but not enabled", an error
 * the controller logs before treating the Ingress as an ordinary one.
 */
export function canaryConfig(ing: Ingress): CanaryConfig {
  return {
    enabled: goBool(annotation(ing, 'canary'), false),
    weight: goInt(annotation(ing, 'canary-weight'), 0),
    weightTotal: goInt(annotation(ing, 'canary-weight-total'), 100),
    header: annotation(ing, 'canary-by-header') ?? '',
    headerValue: annotation(ing, 'canary-by-header-value') ?? '',
    headerPattern: annotation(ing, 'canary-by-header-pattern') ?? '',
    cookie: annotation(ing, 'canary-by-cookie') ?? '',
  };
}

export function locationAnnotations(ing: Ingress): LocationAnnotations {
  return {
    useRegex: goBool(annotation(ing, 'use-regex'), false),
    rewriteTarget: annotation(ing, 'rewrite-target') ?? '',
    sslRedirect: goBool(annotation(ing, 'ssl-redirect'), true),
    forceSslRedirect: goBool(annotation(ing, 'force-ssl-redirect'), false),
  };
}

/** The class an Ingress asks for: spec.ingressClassName, else the legacy kubernetes.io/ingress.class annotation. */
export function ingressClassOf(ing: Ingress): string | undefined {
  return ing.spec.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'];
}
