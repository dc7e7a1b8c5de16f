// The built-in rule registry and rule loading: every JSON file under rules/ is registered in rules/index.ts
// under the id its path gives, all of them pass their checks, and one bad file never stops the others.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRuleFiles } from '../../rules/index.ts';
import { InputError, RuleError } from '../../src/errors.ts';
import { loadRulesDir } from '../../src/io/rules-dir.ts';
import { idFromFileName } from '../../src/rules/check.ts';
import { loadRules } from '../../src/rules/load.ts';
import { allRules, getRule, ruleOperations } from '../../src/rules/registry.ts';

const rulesDir = join(import.meta.dirname, '../../rules');
const fixturesDir = join(import.meta.dirname, '../fixtures/rules/mixed');

// rules/policies holds validation policies, a format of their own (test/policy/builtin-examples.test.ts).
function jsonFilesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (join(dir, e.name) === join(rulesDir, 'policies') ? [] : jsonFilesBelow(join(dir, e.name))) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

const ruleFiles = jsonFilesBelow(rulesDir).map((path) => ({
  fileName: `rules/${relative(rulesDir, path).split('\\').join('/')}`,
  content: JSON.parse(readFileSync(path, 'utf8')) as unknown,
}));

describe('built-in rules', () => {
  it('every JSON file under rules/ is registered in rules/index.ts by the id its path gives', () => {
    const registered = new Set(builtinRuleFiles.map((r) => r.id));
    const unregistered = ruleFiles.map((f) => idFromFileName(f.fileName)).filter((id) => !registered.has(id));
    expect(unregistered).toEqual([]);
  });

  it('every registered rule has a JSON file under rules/', () => {
    const onDisk = new Set(ruleFiles.map((f) => idFromFileName(f.fileName)));
    expect(builtinRuleFiles.map((r) => r.id).filter((id) => !onDisk.has(id))).toEqual([]);
  });

  it('every JSON file under rules/ loads without errors (checked against its real file name)', () => {
    const { errors } = loadRules(ruleFiles, ruleOperations);
    expect(errors.map((e) => `${e.file} ${e.jsonPath}: ${e.message}`)).toEqual([]);
  });

  it('the registry compiles every built-in rule once and finds each by id', () => {
    const rules = allRules();
    expect(rules.map((r) => r.id).sort()).toEqual(builtinRuleFiles.map((r) => r.id).sort());
    for (const rule of rules) expect(getRule(rule.id)).toBe(rule);
  });

  it('rejected: getRule of an unknown id throws a RuleError naming it', () => {
    expect(() => getRule('no/such-rule')).toThrow(/no rule with id "no\/such-rule"/);
  });
});

describe('loadRules', () => {
  const good = JSON.parse(readFileSync(join(fixturesDir, 'pod/is-running.json'), 'utf8')) as unknown;
  const typo = JSON.parse(readFileSync(join(fixturesDir, 'pod/typo.json'), 'utf8')) as unknown;

  it('POD-07: one bad file never stops the others; the good one is compiled and evaluates', () => {
    const { rules, errors } = loadRules([
      { fileName: 'pod/typo.json', content: typo },
      { fileName: 'pod/is-running.json', content: good },
    ], ruleOperations);
    expect(errors.map((e) => [e.file, e.jsonPath])).toEqual([['pod/typo.json', '$.logic.if[0]']]);
    expect(rules.get('pod/is-running')?.evaluate({ pod: { status: { phase: 'Running' } } })).toBe(true);
  });

  it('rejected: a duplicate id is reported against the second file', () => {
    const { rules, errors } = loadRules([
      { fileName: 'pod/is-running.json', content: good },
      { fileName: 'rules/pod/is-running.json', content: good },
    ], ruleOperations);
    expect(rules.size).toBe(1);
    expect(errors[0]?.message).toContain('duplicate rule id "pod/is-running", also in pod/is-running.json');
  });
});

describe('loadRulesDir', () => {
  it('POD-07: loads the good rules of a directory tree and reports the bad ones with file and position', () => {
    const { rules, errors } = loadRulesDir(fixturesDir, ruleOperations);
    expect([...rules.keys()].sort()).toEqual(['pod/all-ready', 'pod/is-running']);
    const syntax = errors.find((e): e is InputError => e instanceof InputError);
    expect(syntax?.located).toBe(`${join(fixturesDir, 'pod/broken.json')}:5:1: invalid JSON: invalid character '}' looking for beginning of object key string`);
    const typo = errors.find((e): e is RuleError => e instanceof RuleError);
    expect([typo?.file, typo?.jsonPath]).toEqual([join(fixturesDir, 'pod/typo.json'), '$.logic.if[0]']);
    expect(errors).toHaveLength(2);
  });

  it('rejected: a directory that does not exist is one InputError', () => {
    const { errors } = loadRulesDir(join(fixturesDir, 'absent'), ruleOperations);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(InputError);
  });
});
