import { describe, expect, it } from 'vitest';
import type { Deployment, DeploymentCondition } from '../../src/k8s/types.ts';
import { renderRolloutStatus, rolloutStatusLines } from '../../src/kubectl/rollout-status.ts';

type Counts = { gen?: number; observed?: number; replicas: number; updated: number; available: number; progressing?: DeploymentCondition['reason'] };

function at(c: Counts): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx-deployment', namespace: 'default', generation: c.gen ?? 2 },
    spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } },
    status: {
      observedGeneration: c.observed ?? 2,
      replicas: c.replicas,
      updatedReplicas: c.updated,
      availableReplicas: c.available,
      conditions: c.progressing ? [{ type: 'Progressing', status: c.progressing === 'ProgressDeadlineExceeded' ? 'False' : 'True', reason: c.progressing }] : [],
    },
  };
}

const waiting = (what: string) => `Waiting for deployment "nginx-deployment" rollout to finish: ${what}...`;

describe('kubectl rollout status deployment/nginx-deployment', () => {
  it('ROLL-05: a rolling update from nginx:1.7.9 prints one line per write until "successfully rolled out"', () => {
    const run = rolloutStatusLines([
      at({ observed: 1, replicas: 3, updated: 0, available: 3 }),
      at({ replicas: 4, updated: 1, available: 3 }),
      at({ replicas: 4, updated: 1, available: 3 }),
      at({ replicas: 4, updated: 2, available: 3 }),
      at({ replicas: 4, updated: 3, available: 3 }),
      at({ replicas: 3, updated: 3, available: 2 }),
      at({ replicas: 3, updated: 3, available: 3 }),
      at({ replicas: 3, updated: 3, available: 3, progressing: 'NewReplicaSetAvailable' }),
    ]);
    expect(run.lines).toEqual([
      'Waiting for deployment spec update to be observed...',
      waiting('1 out of 3 new replicas have been updated'),
      waiting('2 out of 3 new replicas have been updated'),
      waiting('1 old replicas are pending termination'),
      waiting('2 of 3 updated replicas are available'),
      'deployment "nginx-deployment" successfully rolled out',
    ]);
    expect(run.exitCode).toBe(0);
  });

  it('ROLL-05: two different writes with the same message print the line twice (kubectl prints per watch event)', () => {
    const run = rolloutStatusLines([at({ replicas: 4, updated: 1, available: 3 }), at({ replicas: 4, updated: 1, available: 3, progressing: 'ReplicaSetUpdated' })]);
    expect(run.lines).toEqual([waiting('1 out of 3 new replicas have been updated'), waiting('1 out of 3 new replicas have been updated')]);
    expect(run.exitCode).toBeUndefined();
  });

  it('ROLL-05: an exceeded progress deadline ends with the error line and exit 1', () => {
    const run = rolloutStatusLines([at({ replicas: 4, updated: 1, available: 3 }), at({ replicas: 4, updated: 1, available: 3, progressing: 'ProgressDeadlineExceeded' })]);
    expect(renderRolloutStatus(run)).toBe(`${waiting('1 out of 3 new replicas have been updated')}\nerror: deployment "nginx-deployment" exceeded its progress deadline\n`);
    expect(run.exitCode).toBe(1);
  });

  it('ROLL-10: --revision naming another revision is an error before any line', () => {
    const d = { ...at({ replicas: 3, updated: 3, available: 3 }), metadata: { name: 'nginx-deployment', generation: 2, annotations: { 'deployment.kubernetes.io/revision': '3' } } };
    expect(rolloutStatusLines([d], 2)).toEqual({ lines: [], error: 'error: desired revision (2) is different from the running revision (3)', exitCode: 1 });
  });

  it('ROLL-07: a Deployment already rolled out prints the success line once and stops', () => {
    const done = at({ replicas: 3, updated: 3, available: 3 });
    expect(rolloutStatusLines([done, at({ replicas: 5, updated: 3, available: 3 })]).lines).toEqual(['deployment "nginx-deployment" successfully rolled out']);
  });
});
