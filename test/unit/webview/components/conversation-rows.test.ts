import { strict as assert } from 'node:assert';
import type { ConversationEntry } from '../../../../src/protocol/conversation-entry';
import {
  createRowCache,
  segmentTarget,
  segmentThreshold,
  toConversationRows,
} from '../../../../webview-ui/src/components/conversation-rows';

const paragraph = `${'word '.repeat(100).trim()}\n\n`;
const answer = (text: string): ConversationEntry => ({ kind: 'assistant', id: 'a1', text });

describe('toConversationRows', () => {
  it('keeps short answers and other entries as one row each', () => {
    const entries: ConversationEntry[] = [
      { kind: 'user', id: 'u1', text: 'hi', attachments: [] },
      answer('short'),
    ];
    const rows = toConversationRows(entries, createRowCache());
    assert.deepEqual(
      rows.map((row) => row.key),
      ['user:u1', 'assistant:a1'],
    );
  });

  it('cuts a long answer into segments at block boundaries that join back to the answer', () => {
    const text = paragraph.repeat(Math.ceil((segmentThreshold * 3) / paragraph.length));
    const rows = toConversationRows([answer(text)], createRowCache());
    assert.ok(rows.length >= 5, `${rows.length} rows`);
    assert.equal(rows.map((row) => row.segment?.text ?? '').join(''), text);
    for (const row of rows.slice(0, -1)) assert.ok((row.segment?.text.length ?? 0) >= segmentTarget);
    assert.deepEqual(
      rows.map((row) => [row.segment?.first, row.segment?.last]),
      rows.map((_, index) => [index === 0, index === rows.length - 1]),
    );
  });

  it('reuses unchanged rows while the answer streams, so only the last segment re-renders', () => {
    const cache = createRowCache();
    const long = `${paragraph.repeat(Math.ceil((segmentThreshold * 2) / paragraph.length))}tail`;
    const user: ConversationEntry = { kind: 'user', id: 'u1', text: 'go', attachments: [] };
    const before = toConversationRows([user, answer(long)], cache);
    const after = toConversationRows([user, answer(`${long} more`)], cache);
    assert.equal(after.length, before.length);
    for (let index = 0; index < after.length - 1; index += 1) assert.equal(after[index], before[index]);
    assert.notEqual(after.at(-1), before.at(-1));
    assert.ok(after.at(-1)?.segment?.text.endsWith('more'));
  });
});
