import { strict as assert } from 'node:assert';
import type { UserBlock } from '../../../../src/core/messages/message';
import type { HunkReport } from '../../../../src/core/review/hunk-report';
import type { ProposedWrite, WriteOutcome } from '../../../../src/core/tools/file-writer';
import type {
  DecisionResult,
  HunkTarget,
  InlineProposal,
} from '../../../../src/host/review/inline/inline-review';
import type {
  InlineOutcome,
  InlineProposalRequest,
} from '../../../../src/host/review/inline/tracked-document';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import { type Turn, chatHarness, gate, postedOf, textOf, waitFor } from './chat-harness';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const edit = (toolUseId: string): ProposedWrite => ({
  toolUseId,
  path: '/work/a.ts',
  before: 'a\nb\nc\n',
  after: 'A\nb\nC\n',
  diff: '@@ -1,3 +1,3 @@\n-a\n+A\n b\n-c\n+C',
  encode,
});

function report(statuses: ('accepted' | 'rejected' | 'unreviewed')[]): HunkReport {
  return {
    otherEdits: false,
    hunks: statuses.map((status, position) => ({
      index: position + 1,
      status,
      proposedStart: position * 2,
      removed: [position === 0 ? 'a' : 'c'],
      added: [position === 0 ? 'A' : 'C'],
      ...(status === 'accepted' ? { fileStart: position * 2 } : {}),
    })),
  };
}

/** The editor's review, scripted: the test decides hunks and settles proposals as a person would there. */
class FakeInlineReview {
  readonly opened: {
    request: InlineProposalRequest;
    calls: string[];
    finish(outcome: InlineOutcome): void;
  }[] = [];
  readonly revealed: HunkTarget[] = [];
  #listeners: (() => void)[] = [];
  #counts = new Map<string, { accepted: number; rejected: number }>();

