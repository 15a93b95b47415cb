import { strict as assert } from 'node:assert';
import {
  fitToolResults,
  oversizedResults,
  previewChars,
  savedResultPreview,
  turnLimitFor,
} from '../../../../../src/core/context/pipeline/tool-result-budget';
import type { ToolResultBlock } from '../../../../../src/core/messages/message';
import type { SaveResultOutcome, ToolResultStore } from '../../../../../src/core/ports';

const result = (toolUseId: string, chars: number): ToolResultBlock => ({
  type: 'tool_result',
  toolUseId,
  content: Array.from({ length: Math.ceil(chars / 10) }, (_, line) => `line ${String(line).padStart(4)}`)
    .join('\n')
    .slice(0, chars),
  isError: false,
});

/** Saves into memory; refuses the ids it is told to. */
function memoryStore(refuse: string[] = []): ToolResultStore & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    directory: '/sessions/s1/tool-results',
    saved,
    async save({ toolUseId, text }): Promise<SaveResultOutcome> {
      if (refuse.includes(toolUseId)) return { ok: false, message: 'disk full' };
      saved.set(toolUseId, text);
      return { ok: true, path: `/sessions/s1/tool-results/${toolUseId}.txt` };
    },
  };
}

describe('tool-result budget (layer 1)', () => {
  const limits: Record<string, number> = { read: 100_000, bash: 30_000, small: 5_000 };
  const budget = (turnLimit = 200_000) => ({
    limitOf: (id: string) => limits[id.split('-')[0]!] ?? 30_000,
    turnLimit,
  });

  const cases: { name: string; blocks: ToolResultBlock[]; turnLimit?: number; expected: string[] }[] = [
    {
      name: 'results within their limits stay',
      blocks: [result('read-1', 90_000), result('bash-1', 29_000)],
      expected: [],
    },
    {
      name: 'a result over its own tool limit goes',
      blocks: [result('small-1', 6_000), result('read-1', 6_000)],
      expected: ['small-1'],
    },
    {
      name: 'a result over the turn limit goes even within its tool limit',
      blocks: [result('read-1', 60_000)],
      turnLimit: 50_000,
      expected: ['read-1'],
    },
    {
      name: 'parallel results over the turn limit together: the largest go first, until the turn fits',
      blocks: [
        result('read-1', 40_000),
        result('read-2', 70_000),
        result('read-3', 60_000),
        result('read-4', 3_000),
      ],
      turnLimit: 100_000,
      expected: ['read-2', 'read-3'],
    },
  ];
  for (const { name, blocks, turnLimit, expected } of cases) {
    it(name, () => {
      const chosen = oversizedResults(blocks, budget(turnLimit)).map((entry) => entry.toolUseId);
      assert.deepEqual(chosen.sort(), expected.sort());
    });
  }

  it('leaves a result with an image to the image rule', () => {
    const screenshot: ToolResultBlock = {
      type: 'tool_result',
      toolUseId: 'small-1',
      content: [
        { type: 'text', text: 'x'.repeat(10_000) },
        { type: 'image', mediaType: 'image/png', data: 'iVBOR' },
      ],
      isError: false,
    };
    assert.deepEqual(oversizedResults([screenshot], budget()), []);
  });

  it('allows a quarter of the window per turn, at four characters a token, up to 200,000 characters', () => {
    assert.equal(turnLimitFor(24_000), 24_000);
    assert.equal(turnLimitFor(1_000_000), 200_000);
  });

  it('replaces a saved result by its size, the path Read can open, and its first lines', async () => {
    const store = memoryStore();
    const blocks = [result('small-1', 12_345), result('read-1', 100)];
    const fitted = await fitToolResults(blocks, { budget: budget(), store });
    assert.equal(store.saved.get('small-1'), blocks[0]!.content, 'the whole text is saved');
    const preview = String(fitted[0]!.content);
    assert.match(preview, /^\[This result is 12,345 characters \(1,235 lines\), too long for the context\./);
    assert.match(
      preview,
      /All of it is saved in \/sessions\/s1\/tool-results\/small-1\.txt: read it with Read/,
    );
    assert.ok(preview.includes('line    0\nline    1\n'), 'the preview starts with the first lines');
    assert.ok(preview.length < previewChars + 400);
    assert.equal(fitted[1], blocks[1], 'a result within its limit is the same block');
  });

  it('cuts in the middle, saying so, when there is no store or saving fails', async () => {
    const blocks = [result('small-1', 12_000), result('small-2', 12_000)];
    const fitted = await fitToolResults(blocks, { budget: budget(), store: memoryStore(['small-2']) });
    assert.match(String(fitted[0]!.content), /saved in/);
    const cut = String(fitted[1]!.content);
    assert.ok(cut.length <= 5_000);
    assert.match(cut, /\[… [\d,]+ characters \([\d,]+ lines\) cut …\]/);
    const withoutStore = await fitToolResults(blocks, { budget: budget() });
    assert.ok(withoutStore.every((block) => String(block.content).length <= 5_000));
  });

  it('returns the very same array when nothing is over', async () => {
    const blocks = [result('read-1', 1_000)];
    assert.equal(await fitToolResults(blocks, { budget: budget(), store: memoryStore() }), blocks);
  });

  it('keeps a preview on whole lines when it can', () => {
    const text = `${'a'.repeat(1_500)}\n${'b'.repeat(1_000)}`;
    assert.ok(savedResultPreview(text, '/p').endsWith(`${'a'.repeat(1_500)}\n[…]`));
  });
});
