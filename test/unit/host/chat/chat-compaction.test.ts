import { strict as assert } from 'node:assert';
import type { CompactResult } from '../../../../src/core/agent/agent';
import type { LoopEvent } from '../../../../src/core/loop/loop-event';
import type { CompactionRecord } from '../../../../src/core/context/pipeline/context-ledger';
import type { SendOutcome } from '../../../../src/host/chat/chat-session';
import type { UsageLedger } from '../../../../src/core/usage/usage-ledger';
import { testModel } from '../../../support/tool-context';
import { type Turn, chatHarness, gate, postedOf } from './chat-harness';

const record: CompactionRecord = {
  through: 4,
  keepFrom: 4,
  summary: '## Goal\nRename the parser.',
  attachments: [],
  trigger: 'manual',
  contextTokens: 120_000,
};
const compacted = (
  trigger: CompactionRecord['trigger'],
): Extract<LoopEvent, { type: 'context-compact' }> => ({
  type: 'context-compact',
  trigger,
  before: 30,
  after: 2,
  contextTokens: 120_000,
  tokensAfter: 9_000,
  summary: record.summary,
  record: { ...record, trigger },
  cost: {
    model: 'claude-sonnet-4-6',
    usage: { inputTokens: 10, outputTokens: 900, cacheReadTokens: 119_000, cacheCreationTokens: 0 },
  },
});

const noTurn: Turn = async function* () {
  throw new Error('/compact must not reach the model as a prompt');
};

async function turnOf(outcome: Promise<SendOutcome>): Promise<void> {
  const settled = await outcome;
  assert.equal(settled.disposition, 'started', JSON.stringify(settled));
  if (settled.disposition === 'started') await settled.turn;
}

describe('compaction in the panel', () => {
  it('routes /compact to the agent with the instructions, and shows the divider with the summary', async () => {
    const asked: { instructions?: string }[] = [];
    const compact = async (
      request: { instructions?: string },
      usage: UsageLedger,
    ): Promise<CompactResult> => {
      asked.push({ ...(request.instructions === undefined ? {} : { instructions: request.instructions }) });
      const event = compacted('manual');
      // What the agent does with a summary call's cost.
      usage.record(testModel, event.cost!.usage);
      return { ok: true, event };
    };
    const { service, posted, busy } = chatHarness(noTurn, { compact });
    await service.sendAll();
    await turnOf(service.send({ id: 'c-1', text: '/compact keep the API notes', attachments: [] }));
    assert.deepEqual(asked, [{ instructions: 'keep the API notes' }]);
    const chat = service.activeChat?.snapshot;
    assert.deepEqual(
      chat?.entries.map((entry) => entry.kind),
      ['user', 'compaction', 'usage'],
    );
    const divider = chat?.entries[1];
    assert.deepEqual(divider && { ...divider, id: '' }, {
      kind: 'compaction',
      id: '',
      trigger: 'manual',
      summary: '## Goal\nRename the parser.',
      tokensBefore: 120_000,
      tokensAfter: 9_000,
    });
    assert.equal(
      postedOf(posted, 'did-end-turn')?.usage.outputTokens,
      900,
      'the summary call’s cost closes it',
    );
    assert.deepEqual(busy, [false, true, false], 'busy while it compacts');
  });

  it('says why /compact did not compact, and holds what was queued behind it', async () => {
    const wait = gate();
    const compact = async (): Promise<CompactResult> => {
      await wait.wait;
      return { ok: false, reason: 'A PreCompact hook blocked compaction: busy' };
    };
    const { service } = chatHarness(noTurn, { compact });
    const started = service.send({ id: 'c-1', text: '/compact', attachments: [] });
    assert.equal(
      (await service.send({ id: 'm-2', text: 'then this', attachments: [] })).disposition,
      'queued',
    );
    wait.open();
    await turnOf(started);
    const chat = service.activeChat?.snapshot;
    const notice = chat?.entries.find((entry) => entry.kind === 'notice');
    assert.equal(
      notice?.kind === 'notice' && notice.message,
      'Not compacted: A PreCompact hook blocked compaction: busy',
    );
    assert.equal(chat?.queueHold, 'failed', 'the queued message waits for the person');
    assert.equal(chat?.queue.length, 1);
  });

  it('shows an automatic compaction mid-turn as a divider, and drops the context meter to what is left', async () => {
    const { service } = chatHarness(async function* () {
      yield { type: 'turn-start', turn: 1, model: 'claude-sonnet-4-6' };
      yield compacted('auto');
      yield { type: 'text-delta', text: 'Continuing.' };
      return 'completed';
    });
    await turnOf(service.send({ id: 'm-1', text: 'go on', attachments: [] }));
    const chat = service.activeChat?.snapshot;
    assert.deepEqual(
      chat?.entries.map((entry) =>
        entry.kind === 'compaction' ? `compaction:${entry.trigger}` : entry.kind,
      ),
      ['user', 'compaction:auto', 'assistant', 'usage'],
    );
  });

  it('tells the person once the breaker opens, not at each failure before', async () => {
    const fail = (failures: number): LoopEvent => ({
      type: 'compact-fail',
      trigger: 'auto',
      reason: 'The summary call failed: 529 Overloaded',
      failures,
      breakerOpen: failures >= 3,
    });
    const { service } = chatHarness(async function* () {
      yield fail(1);
      yield fail(2);
      yield fail(3);
      return 'completed';
    });
    await turnOf(service.send({ id: 'm-1', text: 'go on', attachments: [] }));
    const notices = service.activeChat?.snapshot.entries.filter((entry) => entry.kind === 'notice') ?? [];
    assert.equal(notices.length, 1);
    assert.match(
      notices[0]?.kind === 'notice' ? notices[0].message : '',
      /^Automatic compaction failed 3 times in a row and is off for this chat \(The summary call failed: 529 Overloaded\)\. Send \/compact/,
    );
  });
});