  readonly onDidChange = (listener: () => void) => {
    this.#listeners.push(listener);
    return { dispose: () => (this.#listeners = this.#listeners.filter((other) => other !== listener)) };
  };

  async open(request: InlineProposalRequest): Promise<InlineProposal> {
    let finish: (outcome: InlineOutcome) => void = () => {};
    const settled = new Promise<InlineOutcome>((resolve) => (finish = resolve));
    const calls: string[] = [];
    this.opened.push({ request, calls, finish });
    this.#counts.set(request.id, { accepted: 0, rejected: 0 });
    const counts = () => ({ total: 2, ...(this.#counts.get(request.id) ?? { accepted: 0, rejected: 0 }) });
    const done: DecisionResult = { ok: true };
    return {
      id: request.id,
      uri: { toString: () => `file://${request.path}` } as InlineProposal['uri'],
      settled,
      get decided() {
        const { accepted, rejected } = counts();
        return accepted + rejected > 0;
      },
      counts,
      firstPending: () => ({ uri: `file://${request.path}`, proposalId: request.id, index: 2 }),
      acceptRemaining: async () => {
        calls.push('accept-remaining');
        finish({ written: true, content: 'A\nb\nC\n', report: report(['accepted', 'accepted']) });
        return done;
      },
      rejectRemaining: async (reason) => {
        calls.push(`reject-remaining${reason ? `: ${reason}` : ''}`);
        finish({ written: true, content: 'A\nb\nc\n', report: report(['accepted', 'rejected']) });
        return done;
      },
      dispose: () => calls.push('dispose'),
    };
  }

  async reveal(target: HunkTarget): Promise<boolean> {
    this.revealed.push(target);
    return true;
  }

  /** The person decides hunks in the editor. */
  decide(requestId: string, accepted: number, rejected: number): void {
    this.#counts.set(requestId, { accepted, rejected });
    for (const listener of this.#listeners) listener();
  }
}

/** A turn that proposes edits and records what became of them. */
function proposing(outcomes: WriteOutcome[], ids: string[], release?: Promise<void>): Turn {
  return async function* (_prompt, signal, request) {
    await Promise.all(ids.map(async (id) => outcomes.push(await request.writer.propose(edit(id), signal))));
    await release;
    return 'completed';
  };
}

function posts<T extends HostToWebviewMessage['type']>(posted: HostToWebviewMessage[], type: T) {
  return posted.filter(
    (message): message is Extract<HostToWebviewMessage, { type: T }> => message.type === type,
  );
}

describe('the panel card and the editor review one proposal', () => {
  it('shows the editor’s hunk counts on the card, and the hunks that landed settle it', async () => {
    const inline = new FakeInlineReview();
    const outcomes: WriteOutcome[] = [];
    const host = chatHarness(proposing(outcomes, ['toolu_1']), { inline });
    await host.service.sendAll();
    await host.service.send({ id: 'm1', text: 'Edit a.ts', attachments: [] });
    const proposal = await waitFor(() => inline.opened[0]);
    assert.deepEqual(
      posts(host.posted, 'did-review-edit-hunks').map((message) => message.hunks),
      [{ total: 2, accepted: 0, rejected: 0 }],
    );
    inline.decide(proposal.request.id, 1, 0);
    inline.decide(proposal.request.id, 1, 0);
    inline.decide(proposal.request.id, 1, 1);
    proposal.finish({ written: true, content: 'A\nb\nc\n', report: report(['accepted', 'rejected']) });
    const resolved = await waitFor(() => postedOf(host.posted, 'did-resolve-edit'));
    assert.deepEqual(
      posts(host.posted, 'did-review-edit-hunks').map((message) => message.hunks),
      [
        { total: 2, accepted: 0, rejected: 0 },
        { total: 2, accepted: 1, rejected: 0 },
        { total: 2, accepted: 1, rejected: 1 },
      ],
      'one update per decision, not per change of the file',
    );
    assert.equal(resolved.status, 'written');
    assert.equal(resolved.detail, '1 of 2 changes accepted in the editor; the rest were not written.');
    const [outcome] = await waitFor(() => (outcomes.length > 0 ? outcomes : undefined));
    assert.equal(outcome?.kind, 'written');
    assert.deepEqual(outcome?.kind === 'written' ? outcome.hunks?.hunks.map((hunk) => hunk.status) : [], [
      'accepted',
      'rejected',
    ]);
    assert.equal(
      host.service.activeChat?.snapshot.entries.find((entry) => entry.kind === 'edit')?.kind,
      'edit',
    );
  });

  it('a panel answer after hunks were decided in the editor covers the rest there', async () => {
    const inline = new FakeInlineReview();
    const outcomes: WriteOutcome[] = [];
    const host = chatHarness(proposing(outcomes, ['toolu_1']), { inline });
    await host.service.sendAll();
    await host.service.send({ id: 'm1', text: 'Edit a.ts', attachments: [] });
    const proposal = await waitFor(() => inline.opened[0]);
    inline.decide(proposal.request.id, 1, 0);
    const chatId = host.service.activeChatId ?? '';
    assert.ok(
      host.service
        .session(chatId)
        ?.answerEdit({ requestId: proposal.request.id, answer: 'reject', reason: 'no' }),
    );
    await waitFor(() => postedOf(host.posted, 'did-resolve-edit'));
    assert.deepEqual(proposal.calls, ['reject-remaining: no', 'dispose']);
    assert.equal(outcomes[0]?.kind, 'written', 'the hunk accepted in the editor stays written');
  });

  it('a panel Accept before anything was decided in the editor writes the whole proposal, as before', async () => {
    const inline = new FakeInlineReview();
    const outcomes: WriteOutcome[] = [];
    const host = chatHarness(proposing(outcomes, ['toolu_1']), { inline });
    await host.service.sendAll();
    await host.service.send({ id: 'm1', text: 'Edit a.ts', attachments: [] });
    const proposal = await waitFor(() => inline.opened[0]);
    const chatId = host.service.activeChatId ?? '';
    host.service.session(chatId)?.answerEdit({ requestId: proposal.request.id, answer: 'accept' });
    const resolved = await waitFor(() => postedOf(host.posted, 'did-resolve-edit'));
    assert.equal(resolved.status, 'written');
    assert.deepEqual(proposal.calls, ['dispose'], 'the editor preview goes away');
    assert.deepEqual(outcomes, [{ kind: 'written', content: 'A\nb\nC\n', modifiedByUser: false }]);
  });

  it('Accept all answers every edit waiting in the chat; Review in editor reveals the first waiting hunk', async () => {
    const inline = new FakeInlineReview();
    const outcomes: WriteOutcome[] = [];
    const host = chatHarness(proposing(outcomes, ['toolu_1', 'toolu_2']), { inline });
    await host.service.sendAll();
    await host.service.send({ id: 'm1', text: 'Edit a.ts twice', attachments: [] });
    await waitFor(() => (inline.opened.length === 2 ? true : undefined));
    const session = host.service.activeChat;
    assert.equal(await session?.reviewInEditor(inline.opened[1]?.request.id ?? ''), true);
    assert.deepEqual(
      inline.revealed.map((target) => target.index),
      [2],
    );
    assert.equal(session?.answerAllEdits('accept'), 2);
    await waitFor(() => (outcomes.length === 2 ? true : undefined));
    assert.deepEqual(
      outcomes.map((outcome) => outcome.kind),
      ['written', 'written'],
    );
  });
});

describe('a task started from the editor', () => {
  const context = {
    title: 'The problem and the code around, from a.ts',
    text: 'Problems (1):\n- error 2322',
  };

  it('shows the person’s short prompt with the context folded, and sends the context as a reminder', async () => {
    const prompts: (string | UserBlock[])[] = [];
    const host = chatHarness(async function* (prompt) {
      prompts.push(prompt);
      return 'completed';
    });
    await host.service.sendAll();
    const first = host.service.activeChatId;
    const outcome = await host.service.startEditorTask(
      {
        message: { id: 'fix-1', text: 'Fix: Type error', attachments: [], context: [context] },
        targets: new Map(),
      },
      'new',
    );
    assert.equal(outcome.disposition, 'started');
    assert.notEqual(host.service.activeChatId, first, 'a new chat');
    const user = host.service.activeChat?.snapshot.entries.find((entry) => entry.kind === 'user');
    assert.deepEqual(user, {
      kind: 'user',
      id: 'fix-1',
      text: 'Fix: Type error',
      attachments: [],
      context: [context],
    });
    await waitFor(() => prompts[0]);
    assert.equal(
      textOf(prompts[0] ?? ''),
      'Fix: Type error\n<system-reminder>\nProblems (1):\n- error 2322\n</system-reminder>',
    );
  });

  it('goes to the shown chat when it is idle and the setting says current; a busy chat gets a new one', async () => {
    const release = gate();
    const host = chatHarness(async function* (prompt) {
      if (textOf(prompt).startsWith('long')) await release.wait;
      return 'completed';
    });
    await host.service.sendAll();
    const shown = host.service.activeChatId;
    const task = (id: string) => ({
      message: { id, text: 'Fix: x', attachments: [], context: [context] },
      targets: undefined,
    });
    await host.service.startEditorTask(task('fix-1'), 'current');
    assert.equal(host.service.activeChatId, shown);
    await waitFor(() => (host.service.activeChat?.busy === false ? true : undefined));
    await host.service.send({ id: 'm2', text: 'long task', attachments: [] });
    await host.service.startEditorTask(task('fix-2'), 'current');
    assert.notEqual(host.service.activeChatId, shown, 'the busy chat is left alone');
    release.open();
  });

  it('reports the editor’s verdict after an accepted write of a fix as a row of the chat', async () => {
    const host = chatHarness(
      async function* (_prompt, signal, request) {
        await request.writer.propose(edit('toolu_fix'), signal);
        return 'completed';
      },
      {
        wrapWriter: (writer, chat) => ({
          propose: async (proposed, signal) => {
            const outcome = await writer.propose(proposed, signal);
            const targets = chat.fixTargets();
            const [target] = targets?.get('file:///work/a.ts') ?? [];
            chat.didCheckDiagnostics({
              toolUseId: proposed.toolUseId,
              path: 'a.ts',
              outcome: { fixed: target ? [target] : [], stillFailing: [], newProblems: [], settled: true },
            });
            return outcome;
          },
        }),
      },
    );
    await host.service.sendAll();
    const diagnostic = {
      message: "Type 'string' is not assignable to type 'number'.",
      severity: 'error' as const,
      source: 'ts',
      code: 2322,
      range: { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 1 },
    };
    await host.service.startEditorTask(
      {
        message: { id: 'fix-1', text: 'Fix: Type error', attachments: [], context: [context] },
        targets: new Map([['file:///work/a.ts', [diagnostic]]]),
      },
      'new',
    );
    const proposal = await waitFor(() => postedOf(host.posted, 'did-propose-edit'));
    host.service.activeChat?.answerEdit({ requestId: proposal.requestId, answer: 'accept' });
    await waitFor(() => postedOf(host.posted, 'did-check-diagnostics'));
    const row = host.service.activeChat?.snapshot.entries.find((entry) => entry.kind === 'diagnostics');
    assert.deepEqual(row && { ...row, id: 'x' }, {
      kind: 'diagnostics',
      id: 'x',
      path: 'a.ts',
      fixed: ["error 2322 (ts) at line 1, column 1: Type 'string' is not assignable to type 'number'."],
      stillFailing: [],
      newProblems: [],
      settled: true,
    });
  });
});
