// What the API server rejects in a Deployment (ROLL-05, API-04): pkg/apis/apps/validation ValidateDeploymentSpec.
import { describe, expect, it } from 'vitest';
import { formatFieldError, validateDeployment } from '../../src/deployment/validation.ts';
import type { Deployment } from '../../src/k8s/types.ts';
import { deployment, type DeploymentOptions } from './support.ts';

const errors = (d: Deployment) => validateDeployment(d).map(formatFieldError);
const with_ = (o: DeploymentOptions, edit: (d: Deployment) => void = () => {}) => {
  const d = deployment(o);
  edit(d);
  return d;
};

describe('validateDeployment', () => {
  const rows: [string, Deployment, string[]][] = [
    ['API-04: accepted: the defaults (25%/25%, 600 s deadline)', deployment(), []],
    ['ROLL-05: rejected: maxSurge 0 and maxUnavailable 0', deployment({ maxSurge: 0, maxUnavailable: 0 }), ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']],
    ['ROLL-05: rejected: "0%" and 0 are both zero', deployment({ maxSurge: '0%', maxUnavailable: 0 }), ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0']],
    ['ROLL-05: accepted: maxSurge 0 with maxUnavailable 1', deployment({ maxSurge: 0, maxUnavailable: 1 }), []],
    ['ROLL-05: rejected: maxUnavailable 110%', deployment({ maxUnavailable: '110%' }), ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 110%: must not be greater than 100%']],
    ['ROLL-05: accepted: maxSurge 200% (only maxUnavailable is capped)', deployment({ maxSurge: '200%' }), []],
    [
      'ROLL-05: rejected: maxSurge "20Percent"',
      deployment({ maxSurge: '20Percent' }),
      ["spec.strategy.rollingUpdate.maxSurge: Invalid value: 20Percent: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"],
    ],
    ['ROLL-05: rejected: maxUnavailable −1', deployment({ maxUnavailable: -1 }), ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0']],
    [
      'ROLL-06: rejected: Recreate with rollingUpdate parameters',
      with_({ strategy: 'Recreate' }, (d) => (d.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } })),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    ['ROLL-05: rejected: progressDeadlineSeconds 5 not above minReadySeconds 10', deployment({ progressDeadlineSeconds: 5, minReadySeconds: 10 }), ['spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds']],
    ['ROLL-09: rejected: revisionHistoryLimit −1', deployment({ revisionHistoryLimit: -1 }), ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['ROLL-09: accepted: revisionHistoryLimit 0', deployment({ revisionHistoryLimit: 0 }), []],
    ['ROLL-07: rejected: replicas −1', deployment({ replicas: -1 }), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'ROLL-01: rejected: template labels the selector does not match',
      with_({}, (d) => (d.spec.template.metadata = { labels: { app: 'api', tier: 'fe' } })),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"api", "tier":"fe"}: `selector` does not match template `labels`'],
    ],
    [
      'ROLL-01: rejected: a Deployment\'s Pods must restart Always',
      with_({}, (d) => (d.spec.template.spec.restartPolicy = 'OnFailure')),
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
    ['API-04: rejected: an empty selector', with_({}, (d) => (d.spec.selector = {})), ['spec.selector: Invalid value: {}: empty selector is invalid for deployment']],
  ];
  for (const [name, d, want] of rows) it(name, () => expect(errors(d)).toEqual(want));
});
