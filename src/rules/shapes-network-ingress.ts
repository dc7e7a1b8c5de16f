// Input shapes of the rules under rules/network/ingress/ (ingress-nginx canary routing, ING-11 … ING-15),
// registered with defineShape. src/network/ingress/route.ts builds both inputs from the request and the
// canary Ingress's annotations; header/cookie values are null when the request does not carry them.
import { defineShape } from './shapes.ts';

/** The request's canary header and cookie against canary-by-header(-value, -pattern) and canary-by-cookie. */
defineShape('IngressCanaryRequest', {
  object: {
    header: { object: { value: { oneOf: ['string', 'null'] }, expected: 'string', pattern: 'string', patternResult: 'string' } },
    cookie: { object: { value: { oneOf: ['string', 'null'] } } },
  },
});

/** canary-weight and canary-weight-total as the controller parsed them. */
defineShape('IngressCanaryWeight', { object: { weight: 'number', weightTotal: 'number' } });
