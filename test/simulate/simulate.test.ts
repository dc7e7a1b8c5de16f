// The simulator on the bundled example cluster: what `kubectl get pods` and `kubectl get events` show after
// ten minutes, per lifecycle path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPodDefaults, isModelled, parseManifests } from '../../src/k8s/parse-manifests.ts';
import type { Pod } from '../../src/k8s/types.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { podStatusColumns } from '../../src/kubectl/get-pods.ts';
import { parseScenario } from '../../src/simulate/scenario.ts';

const file = join(import.meta.dirname, '..', '..', 'examples', 'cluster', 'pods.yaml');
const parsed = parseManifests([{ file, text: readFileSync(file, 'utf8') }]);
const pods = parsed.objects.filter(isModelled).map((o) => o.object).filter((o): o is Pod => o.kind === 'Pod').map(applyPodDefaults);
const start = new Date('2026-01-01T00:00:00Z');

function run(version = '1.37', durationSeconds = 600) {
  const r = simulate(pods, { durationSeconds, kubernetesVersion: version, start });
  const now = new Date(start.getTime() + r.endSeconds * 1000);
  const cols = new Map(r.pods.map((p) => [p.metadata.name, podStatusColumns(p, now)]));
  return { r, cols };
}

describe('simulate the example cluster', () => {
  const { r, cols } = run();
  it.each([
    ['web', 'Running', '1/1', 'POD-07: a healthy Pod runs and is ready once its readiness probe passes'],
    ['init-demo', 'Running', '1/1', 'POD-14: init containers ran in order, then the app container started'],
    ['sidecar-demo', 'Running', '2/2', 'POD-14: the sidecar counts in READY next to the app container'],
    ['batch-ok', 'Completed', '0/1', 'POD-08: restartPolicy Never and exit 0 end as Completed'],
    ['crashy', 'CrashLoopBackOff', '0/1', 'POD-12: exit 1 under Always is restarted with back-off'],
    ['oom', 'CrashLoopBackOff', '0/1', 'RES-05: OOM kills are restarted with back-off too'],
    ['bad-image', 'ImagePullBackOff', '0/1', 'POD-06: a pull that never succeeds keeps the Pod Pending'],
    ['needs-config', 'CreateContainerConfigError', '0/1', 'CFG-02: a missing ConfigMap keeps the container from starting'],
    ['unscheduled', 'Pending', '0/1', 'SCHED-07: no node has the label its nodeSelector asks for, so it stays Pending'],
  ])('%s shows STATUS %s, READY %s (%s)', (name, status, ready) => {
    expect(cols.get(name)).toMatchObject({ status, ready });
  });

  it('POD-12: crash restarts follow 10s, 20s, 40s, 80s, 160s back-offs, so 6 restarts fit in 10 minutes', () => {
    expect(cols.get('crashy')?.restarts).toMatch(/^6 \(\d+m\d*s? ago\)$/);
    const backOffs = r.events.filter((e) => e.object === 'pod/crashy' && e.reason === 'BackOff');
    expect(backOffs[0]?.message).toMatch(/^Back-off restarting failed container app in pod crashy_default\([0-9a-f-]{36}\)$/);
  });

  it('POD-16: the timeline starts with kubelet pulling, creating and starting containers', () => {
    const web = r.events.filter((e) => e.object === 'pod/web').map((e) => e.reason);
    expect(web.slice(0, 4)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('POD-16: --kubernetes-version 1.21 reproduces that release\'s event wording', () => {
    const old = run('1.21').r.events.find((e) => e.object === 'pod/web' && e.reason === 'Started');
    expect(old?.message).toBe('Started container nginx');
    const current = r.events.find((e) => e.object === 'pod/web' && e.reason === 'Started');
    expect(current?.message).toBe('Container started');
  });

  it('POD-05: same input, same run (deterministic)', () => {
    expect(run().r.events).toEqual(r.events);
  });
});

describe('scenario annotations', () => {
  it('CFG-02: parse scoped and unscoped steps; reject unknown ones with the Pod named', () => {
    const s = parseScenario('crash-loop, setup=exit:0', 'pod default/x');
    expect([...s.byContainer.keys()]).toEqual(['*', 'setup']);
    expect(() => parseScenario('explode', 'pod default/x')).toThrow(/pod default\/x: unknown scenario "explode"/);
  });
});
