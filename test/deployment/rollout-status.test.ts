// `kubectl rollout status deployment/web` lines (ROLL-05, CTRL-01): DeploymentStatusViewer.
import { describe, expect, it } from 'vitest';
import { rolloutStatusMessage } from '../../src/deployment/rollout-status.ts';
import type { Deployment } from '../../src/k8s/types.ts';
import { deployment } from './support.ts';

const at = (status: Deployment['status'], generation = 2) => deployment({ replicas: 3, generation, status: { observedGeneration: 2, ...status } });

describe('rolloutStatusMessage', () => {
  const rows: [string, Deployment, { message: string; done: boolean; error?: boolean }][] = [
    ['CTRL-01: generation 3 not yet observed', at({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, 3), { message: 'Waiting for deployment spec update to be observed...', done: false }],
    ['ROLL-05: 1 of 3 updated', at({ replicas: 4, updatedReplicas: 1, availableReplicas: 3 }), { message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...', done: false }],
    ['ROLL-05: all updated, one old Pod left', at({ replicas: 4, updatedReplicas: 3, availableReplicas: 4 }), { message: 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...', done: false }],
    ['ROLL-05: 2 of 3 updated replicas available', at({ replicas: 3, updatedReplicas: 3, availableReplicas: 2 }), { message: 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...', done: false }],
    ['ROLL-05: done', at({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 }), { message: 'deployment "web" successfully rolled out', done: true }],
    [
      'ROLL-05: ProgressDeadlineExceeded ends the watch with an error',
      at({ replicas: 4, updatedReplicas: 1, availableReplicas: 3, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }),
      { message: 'deployment "web" exceeded its progress deadline', done: false, error: true },
    ],
  ];
  for (const [name, d, want] of rows) it(name, () => expect(rolloutStatusMessage(d)).toEqual(want));

  it('ROLL-09: --revision=2 against a Deployment at revision 3 is an error', () => {
    const d = at({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '3' };
    expect(rolloutStatusMessage(d, 2)).toEqual({ message: 'desired revision (2) is different from the running revision (3)', done: false, error: true });
  });
});
