import { strict as assert } from 'node:assert';
import { allBuiltinTools } from '../../../../src/core/tools/builtin-tools';
import { toolDefinitions } from '../../../../src/core/tools/tool-definitions';
import { valueAt } from '../../../support/value-at';

describe('toolDefinitions', () => {
  const definitions = toolDefinitions(allBuiltinTools);
  const read = definitions.find((definition) => definition.name === 'Read');

  it("sends no integer bound the model cannot use (zod's ±2^53 − 1)", () => {
    assert.doesNotMatch(JSON.stringify(definitions), /9007199254740991/);
  });

  it('keeps the bounds that mean something', () => {
    assert.equal(valueAt(read?.inputSchema, 'properties', 'offset', 'minimum'), 1);
    const bash = definitions.find((definition) => definition.name === 'Bash');
    assert.equal(valueAt(bash?.inputSchema, 'properties', 'timeout', 'maximum'), 600_000);
  });
});
