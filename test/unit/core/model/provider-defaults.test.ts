import { strict as assert } from 'node:assert';
import { describeModel } from '../../../../src/core/model/model-catalog';
import { providerDefaults, resolveModelId } from '../../../../src/core/model/provider-defaults';

describe('the model a session runs (one default-model table)', () => {
  const env = { ANTHROPIC_MODEL: 'claude-opus-4-5', OPENAI_MODEL: 'gpt-5-mini' };
  const table: [string, Parameters<typeof resolveModelId>[0], string][] = [
    [
      'the flag first',
      { provider: 'anthropic', requested: 'claude-haiku-4-5', settings: 'x', env },
      'claude-haiku-4-5',
    ],
    [
      'then the settings files',
      { provider: 'anthropic', settings: 'claude-sonnet-4-5', env },
      'claude-sonnet-4-5',
    ],
    ["then the provider's variable", { provider: 'openai', env }, 'gpt-5-mini'],
    ['an empty flag counts as unset', { provider: 'anthropic', requested: ' ', env }, 'claude-opus-4-5'],
    ['else the default of Anthropic', { provider: 'anthropic', env: {} }, 'claude-sonnet-4-6'],
    ['else the default of OpenAI', { provider: 'openai', env: {} }, 'gpt-5'],
  ];
  for (const [name, choice, model] of table) {
    it(`takes ${name}: ${model}`, () => {
      assert.equal(resolveModelId(choice), model);
    });
  }

  it('defaults to models the catalog knows and prices', () => {
    for (const [provider, defaults] of Object.entries(providerDefaults)) {
      assert.ok(
        describeModel(defaults.model, { provider }).pricing,
        `${defaults.model} is not in the catalog`,
      );
    }
  });
});
