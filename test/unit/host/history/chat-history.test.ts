import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoopEvent, TerminalReason } from '../../../../src/core/loop/loop-event';
import { userText } from '../../../../src/core/messages/message';
import { silentLogger } from '../../../../src/core/ports';
import { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';
import { ChatService } from '../../../../src/host/chat/chat-service';
import { ChatHistory } from '../../../../src/host/history/chat-history';

describe('ChatHistory (the history behind the editor commands)', () => {
  let directory: string;
  let store: JsonlTranscriptStore;
  let chats: ChatService;
  let history: ChatHistory;
  let removed: string[];
  let release: (() => void) | undefined;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'tandem-history-'));
    store = new JsonlTranscriptStore(directory, silentLogger);
    removed = [];
    chats = new ChatService({
      createAgent: async (request) => ({
        ok: true,
        sessionId: request.resume ?? request.sessionId,
        agent: {
          submit: async function* (): AsyncGenerator<LoopEvent, TerminalReason> {
            await new Promise<void>((resolve) => (release = resolve));
            return 'completed';
          },
        },
        dispose: async () => {},
      }),
      createWriter: () => ({ propose: async () => ({ kind: 'rejected', reason: '' }) }),
      preview: { open: () => ({ show: async () => {}, text: () => undefined, dispose: () => {} }) },
      sessions: store,
      logger: silentLogger,
      post: () => {},
      isTrusted: () => true,
      workspaceRoot: () => '/work',
      languageOf: () => 'typescript',
      mode: () => 'default',
      model: () => 'claude-sonnet-4-6',
      models: async () => [],
      activeChat: { get: () => undefined, set: () => {} },
    });
    // As TandemHost wires it.
    store.onDidChangeTitle((change) => chats.retitle(change.sessionId, change.title));
    history = new ChatHistory({
      store,
      chats,
      removeFile: async (path) => {
        removed.push(path);
        unlinkSync(path);
      },
    });
    const save = (id: string, prompt: string, answer: string) => {
      const sink = store.sink(id);
      sink.append({ type: 'message', message: userText(prompt), timestamp: 1 });
      sink.append({
        type: 'message',
        message: { role: 'assistant', content: [{ type: 'text', text: answer }] },
        timestamp: 2,
      });
    };
    save('login', 'Fix the login bug', 'The session cookie expired after a minute.');
    save('theme', 'Add dark mode', 'Added a toggle in settings.');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const titles = () =>
    history
      .list()
      .map((chat) => chat.title)
      .sort();

  it('finds chats by title and by what was said, with the words around a match', async () => {
    assert.deepEqual(
      (await history.search('dark')).map((match) => [match.chat.id, match.snippet]),
      [['theme', undefined]],
    );
    const [match] = await history.search('cookie');
    assert.equal(match?.chat.id, 'login');
    assert.match(match?.snippet ?? '', /session cookie expired/);
  });

  it('renames a chat, open or not, and the list shows the new title', () => {
    assert.equal(chats.openChat('login'), true);
    assert.deepEqual(history.rename('login', 'Cookie lifetime'), { ok: true });
    assert.deepEqual(titles(), ['Add dark mode', 'Cookie lifetime']);
    assert.equal(chats.session('login')?.title, 'Cookie lifetime');
    assert.equal(history.rename('login', '  ').ok, false);
  });

  it('deletes a chat through the trash, but not while it runs', async () => {
    chats.openChat('login');
    const running = chats.send('one more thing', 'login');
    await new Promise((resolve) => setImmediate(resolve));
    const refused = await history.delete('login');
    assert.equal(refused.ok, false);
    release?.();
    await running;
    assert.deepEqual(await history.delete('login'), { ok: true });
    assert.deepEqual(removed, [store.pathOf('login')]);
    assert.deepEqual(
      history
        .list()
        .map((chat) => chat.id)
        .filter((id) => id === 'login'),
      [],
    );
  });

  it('exports a chat as Markdown', () => {
    const markdown = history.exportMarkdown('login') ?? '';
    assert.match(markdown, /^# Fix the login bug\n/);
    assert.match(markdown, /## Tandem\n\nThe session cookie expired after a minute\./);
    assert.equal(history.exportMarkdown('missing'), undefined);
  });
});
