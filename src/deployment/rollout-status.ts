// `kubectl rollout status deployment/<name>` (kubectl/pkg/polymorphichelpers/rollout_status.go,
// DeploymentStatusViewer): one line per watch event until the rollout is done. Which line applies is
// rules/deployment/rollout-status.json; the wording is kubectl's (without its trailing newline). Newer
// kubectl releases may append a "(Warning: …)" naming an unschedulable or crash-looping Pod; not modelled.
import type { Deployment } from '../k8s/types.ts';
import { decide } from './rules.ts';

export interface RolloutStatus {
  message: string;
  /** The rollout finished: kubectl exits 0. */
  done: boolean;
  /** kubectl stops with this as `error: …` (deadline exceeded, revision mismatch). */
  error?: boolean;
}

const REVISION = 'deployment.kubernetes.io/revision';

/**
 * The status line for a Deployment named "web" with spec.replicas 3:
 *
 *     1 updated                 Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...
 *     3 updated, 4 in total     Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
 *     3 updated, 2 available    Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...
 *     all 3 updated, available  deployment "web" successfully rolled out
 *     generation not observed   Waiting for deployment spec update to be observed...
 *     ProgressDeadlineExceeded  deployment "web" exceeded its progress deadline        (error)
 *
 * `revision` is --revision: a Deployment at another revision is an error
 * `desired revision (2) is different from the running revision (3)`.
 */
export function rolloutStatusMessage(d: Deployment, revision = 0): RolloutStatus {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if (revision > 0) {
    const running = Number(d.metadata.annotations?.[REVISION] ?? '0');
    if (running !== revision) return { message: `desired revision (${revision}) is different from the running revision (${running})`, done: false, error: true };
  }
  const view = {
    generation: d.metadata.generation ?? 0,
    observedGeneration: st.observedGeneration ?? 0,
    replicas: d.spec.replicas ?? null,
    updatedReplicas: st.updatedReplicas ?? 0,
    statusReplicas: st.replicas ?? 0,
    availableReplicas: st.availableReplicas ?? 0,
    progressingReason: st.conditions?.find((c) => c.type === 'Progressing')?.reason ?? null,
  };
  const waiting = (what: string): RolloutStatus => ({ message: `Waiting for deployment "${name}" rollout to finish: ${what}...`, done: false });
  switch (decide<string>('deployment/rollout-status', view)) {
    case 'not-observed':
      return { message: 'Waiting for deployment spec update to be observed...', done: false };
    case 'deadline-exceeded':
      return { message: `deployment "${name}" exceeded its progress deadline`, done: false, error: true };
    case 'updating':
      return waiting(`${view.updatedReplicas} out of ${view.replicas} new replicas have been updated`);
    case 'old-pending':
      return waiting(`${view.statusReplicas - view.updatedReplicas} old replicas are pending termination`);
    case 'unavailable':
      return waiting(`${view.availableReplicas} of ${view.updatedReplicas} updated replicas are available`);
    default:
      return { message: `deployment "${name}" successfully rolled out`, done: true };
  }
}
