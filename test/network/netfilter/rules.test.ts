// The netfilter rule files (rules/network/netfilter/*.json) checked like every built-in rule: each example
// row fits the input shape and evaluates to the expected value. Runs here until the lead wires
// netfilterRuleFiles into rules/index.ts, after which test/rules/examples.test.ts covers them too.
import { describe, expect, it } from 'vitest';
import { netfilterRuleFiles } from '../../../rules/network/netfilter/index.ts';
import { loadRules } from '../../../src/rules/load.ts';
import { customOperations } from '../../../src/rules/ops/index.ts';
import '../../../src/rules/shapes-network-netfilter.ts';
import { conformance, getShape } from '../../../src/rules/shapes.ts';

describe('rules/network/netfilter', () => {
  const { rules, errors } = loadRules(
    netfilterRuleFiles.map((content) => ({ fileName: `rules/${content.id}.json`, content })),
    customOperations,
  );

  it('NET-IPT-01, NET-NAT-01: every netfilter rule file passes the rule checker', () => {
    expect(errors.map((e) => `${e.file}: ${e.message}`)).toEqual([]);
    expect(rules.size).toBe(netfilterRuleFiles.length);
  });

  for (const file of netfilterRuleFiles) {
    for (const [name, data, expected] of file.examples) {
      it(`${file.id}: ${name} (${file.behaviours.join(', ')})`, () => {
        const shape = getShape(file.input);
        expect(shape, `input shape "${file.input}" is not defined`).toBeDefined();
        if (shape) expect(conformance(shape, data)).toEqual([]);
        expect(rules.get(file.id)?.evaluate(data)).toEqual(expected);
      });
    }
  }
});
