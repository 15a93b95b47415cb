import { strict as assert } from 'node:assert';
import { keptTailStart, shouldAutoCompact } from '../../../../../src/core/context/pipeline/auto-compact';
import type { AutoCompactInput } from '../../../../../src/core/context/pipeline/auto-compact';
import {
  collapseMessage,
  compactionMessage,
  emptyLedger,
  truncateLedger,
  withCollapse,
  withCompaction,
} from '../../../../../src/core/context/pipeline/context-ledger';
import type {
  CompactionRecord,
  ContextLedger,
} from '../../../../../src/core/context/pipeline/context-ledger';
import { ClearedResults } from '../../../../../src/core/context/pipeline/microcompact';
import { projectContext } from '../../../../../src/core/context/pipeline/project-context';
import { restoreSession } from '../../../../../src/core/session/restore-session';
import type { TranscriptEntry } from '../../../../../src/core/session/transcript-entry';
import {
  estimate,
  readingSession,
  tokensOfAll,
  toolCallsById,
  viewOf,
} from '../../../../support/conversation';

const history = readingSession(6, 2_000); // 14 messages: prompt, six rounds (1–12), answer (13)
const compaction: CompactionRecord = {
  through: 9,
  keepFrom: 7,
  summary: '## Goal\nRead the files.',
  attachments: ['<system-reminder>todo</system-reminder>'],
  trigger: 'auto',
  contextTokens: 5_000,
};
const project = (ledger: ContextLedger, sendFrom = 0, cleared: ReadonlySet<string> = new Set()) =>
  projectContext(
    history,
    { ledger, sendFrom, cleared },
    { results: new ClearedResults(), calls: toolCallsById(history) },
  );

describe('context ledger and projection', () => {
  it('sends the summary, the turns it keeps, then what followed; the history is untouched', () => {
    const before = JSON.stringify(history);
    const view = project(withCompaction(emptyLedger, compaction));
    assert.deepEqual(view.origins, [-1, 7, 8, 9, 10, 11, 12, 13]);
    assert.equal(view.messages[0], compactionMessage(compaction), 'one message object per record');
    assert.match(JSON.stringify(view.messages[0]), /<summary>\\n## Goal/);
    assert.match(JSON.stringify(view.messages[0]), /todo/);
    assert.equal(JSON.stringify(history), before);
  });

  it('leaves out the covered turns snip dropped', () => {
    assert.deepEqual(project(withCompaction(emptyLedger, compaction), 9).origins, [-1, 9, 10, 11, 12, 13]);
  });

  it('sends a collapsed span as its summary, read-time only', () => {
    const ledger = withCollapse(emptyLedger, { from: 1, to: 5, summary: 'Read two files.' });
    const view = project(ledger);
    assert.deepEqual(view.origins, [0, -1, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    assert.equal(view.messages[1], collapseMessage(ledger.collapses[0]!));
    assert.match(JSON.stringify(view.messages[1]), /4 earlier messages .* collapsed/);
  });

  it('stubs the cleared results in every request the same way', () => {
    const view = project(emptyLedger, 0, new Set(['t0']));
    assert.match(JSON.stringify(view.messages[2]), /Old Read result \(\/w\/file-0.ts\) cleared/);
    assert.equal(view.messages[1], history[1], 'the call stays as it was');
  });

  it('drops collapses a compaction covers, and refuses overlapping ones', () => {
    const collapsed = withCollapse(emptyLedger, { from: 1, to: 5, summary: 'old' });
    assert.deepEqual(withCompaction(collapsed, compaction).collapses, []);
    assert.equal(withCollapse(collapsed, { from: 3, to: 7, summary: 'overlap' }), collapsed);
  });

  it('forgets what reaches past a rewind', () => {
    const ledger = withCollapse(withCompaction(emptyLedger, compaction), {
      from: 9,
      to: 13,
      summary: 'late',
    });
    assert.deepEqual(truncateLedger(ledger, 12), { compaction, collapses: [] });
    assert.deepEqual(truncateLedger(ledger, 8), emptyLedger);
  });

  it('replays compactions and collapses from the transcript where they were written', () => {
    const entries: TranscriptEntry[] = [
      ...history.slice(0, 9).map((message) => ({ type: 'message' as const, message, timestamp: 1 })),
      {
        type: 'compaction',
        kept: 2,
        summary: compaction.summary,
        attachments: [...compaction.attachments],
        trigger: 'auto',
        contextTokens: 5_000,
        timestamp: 2,
      },
      ...history.slice(9).map((message) => ({ type: 'message' as const, message, timestamp: 3 })),
      { type: 'collapse', from: 9, to: 11, summary: 'late', timestamp: 4 },
      { type: 'collapse', from: 0, to: 40, summary: 'does not fit', timestamp: 5 },
    ];
    const restored = restoreSession(entries.map((entry) => JSON.stringify(entry)));
    assert.equal(restored.messages.length, 14, 'the transcript keeps every message');
    assert.deepEqual(restored.context.compaction, compaction);
    assert.deepEqual(restored.context.collapses, [{ from: 9, to: 11, summary: 'late' }]);
    assert.equal(restored.skippedLines, 0);
  });
});

describe('auto-compaction decision (layer 5)', () => {
  const base: AutoCompactInput = {
    tokens: 1_001,
    threshold: 1_000,
    failures: 0,
    afterCompaction: false,
    enabled: true,
  };
  const cases: { name: string; input: Partial<AutoCompactInput>; expected: boolean }[] = [
    { name: 'compacts past the threshold', input: {}, expected: true },
    { name: 'not at the threshold', input: { tokens: 1_000 }, expected: false },
    { name: 'not when the breaker is open (three failures)', input: { failures: 3 }, expected: false },
    { name: 'still after two failures', input: { failures: 2 }, expected: true },
    { name: 'not right after a compaction of this turn', input: { afterCompaction: true }, expected: false },
    { name: 'not when turned off', input: { enabled: false }, expected: false },
  ];
  for (const { name, input, expected } of cases)
    it(name, () => assert.equal(shouldAutoCompact({ ...base, ...input }), expected));

  it('keeps the newest whole turns within the budget, never a result without its call', () => {
    const view = viewOf(history);
    const twoRounds = tokensOfAll(history.slice(9));
    assert.equal(keptTailStart(view, { keepTokens: twoRounds, estimate }), 9);
    assert.equal(keptTailStart(view, { keepTokens: twoRounds - 1, estimate }), 11);
    assert.equal(keptTailStart(view, { keepTokens: 0, estimate }), 14, 'nothing kept');
  });
});
