import { strict as assert } from 'node:assert';
import { describeModel } from '../../../../src/core/model/model-catalog';
import {
  anthropicImageTokens,
  countImageTokens,
  openaiPatchTokens,
  openaiTileTokens,
} from '../../../../src/core/model/image-tokens';

describe('image tokens as the providers count them', () => {
  const table: [string, Parameters<typeof countImageTokens>[0], number, number, number][] = [
    // Anthropic: width × height / 750, after scaling to a 1568 long edge and about 1,600 tokens.
    ['Anthropic, a 420×420 screenshot', anthropicImageTokens, 420, 420, 236],
    ['Anthropic, 1000×1000', anthropicImageTokens, 1000, 1000, 1334],
    ['Anthropic, 1500×1500 (scaled to about 1,600 tokens)', anthropicImageTokens, 1500, 1500, 1600],
    ['Anthropic, 4000×200 (long edge scaled to 1568)', anthropicImageTokens, 4000, 200, 164],
    // OpenAI tiles: fit 2048, short side to 768, 512-pixel tiles.
    ['GPT-4o, 1024×1024 → 768×768, 4 tiles', openaiTileTokens(85, 170), 1024, 1024, 765],
    ['GPT-4o, 2048×4096 → 768×1536, 6 tiles', openaiTileTokens(85, 170), 2048, 4096, 1105],
    ['GPT-5, 420×420, 1 tile', openaiTileTokens(70, 140), 420, 420, 210],
    // OpenAI patches: 32-pixel patches, at most 1,536, times the multiplier.
    ['GPT-5 mini, 1024×1024 (1,024 patches)', openaiPatchTokens(1.62), 1024, 1024, 1659],
    ['GPT-5 mini, 1800×2400 (scaled to 33×44 = 1,452 patches)', openaiPatchTokens(1.62), 1800, 2400, 2353],
  ];
  for (const [name, rule, width, height, tokens] of table) {
    it(`${name}: ${tokens}`, () => {
      assert.equal(countImageTokens(rule, { width, height }), tokens);
    });
  }

  it('counts an image of unknown size as the most the rule allows', () => {
    assert.equal(countImageTokens(anthropicImageTokens, undefined), 1600);
    assert.equal(countImageTokens(openaiTileTokens(85, 170), undefined), 85 + 8 * 170);
    assert.equal(countImageTokens(openaiPatchTokens(1.62), undefined), Math.ceil(1536 * 1.62));
  });

  it('takes the rule from the model description, not from the loop', () => {
    assert.deepEqual(
      describeModel('claude-sonnet-4-6', { provider: 'anthropic' }).imageTokens,
      anthropicImageTokens,
    );
    assert.deepEqual(describeModel('gpt-5', { provider: 'openai' }).imageTokens, openaiTileTokens(70, 140));
    assert.deepEqual(
      describeModel('gpt-5-mini', { provider: 'openai' }).imageTokens,
      openaiPatchTokens(1.62),
    );
  });
});
