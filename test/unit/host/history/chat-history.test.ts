import { strict as assert } from 'node:assert';
import { rmSync, unlinkSync } from 'node:fs';
import { userText } from '../../../../src/core/messages/message';
import type { ChatService } from '../../../../src/host/chat/chat-service';
import { ChatHistory } from '../../../../src/host/history/chat-history';
import type { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';
import { emptyChatSnapshot } from '../../../../src/protocol/chat-snapshot';
import { chatHarness, waitFor } from '../chat/chat-harness';

describe('ChatHistory (the history behind the editor commands)', () => {
  let store: JsonlTranscriptStore;
  let chats: ChatService;
  let history: ChatHistory;
  let removed: string[];
  let release: (() => void) | undefined;
  let harness: ReturnType<typeof chatHarness>;

  beforeEach(() => {
    removed = [];
    harness = chatHarness(async function* () {
      await new Promise<void>((resolve) => (release = resolve));
      return 'completed';
    });
    chats = harness.service;
    store = harness.sessions;
    // As TandemHost wires it.
    store.onDidChangeTitle((change) => chats.retitle(change.sessionId, change.title));
    history = new ChatHistory({
      store,
      snapshots: harness.snapshots,
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
  afterEach(() => rmSync(store.directory, { recursive: true, force: true }));

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

  it('shows a model or person title over the first words a panel snapshot kept', async () => {
    harness.snapshots.save(
      'theme',
      () => ({ title: 'Add dark mode', updatedAt: 1, chat: emptyChatSnapshot() }),
      'now',
    );
    store.rename('theme', 'Theme toggle');
    assert.equal(chats.session('theme')?.title, 'Theme toggle');
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
    const sent = await chats.send({ id: 'm1', text: 'one more thing', attachments: [] }, 'login');
    assert.equal(sent.disposition, 'started');
    await waitFor(() => release);
    const refused = await history.delete('login');
    assert.equal(refused.ok, false);
    release?.();
    if (sent.disposition === 'started') await sent.turn;
    assert.deepEqual(await history.delete('login'), { ok: true });
    assert.equal(removed[0], store.pathOf('login'));
    assert.equal(harness.snapshots.load('login'), undefined, 'the panel snapshot went with it');
    assert.equal(chats.openChat('login'), false, 'nothing brings it back');
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
