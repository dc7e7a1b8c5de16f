import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { parseDeploymentScenario, type DeploymentScenarioStep } from '../../src/simulate/scenario.ts';

const where = 'deployment default/nginx-deployment';
const file = 'examples/rollouts/nginx-deployment.yaml';

describe('Deployment scenario annotation', () => {
  // [name, annotation, expected steps]
  const good: [string, string | undefined, DeploymentScenarioStep[]][] = [
    ['ROLL-04: set-image keeps the colons of the image tag', 'set-image-at:30:nginx=nginx:1.16.1', [{ kind: 'set-image', at: 30, container: 'nginx', image: 'nginx:1.16.1' }]],
    ['ROLL-04: an image with a registry port parses whole', 'set-image-at:5:app=localhost:5000/app:v2', [{ kind: 'set-image', at: 5, container: 'app', image: 'localhost:5000/app:v2' }]],
    ['ROLL-07: scale-at takes the new replica count, 0 allowed', 'scale-at:90:5, scale-at:120:0', [{ kind: 'scale', at: 90, replicas: 5 }, { kind: 'scale', at: 120, replicas: 0 }]],
    ['ROLL-08: pause and resume are sorted by time, not by position', 'resume-at:70,pause-at:40', [{ kind: 'pause', at: 40 }, { kind: 'resume', at: 70 }]],
    ['ROLL-10: undo without a revision means the previous one (0)', 'undo-at:120', [{ kind: 'undo', at: 120, toRevision: 0 }]],
    ['ROLL-10: undo-at:200:1 is --to-revision=1', 'undo-at:200:1', [{ kind: 'undo', at: 200, toRevision: 1 }]],
    ['ROLL-08: steps at the same second keep the annotation order', 'set-image-at:10:nginx=nginx:1.16.1, pause-at:10', [{ kind: 'set-image', at: 10, container: 'nginx', image: 'nginx:1.16.1' }, { kind: 'pause', at: 10 }]],
    ['ROLL-04: fractional seconds are allowed', 'pause-at:2.5', [{ kind: 'pause', at: 2.5 }]],
    ['ROLL-04: no annotation is an empty plan', undefined, []],
  ];
  it.each(good)('%s', (_name, annotation, steps) => {
    expect(parseDeploymentScenario(annotation, where, file).steps).toEqual(steps);
  });

  // [name, annotation, message fragment]
  const bad: [string, string, string][] = [
    ['ROLL-04: an unknown step is rejected with the known list', 'rollout-at:30', 'unknown deployment scenario step "rollout-at:30" (known: set-image-at:SECONDS:CONTAINER=IMAGE'],
    ['ROLL-04: set-image without CONTAINER= is rejected', 'set-image-at:30:nginx:1.16.1', 'expected set-image-at:SECONDS:CONTAINER=IMAGE'],
    ['ROLL-04: set-image with an empty image is rejected', 'set-image-at:30:nginx=', 'expected set-image-at:SECONDS:CONTAINER=IMAGE'],
    ['ROLL-04: a negative time is rejected', 'pause-at:-5', 'SECONDS must be a number of seconds from the start, 0 or more, got "-5"'],
    ['ROLL-04: a missing time is rejected', 'pause-at', 'SECONDS must be a number of seconds from the start, 0 or more, got ""'],
    ['ROLL-07: a fractional replica count is rejected', 'scale-at:10:2.5', 'the replica count N must be a whole number from 0 to 2147483647, got "2.5"'],
    ['ROLL-07: a missing replica count is rejected', 'scale-at:10', 'the replica count N must be a whole number from 0 to 2147483647, got ""'],
    ['ROLL-10: a negative revision is rejected', 'undo-at:10:-1', 'REVISION must be a whole number from 0 to 2147483647, got "-1"'],
    ['ROLL-08: pause-at takes no value', 'pause-at:10:now', 'pause-at:SECONDS takes no further value'],
  ];
  it.each(bad)('%s', (_name, annotation, fragment) => {
    let error: unknown;
    try {
      parseDeploymentScenario(annotation, where, file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.file).toBe(file);
    expect(e.message).toContain(`${where}: kubemodel.io/scenario: `);
    expect(e.message).toContain(fragment);
  });
});
