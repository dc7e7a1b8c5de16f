// --until stable and --steps N at the library level: when a run settles, and what time the output is read at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPodDefaults, isModelled, parseManifests } from '../../src/k8s/parse-manifests.ts';
import type { Pod } from '../../src/k8s/types.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { loadCluster } from '../../src/cli/commands/simulate.ts';
import { rolloutStatusLines } from '../../src/kubectl/rollout-status.ts';
import { parseDeploymentScenario, SCENARIO_ANNOTATION } from '../../src/simulate/scenario.ts';

const file = join(import.meta.dirname, '..', '..', 'examples', 'cluster', 'pods.yaml');
const all = parseManifests([{ file, text: readFileSync(file, 'utf8') }]).objects.filter(isModelled).map((o) => o.object).filter((o): o is Pod => o.kind === 'Pod').map(applyPodDefaults);
const only = (...names: string[]) => all.filter((p) => names.includes(p.metadata.name));
const base = { kubernetesVersion: '1.37', start: new Date('2026-01-01T00:00:00Z') };

describe('simulate --until stable / --steps N', () => {
  it('POD-07: a healthy Pod settles once it is Running and Ready; --until stable reads the output then', () => {
    const r = simulate(only('web'), { ...base, durationSeconds: 600, until: 'stable' });
    expect(r.stoppedBy).toBe('stable');
    expect(r.settledAt).toBeGreaterThan(0);
    expect(r.settledAt).toBeLessThan(30);
    expect(r.endSeconds).toBe(r.settledAt);
    expect(r.settledAt).toBe(r.steps.at(-1)?.at);
    expect(r.pods[0]?.status?.phase).toBe('Running');
  });

  it('POD-07: without --until the same run still reports when it settled but reads the output at the duration', () => {
    const stable = simulate(only('web'), { ...base, durationSeconds: 600, until: 'stable' });
    const full = simulate(only('web'), { ...base, durationSeconds: 600 });
    expect(full.settledAt).toBe(stable.settledAt);
    expect(full.endSeconds).toBe(600);
    expect(full.steps).toEqual(stable.steps);
  });

  it('POD-14: init containers run first, so init-demo settles later than web', () => {
    const web = simulate(only('web'), { ...base, until: 'stable' });
    const init = simulate(only('init-demo'), { ...base, until: 'stable' });
    expect(init.settledAt!).toBeGreaterThan(web.settledAt!);
  });

  it('POD-12: a crash loop never settles: its back-off timer is always due, so the duration ends the run', () => {
    const r = simulate(only('crashy'), { ...base, durationSeconds: 120, until: 'stable' });
    expect(r.stoppedBy).toBe('duration');
    expect(r.settledAt).toBeUndefined();
    expect(r.endSeconds).toBe(120);
  });

  it('POD-16: --steps 2 stops after two steps and reads the output at the second step', () => {
    const r = simulate(only('web', 'crashy'), { ...base, durationSeconds: 600, maxSteps: 2 });
    expect(r.steps).toHaveLength(2);
    expect(r.stoppedBy).toBe('steps');
    expect(r.endSeconds).toBe(r.steps[1]?.at);
  });

  it('POD-05: --steps larger than the run changes nothing', () => {
    const limited = simulate(only('web'), { ...base, maxSteps: 1000, until: 'stable' });
    const free = simulate(only('web'), { ...base, until: 'stable' });
    expect(limited).toEqual(free);
  });

  it('ROLL-04: examples/rollouts/nginx-deployment.yaml is the seeds\' Deployment with an image change at 30 s', () => {
    const path = join(import.meta.dirname, '..', '..', 'examples', 'rollouts', 'nginx-deployment.yaml');
    const [d] = parseManifests([{ file: path, text: readFileSync(path, 'utf8') }]).objects.map((o) => o.object);
    expect(d?.kind).toBe('Deployment');
    const annotations = (d?.metadata.annotations ?? {}) as Record<string, string>;
    const plan = parseDeploymentScenario(annotations[SCENARIO_ANNOTATION], 'deployment default/nginx-deployment', path);
    expect(plan.steps).toEqual([{ kind: 'set-image', at: 30, container: 'nginx', image: 'nginx:1.16.1' }]);
  });

  it('ROLL-03, ROLL-04, ROLL-05: simulate examples/rollouts --until stable rolls nginx-deployment out to nginx:1.16.1 and settles', async () => {
    const root = join(import.meta.dirname, '..', '..', 'examples', 'rollouts');
    const cluster = await loadCluster([join(root, 'cluster.yaml'), join(root, 'nginx-deployment.yaml')], async () => '');
    expect(cluster.errors).toEqual([]);
    const r = simulate(cluster, { durationSeconds: 600, kubernetesVersion: '1.37', until: 'stable' });
    expect(r.stoppedBy).toBe('stable');
    const scaling = r.events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message.replace(/nginx-deployment-\w+/, 'RS'));
    // The first ReplicaSet comes up whole; then maxSurge 25% of 3 → 1 and maxUnavailable 25% of 3 → 0.
    expect(scaling).toEqual([
      'Scaled up replica set RS from 0 to 3',
      'Scaled up replica set RS from 0 to 1',
      'Scaled down replica set RS from 3 to 2',
      'Scaled up replica set RS from 1 to 2',
      'Scaled down replica set RS from 2 to 1',
      'Scaled up replica set RS from 2 to 3',
      'Scaled down replica set RS from 1 to 0',
    ]);
    expect(r.pods.map((p) => [p.spec.containers[0]!.image, p.status?.phase])).toEqual([
      ['nginx:1.16.1', 'Running'],
      ['nginx:1.16.1', 'Running'],
      ['nginx:1.16.1', 'Running'],
    ]);
    const watched = rolloutStatusLines(r.deployments[0]!.series);
    expect(watched.lines.at(-1)).toBe('deployment "nginx-deployment" successfully rolled out');
    expect(watched.lines).toContain('Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...');
  });
});
