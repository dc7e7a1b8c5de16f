// The bundled rollout models beyond the plain RollingUpdate: Recreate, a scale mid-rollout, undo, pause, the
// broken controller and the documented non-guarantees. Pinned state counts and depths catch any drift in the
// semantics; expected violations are pinned with their shortest traces.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRollout, type RolloutModelFile } from '../../src/rollout/check.ts';

const model = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'properties', 'models', `${name}.json`), 'utf8')) as RolloutModelFile;

const bundled: [string, string][] = [
  ['ROLL-06', 'rollout-recreate'],
  ['ROLL-06, ROLL-08, ROLL-10', 'rollout-recreate-pause-after-undo'],
  ['ROLL-05, ROLL-07, ROLL-08', 'rollout-scale-up'],
  ['ROLL-08, ROLL-09, ROLL-10', 'rollout-undo'],
  ['ROLL-05, ROLL-10', 'rollout-undo-availability'],
  ['ROLL-07', 'rollout-scale-down-stuck'],
  ['ROLL-05', 'rollout-max-surge-pods'],
  ['ROLL-05', 'rollout-broken'],
];

describe('bundled rollout models', () => {
  for (const [ids, name] of bundled) {
    const file = model(name);
    const verdict = file.expect.violation ? `fails ${file.expect.violation.id} with its ${file.expect.violation.steps.length}-step trace` : 'holds';
    it(`${ids}: ${name} explores ${file.expect.states} states to depth ${file.expect.depth} and ${verdict}`, () => {
      const r = checkRollout(file);
      expect({ states: r.states, depth: r.depth }).toEqual({ states: file.expect.states, depth: file.expect.depth });
      if (file.expect.violation) {
        expect(r.violations.map((v) => [v.id, v.steps])).toEqual([[file.expect.violation.id, file.expect.violation.steps]]);
      } else {
        expect(r.violations).toEqual([]);
        expect(r.complete).toBe(true);
      }
    });
  }

  it('ROLL-05: the broken controller is not the default: the same constants without it hold', () => {
    const { controller: _broken, ...constants } = model('rollout-broken').constants;
    const r = checkRollout({ ...model('rollout-broken'), constants });
    expect(r.violations).toEqual([]);
    expect(r.complete).toBe(true);
  });

  it('ROLL-08: a rollout paused midway settles with both versions serving (witness: paused-serves-one-version fails)', () => {
    const r = checkRollout({ ...model('rollout-scale-up'), invariants: ['paused-serves-one-version'] }, { constants: { scaleTo: 3 } });
    expect(r.violations.map((v) => [v.kind, v.id, v.steps.at(-1)])).toEqual([
      ['stable-invariant', 'paused-serves-one-version', 'user: kubectl rollout pause deployment/web → web-old spec 3, 3 available, 0 not; web-new spec 1, 1 available, 0 not'],
    ]);
  });

  it('ROLL-07: scaling down mid-rollout is not bound by maxUnavailable (5 → 3 at 25%/25%: proportional scaling removes available old Pods, 2 of 3 left)', () => {
    const r = checkRollout(model('rollout'), { constants: { replicas: 5, maxSurge: '25%', maxUnavailable: '25%', scaleTo: 3 } });
    expect(r.violations.map((v) => v.id)).toEqual(['min-available']);
    expect(r.violations[0]?.steps).toContain(
      'deployment-controller scales the ReplicaSets (scaling event: proportional scaling) → web-old spec 2, 4 available, 0 not; web-new spec 2, 0 available, 0 not',
    );
  });

  it('ROLL-10: undo then settle: the first ReplicaSet takes revision 3 (next after 2) and alone has replicas', () => {
    const r = checkRollout(model('rollout-undo'), { constants: { pause: false } });
    expect(r.violations).toEqual([]);
    expect(r.invariants).toContain('rollback-restores-previous-hash');
  });
});

describe('parameter sweeps that must hold', () => {
  it.each([
    ['holds: 1 replica', 1],
    ['holds: 2 replicas', 2],
    ['holds: 4 replicas', 4],
    ['holds: 5 replicas', 5],
  ])('ROLL-06, ROLL-07, ROLL-10: Recreate %s with an undo and a scale-up never mixes templates and always finishes', (_name, replicas) => {
    const r = checkRollout(model('rollout-recreate'), { constants: { replicas, undo: true, scaleTo: replicas + 2 } });
    expect(r.violations).toEqual([]);
    expect(r.complete).toBe(true);
  });

  it.each([
    ['holds: surge 1, unavailable 0', 1, 0],
    ['holds: surge 0, unavailable 1', 0, 1],
    ['holds: 25%/25%', '25%', '25%'],
    ['holds: surge 2, unavailable 1', 2, 1],
  ])('ROLL-05, ROLL-07, ROLL-08: 4 → 6 replicas mid-rollout with a pause, %s: bounds kept and the rollout finishes at 6', (_name, maxSurge, maxUnavailable) => {
    const r = checkRollout(model('rollout-scale-up'), { constants: { replicas: 4, scaleTo: 6, maxSurge, maxUnavailable } });
    expect(r.violations).toEqual([]);
    expect(r.complete).toBe(true);
  });
});
