// Every example row of rules/network/datapath/*.json, checked against its input shape and evaluated, until
// the lead registers these rules among the built-ins (then test/rules/examples.test.ts covers them too).
import { describe, expect, it } from 'vitest';
import { networkDatapathRuleFiles } from '../../../rules/network/datapath/index.ts';
import { loadRules } from '../../../src/rules/load.ts';
import { customOperations } from '../../../src/rules/ops/index.ts';
import '../../../src/rules/shapes-network-datapath.ts';
import { conformance, getShape } from '../../../src/rules/shapes.ts';

describe('rules/network/datapath', () => {
  const { rules, errors } = loadRules(networkDatapathRuleFiles.map((content) => ({ fileName: `rules/${content.id}.json`, content })), customOperations);
  it('NET-L2-04, NET-FLANNEL-11, NET-CALICO-10: every rule file passes the load-time check', () => {
    expect(errors.map((e) => `${e.file}: ${e.message}`)).toEqual([]);
  });
  for (const file of networkDatapathRuleFiles) {
    for (const [name, data, expected] of file.examples) {
      it(`${file.id}: ${name} (${file.behaviours.join(', ')})`, () => {
        const shape = getShape(file.input);
        expect(shape).toBeDefined();
        if (shape) expect(conformance(shape, data)).toEqual([]);
        expect(rules.get(file.id)?.evaluate(data)).toEqual(expected);
      });
    }
  }
});
