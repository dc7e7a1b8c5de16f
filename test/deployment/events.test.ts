import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { CURRENT_KUBERNETES_VERSION, OLDEST_KUBERNETES_VERSION } from '../../src/k8s/version.ts';
import {
  DEPLOYMENT_EVENT_WORDING,
  deploymentEvent,
  deploymentWordingRow,
  scalingEvent,
  type DeploymentEventArgs,
  type DeploymentEventKind,
} from '../../src/deployment/events.ts';

const minorOf = (v: string) => Number(v.split('.')[1]);
const kinds = [...new Set(DEPLOYMENT_EVENT_WORDING.map((r) => r.kind))];
const nginx: DeploymentEventArgs = { deployment: 'nginx-deployment', replicaSet: 'nginx-deployment-75675f5897', revision: 2, error: 'replicasets.apps "nginx-deployment-75675f5897" is forbidden: exceeded quota: rs-quota' };

// [name, kind, args, version, type, reason, message]
const rows: [string, DeploymentEventKind, DeploymentEventArgs, string, 'Normal' | 'Warning', string, string][] = [
  ['ROLL-05: a new ReplicaSet created with 3 replicas in 1.21 says "to 3" only', 'ScaledUpNewReplicaSet', { ...nginx, to: 3 }, '1.21', 'Normal', 'ScalingReplicaSet', 'Scaled up replica set nginx-deployment-75675f5897 to 3'],
  ['ROLL-05: creation still reads "to 3" in 1.31', 'ScaledUpNewReplicaSet', { ...nginx, to: 3 }, '1.31', 'Normal', 'ScalingReplicaSet', 'Scaled up replica set nginx-deployment-75675f5897 to 3'],
  ['ROLL-05: creation in 1.32 says "from 0 to 3" (PR #125118)', 'ScaledUpNewReplicaSet', { ...nginx, to: 3 }, '1.32', 'Normal', 'ScalingReplicaSet', 'Scaled up replica set nginx-deployment-75675f5897 from 0 to 3'],
  ['ROLL-05: scaling an old ReplicaSet down in 1.21 names no previous size', 'ScaledReplicaSet', { ...nginx, from: 3, to: 2 }, '1.21', 'Normal', 'ScalingReplicaSet', 'Scaled down replica set nginx-deployment-75675f5897 to 2'],
  ['ROLL-05: between PR #101142 and 1.31 the previous size trails ("to 2 from 3")', 'ScaledReplicaSet', { ...nginx, from: 3, to: 2 }, '1.28', 'Normal', 'ScalingReplicaSet', 'Scaled down replica set nginx-deployment-75675f5897 to 2 from 3'],
  ['ROLL-05: from 1.32 the sizes read in order ("from 3 to 2")', 'ScaledReplicaSet', { ...nginx, from: 3, to: 2 }, '1.32', 'Normal', 'ScalingReplicaSet', 'Scaled down replica set nginx-deployment-75675f5897 from 3 to 2'],
  ['ROLL-07: kubectl scale to 5 is a scale up of the current ReplicaSet', 'ScaledReplicaSet', { ...nginx, from: 3, to: 5 }, CURRENT_KUBERNETES_VERSION, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set nginx-deployment-75675f5897 from 3 to 5'],
  ['ROLL-02: a failed create is a Warning quoting the ReplicaSet and the error', 'ReplicaSetCreateError', nginx, CURRENT_KUBERNETES_VERSION, 'Warning', 'ReplicaSetCreateError', 'Failed to create new replica set "nginx-deployment-75675f5897": replicasets.apps "nginx-deployment-75675f5897" is forbidden: exceeded quota: rs-quota'],
  ['ROLL-10: the controller-side rollback names deployment and revision', 'RolledBack', nginx, '1.16', 'Normal', 'DeploymentRollback', 'Rolled back deployment "nginx-deployment" to revision 2'],
  ['ROLL-09: a rollback with no history left is a Warning', 'RollbackLastRevisionNotFound', nginx, CURRENT_KUBERNETES_VERSION, 'Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.'],
  ['ROLL-10: a rollback to an unknown revision is a Warning', 'RollbackRevisionNotFound', nginx, CURRENT_KUBERNETES_VERSION, 'Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.'],
  ['ROLL-10: a rollback to the current template changes nothing and says so', 'RollbackTemplateUnchanged', nginx, CURRENT_KUBERNETES_VERSION, 'Warning', 'DeploymentRollbackTemplateUnchanged', 'The rollback revision contains the same template as current deployment "nginx-deployment"'],
];

describe('Deployment controller Events', () => {
  it.each(rows)('%s', (_name, kind, args, version, type, reason, message) => {
    expect(deploymentEvent(kind, args, version)).toEqual({ type, reason, message, source: 'deployment-controller', involvedObject: 'deployment/nginx-deployment' });
  });

  it('ROLL-05: every kind has exactly one wording for every supported minor', () => {
    for (let minor = minorOf(OLDEST_KUBERNETES_VERSION); minor <= minorOf(CURRENT_KUBERNETES_VERSION); minor++) {
      for (const kind of kinds) {
        expect(deploymentWordingRow(kind, minor), `${kind} in 1.${minor}`).toBeDefined();
        const all = DEPLOYMENT_EVENT_WORDING.filter((r) => r.kind === kind && minor >= minorOf(r.since) && minor <= minorOf(r.until ?? CURRENT_KUBERNETES_VERSION));
        expect(all, `${kind} in 1.${minor}`).toHaveLength(1);
      }
    }
  });

  it('ROLL-05: a missing placeholder is an InputError naming the argument', () => {
    expect(() => deploymentEvent('ScaledReplicaSet', { deployment: 'web', replicaSet: 'web-1' })).toThrow(InputError);
    expect(() => deploymentEvent('ReplicaSetCreateError', { deployment: 'web', replicaSet: 'web-1' })).toThrow(/args\.error/);
  });

  // [name, from, to, created, expected message or undefined]
  const scaling: [string, number, number, boolean, string | undefined][] = [
    ['ROLL-05: a new ReplicaSet created at 1 replica is a scale up from 0', 0, 1, true, 'Scaled up replica set web-5d9c8b7f6 from 0 to 1'],
    ['ROLL-06: a new ReplicaSet created at 0 (Recreate waits) records nothing', 0, 0, true, undefined],
    ['ROLL-05: an old ReplicaSet going from 3 to 2 is a scale down', 3, 2, false, 'Scaled down replica set web-5d9c8b7f6 from 3 to 2'],
    ['ROLL-04: an unchanged size (annotations only) records nothing', 3, 3, false, undefined],
  ];
  it.each(scaling)('%s', (_name, from, to, created, message) => {
    expect(scalingEvent('web', 'web-5d9c8b7f6', from, to, created)?.message).toBe(message);
  });

  it('ROLL-05: scalingEvent follows --kubernetes-version like the table', () => {
    expect(scalingEvent('web', 'web-5d9c8b7f6', 0, 3, true, '1.20')?.message).toBe('Scaled up replica set web-5d9c8b7f6 to 3');
    expect(scalingEvent('web', 'web-5d9c8b7f6', 3, 0, false, '1.20')?.message).toBe('Scaled down replica set web-5d9c8b7f6 to 0');
  });
});
