import { strict as assert } from 'node:assert';
import { parseModelSpec } from '../../../../src/node/agent/model-roles';

describe('parseModelSpec (model roles across providers)', () => {
  const cases: [string, ReturnType<typeof parseModelSpec>][] = [
    ['openai:gpt-5-mini', { provider: 'openai', model: 'gpt-5-mini' }],
    ['anthropic:claude-haiku-4-5', { provider: 'anthropic', model: 'claude-haiku-4-5' }],
    ['claude-haiku-4-5', { provider: 'anthropic', model: 'claude-haiku-4-5' }],
    ['llama3:8b', { provider: 'anthropic', model: 'llama3:8b' }],
    ['  openai:o4-mini ', { provider: 'openai', model: 'o4-mini' }],
  ];
  for (const [spec, expected] of cases) {
    it(`reads "${spec}" as ${expected.provider} / ${expected.model}`, () => {
      assert.deepEqual(parseModelSpec(spec, 'anthropic'), expected);
    });
  }
});
