// What `kubectl rollout status deployment/<name>` prints while it watches (kubectl pkg/cmd/rollout/
// rollout_status.go): after the initial list (an Added event) and after every watch event (each write of
// the Deployment, a Modified event) it prints the status viewer's message (src/deployment/rollout-status.ts)
// and stops when the rollout is done (exit 0) or the viewer returns an error, which kubectl prints as
// `error: …` on stderr (exit 1). A write that leaves the message unchanged still prints the line again:
// kubectl does not deduplicate, it prints once per watch event. Behaviours: ROLL-05 (the rolling update
// seen from the client), ROLL-07 (scaling), ROLL-08 (a paused rollout never finishes).
import type { Deployment } from '../k8s/types.ts';
import { canonicalJson } from '../deployment/pod-template-hash.ts';
import { rolloutStatusMessage } from '../deployment/rollout-status.ts';

export interface RolloutStatusRun {
  /** Lines on stdout, without their newlines. */
  lines: string[];
  /** The `error: …` line on stderr, when the viewer gave up. */
  error?: string;
  /** 0 rolled out, 1 error; undefined while still watching at the end of the series. */
  exitCode?: 0 | 1;
}

/**
 * The output for successive observations of the Deployment (e.g. one per simulation step). An observation
 * identical to the previous one is no write, hence no watch event and no line. Example, nginx-deployment
 * updated from 3 replicas at nginx:1.7.9:
 *
 *     Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...
 *     Waiting for deployment "nginx-deployment" rollout to finish: 2 out of 3 new replicas have been updated...
 *     …
 *     Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...
 *     deployment "nginx-deployment" successfully rolled out
 *
 * `revision` is --revision (0 = any).
 */
export function rolloutStatusLines(series: readonly Deployment[], revision = 0): RolloutStatusRun {
  const lines: string[] = [];
  let previous: string | undefined;
  for (const d of series) {
    const key = canonicalJson(d);
    if (key === previous) continue;
    previous = key;
    const status = rolloutStatusMessage(d, revision);
    if (status.error) return { lines, error: `error: ${status.message}`, exitCode: 1 };
    lines.push(status.message);
    if (status.done) return { lines, exitCode: 0 };
  }
  return { lines };
}

/** The run as a terminal shows it: stdout lines, then the error line, each ending in a newline. */
export function renderRolloutStatus(run: RolloutStatusRun): string {
  return [...run.lines, ...(run.error ? [run.error] : [])].map((l) => `${l}\n`).join('');
}
