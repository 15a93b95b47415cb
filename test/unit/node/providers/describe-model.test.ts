import { strict as assert } from 'node:assert';
import { AnthropicClient } from '../../../../src/node/providers/anthropic-client';
import { OpenaiClient } from '../../../../src/node/providers/openai-client';

describe('describe(modelId)', () => {
  const anthropic = new AnthropicClient({ env: {} });
  const openai = new OpenaiClient({ env: {} });

  const table: {
    id: string;
    window: number;
    output: number;
    editTool: 'edit' | 'apply_patch';
    input?: number;
  }[] = [
    { id: 'claude-opus-4-1-20250805', window: 200_000, output: 32_000, editTool: 'edit', input: 15 },
    { id: 'claude-opus-4-5', window: 200_000, output: 64_000, editTool: 'edit', input: 5 },
    { id: 'claude-sonnet-4-6', window: 200_000, output: 64_000, editTool: 'edit', input: 3 },
    { id: 'claude-haiku-4-5-20251001', window: 200_000, output: 64_000, editTool: 'edit', input: 1 },
    { id: 'claude-3-5-haiku-latest', window: 200_000, output: 8_192, editTool: 'edit', input: 0.8 },
    { id: 'anthropic/claude-sonnet-4', window: 200_000, output: 64_000, editTool: 'edit', input: 3 },
    { id: 'gpt-5', window: 400_000, output: 128_000, editTool: 'apply_patch', input: 1.25 },
    { id: 'gpt-5-mini', window: 400_000, output: 128_000, editTool: 'apply_patch', input: 0.25 },
    { id: 'gpt-4.1', window: 1_047_576, output: 32_768, editTool: 'apply_patch', input: 2 },
    { id: 'gpt-4o-mini', window: 128_000, output: 16_384, editTool: 'apply_patch', input: 0.15 },
    { id: 'o3', window: 200_000, output: 100_000, editTool: 'apply_patch', input: 2 },
    { id: 'o4-mini-2025-04-16', window: 200_000, output: 100_000, editTool: 'apply_patch', input: 1.1 },
    { id: 'claude-fable-9', window: 200_000, output: 32_000, editTool: 'edit' },
    { id: 'qwen2.5-coder:32b', window: 128_000, output: 8_192, editTool: 'edit' },
  ];
  for (const { id, window, output, editTool, input } of table) {
    it(`knows ${id}: ${window} window, ${output} output, ${editTool}${input === undefined ? ', no price' : ''}`, () => {
      const info = id.startsWith('gpt') || /^o\d/.test(id) ? openai.describe(id) : anthropic.describe(id);
      assert.equal(info.id, id);
      assert.equal(info.contextWindow, window);
      assert.equal(info.maxOutputTokens, output);
      assert.equal(info.editTool, editTool);
      assert.equal(info.pricing?.input, input);
    });
  }

  it('gives an unknown local model no images and no price', () => {
    const info = openai.describe('llama3.1:8b');
    assert.equal(info.provider, 'openai');
    assert.equal(info.supportsImages, false);
    assert.equal(info.pricing, undefined);
  });

  it('lets a person declare a local model window, output limit and edit tool', () => {
    const local = new OpenaiClient({
      env: {},
      models: { 'qwen3-coder': { contextWindow: 262_144, maxOutputTokens: 32_768, editTool: 'apply_patch' } },
    });
    const info = local.describe('qwen3-coder');
    assert.deepEqual(
      [info.contextWindow, info.maxOutputTokens, info.editTool],
      [262_144, 32_768, 'apply_patch'],
    );
    assert.equal(local.describe('other-model').contextWindow, 128_000);
  });

  it('prices cache reads at a tenth and cache writes at 1.25x the input price for Claude', () => {
    assert.deepEqual(anthropic.describe('claude-sonnet-4-6').pricing, {
      input: 3,
      output: 15,
      cacheRead: 0.3,
      cacheWrite: 3.75,
    });
  });
});
